"""The coordinator's daily digest as plain data: where everything stands, and what changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from mailbot.core.model import Event, Participant, Registration
from mailbot.core.replies import long_date, short_date, time_span


@dataclass(frozen=True)
class ReviewItem:
    sender: str
    subject: str
    arrival: dt.datetime
    why: str
    excerpt: str


@dataclass(frozen=True)
class ChangeItem:
    at: dt.datetime
    municipality: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(frozen=True)
class UnsentItem:
    recipient: str
    subject: str
    status: str
    error: str


@dataclass(frozen=True)
class MaterialItem:
    session: str
    municipality: str
    files: list[str]


@dataclass(frozen=True)
class DigestInput:
    """What the store knows, gathered in one read."""

    registrations: list[Registration] = field(default_factory=list)
    info_meeting: dict[str, Participant] = field(default_factory=dict)
    answered: set[str] = field(default_factory=set)
    review: list[ReviewItem] = field(default_factory=list)
    changes: list[ChangeItem] = field(default_factory=list)  # the latest CHANGES_LISTED
    unsent: list[UnsentItem] = field(default_factory=list)
    since: dt.datetime | None = None
    messages_total: int = 0
    material: list[MaterialItem] = field(default_factory=list)
    changes_total: int | None = None  # when more happened than `changes` holds


# A day of normal work is a few dozen changes; a first digest of a huge event would list
# thousands that nobody reads in a mail. The whole history stays in `mailbot export`.
CHANGES_LISTED = 200


EXCERPT_LENGTH = 300


def digest_context(data: DigestInput, event: Event, *, today: dt.date) -> dict[str, Any]:
    """Everything the digest templates and the spreadsheet show."""
    by_session: dict[dt.date, list[Registration]] = {}
    for registration in data.registrations:
        by_session.setdefault(registration.session, []).append(registration)
    sessions = []
    for session in event.sessions:
        here = sorted(by_session.get(session.date, []), key=lambda r: r.municipality)
        heads = sum(len(r.participants) for r in here)
        capacity = session.capacity
        sessions.append(
            {
                "date": long_date(session.date),
                "short_date": short_date(session.date),
                "iso": session.date.isoformat(),
                "time": time_span(session.start, session.end),
                "room": session.room,
                "municipalities": [
                    {
                        "name": r.municipality,
                        "participants": [_person(p) for p in r.participants],
                        "people": _people(r.participants),
                    }
                    for r in here
                ],
                "count": len(here),
                "heads": heads,
                "capacity": capacity,
                "fill": min(100, round(100 * heads / capacity)) if capacity else None,
            }
        )
    invited = [m.name for m in event.municipalities]
    days_left = (event.deadline - today).days
    return {
        "event": {"title": event.title, "deadline": long_date(event.deadline), "coordinator": event.coordinator.name},
        "today": long_date(today),
        "today_iso": today.isoformat(),
        "days_left": days_left,
        "sessions": sessions,
        "info_meeting": (
            {
                "date": long_date(event.info_meeting.date),
                "time": time_span(event.info_meeting.start, event.info_meeting.end),
                "place": event.info_meeting.place,
                "attendees": [{"municipality": m, **_person(p)} for m, p in sorted(data.info_meeting.items())],
            }
            if event.info_meeting
            else None
        ),
        "registered": len({r.municipality for r in data.registrations}),
        "invited": len(invited),
        "silent": [name for name in invited if name not in data.answered],
        "review": [
            {
                "sender": item.sender,
                "subject": item.subject,
                "arrival": item.arrival.strftime("%Y-%m-%d %H.%M"),
                "why": item.why,
                "excerpt": _excerpt(item.excerpt),
            }
            for item in data.review
        ],
        "changes": [describe_change(change) for change in data.changes],
        "changes_total": max(data.changes_total or 0, len(data.changes)),
        "since": data.since.strftime("%Y-%m-%d %H.%M") if data.since else None,
        "unsent": [vars(item) for item in data.unsent],
        "messages_total": data.messages_total,
        "material": [
            {
                "session": short_date(dt.date.fromisoformat(m.session)),
                "municipality": m.municipality,
                "files": ", ".join(m.files),
            }
            for m in sorted(data.material, key=lambda m: (m.session, m.municipality))
        ],
    }


def describe_change(change: ChangeItem) -> str:
    """One line in Swedish: what happened to a municipality's registration."""
    after, before = change.after or {}, change.before or {}
    people = ", ".join(f"{p['name']} ({p['party'] or '?'})" for p in after.get("participants", []))
    when = change.at.strftime("%d/%m %H.%M")
    if change.action == "register":
        return f"{when} {change.municipality}: anmäld till {_day(after)} – {people}"
    if change.action == "change":
        moved = f"tidigare {_day(before)}, nu {_day(after)}" if before.get("session") != after.get("session") else ""
        return f"{when} {change.municipality}: ändrad {moved} – {people}".replace("  ", " ")
    if change.action == "cancel":
        return f"{when} {change.municipality}: avbokad (var anmäld till {_day(before)})"
    if change.action == "info_register":
        return f"{when} {change.municipality}: informationsmötet – {after.get('name')} ({after.get('party') or '?'})"
    if change.action == "info_cancel":
        return f"{when} {change.municipality}: avbokad från informationsmötet"
    return f"{when} {change.municipality}: {change.action}"


def _day(state: dict[str, Any]) -> str:
    iso = state.get("session")
    return short_date(dt.date.fromisoformat(iso)) if iso else "?"


def _people(participants: tuple[Participant, ...]) -> str:
    """ "Anna Ek (S), Bo Berg (M)": the line templates show, joined once here rather than in a loop per template."""
    return ", ".join(f"{p.name} ({p.party or '?'})" for p in participants)


def _person(person: Participant) -> dict[str, Any]:
    return {"name": person.name, "party": person.party or "", "role": person.role}


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT_LENGTH else flat[: EXCERPT_LENGTH - 1].rstrip() + "…"
