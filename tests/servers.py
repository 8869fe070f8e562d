"""Real servers for integration tests: a private Dovecot IMAP server and an SMTP sink.

Everything binds to and connects to 127.0.0.1 only.

``PrivateDovecot`` runs ``dovecot -F -c CONFIG`` from its own config in a temp dir made
with :func:`tempfile.mkdtemp` (Dovecot's unprivileged processes cannot traverse pytest's
0700 ``tmp_path``).  As root, mail is stored as the unprivileged system user
``mailbot-test`` (created with ``useradd --system`` when missing), because Dovecot refuses
to access mail as uid 0.  As non-root, every Dovecot process (and the mail) runs as the
current user and no system user is needed.

``SmtpSink`` is an aiosmtpd ``Controller`` that records every message it accepts and can be
told to reject the next DATA (or RCPT) commands with a chosen reply code.
"""

from __future__ import annotations

import atexit
import contextlib
import email.policy
import errno
import functools
import grp
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from imapclient import IMAPClient, imap_utf7
from imapclient.exceptions import IMAPClientError

LOCALHOST = "127.0.0.1"
MAIL_SYSTEM_USER = "mailbot-test"
DOVECOT_SEARCH_PATH = ("/usr/sbin/dovecot", "/usr/local/sbin/dovecot")

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ATOM_SPECIALS = re.compile(rb'[\x00-\x20\x7f(){%*"\\\]]')


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOCALHOST, 0))
        port: int = sock.getsockname()[1]
        return port


def find_dovecot() -> str | None:
    """Path of the dovecot binary, or None when it is not installed."""
    found = shutil.which("dovecot")
    if found:
        return found
    for candidate in DOVECOT_SEARCH_PATH:
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def _port_accepts(port: int, timeout: float = 0.2) -> bool:
    try:
        with socket.create_connection((LOCALHOST, port), timeout=timeout):
            return True
    except OSError:
        return False


def _process_group(pgid: int) -> dict[int, str]:
    """Live (non-zombie) processes of a process group: pid -> command line (Linux /proc)."""
    members: dict[int, str] = {}
    if not os.path.isdir("/proc"):
        return members
    with os.scandir("/proc") as entries:
        for entry in entries:
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as stat_file:
                    stat = stat_file.read()
                with open(f"/proc/{entry.name}/cmdline", "rb") as cmd_file:
                    cmdline = cmd_file.read()
            except OSError:
                continue
            fields = stat.rsplit(b")", 1)[-1].split()  # state ppid pgrp ...
            if len(fields) > 2 and int(fields[2]) == pgid and fields[0] != b"Z":
                text = cmdline.replace(b"\0", b" ").strip().decode("utf-8", "replace")
                members[int(entry.name)] = text
    return members


# --------------------------------------------------------------------------------------
# Minimal raw IMAP client: sends literals byte for byte (imaplib rewrites CR/LF in APPEND).
# --------------------------------------------------------------------------------------


class ImapCommandError(RuntimeError):
    """A tagged NO/BAD answer from the server."""


def imap_quote(value: str | bytes) -> bytes:
    """An IMAP quoted string (no CR/LF allowed)."""
    data = value.encode("utf-8") if isinstance(value, str) else value
    if b"\r" in data or b"\n" in data:
        raise ValueError(f"CR/LF not allowed in a quoted string: {data!r}")
    return b'"' + data.replace(b"\\", b"\\\\").replace(b'"', b'\\"') + b'"'


def imap_folder(name: str) -> bytes:
    """A folder name as a quoted string in modified UTF-7."""
    encoded: bytes = imap_utf7.encode(name)
    return imap_quote(encoded)


def imap_date_time(value: datetime) -> bytes:
    """RFC 3501 date-time (``"dd-Mon-yyyy hh:mm:ss +zzzz"``), second precision."""
    offset = value.utcoffset()
    if offset is None:
        raise ValueError("internaldate must be timezone-aware")
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    text = (
        f"{value.day:02d}-{_MONTHS[value.month - 1]}-{value.year:04d} "
        f"{value.hour:02d}:{value.minute:02d}:{value.second:02d} {sign}{hours:02d}{mins:02d}"
    )
    return imap_quote(text)


def _flag_list(flags: Sequence[str]) -> bytes:
    parts = []
    for flag in flags:
        raw = flag.encode("ascii")
        body = raw[1:] if raw.startswith(b"\\") else raw
        if not body or _ATOM_SPECIALS.search(body):
            raise ValueError(f"invalid IMAP flag: {flag!r}")
        parts.append(raw)
    return b"(" + b" ".join(parts) + b")"


class RawImap:
    """Tiny IMAP4rev1 client on a plain socket, for commands imaplib would mangle."""

    def __init__(self, host: str, port: int, timeout: float = 10.0) -> None:
        if host != LOCALHOST:
            raise ValueError("test helpers only talk to 127.0.0.1")
        self._sock = socket.create_connection((host, port), timeout=timeout)
        self._buffer = b""
        self._counter = 0
        greeting = self._read_line()
        if not greeting.startswith(b"* OK"):
            self.close()
            raise ImapCommandError(f"unexpected greeting: {greeting!r}")

    def close(self) -> None:
        self._sock.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(OSError, ImapCommandError):
            self.command(b"LOGOUT")
        self.close()

    def _read_line(self) -> bytes:
        """One protocol line including CRLF; literals are inlined into the line."""
        line = self._read_until_crlf()
        while True:
            match = re.search(rb"\{(\d+)\+?\}\r\n$", line)
            if not match:
                return line
            line += self._read_exact(int(match.group(1)))
            line += self._read_until_crlf()

    def _read_until_crlf(self) -> bytes:
        while b"\r\n" not in self._buffer:
            self._fill()
        line, _, self._buffer = self._buffer.partition(b"\r\n")
        return line + b"\r\n"

    def _read_exact(self, size: int) -> bytes:
        while len(self._buffer) < size:
            self._fill()
        data, self._buffer = self._buffer[:size], self._buffer[size:]
        return data

    def _fill(self) -> None:
        chunk = self._sock.recv(65536)
        if not chunk:
            raise ConnectionError("IMAP server closed the connection")
        self._buffer += chunk

    def _next_tag(self) -> bytes:
        self._counter += 1
        return b"T%d" % self._counter

    def _finish(self, tag: bytes) -> list[bytes]:
        lines = []
        while True:
            line = self._read_line()
            lines.append(line)
            if line.startswith(tag + b" "):
                status = line[len(tag) + 1 :].split(b" ", 1)[0].upper()
                if status != b"OK":
                    raise ImapCommandError(line.decode("utf-8", "replace").strip())
                return lines

    def command(self, *parts: bytes) -> list[bytes]:
        """Send one command (no literals); return all response lines, the tagged one last."""
        tag = self._next_tag()
        self._sock.sendall(b" ".join((tag, *parts)) + b"\r\n")
        return self._finish(tag)

    def login(self, user: str, password: str) -> None:
        self.command(b"LOGIN", imap_quote(user), imap_quote(password))

    def append(self, folder: str, raw: bytes, internaldate: datetime, flags: Sequence[str] = ()) -> tuple[int, int]:
        """APPEND ``raw`` unchanged; return (uidvalidity, uid) from APPENDUID."""
        tag = self._next_tag()
        head = b" ".join((tag, b"APPEND", imap_folder(folder), _flag_list(flags), imap_date_time(internaldate)))
        self._sock.sendall(head + b" {%d}\r\n" % len(raw))
        reply = self._read_line()
        while reply.startswith(b"* "):  # untagged data before the continuation
            reply = self._read_line()
        if not reply.startswith(b"+"):
            raise ImapCommandError(f"APPEND refused: {reply.decode('utf-8', 'replace').strip()}")
        self._sock.sendall(raw + b"\r\n")
        lines = self._finish(tag)
        match = re.search(rb"\[APPENDUID (\d+) (\d+)\]", lines[-1])
        if not match:
            raise ImapCommandError(f"no APPENDUID in {lines[-1]!r}")
        return int(match.group(1)), int(match.group(2))


# --------------------------------------------------------------------------------------
# Private Dovecot
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredMessage:
    """A message as the IMAP server returns it (``raw`` is FETCH BODY.PEEK[])."""

    uid: int
    raw: bytes
    internaldate: datetime
    flags: frozenset[str]


@dataclass(frozen=True)
class _Accounts:
    mail_user: str
    mail_uid: int
    mail_gid: int
    login_user: str
    internal_user: str
    internal_group: str


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def ensure_mail_user(name: str = MAIL_SYSTEM_USER) -> pwd.struct_passwd:
    """Create the unprivileged system user/group ``name`` if missing (needs root)."""
    with contextlib.suppress(KeyError):
        return pwd.getpwnam(name)
    if os.geteuid() != 0:
        raise RuntimeError(f"system user {name!r} is missing and only root can create it")
    useradd = shutil.which("useradd") or "/usr/sbin/useradd"
    result = subprocess.run(
        [
            useradd,
            "--system",
            "--user-group",
            "--no-create-home",
            "--home-dir",
            "/nonexistent",
            "--shell",
            "/usr/sbin/nologin",
            name,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    try:  # another process may have created it concurrently (exit code 9)
        return pwd.getpwnam(name)
    except KeyError:
        raise RuntimeError(f"useradd {name} failed ({result.returncode}): {result.stderr.strip()}") from None


def _accounts() -> _Accounts:
    if os.geteuid() == 0:
        mail = ensure_mail_user()
        login = "dovenull" if _user_exists("dovenull") else mail.pw_name
        internal = "dovecot" if _user_exists("dovecot") else mail.pw_name
    else:
        mail = pwd.getpwuid(os.geteuid())
        login = internal = mail.pw_name
    internal_gid = pwd.getpwnam(internal).pw_gid
    try:
        internal_group = grp.getgrgid(internal_gid).gr_name
    except KeyError:
        internal_group = str(internal_gid)
    return _Accounts(
        mail_user=mail.pw_name,
        mail_uid=mail.pw_uid,
        mail_gid=mail.pw_gid,
        login_user=login,
        internal_user=internal,
        internal_group=internal_group,
    )


_CONFIG_TEMPLATE = """\
# Generated by tests/servers.py -- private Dovecot for mailbot's integration tests.
base_dir = {root}/run
state_dir = {root}/state
instance_name = mailbot-test-{port}
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
auth_verbose = yes
default_login_user = {login_user}
default_internal_user = {internal_user}
default_internal_group = {internal_group}
mail_uid = {mail_uid}
mail_gid = {mail_gid}
first_valid_uid = {mail_uid}
last_valid_uid = {mail_uid}
first_valid_gid = {mail_gid}
mail_location = maildir:~/Maildir
mail_fsync = never
mailbox_idle_check_interval = 1 secs
mail_max_userip_connections = 500
shutdown_clients = yes

passdb {{
  driver = passwd-file
  args = {root}/passwd
}}
userdb {{
  driver = passwd-file
  args = {root}/passwd
}}

service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
service imap {{
  process_limit = 500
}}
protocol imap {{
  mail_max_userip_connections = 500
}}
"""

_INDEX_FILES = (
    "dovecot-uidlist",
    "dovecot-uidlist.lock",
    "dovecot.index",
    "dovecot.index.log",
    "dovecot.index.log.2",
    "dovecot.index.cache",
)


class _PortInUseError(RuntimeError):
    pass


@functools.cache
def _setpriv_pdeathsig() -> bool:
    """Whether util-linux ``setpriv --pdeathsig`` (>= 2.33) is available."""
    if shutil.which("setpriv") is None:
        return False
    probe = ["setpriv", "--pdeathsig", "TERM", "--", "true"]
    return subprocess.run(probe, capture_output=True, check=False).returncode == 0


_OPEN_DOVECOTS: set[PrivateDovecot] = set()
_OPEN_LOCK = threading.Lock()


class PrivateDovecot:
    """A private ``dovecot -F`` on 127.0.0.1:<port> with one Maildir user.

    ``stop()`` keeps the mail and the port so that ``start()``/``restart()`` bring back the
    same server; ``close()`` stops it and deletes its temp dir.
    """

    def __init__(
        self,
        user: str = "coordinator",
        password: str = "secret",
        port: int | None = None,
        start_timeout: float = 10.0,
        extra_config: str = "",
        keep_keywords: bool = True,
    ) -> None:
        for value in (user, password):
            if not value or re.search(r"[:\s]", value):
                raise ValueError(f"user/password must be non-empty without ':' or spaces: {value!r}")
        self._user = user
        self._password = password
        self._port = port if port is not None else free_port()
        self._port_is_free_choice = port is None
        self._start_timeout = start_timeout
        # Like Exchange/Office 365: an ACL without the "w" right makes Dovecot drop custom
        # keywords silently and leave \\* out of PERMANENTFLAGS.
        self._keep_keywords = keep_keywords
        self._extra_config = extra_config + (
            ""
            if keep_keywords
            else "\nmail_plugins = $mail_plugins acl\nplugin {\n  acl = vfile:{root}/global-acl\n}\n"
        )
        self._root: Path | None = None
        self._accounts: _Accounts | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._log_offsets: dict[str, int] = {}
        self.last_start_seconds: float | None = None

    # ---- properties ------------------------------------------------------------------

    @property
    def host(self) -> str:
        return LOCALHOST

    @property
    def port(self) -> int:
        return self._port

    @property
    def user(self) -> str:
        return self._user

    @property
    def password(self) -> str:
        return self._password

    @property
    def root(self) -> Path:
        """The temp dir with config, logs, run/, state/ and home/<user>/Maildir."""
        if self._root is None:
            raise RuntimeError("PrivateDovecot has not been started")
        return self._root

    @property
    def maildir(self) -> Path:
        return self.root / "home" / self._user / "Maildir"

    @property
    def log_path(self) -> Path:
        return self.root / "dovecot.log"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def env(self) -> dict[str, str]:
        return {
            "MAILBOT_IMAP_HOST": self.host,
            "MAILBOT_IMAP_PORT": str(self.port),
            "MAILBOT_IMAP_USER": self.user,
            "MAILBOT_IMAP_PASSWORD": self.password,
            "MAILBOT_IMAP_SECURITY": "none",
            "MAILBOT_IMAP_FOLDER": "INBOX",
        }

    def log_tail(self, lines: int = 30, since_start: bool = False) -> str:
        """Last lines of Dovecot's stderr and log file (optionally only since last start)."""
        chunks = []
        if self._root is not None:
            for path in (self.root / "dovecot.stderr", self.log_path):
                offset = self._log_offsets.get(path.name, 0) if since_start else 0
                with contextlib.suppress(OSError), open(path, "rb") as file:
                    file.seek(offset)
                    text = file.read().decode("utf-8", "replace").splitlines()[-lines:]
                    if text:
                        chunks.append(f"--- {path} ---\n" + "\n".join(text))
        return "\n".join(chunks) or "(no dovecot output)"

    # ---- lifecycle -------------------------------------------------------------------

    def _prepare(self) -> Path:
        if self._root is not None:
            return self._root
        accounts = _accounts()
        root = Path(tempfile.mkdtemp(prefix="mbdc-"))  # short: unix sockets max 108 bytes
        self._root = root
        with _OPEN_LOCK:
            _OPEN_DOVECOTS.add(self)  # closed (stopped + deleted) at exit at the latest
        self._accounts = accounts
        root.chmod(0o711)
        (root / "state").mkdir(mode=0o711)
        home = root / "home"
        home.mkdir(mode=0o711)
        user_home = home / self._user
        (user_home / "Maildir").mkdir(parents=True, mode=0o700)
        user_home.chmod(0o700)
        if os.geteuid() == 0:
            for path in (user_home, user_home / "Maildir"):
                os.chown(path, accounts.mail_uid, accounts.mail_gid)
        passwd = root / "passwd"
        passwd.write_text(
            f"{self._user}:{{PLAIN}}{self._password}:{accounts.mail_uid}:{accounts.mail_gid}::{user_home}::\n"
        )
        passwd.chmod(0o644)
        return root

    def _write_config(self) -> Path:
        accounts = self._accounts
        assert accounts is not None
        path = self.root / "dovecot.conf"
        path.write_text(
            _CONFIG_TEMPLATE.format(
                root=self.root,
                port=self._port,
                login_user=accounts.login_user,
                internal_user=accounts.internal_user,
                internal_group=accounts.internal_group,
                mail_uid=accounts.mail_uid,
                mail_gid=accounts.mail_gid,
            )
            + self._extra_config.replace("{root}", str(self.root))
        )
        if not self._keep_keywords:
            acl = self.root / "global-acl"
            acl.write_text("* owner lrstipekxa\n")
            acl.chmod(0o644)
        path.chmod(0o644)
        return path

    def start(self) -> None:
        """Start Dovecot and wait until it greets on the port (~50 ms).

        The first start retries on another free port if the chosen one was taken
        meanwhile; later starts always reuse the port.
        """
        if self.running:
            return
        binary = find_dovecot()
        if binary is None:
            raise RuntimeError("dovecot is not installed (run scripts/install-system-deps.sh)")
        self._prepare()
        attempts = 3 if self._port_is_free_choice else 1
        for attempt in range(attempts):
            try:
                self._start_once(binary)
            except _PortInUseError:
                if attempt + 1 == attempts:
                    raise
                self._port = free_port()
            else:
                self._port_is_free_choice = False
                return

    def _start_once(self, binary: str) -> None:
        config = self._write_config()
        # A master killed at the wrong moment leaves this dotlock behind; the next master
        # would then wait for it (~forever) before starting any service.
        # (Same for mail dotlocks of imap processes that had to be SIGKILLed.)
        stale_locks = [self.root / "state" / "instances.lock", self.root / "run" / "master.pid"]
        stale_locks += self.maildir.glob("**/dovecot-uidlist.lock")
        for stale in stale_locks:
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()
        command = [binary, "-F", "-c", str(config)]
        if threading.current_thread() is threading.main_thread() and _setpriv_pdeathsig():
            # Dovecot gets SIGTERM if this process dies without running atexit handlers.
            command = ["setpriv", "--pdeathsig", "TERM", "--", *command]
        began = time.monotonic()
        for path in (self.root / "dovecot.stderr", self.log_path):
            with contextlib.suppress(OSError):
                self._log_offsets[path.name] = path.stat().st_size
        with open(self.root / "dovecot.stderr", "ab") as stderr:
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=stderr,
                stderr=stderr,
                start_new_session=True,  # own process group: stop() can kill all leftovers
            )
        try:
            self._wait_ready(began + self._start_timeout)
        except BaseException:
            self.stop()
            raise
        self.last_start_seconds = time.monotonic() - began

    def _wait_ready(self, deadline: float) -> None:
        assert self._process is not None
        last_error: Exception | None = None
        while time.monotonic() < deadline:
            code = self._process.poll()
            if code is not None:
                tail = self.log_tail(since_start=True)
                error = _PortInUseError if "Address already in use" in tail else RuntimeError
                raise error(f"dovecot exited with code {code} during startup\n{tail}")
            try:
                with socket.create_connection((LOCALHOST, self._port), timeout=1.0) as sock:
                    greeting = sock.recv(512)
                if greeting.startswith(b"* OK"):
                    return
                last_error = RuntimeError(f"unexpected greeting {greeting!r}")
            except OSError as exc:
                last_error = exc
            time.sleep(0.02)
        raise RuntimeError(
            f"dovecot did not accept IMAP connections on {LOCALHOST}:{self._port} within "
            f"{self._start_timeout:.0f}s (last error: {last_error})\n"
            f"{self.log_tail(since_start=True)}"
        )

    def stop(self, timeout: float = 5.0) -> None:
        """Terminate Dovecot (all its processes); keeps the mail data and the port.

        SIGTERM goes to the whole process group (connected clients get ``* BYE Server
        shutting down.``; SIGTERM to the master alone leaves IDLE-ing imap processes
        behind); once the workers are gone, the rest (master, log) is SIGKILLed.
        """
        process, self._process = self._process, None
        if process is None:
            return
        deadline = time.monotonic() + timeout
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGTERM)
            # The master itself may then idle ~1 s waiting for its log process; do not wait
            # for it, only for the worker processes (imap, auth, ...) to finish cleanly.
            while process.poll() is None and time.monotonic() < deadline:
                workers = [
                    pid
                    for pid, cmd in _process_group(process.pid).items()
                    if pid != process.pid and not cmd.endswith("/log")
                ]
                if not workers:
                    break
                time.sleep(0.005)
        # Children (imap, auth, log, ...) share the master's process group: kill leftovers.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout)
        if self._root is not None:
            with contextlib.suppress(FileNotFoundError):
                (self._root / "run" / "master.pid").unlink()
        # Wait until every process is gone (their index writes are done; the port is free).
        while _process_group(process.pid) and time.monotonic() < deadline:
            time.sleep(0.01)
        while _port_accepts(self._port, 0.1) and time.monotonic() < deadline:
            time.sleep(0.01)

    def restart(self) -> None:
        """Stop and start again: same port, same mail; clients are disconnected."""
        self.stop()
        self.start()

    def close(self) -> None:
        """Stop and delete the temp dir."""
        self.stop()
        root, self._root = self._root, None
        with _OPEN_LOCK:
            _OPEN_DOVECOTS.discard(self)
        if root is not None:
            shutil.rmtree(root, ignore_errors=True)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ---- IMAP helpers ----------------------------------------------------------------

    def client(self, timeout: float = 10.0) -> IMAPClient:
        """A logged-in IMAPClient (no folder selected, ``normalise_times=False``).

        The caller owns it: use ``with server.client() as c:`` or call ``logout()``.
        """
        imap = IMAPClient(self.host, port=self.port, ssl=False, timeout=timeout)
        imap.normalise_times = False
        try:
            imap.login(self.user, self.password)
        except BaseException:
            imap.shutdown()
            raise
        return imap

    def raw_client(self, timeout: float = 10.0) -> RawImap:
        """A logged-in :class:`RawImap` (caller closes; supports ``with``)."""
        raw = RawImap(self.host, self.port, timeout)
        try:
            raw.login(self.user, self.password)
        except BaseException:
            raw.close()
            raise
        return raw

    @contextlib.contextmanager
    def _session(self, folder: str | None = None, readonly: bool = True) -> Iterator[Any]:
        with self.client() as imap:
            if folder is not None:
                imap.select_folder(folder, readonly=readonly)
            yield imap

    def append(
        self,
        raw: bytes,
        internaldate: datetime,
        flags: Sequence[str] = (),
        folder: str = "INBOX",
    ) -> int:
        """APPEND ``raw`` byte for byte with the given aware INTERNALDATE; return its UID.

        INTERNALDATE has second precision (microseconds are dropped).  Dovecot keeps the
        instant, not the UTC offset: FETCH returns it in the server's local zone.
        """
        with self.raw_client() as raw_imap:
            _validity, uid = raw_imap.append(folder, raw, internaldate, flags)
        return uid

    def fetch(self, uid: int, folder: str = "INBOX") -> StoredMessage:
        messages = self._fetch(folder, [uid])
        if not messages:
            raise KeyError(f"no message with UID {uid} in {folder}")
        return messages[0]

    def messages(self, folder: str = "INBOX") -> list[StoredMessage]:
        """All messages of ``folder`` in UID order."""
        return self._fetch(folder, None)

    def _fetch(self, folder: str, uids: list[int] | None) -> list[StoredMessage]:
        with self._session(folder) as imap:
            wanted = uids if uids is not None else imap.search("ALL")
            if not wanted:
                return []
            data = imap.fetch(wanted, ["BODY.PEEK[]", "INTERNALDATE", "FLAGS"])
        return [
            StoredMessage(
                uid=uid,
                raw=bytes(item[b"BODY[]"]),
                internaldate=item[b"INTERNALDATE"],
                flags=_decode_flags(item[b"FLAGS"]),
            )
            for uid, item in sorted(data.items())
        ]

    def flags(self, uid: int, folder: str = "INBOX") -> frozenset[str]:
        """The message's flags and keywords as str (e.g. ``{"\\\\Seen", "$MailbotProcessed"}``)."""
        with self._session(folder) as imap:
            result = imap.get_flags([uid])
        if uid not in result:
            raise KeyError(f"no message with UID {uid} in {folder}")
        return _decode_flags(result[uid])

    def add_flags(self, uid: int, flags: Sequence[str], folder: str = "INBOX") -> None:
        with self._session(folder, readonly=False) as imap:
            imap.add_flags([uid], list(flags), silent=True)

    def uids(self, folder: str = "INBOX") -> list[int]:
        with self._session(folder) as imap:
            return sorted(int(uid) for uid in imap.search("ALL"))

    def uidvalidity(self, folder: str = "INBOX") -> int:
        with self._session() as imap:
            status = imap.folder_status(folder, [b"UIDVALIDITY"])
        return int(status[b"UIDVALIDITY"])

    def folders(self) -> list[str]:
        with self._session() as imap:
            return sorted(str(name) for _flags, _delim, name in imap.list_folders())

    def create_folder(self, name: str) -> None:
        with self._session() as imap:
            imap.create_folder(name)
            imap.subscribe_folder(name)

    def delete_message(self, uid: int, folder: str = "INBOX") -> None:
        """Flag \\Deleted and UID EXPUNGE just this message."""
        with self._session(folder, readonly=False) as imap:
            imap.add_flags([uid], [b"\\Deleted"], silent=True)
            imap.uid_expunge([uid])

    def move(self, uid: int, folder: str, source: str = "INBOX") -> int:
        """UID MOVE one message; return its UID in ``folder`` (from COPYUID)."""
        with self.raw_client() as raw_imap:
            raw_imap.command(b"SELECT", imap_folder(source))
            lines = raw_imap.command(b"UID MOVE", b"%d" % uid, imap_folder(folder))
        for line in lines:
            match = re.search(rb"\[COPYUID \d+ (\S+) (\S+)\]", line)
            if match and match.group(1) == b"%d" % uid:
                return int(match.group(2))
        raise ImapCommandError(f"UID {uid} not moved from {source} to {folder}: {lines!r}")

    def reset(self) -> None:
        """Start if needed; empty INBOX and delete every other folder."""
        if not self.running:
            self.start()
        with self._session() as imap:
            for _round in range(20):
                doomed = [
                    str(name)
                    for flags, _delim, name in imap.list_folders()
                    if str(name).upper() != "INBOX"
                    and not {bytes(f).lower() for f in flags} & {b"\\noselect", b"\\nonexistent"}
                ]
                if not doomed:
                    break
                for name in sorted(doomed, reverse=True):  # children ("A.B") before parents
                    try:
                        imap.delete_folder(name)
                    except IMAPClientError as exc:
                        if "NONEXISTENT" not in str(exc):
                            raise
            for _f, _d, name in imap.list_sub_folders():
                if str(name).upper() != "INBOX":
                    imap.unsubscribe_folder(name)
            imap.select_folder("INBOX")
            if imap.search("ALL"):
                imap.add_flags("1:*", [b"\\Deleted"], silent=True)
                imap.expunge()

    def rebuild_mailbox(self, folder: str = "INBOX") -> int:
        """Simulate a server-side rebuild: same messages, new UIDVALIDITY, new UIDs.

        Restarts the server (clients are disconnected) after deleting the folder's
        ``dovecot-uidlist`` and index files; the message files (bytes, INTERNALDATE = mtime,
        flags) stay untouched.  Returns the new UIDVALIDITY.
        """
        before = self.uidvalidity(folder)
        count = len(self.uids(folder))
        directory = self._folder_dir(folder)
        self.stop()
        for name in _INDEX_FILES:
            with contextlib.suppress(FileNotFoundError):
                (directory / name).unlink()
        for index in self.maildir.glob("dovecot.list.index*"):  # caches UIDVALIDITY
            index.unlink()
        self.start()
        after = self.uidvalidity(folder)
        if after == before:
            raise RuntimeError(f"UIDVALIDITY of {folder} did not change ({before})")
        if len(self.uids(folder)) != count:
            raise RuntimeError(f"{folder} lost messages during the rebuild")
        return after

    def _folder_dir(self, folder: str) -> Path:
        if folder.upper() == "INBOX":
            return self.maildir
        encoded: bytes = imap_utf7.encode(folder)
        path = self.maildir / ("." + encoded.decode("ascii"))
        if not path.is_dir():
            raise KeyError(f"no folder {folder!r} ({path})")
        return path


def _decode_flags(flags: Sequence[bytes | str]) -> frozenset[str]:
    """Flags as str, without the session-dependent ``\\Recent``."""
    decoded = (f.decode("utf-8") if isinstance(f, bytes) else str(f) for f in flags)
    return frozenset(f for f in decoded if f != "\\Recent")


# --------------------------------------------------------------------------------------
# SMTP sink
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReceivedMessage:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    raw: bytes  # envelope.original_content: the DATA bytes as received (CRLF, unstuffed)
    received_at: datetime  # aware, UTC
    auth_user: str | None = None  # the SMTP AUTH login, if the client authenticated

    @property
    def email(self) -> EmailMessage:
        """``raw`` parsed with ``email.policy.default``."""
        parsed = BytesParser(policy=email.policy.default).parsebytes(self.raw)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class _Failure:
    stage: Literal["RCPT", "DATA"]
    code: int
    text: str


@dataclass
class _SinkState:
    lock: threading.Lock = field(default_factory=threading.Lock)
    messages: list[ReceivedMessage] = field(default_factory=list)
    failures: list[_Failure] = field(default_factory=list)
    arrived: threading.Condition = field(init=False)

    def __post_init__(self) -> None:
        self.arrived = threading.Condition(self.lock)

    def take_failure(self, stage: str) -> _Failure | None:
        with self.lock:
            for index, failure in enumerate(self.failures):
                if failure.stage == stage:
                    return self.failures.pop(index)
        return None


class _SinkHandler:
    def __init__(self, state: _SinkState, auth_required: bool) -> None:
        self._state = state
        self._auth_required = auth_required

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str, mail_options: list[str]) -> str:
        # Done here (not with SMTP(auth_required=True)) because aiosmtpd emits a
        # UserWarning for auth_required without TLS, which filterwarnings=error turns fatal.
        if self._auth_required and not session.authenticated:
            return "530 5.7.0 Authentication required"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]) -> str:
        failure = self._state.take_failure("RCPT")
        if failure is not None:
            return f"{failure.code} {failure.text}"
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        failure = self._state.take_failure("DATA")
        if failure is not None:
            return f"{failure.code} {failure.text}"
        auth_data = getattr(session, "auth_data", None)
        login = getattr(auth_data, "login", None)
        message = ReceivedMessage(
            mail_from=str(envelope.mail_from),
            rcpt_tos=tuple(str(r) for r in envelope.rcpt_tos),
            raw=bytes(envelope.original_content),
            received_at=datetime.now(UTC),
            auth_user=login.decode("utf-8") if isinstance(login, bytes) else None,
        )
        with self._state.arrived:
            self._state.messages.append(message)
            self._state.arrived.notify_all()
        return "250 Message accepted for delivery"


class _SocketController(Controller):
    """A Controller serving on a socket we bound ourselves (no bind race, no 5 s wait)."""

    def __init__(self, handler: Any, sock: socket.socket, **kwargs: Any) -> None:
        super().__init__(handler, hostname=LOCALHOST, port=sock.getsockname()[1], **kwargs)
        self._listen_sock = sock

    def _create_server(self) -> Any:
        return self.loop.create_server(self._factory_invoker, sock=self._listen_sock, ssl=self.ssl_context)


_RUNNING_SINKS: set[SmtpSink] = set()


class SmtpSink:
    """aiosmtpd on 127.0.0.1:<port> that stores each accepted message.

    With ``user``/``password`` it advertises AUTH PLAIN/LOGIN without TLS and rejects
    MAIL FROM with 530 until the client authenticated with exactly those credentials.
    """

    def __init__(
        self,
        port: int | None = None,
        user: str | None = None,
        password: str | None = None,
    ) -> None:
        if (user is None) != (password is None):
            raise ValueError("give both user and password, or neither")
        self._port = port if port is not None else free_port()
        self._port_is_free_choice = port is None
        self._user = user
        self._password = password
        self._state = _SinkState()
        self._controller: _SocketController | None = None

    @property
    def host(self) -> str:
        return LOCALHOST

    @property
    def port(self) -> int:
        return self._port

    @property
    def user(self) -> str | None:
        return self._user

    @property
    def password(self) -> str | None:
        return self._password

    @property
    def running(self) -> bool:
        return self._controller is not None

    def env(self) -> dict[str, str]:
        env = {
            "MAILBOT_SMTP_HOST": self.host,
            "MAILBOT_SMTP_PORT": str(self.port),
            "MAILBOT_SMTP_SECURITY": "none",
        }
        if self._user is not None and self._password is not None:
            env["MAILBOT_SMTP_USER"] = self._user
            env["MAILBOT_SMTP_PASSWORD"] = self._password
        return env

    def _authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and self._user is not None
            and self._password is not None
            and auth_data.login == self._user.encode("utf-8")
            and auth_data.password == self._password.encode("utf-8")
        )
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    def start(self) -> None:
        """Listen and serve in a background thread (the port stays the same after stop())."""
        if self._controller is not None:
            return
        try:
            sock = socket.create_server((LOCALHOST, self._port))  # SO_REUSEADDR
        except OSError as exc:
            if not (self._port_is_free_choice and exc.errno == errno.EADDRINUSE):
                raise
            sock = socket.create_server((LOCALHOST, 0))  # our free_port() was taken meanwhile
        self._port = sock.getsockname()[1]
        self._port_is_free_choice = False
        auth = self._user is not None
        kwargs: dict[str, Any] = {}
        if auth:
            kwargs = {"authenticator": self._authenticate, "auth_require_tls": False}
        controller = _SocketController(
            _SinkHandler(self._state, auth_required=auth),
            sock,
            server_hostname=LOCALHOST,  # avoids socket.getfqdn() (DNS)
            ready_timeout=5.0,
            **kwargs,
        )
        try:
            controller.start()
        except BaseException:
            sock.close()
            with contextlib.suppress(Exception):
                controller.stop(no_assert=True)
            raise
        self._controller = controller
        _RUNNING_SINKS.add(self)

    def stop(self) -> None:
        controller, self._controller = self._controller, None
        _RUNNING_SINKS.discard(self)
        if controller is not None:
            controller.stop()

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def messages(self) -> list[ReceivedMessage]:
        """A copy of the messages received so far, in arrival order."""
        with self._state.lock:
            return list(self._state.messages)

    def clear(self) -> None:
        """Forget received messages and pending failures."""
        with self._state.lock:
            self._state.messages.clear()
            self._state.failures.clear()

    def wait_for(self, count: int = 1, timeout: float = 5.0) -> list[ReceivedMessage]:
        """Wait until at least ``count`` messages arrived; return them (fewer on timeout)."""
        deadline = time.monotonic() + timeout
        with self._state.arrived:
            while len(self._state.messages) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._state.arrived.wait(remaining)
            return list(self._state.messages)

    def fail_next(
        self,
        n: int = 1,
        code: int = 451,
        text: str = "4.3.0 Temporary failure (test)",
        stage: Literal["RCPT", "DATA"] = "DATA",
    ) -> None:
        """Answer the next ``n`` DATA (or RCPT) commands with ``code text``."""
        if not 400 <= code <= 599:
            raise ValueError("code must be a 4xx or 5xx reply code")
        with self._state.lock:
            self._state.failures.extend(_Failure(stage, code, text) for _ in range(n))


@atexit.register
def _cleanup_at_exit() -> None:
    with _OPEN_LOCK:
        dovecots = list(_OPEN_DOVECOTS)
    for server in dovecots:
        with contextlib.suppress(Exception):
            server.close()
    for sink in list(_RUNNING_SINKS):
        with contextlib.suppress(Exception):
            sink.stop()


def wait_until(predicate: Callable[[], object], timeout: float = 5.0, interval: float = 0.05) -> bool:
    """Poll ``predicate()`` until truthy or timeout; return the last result as bool."""
    deadline = time.monotonic() + timeout
    while True:
        if predicate():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)


__all__ = [
    "LOCALHOST",
    "ImapCommandError",
    "PrivateDovecot",
    "RawImap",
    "ReceivedMessage",
    "SmtpSink",
    "StoredMessage",
    "find_dovecot",
    "free_port",
    "wait_until",
]
