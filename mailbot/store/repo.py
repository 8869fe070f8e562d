"""Repository: the questions mailbot asks of the database and the one transaction that records a decision."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, defer, selectinload

from mailbot.core.model import Decision, Participant, Registration, StoredState
from mailbot.store.models import (
    AuditEntry,
    DecisionRow,
    EventRow,
    InboundMessage,
    InfoAttendeeRow,
    Marker,
    MessageLocation,
    OutboxEntry,
    ParticipantRow,
    RegistrationRow,
    utcnow,
)

# Built once: a backlog inserts these for every message.
_INSERT_MESSAGE = insert(InboundMessage).returning(InboundMessage.id)
_INSERT_LOCATION = insert(MessageLocation)
_INSERT_DECISION = insert(DecisionRow)
_INSERT_OUTBOX = insert(OutboxEntry)


@dataclass(frozen=True)
class Arrival:
    """A message as fetched from the server, before it is decided."""

    message_id: str
    folder: str
    uidvalidity: int
    uid: int
    internaldate: dt.datetime
    size: int
    raw: bytes | None
    sender: str = ""
    reply_to: str = ""
    subject: str = ""


@dataclass(frozen=True)
class OutgoingMail:
    purpose: str
    template: str
    sender: str
    recipient: str
    subject: str
    rfc_message_id: str
    raw: bytes


def event_id(session: Session, slug: str, title: str) -> int:
    """The event's row id, created on first use.

    Insert-if-missing first, then read: workers starting together on a new database all get
    the one row, and on SQLite a write as the transaction's first statement waits for the
    lock (a read first would make the later write fail at once with "database is locked").
    """
    dialect = session.get_bind().dialect.name
    if dialect in {"sqlite", "postgresql"}:
        insert_new = sqlite_insert if dialect == "sqlite" else postgresql_insert
        session.execute(
            insert_new(EventRow)
            .values(slug=slug, title=title, created_at=utcnow())
            .on_conflict_do_nothing(index_elements=[EventRow.slug])
        )
    row = session.scalar(select(EventRow).where(EventRow.slug == slug))
    if row is None:  # another database: the plain way
        row = EventRow(slug=slug, title=title)
        session.add(row)
        session.flush()
    elif row.title != title:
        row.title = title
    return row.id


def known_uids(session: Session, event: int, folder: str, uidvalidity: int) -> set[int]:
    rows = session.scalars(
        select(MessageLocation.uid).where(
            MessageLocation.event_id == event,
            MessageLocation.folder == folder,
            MessageLocation.uidvalidity == uidvalidity,
        )
    )
    return set(rows)


def message_by_id(session: Session, event: int, message_id: str) -> InboundMessage | None:
    return session.scalar(
        select(InboundMessage).where(InboundMessage.event_id == event, InboundMessage.message_id == message_id)
    )


def messages_by_ids(session: Session, event: int, message_ids: list[str]) -> dict[str, InboundMessage]:
    if not message_ids:
        return {}
    rows = session.scalars(
        select(InboundMessage).where(InboundMessage.event_id == event, InboundMessage.message_id.in_(message_ids))
    )
    return {row.message_id: row for row in rows}


def add_location(session: Session, event: int, message: InboundMessage, arrival: Arrival) -> None:
    """Remember a second place the same message sits (a copy, or a rebuilt folder)."""
    exists = session.scalar(
        select(MessageLocation.id).where(
            MessageLocation.event_id == event,
            MessageLocation.folder == arrival.folder,
            MessageLocation.uidvalidity == arrival.uidvalidity,
            MessageLocation.uid == arrival.uid,
        )
    )
    if exists is None:
        _insert_location(session, event, message.id, arrival)


def _insert_location(session: Session, event: int, message_pk: int, arrival: Arrival) -> None:
    session.connection().execute(
        _INSERT_LOCATION,
        {
            "event_id": event,
            "message_pk": message_pk,
            "folder": arrival.folder,
            "uidvalidity": arrival.uidvalidity,
            "uid": arrival.uid,
        },
    )


def stored_state(
    session: Session, event: int, municipality: str | None, sender: str, arrived: dt.datetime
) -> StoredState:
    if municipality is None:
        registration, info = None, None
    else:
        registration = _active_registration(session, event, municipality)
        info = session.scalar(
            select(InfoAttendeeRow).where(
                InfoAttendeeRow.event_id == event, InfoAttendeeRow.municipality == municipality
            )
        )
    return StoredState(
        registration=_to_registration(registration) if registration else None,
        info_attendee=Participant(info.name, info.party, info.role) if info else None,
        replies_today=replies_to(session, event, sender, around=arrived),
    )


def next_sequence(session: Session, event: int, municipality: str | None) -> int:
    """The calendar SEQUENCE the next write to this municipality's registration gets."""
    if municipality is None:
        return 0
    row = _registration_row(session, event, municipality)
    return row.sequence + 1 if row else 0


def replies_to(session: Session, event: int, recipient: str, *, around: dt.datetime) -> int:
    """Replies already queued to this address for messages that arrived within a day before this one.

    Judged by arrival, not by when mailbot runs, so that a backlog is
    answered in full while a mail loop is still cut off.
    """
    return (
        session.scalar(
            select(func.count(OutboxEntry.id))
            .join(InboundMessage, InboundMessage.id == OutboxEntry.message_pk)
            .where(
                OutboxEntry.event_id == event,
                OutboxEntry.purpose == "reply",
                OutboxEntry.recipient == recipient,
                InboundMessage.internaldate > around - dt.timedelta(days=1),
                InboundMessage.internaldate <= around,
            )
        )
        or 0
    )


@dataclass(frozen=True)
class Recorded:
    """What the follow-up of a stored message needs to know of it."""

    id: int
    internaldate: dt.datetime


def record(
    session: Session,
    *,
    event: int,
    arrival: Arrival,
    decision: Decision,
    own_words: str,
    reply: OutgoingMail | None,
    reply_note: str = "",
    follow_up: Callable[[Session, Recorded], None] | None = None,
) -> Recorded:
    """Store a message, its decision, the state it changes, the audit and the reply: one transaction.

    `follow_up` adds what else the decision sends (a forwarded question, session material)
    in the same transaction, so it is queued exactly when the decision is stored. Plain
    inserts rather than ORM objects: this runs once for every message in a backlog.
    """
    # The connection, not the ORM session: the same transaction, without the ORM's per-call work.
    connection = session.connection()
    message_pk = connection.execute(
        _INSERT_MESSAGE,
        {
            "event_id": event,
            "message_id": arrival.message_id,
            "sender": arrival.sender,
            "reply_to": arrival.reply_to,
            "subject": arrival.subject,
            "internaldate": arrival.internaldate,
            "size": arrival.size,
            "raw": arrival.raw,
        },
    ).scalar_one()
    _insert_location(session, event, message_pk, arrival)
    connection.execute(
        _INSERT_DECISION,
        {
            "event_id": event,
            "message_pk": message_pk,
            "kind": decision.kind.value,
            "outcome": decision.outcome.value,
            "municipality": decision.municipality,
            "session_date": decision.session,
            "participants": [_person(p) for p in decision.participants],
            "info_attendee": _person(decision.info_attendee) if decision.info_attendee else None,
            "violations": list(decision.violation_codes),
            "reasons": list(decision.reasons),
            "own_words": own_words[:20000],
            "reply_note": reply_note,
        },
    )
    apply_decision(
        session,
        event=event,
        decision=decision,
        message_pk=message_pk,
        contact=arrival.reply_to or arrival.sender,
        at=arrival.internaldate,
    )
    if reply is not None:
        queue(session, event=event, mail=reply, message_pk=message_pk)
    recorded = Recorded(message_pk, arrival.internaldate)
    if follow_up is not None:
        session.flush()
        follow_up(session, recorded)
    return recorded


def registration_row(session: Session, event: int, municipality: str) -> RegistrationRow | None:
    """The municipality's active registration, as a row (for what follows a confirmation)."""
    return _active_registration(session, event, municipality)


def apply_decision(
    session: Session,
    *,
    event: int,
    decision: Decision,
    message_pk: int | None,
    contact: str,
    actor: str = "mailbot",
    at: dt.datetime | None = None,
) -> None:
    """Write what a confirmed decision changes, with an audit entry for each change.

    `at` is when the change took effect: the arrival of the message that caused it.
    """
    at = at or utcnow()
    municipality = decision.municipality
    if municipality is None:
        return
    if decision.store_registration and decision.session is not None:
        row = _registration_row(session, event, municipality)
        before = _snapshot(row) if row is not None and row.status == "active" else None
        if row is None:
            row = RegistrationRow(event_id=event, municipality=municipality, session_date=decision.session, sequence=0)
            session.add(row)
            session.info[("registration", event, municipality)] = row
        else:
            row.sequence += 1  # every rewrite, so the calendar entry is updated, never duplicated
        row.session_date = decision.session
        row.status = "active"
        row.contact = contact
        row.updated_at = utcnow()
        row.participants = [
            ParticipantRow(position=i, name=p.name, party=p.party, role=p.role[:200])
            for i, p in enumerate(decision.participants)
        ]
        after = _snapshot(row)
        if before != after:
            _audit(
                session,
                event,
                municipality,
                message_pk,
                "change" if before else "register",
                before,
                after,
                actor,
                at,
            )
    if decision.cancel_registration:
        row = _registration_row(session, event, municipality)
        if row is not None and row.status == "active":
            before = _snapshot(row)
            row.status = "cancelled"
            row.sequence += 1
            row.updated_at = utcnow()
            row.participants = []
            _audit(session, event, municipality, message_pk, "cancel", before, None, actor, at)
    if decision.store_info_attendee and decision.info_attendee is not None:
        _store_info(session, event, municipality, decision.info_attendee, message_pk, contact, actor, at)
    if decision.cancel_info_attendee:
        info = session.scalar(
            select(InfoAttendeeRow).where(
                InfoAttendeeRow.event_id == event, InfoAttendeeRow.municipality == municipality
            )
        )
        if info is not None:
            _audit(
                session,
                event,
                municipality,
                message_pk,
                "info_cancel",
                _person_row(info),
                None,
                actor,
                at,
            )
            session.delete(info)


def queue(session: Session, *, event: int, mail: OutgoingMail, message_pk: int | None) -> None:
    session.connection().execute(
        _INSERT_OUTBOX,
        {
            "event_id": event,
            "message_pk": message_pk,
            "purpose": mail.purpose,
            "template": mail.template,
            "sender": mail.sender,
            "recipient": mail.recipient,
            "subject": mail.subject,
            "rfc_message_id": mail.rfc_message_id,
            "raw": mail.raw,
        },
    )


# --- markers: facts recorded exactly once ------------------------------------------


def add_marker(session: Session, event: int, name: str, value: dict[str, Any] | None = None) -> bool:
    """Record a once-only fact; False if it was already recorded (by this or another worker)."""
    try:
        with session.begin_nested():
            session.add(Marker(event_id=event, name=name, value=value))
    except IntegrityError:
        return False
    return True


def marker(session: Session, event: int, name: str) -> Marker | None:
    return session.scalar(select(Marker).where(Marker.event_id == event, Marker.name == name))


def remove_marker(session: Session, event: int, name: str) -> bool:
    result = session.execute(delete(Marker).where(Marker.event_id == event, Marker.name == name))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def markers_like(session: Session, event: int, prefix: str) -> list[Marker]:
    return list(
        session.scalars(
            select(Marker).where(Marker.event_id == event, Marker.name.startswith(prefix)).order_by(Marker.id)
        )
    )


def last_marker_like(session: Session, event: int, prefix: str, *, before: dt.datetime) -> Marker | None:
    return session.scalar(
        select(Marker)
        .where(Marker.event_id == event, Marker.name.startswith(prefix), Marker.created_at < before)
        .order_by(Marker.created_at.desc())
        .limit(1)
    )


# --- outbox --------------------------------------------------------------------


def due_outbox(session: Session, event: int, now: dt.datetime, limit: int = 500) -> list[OutboxEntry]:
    return list(
        session.scalars(
            select(OutboxEntry)
            .where(
                OutboxEntry.event_id == event,
                OutboxEntry.status == "pending",
                OutboxEntry.next_attempt_at <= now,
            )
            .order_by(OutboxEntry.id)
            .limit(limit)
        )
    )


def claim(session: Session, entry_id: int, *, attempts: int) -> bool:
    """Mark a pending entry as being sent; False if another delivery claimed it first."""
    result = session.execute(
        update(OutboxEntry)
        .where(OutboxEntry.id == entry_id, OutboxEntry.status == "pending")
        .values(status="sending", attempts=attempts)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def set_outbox_status(session: Session, entry_id: int, status: str, **values: Any) -> None:
    session.execute(update(OutboxEntry).where(OutboxEntry.id == entry_id).values(status=status, **values))


def sending_to_uncertain(session: Session, event: int) -> int:
    """After a crash: a send that may or may not have happened is never retried blindly."""
    result = session.execute(
        update(OutboxEntry)
        .where(OutboxEntry.event_id == event, OutboxEntry.status == "sending")
        .values(status="uncertain", last_error="interrupted while sending; check whether it arrived")
    )
    return result.rowcount or 0  # type: ignore[attr-defined]


# --- marking on the server -------------------------------------------------------


def unmarked_locations(session: Session, event: int, folder: str, uidvalidity: int) -> list[MessageLocation]:
    """Decided messages whose keyword (or move) has not yet been applied on the server."""
    return list(
        session.scalars(
            select(MessageLocation)
            .join(DecisionRow, DecisionRow.message_pk == MessageLocation.message_pk)
            .where(
                MessageLocation.event_id == event,
                MessageLocation.folder == folder,
                MessageLocation.uidvalidity == uidvalidity,
                MessageLocation.marked.is_(False),
            )
        )
    )


def set_marked(session: Session, location_ids: Iterable[int]) -> None:
    ids = list(location_ids)
    if ids:
        session.execute(update(MessageLocation).where(MessageLocation.id.in_(ids)).values(marked=True))


# --- reading state ------------------------------------------------------------------


def info_attendees(session: Session, event: int) -> list[InfoAttendeeRow]:
    return list(
        session.scalars(
            select(InfoAttendeeRow).where(InfoAttendeeRow.event_id == event).order_by(InfoAttendeeRow.municipality)
        )
    )


def decided_messages(session: Session, event: int) -> list[tuple[InboundMessage, DecisionRow]]:
    """Every message with its decision, without the raw bytes (they can be gigabytes in all)."""
    rows = session.execute(
        select(InboundMessage, DecisionRow)
        .options(defer(InboundMessage.raw))
        .join(DecisionRow, DecisionRow.message_pk == InboundMessage.id)
        .where(InboundMessage.event_id == event)
        .order_by(InboundMessage.internaldate, InboundMessage.id)
    )
    return [(m, d) for m, d in rows.tuples()]


def audit_entries(session: Session, event: int) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.event_id == event).order_by(AuditEntry.id)))


def outbox_entries(session: Session, event: int, statuses: Iterable[str] | None = None) -> list[OutboxEntry]:
    """Outbox entries without their raw mail."""
    query = (
        select(OutboxEntry)
        .options(defer(OutboxEntry.raw))
        .where(OutboxEntry.event_id == event)
        .order_by(OutboxEntry.id)
    )
    if statuses is not None:
        query = query.where(OutboxEntry.status.in_(list(statuses)))
    return list(session.scalars(query))


# --- helpers ---------------------------------------------------------------------------


def _registration_row(session: Session, event: int, municipality: str) -> RegistrationRow | None:
    """The municipality's row, loaded once per transaction (a message asks for it several times)."""
    key = ("registration", event, municipality)
    if key not in session.info:
        session.info[key] = session.scalar(
            select(RegistrationRow)
            .options(selectinload(RegistrationRow.participants))
            .where(RegistrationRow.event_id == event, RegistrationRow.municipality == municipality)
        )
    row: RegistrationRow | None = session.info[key]
    return row


def _active_registration(session: Session, event: int, municipality: str) -> RegistrationRow | None:
    row = _registration_row(session, event, municipality)
    return row if row is not None and row.status == "active" else None


def _to_registration(row: RegistrationRow) -> Registration:
    return Registration(
        row.municipality,
        row.session_date,
        tuple(Participant(p.name, p.party, p.role) for p in row.participants),
    )


def _store_info(
    session: Session,
    event: int,
    municipality: str,
    person: Participant,
    message_pk: int | None,
    contact: str,
    actor: str,
    at: dt.datetime,
) -> None:
    row = session.scalar(
        select(InfoAttendeeRow).where(InfoAttendeeRow.event_id == event, InfoAttendeeRow.municipality == municipality)
    )
    before = _person_row(row) if row else None
    if row is None:
        row = InfoAttendeeRow(event_id=event, municipality=municipality, name=person.name)
        session.add(row)
    row.name, row.party, row.role, row.contact = (
        person.name,
        person.party,
        person.role[:200],
        contact,
    )
    row.updated_at = utcnow()
    after = _person(person)
    if before != after:
        _audit(session, event, municipality, message_pk, "info_register", before, after, actor, at)


def _audit(
    session: Session,
    event: int,
    municipality: str,
    message_pk: int | None,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    actor: str,
    at: dt.datetime,
) -> None:
    session.add(
        AuditEntry(
            at=at,
            event_id=event,
            municipality=municipality,
            message_pk=message_pk,
            action=action,
            before=before,
            after=after,
            actor=actor,
        )
    )


def _snapshot(row: RegistrationRow) -> dict[str, Any]:
    return {
        "session": row.session_date.isoformat(),
        "participants": [{"name": p.name, "party": p.party} for p in row.participants],
    }


def _person(person: Participant) -> dict[str, Any]:
    return {"name": person.name, "party": person.party}


def _person_row(row: InfoAttendeeRow) -> dict[str, Any]:
    return {"name": row.name, "party": row.party}
