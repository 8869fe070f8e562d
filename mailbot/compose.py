"""Edge helper: a rendered reply becomes a threaded, RFC 3834-marked EmailMessage."""

from __future__ import annotations

import datetime as dt
import email.policy
import email.utils
from dataclasses import dataclass
from email.message import EmailMessage

from mailbot.core.replies import ReplyPlan


@dataclass(frozen=True)
class Envelope:
    from_name: str
    from_address: str
    message_id_domain: str


def new_message_id(domain: str) -> str:
    return email.utils.make_msgid(domain=domain)


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
) -> EmailMessage:
    """A mail that answers no message (digest, alarm, reminder): RFC 3834 auto-generated."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = email.utils.formataddr((envelope.from_name, envelope.from_address))
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = email.utils.format_datetime(now)
    message["Message-ID"] = new_message_id(envelope.message_id_domain)
    message["Auto-Submitted"] = "auto-generated"
    message["X-Auto-Response-Suppress"] = "All"
    message["X-Mailbot"] = kind
    message["Content-Language"] = "sv"
    message.set_content(text, subtype="plain", charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    for filename, maintype, subtype, content in attachments:
        if maintype == "text" and _is_utf8(content):  # declare the charset, or readers take UTF-8 for ASCII
            message.add_attachment(content.decode("utf-8"), subtype=subtype, charset="utf-8", filename=filename)
        else:
            message.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
    return message


def _is_utf8(content: bytes) -> bool:
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


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
) -> EmailMessage:
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = email.utils.formataddr((envelope.from_name, envelope.from_address))
    message["To"] = recipient or plan.to
    message["Subject"] = plan.subject
    message["Date"] = email.utils.format_datetime(now)
    message["Message-ID"] = new_message_id(envelope.message_id_domain)
    if plan.in_reply_to:
        message["In-Reply-To"] = plan.in_reply_to
    if plan.references:
        message["References"] = " ".join(plan.references)
    message["Auto-Submitted"] = auto_submitted
    message["X-Auto-Response-Suppress"] = "All"
    message["X-Mailbot"] = plan.template  # how mailbot recognises its own mail (OWN_MARKER_HEADER)
    message["Content-Language"] = "sv"
    message.set_content(text, subtype="plain", charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    if calendar is not None:
        message.add_attachment(
            calendar.decode("utf-8"),
            subtype="calendar",
            charset="utf-8",
            filename="dialog.ics",
            params={"method": "CANCEL" if b"METHOD:CANCEL" in calendar else "REQUEST"},
        )
    return message
