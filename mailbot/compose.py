"""Edge helper: rendered texts become a threaded, RFC 3834-marked message.

Built with the email package's MIME classes (the compat32 API), which
make a reply in about a quarter of the time EmailMessage takes; every
header value passes through `_one_line`, so nothing a sender wrote can add
a header or a recipient.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import uuid
from dataclasses import dataclass
from email import encoders
from email.header import Header
from email.message import Message
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

from mailbot.core.replies import ReplyPlan


@dataclass(frozen=True)
class Envelope:
    from_name: str
    from_address: str
    message_id_domain: str


def new_message_id(domain: str) -> str:
    return email.utils.make_msgid(domain=domain)


def compose(
    plan: ReplyPlan,
    text: str,
    html: str,
    *,
    envelope: Envelope,
    now: dt.datetime,
    calendar: bytes | None = None,
    recipient: str | None = None,
    auto_submitted: str = "auto-replied",
) -> Message:
    body = _alternatives(text, html)
    if calendar is not None:
        outer = MIMEMultipart("mixed", boundary=_boundary())
        outer.attach(body)
        part = MIMEText(calendar.decode("utf-8"), "calendar", "utf-8")
        part.set_param("method", "CANCEL" if b"METHOD:CANCEL" in calendar else "REQUEST")
        part.add_header("Content-Disposition", "attachment", filename="dialog.ics")
        outer.attach(part)
        message: Message = outer
    else:
        message = body
    _headers(
        message,
        envelope=envelope,
        to=recipient or plan.to,
        subject=plan.subject,
        now=now,
        kind=plan.template,
        auto_submitted=auto_submitted,
    )
    if plan.in_reply_to:
        message["In-Reply-To"] = _one_line(plan.in_reply_to)
    if plan.references:
        message["References"] = _one_line(" ".join(plan.references))
    return message


def compose_notice(
    *,
    to: str,
    subject: str,
    text: str,
    html: str,
    envelope: Envelope,
    now: dt.datetime,
    kind: str,
    attachments: tuple[tuple[str, str, str, bytes], ...] = (),
) -> Message:
    """A mail that answers no message (digest, alarm, reminder, material): RFC 3834 auto-generated."""
    message: Message = _alternatives(text, html)
    if attachments:
        outer = MIMEMultipart("mixed", boundary=_boundary())
        outer.attach(message)
        for filename, maintype, subtype, content in attachments:
            outer.attach(_attachment(filename, maintype, subtype, content))
        message = outer
    _headers(message, envelope=envelope, to=to, subject=subject, now=now, kind=kind, auto_submitted="auto-generated")
    return message


def _alternatives(text: str, html: str) -> MIMEMultipart:
    body = MIMEMultipart("alternative", boundary=_boundary())
    body.attach(MIMEText(text, "plain", "utf-8"))
    body.attach(MIMEText(html, "html", "utf-8"))
    return body


def _attachment(filename: str, maintype: str, subtype: str, content: bytes) -> Message:
    if maintype == "text" and _is_utf8(content):  # declare the charset, or readers take UTF-8 for ASCII
        part: Message = MIMEText(content.decode("utf-8"), subtype, "utf-8")
    else:
        part = MIMEBase(maintype, subtype)
        part.set_payload(content)
        encoders.encode_base64(part)
    part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", filename))
    return part


def _headers(
    message: Message, *, envelope: Envelope, to: str, subject: str, now: dt.datetime, kind: str, auto_submitted: str
) -> None:
    message["From"] = email.utils.formataddr((_one_line(envelope.from_name), envelope.from_address), charset="utf-8")
    message["To"] = _one_line(to)
    message["Subject"] = Header(_one_line(subject), "utf-8")  # type: ignore[assignment]  # encoded when written
    message["Date"] = email.utils.format_datetime(now)
    message["Message-ID"] = new_message_id(envelope.message_id_domain)
    message["Auto-Submitted"] = auto_submitted
    message["X-Auto-Response-Suppress"] = "All"
    message["X-Mailbot"] = kind  # how mailbot recognises its own mail (classify.OWN_MARKER_HEADER)
    message["Content-Language"] = "sv"


def _one_line(value: str) -> str:
    return re.sub(r"[\r\n\x00]+", " ", value).strip()


def _is_utf8(content: bytes) -> bool:
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def as_bytes(message: Message) -> bytes:
    """The message as it goes over SMTP: CRLF line ends, written so by the generator itself."""
    return message.as_bytes(policy=message.policy.clone(linesep="\r\n"))


def _boundary() -> str:
    """A boundary no part can contain ("=_" never occurs in quoted-printable or base64); given
    one, the stdlib neither scans the parts nor compiles a new regular expression per message."""
    return f"=_mailbot_{uuid.uuid4().hex}"
