"""What the database holds, as JSON or CSV for tools and spreadsheets."""

from __future__ import annotations

import csv
import io
from typing import Any
from zoneinfo import ZoneInfo

from mailbot.app import App
from mailbot.store import db, repo, views


def snapshot(app: App) -> dict[str, Any]:
    """Registrations, information meeting, every message with its decision, and the change history."""
    zone = ZoneInfo(app.event.timezone)
    with db.transaction(app.factory) as session:
        registrations = [
            {
                "municipality": r.municipality,
                "session": r.session.isoformat(),
                "participants": [{"name": p.name, "party": p.party} for p in r.participants],
            }
            for r in views.active_registrations(session, app.event_pk)
        ]
        info = [
            {"municipality": municipality, "name": a.name, "party": a.party}
            for municipality, a in views.info_meeting(session, app.event_pk).items()
        ]
        message_ids: dict[int, str] = {}
        messages = []
        for inbound, decision in repo.decided_messages(session, app.event_pk):
            message_ids[inbound.id] = inbound.message_id
            messages.append(
                {
                    "message_id": inbound.message_id,
                    "from": inbound.sender,
                    "subject": inbound.subject,
                    "arrival": inbound.internaldate.astimezone(zone).isoformat(),
                    "municipality": decision.municipality,
                    "kind": decision.kind,
                    "outcome": decision.outcome,
                    "violations": list(decision.violations),
                    "session": decision.session_date.isoformat() if decision.session_date else None,
                    "participants": list(decision.participants),
                    "info_meeting": decision.info_attendee,
                    "reasons": list(decision.reasons),
                }
            )
        history = [
            {
                "at": entry.at.astimezone(zone).isoformat(),
                "municipality": entry.municipality,
                "action": entry.action,
                "actor": entry.actor,
                "message_id": message_ids.get(entry.message_pk) if entry.message_pk else None,
                "before": entry.before,
                "after": entry.after,
            }
            for entry in repo.audit_entries(session, app.event_pk)
        ]
        outbox = [
            {
                "to": e.recipient,
                "subject": e.subject,
                "purpose": e.purpose,
                "status": e.status,
                "attempts": e.attempts,
                "error": e.last_error,
                "message_id": e.rfc_message_id,
                "in_reply_to": message_ids.get(e.message_pk) if e.message_pk else None,
            }
            for e in repo.outbox_entries(session, app.event_pk)
        ]
    return {
        "event": {"slug": app.event.slug, "title": app.event.title},
        "registrations": registrations,
        "info_meeting": info,
        "messages": messages,
        "history": history,
        "outbox": outbox,
    }


def participants_csv(data: dict[str, Any]) -> str:
    """One row per person: who comes to what. Excel reads the BOM as UTF-8, so åäö stay intact."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["möte", "datum", "kommun", "namn", "parti"])
    for registration in data["registrations"]:
        for person in registration["participants"]:
            writer.writerow(
                [
                    "dialog",
                    registration["session"],
                    registration["municipality"],
                    person["name"],
                    person["party"] or "",
                ]
            )
    for attendee in data["info_meeting"]:
        writer.writerow(
            [
                "informationsmöte",
                "",
                attendee["municipality"],
                attendee["name"],
                attendee["party"] or "",
            ]
        )
    return "\ufeff" + out.getvalue()
