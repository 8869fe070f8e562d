"""Forgetting: personal data of a finished event is erased, the counts stay.

A politician's party is sensitive personal data (GDPR art. 9). Once an
event is over and its retention time has passed, raw messages, the senders'
words and addresses, and names with parties are erased; what remains says
how many came to which session, and how each message was decided.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from mailbot.store.models import (
    AuditEntry,
    DecisionRow,
    InboundMessage,
    InfoAttendeeRow,
    Marker,
    OutboxEntry,
    ParticipantRow,
    RegistrationRow,
)

ERASED = "(raderad)"


@dataclass
class PurgeReport:
    messages: int = 0
    people: int = 0
    mails: int = 0


def purge_event(session: Session, event: int) -> PurgeReport:
    report = PurgeReport()
    report.messages = _count(
        session.execute(
            update(InboundMessage)
            .where(InboundMessage.event_id == event)
            .values(raw=None, sender="", reply_to="", subject=ERASED)
        )
    )
    for decision in session.scalars(select(DecisionRow).where(DecisionRow.event_id == event)):
        decision.own_words = ""
        decision.participants = [_erased(p) for p in decision.participants]
        decision.info_attendee = _erased(decision.info_attendee) if decision.info_attendee else None
        decision.reasons = []
    registration_ids = select(RegistrationRow.id).where(RegistrationRow.event_id == event)
    report.people = _count(
        session.execute(
            update(ParticipantRow)
            .where(ParticipantRow.registration_id.in_(registration_ids))
            .values(name=ERASED, party=None, role="")
        )
    )
    session.execute(update(RegistrationRow).where(RegistrationRow.event_id == event).values(contact=""))
    session.execute(
        update(InfoAttendeeRow)
        .where(InfoAttendeeRow.event_id == event)
        .values(name=ERASED, party=None, role="", contact="")
    )
    for entry in session.scalars(select(AuditEntry).where(AuditEntry.event_id == event)):
        entry.before = _erased_state(entry.before)
        entry.after = _erased_state(entry.after)
    report.mails = _count(
        session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.event_id == event)
            .values(raw=b"", recipient="", subject=ERASED, last_error="")
        )
    )
    session.execute(update(Marker).where(Marker.event_id == event).values(value=None))
    return report


def _count(result: object) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


def _erased(person: dict[str, Any]) -> dict[str, Any]:
    return {"name": ERASED, "party": None}


def _erased_state(state: dict[str, Any] | None) -> dict[str, Any] | None:
    if state is None:
        return None
    if "participants" in state:
        return {**state, "participants": [_erased(p) for p in state["participants"]]}
    return _erased(state)
