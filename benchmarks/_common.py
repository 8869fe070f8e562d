"""Shared plumbing: the test servers, child processes measured with wait4, fast APPEND, tables."""

from __future__ import annotations

import contextlib
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import IO, Any

REPO = Path(__file__).resolve().parent.parent
CONFIG = REPO / "config" / "mailbot.toml"
TEMPLATES = REPO / "templates"

if str(REPO / "tests") not in sys.path:
    sys.path.insert(0, str(REPO / "tests"))

from servers import (  # noqa: E402  (tests/ is not a package; its helpers are imported by path)
    LOCALHOST,
    PrivateDovecot,
    SmtpSink,
    find_dovecot,
    imap_date_time,
    imap_folder,
    imap_quote,
)

__all__ = [
    "CONFIG",
    "REPO",
    "TEMPLATES",
    "Child",
    "PipelinedAppender",
    "PrivateDovecot",
    "SmtpSink",
    "find_dovecot",
    "mailbot_env",
    "print_table",
    "servers",
    "temp_dir",
]


# --------------------------------------------------------------------------------------
# Ctrl-C and SIGTERM: both become KeyboardInterrupt, so every `finally` below runs.
# --------------------------------------------------------------------------------------


def _sigterm(signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"received {signal.Signals(signum).name}")


def install_signal_handlers() -> None:
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _sigterm)


@contextlib.contextmanager
def temp_dir(prefix: str) -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def servers() -> Iterator[tuple[PrivateDovecot, SmtpSink]]:
    """A private Dovecot and an SMTP sink, stopped (and their temp dirs deleted) whatever happens."""
    if find_dovecot() is None:
        raise SystemExit("dovecot is not installed: run `make system-deps` (scripts/install-system-deps.sh) first")
    with contextlib.ExitStack() as stack:
        dovecot = PrivateDovecot()
        stack.callback(dovecot.close)
        dovecot.start()
        sink = SmtpSink()
        stack.callback(sink.stop)
        sink.start()
        yield dovecot, sink


def mailbot_env(
    dovecot: PrivateDovecot, sink: SmtpSink, database: Path, config: Path = CONFIG, **extra: str
) -> dict[str, str]:
    """The environment a mailbot subprocess gets: ours without MAILBOT_*, then the servers and the database."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("MAILBOT_")},
        **dovecot.env(),
        **sink.env(),
        "MAILBOT_CONFIG": str(config),
        "MAILBOT_DATABASE_URL": f"sqlite:///{database}",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


# --------------------------------------------------------------------------------------
# Child processes, reaped with wait4 so that each one's own peak RSS is known.
# --------------------------------------------------------------------------------------

_LIVE: set[Child] = set()
_LIVE_LOCK = threading.Lock()


@dataclass(frozen=True)
class Exit:
    code: int
    seconds: float  # from start to exit, as seen by this process
    max_rss_mb: float  # the child's own peak resident set (ru_maxrss of wait4)
    user_seconds: float
    system_seconds: float


class Child:
    """A subprocess whose exit is collected with ``os.wait4`` (per-child rusage, not the
    cumulative ``RUSAGE_CHILDREN``, which would mix in every earlier child's peak).

    Never use ``Popen.poll``/``wait`` on it: they would reap the process and lose its rusage.
    """

    def __init__(self, command: Sequence[str], *, env: dict[str, str], log: Path, cwd: Path = REPO) -> None:
        self.command = list(command)
        self.log = log
        self._log_file: IO[bytes] = log.open("ab")
        self.started_at = datetime.now(UTC)
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            self.command,
            env=env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )
        self.exit: Exit | None = None
        with _LIVE_LOCK:
            _LIVE.add(self)

    @property
    def pid(self) -> int:
        return self.process.pid

    def _reaped(self, status: int, usage: resource.struct_rusage) -> Exit:
        code = os.waitstatus_to_exitcode(status)
        self.process.returncode = code  # Popen must not wait for it again
        self.exit = Exit(
            code=code,
            seconds=time.perf_counter() - self.started,
            max_rss_mb=usage.ru_maxrss / 1024,  # KiB on Linux
            user_seconds=usage.ru_utime,
            system_seconds=usage.ru_stime,
        )
        self._log_file.close()
        with _LIVE_LOCK:
            _LIVE.discard(self)
        return self.exit

    def poll(self) -> Exit | None:
        if self.exit is not None:
            return self.exit
        pid, status, usage = os.wait4(self.pid, os.WNOHANG)
        return self._reaped(status, usage) if pid else None

    def wait(self, timeout: float | None = None) -> Exit:
        """Block until it exits; after ``timeout`` seconds it is killed (and the Exit says so)."""
        if self.exit is not None:
            return self.exit
        timer = None
        if timeout is not None:
            timer = threading.Timer(timeout, self.signal, args=(signal.SIGKILL,))
            timer.daemon = True
            timer.start()
        try:
            _pid, status, usage = os.wait4(self.pid, 0)
        finally:
            if timer is not None:
                timer.cancel()
        return self._reaped(status, usage)

    def signal(self, sig: int) -> None:
        if self.exit is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, sig)

    def stop(self, grace: float = 10.0) -> Exit:
        """SIGTERM, then SIGKILL after ``grace`` seconds."""
        if self.exit is None:
            self.signal(signal.SIGTERM)
        return self.wait(timeout=grace)

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.text().splitlines()[-lines:])


def kill_children() -> None:
    """Every child still running (after Ctrl-C, or a fault): SIGKILL and reap."""
    with _LIVE_LOCK:
        live = list(_LIVE)
    for child in live:
        child.signal(signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            child.wait()


@contextlib.contextmanager
def child(command: Sequence[str], *, env: dict[str, str], log: Path) -> Iterator[Child]:
    started = Child(command, env=env, log=log)
    try:
        yield started
    finally:
        if started.exit is None:
            started.signal(signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                started.wait()


def mailbot_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "mailbot", *args]


# --------------------------------------------------------------------------------------
# APPEND: pipelined on one connection (LITERAL+), since one login per message is slow.
# --------------------------------------------------------------------------------------

_APPENDUID = re.compile(rb"\[APPENDUID (\d+) (\d+)\]")


class PipelinedAppender:
    """APPENDs on one connection with non-synchronising literals, ``window`` commands in flight."""

    def __init__(self, dovecot: PrivateDovecot, *, window: int = 32, timeout: float = 60.0) -> None:
        self._sock = socket.create_connection((LOCALHOST, dovecot.port), timeout=timeout)
        self._buffer = b""
        self._tag = 0
        self._pending: list[bytes] = []
        self._window = window
        self.uids: list[int] = []
        greeting = self._line()
        if not greeting.startswith(b"* OK"):
            raise RuntimeError(f"unexpected IMAP greeting {greeting!r}")
        capabilities = b" ".join(self._command(b"CAPABILITY")).upper()
        self._literal_plus = b"LITERAL+" in capabilities
        self._command(b"LOGIN", imap_quote(dovecot.user), imap_quote(dovecot.password))

    def __enter__(self) -> PipelinedAppender:
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(OSError, RuntimeError):
            if not exc[0]:
                self.flush()
            self._command(b"LOGOUT")
        self._sock.close()

    def _fill(self) -> None:
        chunk = self._sock.recv(65536)
        if not chunk:
            raise RuntimeError("the IMAP server closed the connection")
        self._buffer += chunk

    def _line(self) -> bytes:
        while b"\r\n" not in self._buffer:
            self._fill()
        line, _, self._buffer = self._buffer.partition(b"\r\n")
        return line

    def _next_tag(self) -> bytes:
        self._tag += 1
        return b"A%d" % self._tag

    def _finish(self, tag: bytes) -> list[bytes]:
        lines = []
        while True:
            line = self._line()
            lines.append(line)
            if line.startswith(tag + b" "):
                if line.split(b" ", 2)[1].upper() != b"OK":
                    raise RuntimeError(line.decode("utf-8", "replace"))
                return lines

    def _command(self, *parts: bytes) -> list[bytes]:
        tag = self._next_tag()
        self._sock.sendall(b" ".join((tag, *parts)) + b"\r\n")
        return self._finish(tag)

    def append(self, raw: bytes, internaldate: datetime, folder: str = "INBOX") -> None:
        tag = self._next_tag()
        head = b" ".join((tag, b"APPEND", imap_folder(folder), imap_date_time(internaldate)))
        if self._literal_plus:
            self._sock.sendall(head + b" {%d+}\r\n" % len(raw))
        else:
            self.flush()
            self._sock.sendall(head + b" {%d}\r\n" % len(raw))
            if not self._line().startswith(b"+"):
                raise RuntimeError("APPEND refused")
        self._sock.sendall(raw + b"\r\n")
        self._pending.append(tag)
        if len(self._pending) >= self._window:
            self._collect(self._pending.pop(0))

    def _collect(self, tag: bytes) -> None:
        last = self._finish(tag)[-1]
        match = _APPENDUID.search(last)
        if match:
            self.uids.append(int(match.group(2)))

    def flush(self) -> None:
        while self._pending:
            self._collect(self._pending.pop(0))


# --------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------


def print_table(title: str, rows: Iterable[tuple[str, object]]) -> None:
    """A two-column table: what, value."""
    pairs = [(name, _show(value)) for name, value in rows]
    width = max((len(name) for name, _ in pairs), default=10)
    vwidth = max((len(value) for _, value in pairs), default=10)
    line = "-" * (width + vwidth + 5)
    print(f"\n{title}\n{line}")
    for name, value in pairs:
        print(f"  {name.ljust(width)} | {value}")
    print(line, flush=True)


def _show(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def progress(text: str) -> None:
    print(f"[bench] {text}", file=sys.stderr, flush=True)


_MARKER = re.compile(rb"^X-Mailbot:[ \t]*(\S+)", re.M | re.I)


def outgoing_kinds(messages: Iterable[Any]) -> dict[str, int]:
    """What the SMTP sink received, by mailbot's X-Mailbot header: "reply/…" are replies.

    Messages without the header (the floor's) count as "reply".
    """
    counted: dict[str, int] = {}
    for message in messages:
        raw: bytes = message.raw
        match = _MARKER.search(raw, 0, raw.find(b"\r\n\r\n") if b"\r\n\r\n" in raw else len(raw))
        kind = match.group(1).decode("ascii", "replace") if match else "reply"
        key = "reply" if kind.startswith("reply") else kind
        counted[key] = counted.get(key, 0) + 1
    return counted


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (p95 of 50 samples is the 48th smallest)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))  # ceil
    return ordered[int(rank) - 1]


def jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    return value
