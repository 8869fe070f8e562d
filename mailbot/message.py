"""Edge: raw message bytes → `Mail`. Never raises; a broken message still yields a Mail.

mail-parser does the MIME parse. We walk its `message` tree ourselves
because mail-parser's `text_plain` mixes in the text of forwarded
message/rfc822 parts (which SPEC says are not the sender's words), drops the
non-ASCII bytes of raw 8-bit headers, and trusts declared charsets that are
sometimes wrong. If mail-parser raises (it does on ~1 % of hostile
messages), the stdlib parser takes over.
"""

from __future__ import annotations

import codecs
import dataclasses
import email
import email.header
import email.message
import email.utils
import hashlib
import logging
import re
import unicodedata
from collections.abc import Iterator

import mailparser

from mailbot.core.mail import Attachment, Mail

log = logging.getLogger(__name__)

MAX_DEPTH = 20
MAX_HEADERS = 500
_LATIN = ("windows-1252", "iso-8859-1")


def parse(raw: bytes) -> Mail:
    """Decode one message; the result is never None and parsing never raises."""
    try:
        mail = _to_mail(_mime_tree(raw), raw_size=len(raw), depth=0)
        if not mail.message_id:
            mail = dataclasses.replace(mail, message_id=synthetic_message_id(raw))
        return mail
    except Exception as error:  # a hostile message must not stop the run
        log.warning("message could not be parsed (%s); kept as an empty mail", type(error).__name__)
        return Mail(
            message_id=synthetic_message_id(raw),
            from_address="",
            size=len(raw),
            defects=(f"unparseable: {type(error).__name__}",),
        )


def synthetic_message_id(raw: bytes) -> str:
    """A stable identity for a message that has no Message-ID header."""
    return f"<sha256-{hashlib.sha256(raw).hexdigest()[:40]}@mailbot.invalid>"


def _mime_tree(raw: bytes) -> email.message.Message:
    try:
        parsed = mailparser.parse_from_bytes(raw)
        message = parsed.message
        if isinstance(message, email.message.Message):
            return message
    except Exception as error:  # mail-parser's own faults: fall back to the stdlib
        log.debug("mail-parser failed (%s); using the stdlib parser", type(error).__name__)
    return email.message_from_bytes(raw)


def _to_mail(message: email.message.Message, *, raw_size: int, depth: int) -> Mail:
    headers = tuple(
        (str(name).lower(), decode_header(value)) for name, value in list(message.raw_items())[:MAX_HEADERS]
    )
    first: dict[str, str] = {}
    for name, value in headers:
        first.setdefault(name, value)

    from_name, from_address = _first_address(first.get("from", ""))
    _, reply_to = _first_address(first.get("reply-to", ""))
    message_id = _message_id(first.get("message-id", ""))
    body = _Body()
    body.collect(message, depth=depth, top=True)
    return Mail(
        message_id=message_id,
        from_address=from_address.lower(),
        from_name=from_name,
        reply_to=reply_to.lower(),
        to=_addresses(first.get("to", "")),
        cc=_addresses(first.get("cc", "")),
        subject=_one_line(first.get("subject", "")),
        date_header=first.get("date", ""),
        in_reply_to=_message_id(first.get("in-reply-to", "")),
        references=tuple(re.findall(r"<[^<>\s]+>", first.get("references", ""))),
        headers=headers,
        content_type=message.get_content_type(),
        plain="\n".join(body.plain),
        html="\n".join(body.html),
        forwarded=tuple(body.forwarded),
        attachments=tuple(body.attachments),
        part_types=tuple(body.part_types),
        size=raw_size,
        defects=tuple(type(d).__name__ for d in getattr(message, "defects", [])) + tuple(body.defects),
    )


class _Body:
    """Collects the message's own text alternatives, forwarded messages and attachments."""

    def __init__(self) -> None:
        self.plain: list[str] = []
        self.html: list[str] = []
        self.forwarded: list[Mail] = []
        self.attachments: list[Attachment] = []
        self.part_types: list[str] = []
        self.defects: list[str] = []

    def collect(self, part: email.message.Message, *, depth: int, top: bool = False) -> None:
        if depth > MAX_DEPTH:
            return
        content_type = part.get_content_type()
        self.part_types.append(content_type)
        if content_type == "message/rfc822" or (
            content_type.startswith("message/") and part.is_multipart() and not top
        ):
            for inner in _payload_list(part)[:1]:
                if isinstance(inner, email.message.Message):
                    self.forwarded.append(_to_mail(inner, raw_size=0, depth=depth + 1))
            return
        if part.is_multipart():
            children = _payload_list(part)
            if content_type == "multipart/alternative":
                self._alternative(children, depth=depth)
            else:
                for child in children:
                    if isinstance(child, email.message.Message):
                        self.collect(child, depth=depth + 1)
            return
        if _is_attachment(part, top=top):
            payload = _payload_bytes(part)
            self.attachments.append(
                Attachment(
                    filename=_filename(part),
                    content_type=content_type,
                    size=len(payload),
                )
            )
            return
        if _charset_guessed(part):
            self.defects.append(GUESSED_CHARSET)
        if content_type == "text/html":
            self.html.append(decode_text(part))
        elif content_type.startswith("text/"):
            self.plain.append(decode_text(part))

    def _alternative(self, children: list[object], *, depth: int) -> None:
        # The alternatives say the same thing; keep one plain and one html.
        before_plain, before_html = len(self.plain), len(self.html)
        for child in children:
            if not isinstance(child, email.message.Message):
                continue
            kind = child.get_content_type()
            if kind == "text/plain" and len(self.plain) > before_plain:
                continue
            if kind == "text/html" and len(self.html) > before_html:
                continue
            self.collect(child, depth=depth + 1)


def _payload_list(part: email.message.Message) -> list[object]:
    payload = part.get_payload()
    return list(payload) if isinstance(payload, list) else []


def _is_attachment(part: email.message.Message, *, top: bool) -> bool:
    content_type = part.get_content_type()
    # str(): a header with raw 8-bit bytes ('filename="Anmälan.docx"' unencoded) comes back as a Header object
    disposition = str(part.get("content-disposition") or "").split(";")[0].strip().lower()
    if disposition == "attachment":
        return True
    if content_type in {"text/plain", "text/html"}:
        return False
    if content_type.startswith("text/") and content_type != "text/calendar":
        return bool(part.get_filename()) and not top
    return True


def _payload_bytes(part: email.message.Message) -> bytes:
    try:
        payload = part.get_payload(decode=True)
    except Exception:  # malformed transfer encoding
        payload = None
    if isinstance(payload, bytes):
        return payload
    raw = part.get_payload()
    return raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else b""


GUESSED_CHARSET = "GuessedCharset"


def _charset_guessed(part: email.message.Message) -> bool:
    """Non-ASCII text in a charset nobody knows, and not UTF-8 either: its letters are a guess."""
    declared = (part.get_content_charset() or "").strip()
    if not declared:
        return False
    try:
        codecs.lookup(declared)
    except LookupError:
        data = _payload_bytes(part)
        if data.isascii():
            return False
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return True
    return False


def decode_text(part: email.message.Message) -> str:
    """A text part's content as the sender saw it, whatever charset it claims."""
    data = _payload_bytes(part)
    text = decode_bytes(data, part.get_content_charset())
    if str(part.get_param("format") or "").lower() == "flowed":
        delsp = str(part.get_param("delsp") or "").lower() == "yes"
        text = unflow(text, delsp=delsp)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def decode_bytes(data: bytes, declared: str | None) -> str:
    """Bytes to text: the declared charset when it fits, else UTF-8, else Windows-1252."""
    declared = (declared or "").strip().strip('"').lower()
    if declared in {
        "iso-8859-1",
        "latin-1",
        "latin1",
        "us-ascii",
        "ascii",
        "windows-1252",
        "cp1252",
    }:
        # A Latin charset decodes anything, so check whether the bytes are really UTF-8.
        if not data.isascii():
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                pass
        return data.decode("windows-1252", errors="replace") if declared != "iso-8859-1" else _latin(data)
    for charset in (declared, "utf-8"):
        if not charset:
            continue
        try:
            return data.decode(charset)
        except (UnicodeDecodeError, LookupError):
            continue
    return _latin(data)


def _latin(data: bytes) -> str:
    # Windows-1252 is what "iso-8859-1" senders really write (€, “ ”, –).
    try:
        return data.decode("windows-1252")
    except UnicodeDecodeError:
        return data.decode("iso-8859-1")


def unflow(text: str, *, delsp: bool) -> str:
    """Join format=flowed soft line breaks (RFC 3676)."""
    out: list[str] = []
    buffer = ""
    for line in text.replace("\r\n", "\n").split("\n"):
        if line == "-- ":  # the signature separator is never flowed
            out.append(buffer + line)
            buffer = ""
            continue
        if line.startswith(" "):
            line = line[1:]  # space-stuffing
        if line.endswith(" "):
            buffer += line[:-1] if delsp else line
        else:
            out.append(buffer + line)
            buffer = ""
    if buffer:
        out.append(buffer)
    return "\n".join(out)


def _filename(part: email.message.Message) -> str:
    """The attachment's name; one written in raw 8-bit ('filename="Anmälan.docx"') read from the raw header."""
    name = decode_header(part.get_filename("") or "")
    if "\ufffd" in name:
        for key, value in part.raw_items():
            found = (
                re.search(r'\bfilename="?([^";\r\n]+)', str(value)) if key.lower() == "content-disposition" else None
            )
            if found:
                return decode_header(found.group(1))
    return name


def decode_header(value: object) -> str:
    """A header value as text: RFC 2047 words decoded, raw 8-bit bytes read as UTF-8 or Latin-1."""
    if isinstance(value, email.header.Header):
        value = str(value)
    if not isinstance(value, str):
        return ""
    if any("\udc80" <= ch <= "\udcff" for ch in value):
        value = decode_bytes(value.encode("ascii", "surrogateescape"), None)
    value = unicodedata.normalize("NFC", re.sub(r"\r?\n[ \t]+", " ", value))  # "Å" as one letter, not A + ring
    if "=?" not in value:
        return value.strip()
    try:
        parts = email.header.decode_header(value)
    except Exception:  # invalid encoded words are shown as they are
        return value.strip()
    decoded: list[str] = []
    for chunk, charset in parts:
        if isinstance(chunk, bytes):
            decoded.append(decode_bytes(chunk, charset or "utf-8"))
        else:
            decoded.append(chunk)
    return unicodedata.normalize("NFC", "".join(decoded)).strip()


def _one_line(value: str) -> str:
    return re.sub(r"[\r\n\t\x00]+", " ", value).strip()


def _first_address(value: str) -> tuple[str, str]:
    for name, address in _pairs(value):
        if "@" in address:
            return _one_line(name), address
    return "", ""


def _addresses(value: str) -> tuple[str, ...]:
    return tuple(address.lower() for _, address in _pairs(value) if "@" in address)


def _pairs(value: str) -> Iterator[tuple[str, str]]:
    try:
        pairs = email.utils.getaddresses([_one_line(value)])
    except Exception:  # malformed address lists
        pairs = []
    for name, address in pairs:
        address = address.strip().strip("<>")
        if re.fullmatch(r"[^@\s<>\"]+@[^@\s<>\"]+", address):
            yield name, address


def _message_id(value: str) -> str:
    value = _one_line(value)
    found = re.search(r"<[^<>]+>", value)
    if found:
        return found.group(0).replace(" ", "")
    value = value.strip()
    return f"<{value}>" if value and " " not in value else ""
