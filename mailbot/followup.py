"""What a stored decision sends besides its reply: a question to the one who answers, material to a delegation."""

from __future__ import annotations

import email
import email.policy
import email.utils
import logging
from collections.abc import Callable
from email.message import EmailMessage
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from mailbot import material
from mailbot.app import App
from mailbot.core.mail import Mail
from mailbot.core.model import Decision, Kind
from mailbot.core.replies import describe_event
from mailbot.core.text import subject_topic
from mailbot.store import repo

log = logging.getLogger("mailbot.followup")


def for_decision(
    app: App, mail: Mail, decision: Decision, own_words: str, raw: bytes | None
) -> Callable[[Session, repo.Recorded], None]:
    """The follow-up to run inside the decision's transaction."""

    def follow_up(session: Session, inbound: repo.Recorded) -> None:
        if decision.kind is Kind.QUESTION and raw is not None:
            forward_question(app, session, inbound, mail, decision, own_words, raw)
        if decision.store_registration and decision.municipality:
            row = repo.registration_row(session, app.event_pk, decision.municipality)
            if row is not None:
                material.queue_for(app, session, row, app.clock())

    return follow_up


def forward_question(
    app: App, session: Session, inbound: repo.Recorded, mail: Mail, decision: Decision, own_words: str, raw: bytes
) -> None:
    contact = app.event.questions_contact
    if contact is None or not app.settings.replies.forward_questions:
        return
    zone = ZoneInfo(app.event.timezone)
    sender = mail.reply_to or mail.from_address
    context = {
        "event": describe_event(app.event),
        "contact": {"name": contact.name},
        "sender": email.utils.formataddr((mail.from_name, mail.from_address)) if mail.from_name else sender,
        "municipality": decision.municipality,
        "subject": mail.subject,
        "arrival": inbound.internaldate.astimezone(zone).strftime("%Y-%m-%d %H.%M"),
        "own_words": own_words or "(inga egna ord kunde läsas; se originalet)",
    }
    text, html = app.renderer.render("notice/question_forward", context)
    to = app.settings.replies.redirect_all_to or contact.address
    who = decision.municipality or sender
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = email.utils.formataddr((app.envelope.from_name, app.envelope.from_address))
    message["To"] = email.utils.formataddr((contact.name, to))
    message["Reply-To"] = sender  # her answer goes straight to the one who asked
    message["Subject"] = f"Fråga från {who}: {subject_topic(mail.subject) or 'utan ämne'}"
    message["Date"] = email.utils.format_datetime(app.clock().astimezone(zone))
    message["Message-ID"] = email.utils.make_msgid(domain=app.envelope.message_id_domain)
    message["References"] = mail.message_id
    message["Auto-Submitted"] = "auto-generated"
    message["X-Mailbot"] = "notice/question_forward"
    message.set_content(text, subtype="plain", charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    original = email.message_from_bytes(raw, policy=email.policy.compat32)
    message.add_attachment(original)
    repo.queue(
        session,
        event=app.event_pk,
        mail=repo.OutgoingMail(
            "question",
            "notice/question_forward",
            app.envelope.from_address,
            to,
            str(message["Subject"]),
            str(message["Message-ID"]),
            message.as_bytes(),
        ),
        message_pk=inbound.id,
    )
    log.info("question %s forwarded to %s", mail.message_id, contact.address)
