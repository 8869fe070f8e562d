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
    rows = session.execute(
        select(
            RegistrationRow.id,
            RegistrationRow.municipality,
            RegistrationRow.session_date,
            ParticipantRow.name,
            ParticipantRow.party,
            ParticipantRow.role,
        )
        .outerjoin(ParticipantRow, ParticipantRow.registration_id == RegistrationRow.id)
        .where(RegistrationRow.event_id == event, RegistrationRow.status == "active")
        .order_by(
            RegistrationRow.session_date, RegistrationRow.municipality, RegistrationRow.id, ParticipantRow.position
        )
    )
    grouped: dict[int, tuple[str, dt.date, list[Participant]]] = {}
    for pk, municipality, day, name, party, role in rows:
        _, _, people = grouped.setdefault(pk, (municipality, day, []))
        if name is not None:
            people.append(Participant(name, party, role or ""))
    return [Registration(municipality, day, tuple(people)) for municipality, day, people in grouped.values()]


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


def changes(session: Session, event: int, *, since: dt.datetime | None, until: dt.datetime) -> list[ChangeItem]:
    """What happened to registrations between the two moments (times in UTC)."""
    query = select(
        AuditEntry.at, AuditEntry.municipality, AuditEntry.action, AuditEntry.before, AuditEntry.after
    ).where(AuditEntry.event_id == event, AuditEntry.at <= until)
    if since is not None:
        query = query.where(AuditEntry.at >= since)
    return [
        ChangeItem(at, municipality or "", action, before, after)
        for at, municipality, action, before, after in session.execute(query.order_by(AuditEntry.id))
    ]


def unsent(session: Session, event: int) -> list[UnsentItem]:
    """Replies that failed for good or whose delivery is uncertain."""
    rows = session.execute(
        select(OutboxEntry.recipient, OutboxEntry.subject, OutboxEntry.status, OutboxEntry.last_error)
        .where(OutboxEntry.event_id == event, OutboxEntry.status.in_(("failed", "uncertain")))
        .order_by(OutboxEntry.id)
    )
    return [UnsentItem(*row) for row in rows]
