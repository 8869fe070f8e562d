"""A decision's reply as a ready-to-send mail: plan, render, calendar, compose."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from mailbot import ics
from mailbot.app import App
from mailbot.compose import as_bytes, compose
from mailbot.core.mail import Mail
from mailbot.core.model import Decision
from mailbot.core.replies import plan_reply
from mailbot.store import repo


def reply_mail(
    app: App, mail: Mail, decision: Decision, *, sequence: int, purpose: str = "reply"
) -> repo.OutgoingMail | None:
    """The reply to `mail` for `decision`, or None when it gets none.

    `sequence` is the calendar SEQUENCE this decision's write gets (store.repo.next_sequence).
    """
    plan = plan_reply(decision, mail, app.event, sequence=sequence)
    if plan is None:
        return None
    text, html = app.renderer.render(plan.template, plan.context)
    now = app.clock().astimezone(ZoneInfo(app.event.timezone))
    recipient = app.settings.replies.redirect_all_to or plan.to
    calendar = None
    if plan.calendar is not None:
        calendar = ics.calendar_bytes(
            plan.calendar,
            timezone=app.event.timezone,
            organiser_name=app.event.coordinator.name,
            organiser_address=app.envelope.from_address,
            attendee=plan.to,
            stamp=now,
        )
    message = compose(plan, text, html, envelope=app.envelope, now=now, calendar=calendar, recipient=recipient)
    return repo.OutgoingMail(
        purpose=purpose,
        template=plan.template,
        sender=app.envelope.from_address,
        recipient=recipient,
        subject=plan.subject,
        rfc_message_id=str(message["Message-ID"]),
        raw=as_bytes(message),
    )
