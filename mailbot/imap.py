"""Edge: the coordinator's mailbox over IMAP (imapclient): list, fetch in batches, mark, wait."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import imaplib
import logging
import re
import socket
import ssl
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from mailbot.settings import MailboxConfig
from mailbot.tls import client_context

log = logging.getLogger(__name__)

T = TypeVar("T")


class MailboxError(Exception):
    """The mailbox cannot be used; the message says what is wrong and what to do."""


@dataclass(frozen=True)
class FolderState:
    folder: str
    uidvalidity: int
    keeps_keywords: bool


@dataclass(frozen=True)
class Envelope:
    """What is cheap to fetch before deciding whether the whole message is needed."""

    uid: int
    message_id: str
    internaldate: dt.datetime
    size: int


@dataclass(frozen=True)
class Fetched:
    uid: int
    raw: bytes
    internaldate: dt.datetime


def _lost(method: Callable[..., T]) -> Callable[..., T]:
    """A network or server fault during a command becomes a MailboxError that says what happened."""

    @functools.wraps(method)
    def guarded(self: Mailbox, *args: Any, **kwargs: Any) -> T:
        try:
            return method(self, *args, **kwargs)
        except MailboxError:
            raise
        except (IMAPClientError, imaplib.IMAP4.error, OSError) as error:
            self.client = None
            where = f"{self.config.host}:{self.config.port}"
            raise MailboxError(
                f"the connection to the IMAP server {where} was lost ({_reason(error)}); "
                "nothing is lost, the next run continues where this one stopped"
            ) from None

    return guarded


class Mailbox:
    """One connection to one folder. Use as a context manager."""

    def __init__(self, config: MailboxConfig) -> None:
        self.config = config
        self.client: IMAPClient | None = None
        self.state: FolderState | None = None

    def __enter__(self) -> Mailbox:
        self.connect()
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def connect(self) -> FolderState:
        config = self.config
        where = f"{config.host}:{config.port}"
        try:
            context = client_context(config.verify_certificates, "IMAP")
            client = IMAPClient(
                config.host,
                port=config.port,
                ssl=config.security == "ssl",
                ssl_context=context if config.security == "ssl" else None,
                timeout=config.timeout_seconds,
            )
            client.normalise_times = False
            if config.security == "starttls":
                client.starttls(context)
            client.login(config.user, config.password)
        except LoginError:
            raise MailboxError(
                f"the IMAP server {where} refused the login for {config.user!r}; "
                "check MAILBOT_IMAP_USER and MAILBOT_IMAP_PASSWORD"
            ) from None
        except ssl.SSLCertVerificationError as error:
            raise MailboxError(
                f"the IMAP server {where} presented a certificate that cannot be trusted ({error.verify_message}); "
                "fix the server's certificate or, for a test server only, set mailbox.verify_certificates = false"
            ) from None
        except ssl.SSLError as error:
            raise MailboxError(
                f"TLS with the IMAP server {where} failed ({error.reason}); check MAILBOT_IMAP_SECURITY "
                "(ssl for port 993, starttls for 143)"
            ) from None
        except (TimeoutError, OSError) as error:
            raise MailboxError(
                f"cannot reach the IMAP server {where} ({_reason(error)}); "
                "check MAILBOT_IMAP_HOST and MAILBOT_IMAP_PORT"
            ) from None
        except IMAPClientError as error:
            raise MailboxError(f"the IMAP server {where} answered with an error ({error})") from None
        self.client = client
        return self.select()

    @_lost
    def select(self) -> FolderState:
        client = self._client()
        folder = self.config.folder
        try:
            info = client.select_folder(folder)
        except IMAPClientError:
            raise MailboxError(
                f"the folder {folder!r} does not exist in the mailbox; check MAILBOT_IMAP_FOLDER "
                f"(existing folders: {', '.join(self.folders()[:20])})"
            ) from None
        permanent = [f.decode() if isinstance(f, bytes) else str(f) for f in info.get(b"PERMANENTFLAGS", ())]
        keyword = self.config.processed_keyword
        keeps = "\\*" in permanent or keyword in permanent
        if not keeps:
            log.info(
                "the server does not keep the keyword %s here; the database alone records decisions",
                keyword,
            )
        self.state = FolderState(folder, int(info[b"UIDVALIDITY"]), keeps)
        return self.state

    def folders(self) -> list[str]:
        try:
            return [name for _flags, _sep, name in self._client().list_folders()]
        except IMAPClientError:
            return []

    @_lost
    def candidate_uids(self) -> list[int]:
        """UIDs not yet marked done on the server (all UIDs where keywords are not kept)."""
        client, state = self._client(), self._state()
        if state.keeps_keywords:
            return sorted(client.search(["UNKEYWORD", self.config.processed_keyword]))
        return sorted(client.search(["ALL"]))

    @_lost
    def envelopes(self, uids: Sequence[int]) -> list[Envelope]:
        return list(self._envelopes(uids))

    def _envelopes(self, uids: Sequence[int]) -> Iterator[Envelope]:
        client = self._client()
        for chunk in _chunks(list(uids), 500):
            response = client.fetch(chunk, ["INTERNALDATE", "RFC822.SIZE", "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
            for uid in chunk:
                data = response.get(uid)
                if data is None:
                    continue  # deleted or moved meanwhile
                header = _first_value(data, b"BODY[HEADER.FIELDS (MESSAGE-ID)]")
                yield Envelope(
                    uid=uid,
                    message_id=_message_id(header),
                    internaldate=_aware(data[b"INTERNALDATE"]),
                    size=int(data.get(b"RFC822.SIZE", 0)),
                )

    @_lost
    def fetch(self, uids: Sequence[int]) -> list[Fetched]:
        """Whole messages, one bounded batch; a UID that vanished meanwhile is skipped."""
        if not uids:
            return []
        response = self._client().fetch(list(uids), ["BODY.PEEK[]", "INTERNALDATE"])
        fetched = []
        for uid in uids:
            data = response.get(uid)
            if data is None or b"BODY[]" not in data:
                continue
            fetched.append(Fetched(uid, bytes(data[b"BODY[]"]), _aware(data[b"INTERNALDATE"])))
        return fetched

    @_lost
    def fetch_header(self, uid: int) -> bytes:
        """Only the header of a message (for one too large to load whole)."""
        response = self._client().fetch([uid], ["BODY.PEEK[HEADER]"])
        data = response.get(uid, {})
        return bytes(data.get(b"BODY[HEADER]", b""))

    @_lost
    def mark_done(self, uids: Sequence[int]) -> None:
        """Set the processed keyword and, if configured, move the messages; after the database commit."""
        if not uids:
            return
        client, state = self._client(), self._state()
        if state.keeps_keywords:
            client.add_flags(list(uids), [self.config.processed_keyword], silent=True)
        if self.config.move_to:
            self._ensure_folder(self.config.move_to)
            if client.has_capability("MOVE"):
                client.move(list(uids), self.config.move_to)
            else:
                client.copy(list(uids), self.config.move_to)
                client.delete_messages(list(uids), silent=True)
                if client.has_capability("UIDPLUS"):
                    client.uid_expunge(list(uids))
                else:
                    client.expunge()

    def news_pending(self) -> bool:
        """Whether the server announced new mail while we were busy with other commands.

        Such EXISTS announcements arrive inside the responses to FETCH, STORE
        or SEARCH; imaplib keeps them aside and the server does not repeat
        them in IDLE, so they must be looked for before waiting.
        """
        pending = self._client()._imap.untagged_responses
        found = bool(pending.pop("EXISTS", None)) | bool(pending.pop("RECENT", None))
        return found

    def has_idle(self) -> bool:
        return bool(self._client().has_capability("IDLE"))

    @_lost
    def wait(self, seconds: float) -> bool:
        """Block until the server reports new mail or the time is up; True if something arrived."""
        client = self._client()
        client.idle()
        try:
            responses = client.idle_check(timeout=seconds)
        finally:
            client.idle_done()
        return any(isinstance(r, tuple) and len(r) > 1 and r[1] in (b"EXISTS", b"RECENT") for r in responses)

    @_lost
    def noop(self) -> tuple[bytes, list[object]]:
        """NOOP makes the server report what changed; returns its text and untagged responses."""
        text, responses = self._client().noop()
        return text, list(responses)

    def close(self) -> None:
        if self.client is None:
            return
        with contextlib.suppress(IMAPClientError, OSError):
            self.client.logout()
        self.client = None

    def _ensure_folder(self, name: str) -> None:
        client = self._client()
        if not client.folder_exists(name):
            client.create_folder(name)

    def _client(self) -> IMAPClient:
        if self.client is None:
            raise MailboxError("not connected to the IMAP server")
        return self.client

    def _state(self) -> FolderState:
        if self.state is None:
            raise MailboxError("no folder selected")
        return self.state


def _reason(error: BaseException) -> str:
    if isinstance(error, socket.gaierror):
        return "unknown host name"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, TimeoutError | socket.timeout):
        return "timed out"
    return getattr(error, "strerror", None) or str(error) or type(error).__name__


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _first_value(data: dict[bytes, object], prefix: bytes) -> bytes:
    for key, value in data.items():
        if isinstance(key, bytes) and key.startswith(prefix[:16]) and isinstance(value, bytes):
            return value
    return b""


def _message_id(header: bytes) -> str:
    text = header.decode("ascii", "replace")
    unfolded = re.sub(r"\r?\n[ \t]+", " ", text)
    found = re.search(r"<[^<>]+>", unfolded)
    return found.group(0).replace(" ", "") if found else ""


def _aware(value: object) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return dt.datetime.now(dt.UTC)
