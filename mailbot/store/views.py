"""Read models for the coordinator's views: only the columns a view shows, as plain data.

The digest reads every registration, participant and change of an event once a day. Loading
ORM objects for that cost 2.7 s at 10,000 registrations (benchmarks/digest.py); plain
column rows cost a tenth of that and never touch the stored raw mail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mailbot.core.digest import ChangeItem, UnsentItem
from mailbot.core.model import Participant, Registration
from mailbot.store.models import (
    AuditEntry,
    DecisionRow,
    InboundMessage,
    InfoAttendeeRow,
    OutboxEntry,
    ParticipantRow,
    RegistrationRow,
)


@dataclass(frozen=True)
class OpenReview:
    message_pk: int
    sender: str
    subject: str
    arrival: dt.datetime
    kind: str
    violations: list[str]
    reasons: list[str]
    own_words: str


def active_registrations(session: Session, event: int) -> list[Registration]:
    """Every active registration with its participants in the order they were named."""
    active = (RegistrationRow.event_id == event, RegistrationRow.status == "active")
    # Two plain reads rather than one join: 30,000 participants need no date parsed each.
    people: dict[int, list[Participant]] = {}
    for pk, name, party, role in session.execute(
        select(ParticipantRow.registration_id, ParticipantRow.name, ParticipantRow.party, ParticipantRow.role)
        .join(RegistrationRow, RegistrationRow.id == ParticipantRow.registration_id)
        .where(*active)
        .order_by(ParticipantRow.registration_id, ParticipantRow.position)
    ):
        people.setdefault(pk, []).append(Participant(name, party, role or ""))
    rows = session.execute(
        select(RegistrationRow.id, RegistrationRow.municipality, RegistrationRow.session_date)
        .where(*active)
        .order_by(RegistrationRow.session_date, RegistrationRow.municipality)
    )
    return [Registration(municipality, day, tuple(people.get(pk, ()))) for pk, municipality, day in rows]


def info_meeting(session: Session, event: int) -> dict[str, Participant]:
    rows = session.execute(
        select(InfoAttendeeRow.municipality, InfoAttendeeRow.name, InfoAttendeeRow.party, InfoAttendeeRow.role)
        .where(InfoAttendeeRow.event_id == event)
        .order_by(InfoAttendeeRow.municipality)
    )
    return {municipality: Participant(name, party, role or "") for municipality, name, party, role in rows}


def decided_count(session: Session, event: int) -> int:
    return session.scalar(select(func.count(DecisionRow.id)).where(DecisionRow.event_id == event)) or 0


def answered_municipalities(session: Session, event: int) -> set[str]:
    """Municipalities that wrote anything mailbot did not ignore."""
    rows = session.scalars(
        select(DecisionRow.municipality)
        .where(DecisionRow.event_id == event, DecisionRow.outcome != "ignored", DecisionRow.municipality.is_not(None))
        .distinct()
    )
    return {m for m in rows if m}


def open_reviews(session: Session, event: int) -> list[OpenReview]:
    """Messages waiting for the coordinator, in arrival order."""
    rows = session.execute(
        select(
            InboundMessage.id,
            InboundMessage.sender,
            InboundMessage.subject,
            InboundMessage.internaldate,
            DecisionRow.kind,
            DecisionRow.violations,
            DecisionRow.reasons,
            DecisionRow.own_words,
        )
        .join(DecisionRow, DecisionRow.message_pk == InboundMessage.id)
        .where(
            InboundMessage.event_id == event,
            DecisionRow.outcome == "needs_review",
            DecisionRow.closed_at.is_(None),
        )
        .order_by(InboundMessage.internaldate, InboundMessage.id)
    )
    return [
        OpenReview(pk, sender, subject, arrival, kind, list(violations or []), list(reasons or []), words)
        for pk, sender, subject, arrival, kind, violations, reasons, words in rows
    ]


def forwarded_questions(session: Session, event: int) -> set[int]:
    """The messages whose question went to the event's contact."""
    rows = session.scalars(
        select(OutboxEntry.message_pk).where(
            OutboxEntry.event_id == event, OutboxEntry.purpose == "question", OutboxEntry.message_pk.is_not(None)
        )
    )
    return {pk for pk in rows if pk is not None}


def changes(
    session: Session, event: int, *, since: dt.datetime | None, until: dt.datetime, latest: int
) -> tuple[list[ChangeItem], int]:
    """The `latest` changes to registrations between the two moments (times in UTC), and how many there were."""
    where = [AuditEntry.event_id == event, AuditEntry.at <= until]
    if since is not None:
        where.append(AuditEntry.at >= since)
    total = session.scalar(select(func.count(AuditEntry.id)).where(*where)) or 0
    rows = session.execute(
        select(AuditEntry.at, AuditEntry.municipality, AuditEntry.action, AuditEntry.before, AuditEntry.after)
        .where(*where)
        .order_by(AuditEntry.id.desc())
        .limit(latest)
    ).all()
    items = [
        ChangeItem(at, municipality or "", action, before, after) for at, municipality, action, before, after in rows
    ]
    return items[::-1], total


def unsent(session: Session, event: int) -> list[UnsentItem]:
    """Replies that failed for good or whose delivery is uncertain."""
    rows = session.execute(
        select(OutboxEntry.recipient, OutboxEntry.subject, OutboxEntry.status, OutboxEntry.last_error)
        .where(OutboxEntry.event_id == event, OutboxEntry.status.in_(("failed", "uncertain")))
        .order_by(OutboxEntry.id)
    )
    return [UnsentItem(*row) for row in rows]
