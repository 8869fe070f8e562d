"""The daily digest: gathered from the store, rendered, sent once per day (across restarts and workers)."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, replace
from typing import Any
from zoneinfo import ZoneInfo

from mailbot import outbox, spreadsheet
from mailbot.app import App
from mailbot.compose import as_bytes, compose_notice
from mailbot.core.digest import CHANGES_LISTED, DigestInput, MaterialItem, ReviewItem, digest_context
from mailbot.store import db, repo, views

log = logging.getLogger("mailbot.digest")

MARKER = "digest:"


@dataclass(frozen=True)
class Digest:
    context: dict[str, Any]
    text: str
    html: str
    xlsx: bytes
    csv: bytes


def build(app: App, now: dt.datetime) -> Digest:
    """The digest as it would be sent at `now` (aware)."""
    zone = ZoneInfo(app.event.timezone)
    today = now.astimezone(zone).date()
    with db.transaction(app.factory) as session:
        last = repo.last_marker_like(session, app.event_pk, MARKER, before=now)
        since = last.created_at if last else None
        data = gather(session, app, since=since, now=now)
    context = digest_context(data, app.event, today=today)
    if since:
        context["since"] = since.astimezone(zone).strftime("%Y-%m-%d %H.%M")
    text, html = app.renderer.render("digest/daily", context)
    return Digest(context, text, html, spreadsheet.participants_xlsx(context), spreadsheet.participants_csv(context))


def gather(session: Any, app: App, *, since: dt.datetime | None, now: dt.datetime) -> DigestInput:
    event = app.event_pk
    zone = ZoneInfo(app.event.timezone)
    forwarded = views.forwarded_questions(session, event)
    contact = app.event.questions_contact
    review = [
        ReviewItem(
            sender=item.sender,
            subject=item.subject,
            arrival=item.arrival.astimezone(zone),
            why="; ".join(
                [
                    *(item.reasons or [", ".join(item.violations) or item.kind]),
                    *([f"vidarebefordrad till {contact.name}"] if contact and item.message_pk in forwarded else []),
                ]
            ),
            excerpt=item.own_words,
        )
        for item in views.open_reviews(session, event)
    ]
    latest, changes_total = views.changes(session, event, since=since, until=now, latest=CHANGES_LISTED)
    changes = [replace(c, at=c.at.astimezone(zone)) for c in latest]
    material_sent = [
        MaterialItem(day, municipality, files)
        for marker in repo.markers_like(session, event, "material:")
        for _, day, municipality, _ in [marker.name.split(":", 3)]
        for files in [list((marker.value or {}).get("files", []))]
    ]
    return DigestInput(
        views.active_registrations(session, event),
        views.info_meeting(session, event),
        views.answered_municipalities(session, event),
        review,
        changes,
        views.unsent(session, event),
        since,
        views.decided_count(session, event),
        material_sent,
        changes_total,
    )


def send(app: App, now: dt.datetime, *, force: bool = False) -> bool:
    """Queue and deliver today's digest; False if today's was already sent (unless forced)."""
    zone = ZoneInfo(app.event.timezone)
    today = now.astimezone(zone).date()
    digest = build(app, now)
    message = compose_notice(
        to=app.event.coordinator.address,
        subject=f"Anmälningar – dagsläge {digest.context['today']}",
        text=digest.text,
        html=digest.html,
        envelope=app.envelope,
        now=now.astimezone(zone),
        kind="digest",
        attachments=(
            (
                f"deltagare-{today.isoformat()}.xlsx",
                "application",
                "vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                digest.xlsx,
            ),
            (f"deltagare-{today.isoformat()}.csv", "text", "csv", digest.csv),
        ),
    )
    name = f"{MARKER}{today.isoformat()}" + (f":{now.isoformat()}" if force else "")
    with db.transaction(app.factory) as session:
        if not repo.add_marker(session, app.event_pk, name, {"sent_for": today.isoformat()}):
            log.info("today's digest (%s) was already sent", today)
            return False
        repo.queue(
            session,
            event=app.event_pk,
            mail=repo.OutgoingMail(
                "digest",
                "digest/daily",
                app.envelope.from_address,
                app.settings.replies.redirect_all_to or app.event.coordinator.address,
                str(message["Subject"]),
                str(message["Message-ID"]),
                as_bytes(message),
            ),
            message_pk=None,
        )
    outbox.deliver(app)
    log.info("digest for %s sent to %s", today, app.event.coordinator.address)
    return True


def due(app: App, now: dt.datetime) -> bool:
    """Whether the configured time of day has come and today's digest is not yet sent."""
    zone = ZoneInfo(app.event.timezone)
    local = now.astimezone(zone)
    if local.time() < app.settings.schedule.digest_time:
        return False
    with db.transaction(app.factory) as session:
        return repo.marker(session, app.event_pk, f"{MARKER}{local.date().isoformat()}") is None
