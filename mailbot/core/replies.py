"""Which reply a decision gets and what it must say: a plan that templates turn into text."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Any

from babel.dates import format_date

from mailbot.core.mail import Mail
from mailbot.core.model import Decision, Event, Kind, Outcome, Participant, Registration, Session

_PREFIX = re.compile(r"^\s*(?:(?:re|sv|svar|vs|vb|fw|fwd|aw|antw|ang)\s*(?:\[\d+\])?\s*:\s*)+", re.I)


@dataclass(frozen=True)
class CalendarPlan:
    """The session as a calendar entry; one UID per municipality, so changes update it."""

    uid: str
    sequence: int
    method: str  # REQUEST or CANCEL
    session: Session
    summary: str


@dataclass(frozen=True)
class ReplyPlan:
    template: str
    to: str
    subject: str
    in_reply_to: str
    references: tuple[str, ...]
    context: dict[str, Any] = field(default_factory=dict)
    calendar: CalendarPlan | None = None


def reply_subject(original: str) -> str:
    """ "Sv: <original subject>" without stacking prefixes ("Sv: SV: Re:" becomes one "Sv:")."""
    topic = _PREFIX.sub("", original).strip()
    return f"Sv: {topic}" if topic else "Sv: Din anmälan"


def template_for(decision: Decision) -> str | None:
    if decision.outcome is Outcome.IGNORED:
        return None
    if decision.outcome is Outcome.NEEDS_REVIEW:
        return "reply/review"
    if decision.outcome is Outcome.REJECTED:
        return "reply/rejection"
    return {
        Kind.CHANGE: "reply/change",
        Kind.CANCELLATION: "reply/cancellation",
        Kind.INFO_MEETING: "reply/info_meeting",
    }.get(decision.kind, "reply/confirmation")


def plan_reply(decision: Decision, mail: Mail, event: Event, *, sequence: int = 0) -> ReplyPlan | None:
    """The reply for a decided message, or None for mail that is never answered.

    `sequence` is the calendar SEQUENCE this decision's write gets (see store.repo.next_sequence).
    """
    template = template_for(decision)
    if template is None:
        return None
    references = tuple(
        dict.fromkeys((*mail.references, *((mail.in_reply_to,) if mail.in_reply_to else ()), mail.message_id))
    )
    return ReplyPlan(
        template=template,
        to=mail.reply_to or mail.from_address,
        subject=reply_subject(mail.subject),
        in_reply_to=mail.message_id,
        references=references[-20:],
        context=reply_context(decision, event),
        calendar=_calendar(decision, event, sequence),
    )


def reply_context(decision: Decision, event: Event) -> dict[str, Any]:
    """Plain data for the templates; every text a municipality reads comes from these values."""
    session = event.session_on(decision.session) if decision.session else None
    previous = decision.previous
    context: dict[str, Any] = {
        "event": describe_event(event),
        "kind": decision.kind.value,
        "outcome": decision.outcome.value,
        "municipality": decision.municipality,
        "session": describe_session(session) if session else None,
        "participants": [describe_person(p) for p in decision.participants],
        "info_attendee": describe_person(decision.info_attendee) if decision.info_attendee else None,
        "violations": [
            {"code": v.code, "severity": v.severity.value, **_readable(v.detail)} for v in decision.violations
        ],
        "errors": [{"code": v.code, **_readable(v.detail)} for v in decision.violations if v.severity.value == "error"],
        "warnings": [
            {"code": v.code, **_readable(v.detail)} for v in decision.violations if v.severity.value == "warning"
        ],
        "reasons": list(decision.reasons),
        "late": "deadline_passed" in decision.violation_codes,
        "previous": describe_registration(previous, event) if previous else None,
        "changes": describe_changes(previous, decision, event),
    }
    return context


def _readable(detail: dict[str, str]) -> dict[str, str]:
    """Details as a Swedish reader wants them: "27 augusti 2016 kl. 00.09", "20 september"."""
    shown = dict(detail)
    if "arrived" in detail:
        arrived = dt.datetime.fromisoformat(detail["arrived"])
        shown["arrived"] = f"{short_date(arrived.date())} {arrived.year} kl. {arrived:%H.%M}"
    if "date" in detail:
        shown["date"] = short_date(dt.date.fromisoformat(detail["date"]))
    return shown


def describe_event(event: Event) -> dict[str, Any]:
    """The event as templates see it; the same for every reply, so worked out once (read it, never change it)."""
    return _described(event)


@functools.lru_cache(maxsize=16)
def _described(event: Event) -> dict[str, Any]:
    info = event.info_meeting
    return {
        "title": event.title,
        "organiser": event.organiser,
        "deadline": long_date(event.deadline),
        "deadline_iso": event.deadline.isoformat(),
        "max_participants": event.max_participants,
        "distinct_parties": event.distinct_parties,
        "coordinator": {
            "name": event.coordinator.name,
            "address": event.coordinator.address,
            "title": event.coordinator.title,
            "phone": event.coordinator.phone,
        },
        "questions": (
            {
                "name": event.questions_contact.name,
                "address": event.questions_contact.address,
                "title": event.questions_contact.title,
                "phone": event.questions_contact.phone,
            }
            if event.questions_contact
            else None
        ),
        "sessions": [describe_session(s) for s in event.sessions],
        "info_meeting": (
            {
                "date": long_date(info.date),
                "time": time_span(info.start, info.end),
                "place": info.place,
                "for_whom": info.for_whom,
            }
            if info
            else None
        ),
        "parties": [{"code": p.code, "name": p.name} for p in event.parties],
    }


def describe_session(session: Session) -> dict[str, Any]:
    return {
        "date": long_date(session.date),
        "short_date": short_date(session.date),
        "iso": session.date.isoformat(),
        "time": time_span(session.start, session.end),
        "room": session.room,
        "address": session.address,
    }


def describe_person(person: Participant) -> dict[str, Any]:
    return {"name": person.name, "party": person.party, "role": person.role}


def describe_registration(registration: Registration, event: Event) -> dict[str, Any]:
    session = event.session_on(registration.session)
    return {
        "session": describe_session(session) if session else {"date": long_date(registration.session)},
        "participants": [describe_person(p) for p in registration.participants],
    }


def describe_changes(previous: Registration | None, decision: Decision, event: Event) -> dict[str, Any] | None:
    """What a change altered: "tidigare 2 september, nu 19 september"; who joined and who left."""
    if previous is None or decision.kind is not Kind.CHANGE:
        return None
    before = {p.name.casefold(): p for p in previous.participants}
    after = {p.name.casefold(): p for p in decision.participants}
    moved = decision.session is not None and decision.session != previous.session
    return {
        "session_from": short_date(previous.session) if moved else None,
        "session_to": short_date(decision.session) if moved and decision.session else None,
        "joined": [describe_person(p) for k, p in after.items() if k not in before],
        "left": [describe_person(p) for k, p in before.items() if k not in after],
    }


# Dates repeat (a digest names the same few sessions thousands of times) and babel is slow.
@functools.lru_cache(maxsize=512)
def long_date(day: dt.date) -> str:
    """ "fredag 2 september 2016"."""
    return format_date(day, "EEEE d MMMM y", locale="sv")


@functools.lru_cache(maxsize=512)
def short_date(day: dt.date) -> str:
    """ "2 september"."""
    return format_date(day, "d MMMM", locale="sv")


def time_span(start: dt.time, end: dt.time) -> str:
    """ "14.00–16.00", as Swedish invitations write it."""
    return f"{start:%H.%M}–{end:%H.%M}"


def _calendar(decision: Decision, event: Event, sequence: int) -> CalendarPlan | None:
    if decision.outcome is not Outcome.CONFIRMED or decision.municipality is None:
        return None
    uid = f"{event.slug}-{_slug(decision.municipality)}@mailbot"
    summary = f"{event.title} – {decision.municipality}"
    if decision.kind is Kind.CANCELLATION and decision.previous is not None:
        session = event.session_on(decision.previous.session)
        return CalendarPlan(uid, sequence, "CANCEL", session, summary) if session else None
    if decision.kind in {Kind.REGISTRATION, Kind.CHANGE, Kind.BOTH} and decision.session:
        session = event.session_on(decision.session)
        return CalendarPlan(uid, sequence, "REQUEST", session, summary) if session else None
    return None


def _slug(text: str) -> str:
    table = str.maketrans("åäöéÅÄÖÉ", "aaoeAAOE")
    return re.sub(r"[^a-z0-9]+", "-", text.translate(table).lower()).strip("-")
