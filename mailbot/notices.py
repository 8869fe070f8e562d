"""Mail to the coordinator and to silent municipalities that answers no message: alarms and reminders."""

from __future__ import annotations

import datetime as dt
import logging
from email.message import Message
from zoneinfo import ZoneInfo

from mailbot.app import App
from mailbot.compose import as_bytes, compose_notice
from mailbot.core.replies import describe_event
from mailbot.store import db, repo

log = logging.getLogger("mailbot.notices")

ALARM = "alarm:intake"


def intake_failed(app: App, *, since: dt.datetime, error: str, now: dt.datetime) -> bool:
    """Raise the alarm once: a marker remembers it, across restarts too. True if a mail was queued."""
    context = _context(app, since)
    context["error"] = error
    return _queue_once(app, ALARM, "notice/intake_alarm", "mailbot kan inte läsa brevlådan", context, now, remove=False)


def intake_recovered(app: App, *, now: dt.datetime) -> bool:
    """After an alarm: one "working again" mail, and the alarm can be raised again later."""
    with db.transaction(app.factory) as session:
        if repo.marker(session, app.event_pk, ALARM) is None:
            return False
    return _queue_once(
        app, ALARM, "notice/intake_recovered", "mailbot läser brevlådan igen", _context(app, now), now, remove=True
    )


def send_reminders(app: App, *, now: dt.datetime, contacts: dict[str, str]) -> int:
    """One reminder per invited municipality that has not answered, N days before the deadline."""
    days = app.settings.schedule.reminder_days_before
    zone = ZoneInfo(app.event.timezone)
    today = now.astimezone(zone).date()
    if not days or today < app.event.deadline - dt.timedelta(days=days) or today > app.event.deadline:
        return 0
    with db.transaction(app.factory) as session:
        decided = repo.decided_messages(session, app.event_pk)
    answered = {d.municipality for _, d in decided if d.municipality and d.outcome != "ignored"}
    sent = 0
    for municipality in app.event.municipalities:
        address = contacts.get(municipality.name)
        if municipality.name in answered or not address:
            continue
        context = {"municipality": municipality.name, "event": describe_event(app.event)}
        text, html = app.renderer.render("notice/reminder", context)
        message = compose_notice(
            to=address,
            subject=f"Påminnelse: {app.event.title}",
            text=text,
            html=html,
            envelope=app.envelope,
            now=now.astimezone(zone),
            kind="reminder",
        )
        with db.transaction(app.factory) as session:
            if not repo.add_marker(session, app.event_pk, f"reminder:{municipality.name}", {"to": address}):
                continue
            repo.queue(session, event=app.event_pk, mail=_outgoing(app, "reminder", message, address), message_pk=None)
        sent += 1
    return sent


def info_meeting_reminders(app: App, *, now: dt.datetime) -> int:
    """The day before the information meeting, one reminder to each registered attendee."""
    info = app.event.info_meeting
    zone = ZoneInfo(app.event.timezone)
    if info is None or now.astimezone(zone).date() != info.date - dt.timedelta(days=1):
        return 0
    sent = 0
    with db.transaction(app.factory) as session:
        for attendee in repo.info_attendees(session, app.event_pk):
            if not attendee.contact:
                continue
            context = {"event": describe_event(app.event), "attendee": {"name": attendee.name}}
            text, html = app.renderer.render("notice/info_reminder", context)
            to = app.settings.replies.redirect_all_to or attendee.contact
            message = compose_notice(
                to=to,
                subject=f"Påminnelse: informationsmöte i morgon, {info.start:%H.%M}",
                text=text,
                html=html,
                envelope=app.envelope,
                now=now.astimezone(zone),
                kind="notice/info_reminder",
            )
            if repo.add_marker(session, app.event_pk, f"info-reminder:{attendee.municipality}", {"to": to}):
                repo.queue(
                    session, event=app.event_pk, mail=_outgoing(app, "info-reminder", message, to), message_pk=None
                )
                sent += 1
    return sent


def _context(app: App, when: dt.datetime) -> dict[str, str]:
    zone = ZoneInfo(app.event.timezone)
    mailbox = app.settings.mailbox
    return {
        "coordinator": app.event.coordinator.name,
        "mailbox": f"{mailbox.user} ({mailbox.host}, {mailbox.folder})",
        "since": when.astimezone(zone).strftime("%Y-%m-%d kl. %H.%M"),
    }


def _queue_once(
    app: App, marker: str, template: str, subject: str, context: dict[str, str], now: dt.datetime, *, remove: bool
) -> bool:
    text, html = app.renderer.render(template, context)
    to = app.settings.replies.redirect_all_to or app.event.coordinator.address
    message = compose_notice(
        to=to,
        subject=subject,
        text=text,
        html=html,
        envelope=app.envelope,
        now=now.astimezone(ZoneInfo(app.event.timezone)),
        kind=template,
    )
    with db.transaction(app.factory) as session:
        changed = (
            repo.remove_marker(session, app.event_pk, marker)
            if remove
            else repo.add_marker(session, app.event_pk, marker, {"since": context["since"]})
        )
        if not changed:
            return False
        repo.queue(session, event=app.event_pk, mail=_outgoing(app, template, message, to), message_pk=None)
    log.warning("%s: %s", subject, context.get("error", ""))
    return True


def _outgoing(app: App, purpose: str, message: Message, to: str) -> repo.OutgoingMail:
    return repo.OutgoingMail(
        purpose,
        purpose,
        app.envelope.from_address,
        to,
        str(message["Subject"]),
        str(message["Message-ID"]),
        as_bytes(message),
    )
