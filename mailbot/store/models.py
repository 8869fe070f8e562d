"""SQLAlchemy tables: every row belongs to one event, so one database can hold several invitations."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite (which keeps no zone) too."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; times must carry a zone")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON, dt.datetime: UTCDateTime()}


class EventRow(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class InboundMessage(Base):
    """A message mailbot has taken from the mailbox; its raw bytes are kept for review and replay."""

    __tablename__ = "inbound_messages"
    __table_args__ = (UniqueConstraint("event_id", "message_id", name="uq_inbound_event_message_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    message_id: Mapped[str] = mapped_column(String(998))
    sender: Mapped[str] = mapped_column(String(320), default="")
    reply_to: Mapped[str] = mapped_column(String(320), default="")
    subject: Mapped[str] = mapped_column(Text, default="")
    internaldate: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    size: Mapped[int] = mapped_column(BigInteger, default=0)
    raw: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    fetched_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    marked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    decision: Mapped[DecisionRow | None] = relationship(back_populates="message", uselist=False)
    locations: Mapped[list[MessageLocation]] = relationship(back_populates="message")


class MessageLocation(Base):
    """Where a message sits on the server: folder, UIDVALIDITY and UID (several after a reset)."""

    __tablename__ = "message_locations"
    __table_args__ = (UniqueConstraint("event_id", "folder", "uidvalidity", "uid", name="uq_location"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    message_pk: Mapped[int] = mapped_column(ForeignKey("inbound_messages.id"), index=True)
    folder: Mapped[str] = mapped_column(String(500))
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    uid: Mapped[int] = mapped_column(BigInteger)
    marked: Mapped[bool] = mapped_column(default=False)

    message: Mapped[InboundMessage] = relationship(back_populates="locations")


class DecisionRow(Base):
    """The one outcome of one message, in SPEC's vocabulary."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    message_pk: Mapped[int] = mapped_column(ForeignKey("inbound_messages.id"), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    outcome: Mapped[str] = mapped_column(String(20), index=True)
    municipality: Mapped[str | None] = mapped_column(String(100), nullable=True)
    session_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    participants: Mapped[list[Any]] = mapped_column(default=list)
    info_attendee: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    violations: Mapped[list[Any]] = mapped_column(default=list)
    reasons: Mapped[list[Any]] = mapped_column(default=list)
    own_words: Mapped[str] = mapped_column(Text, default="")
    reply_note: Mapped[str] = mapped_column(String(200), default="")
    decided_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    message: Mapped[InboundMessage] = relationship(back_populates="decision")


class RegistrationRow(Base):
    """A municipality's dialog delegation; at most one per event."""

    __tablename__ = "registrations"
    __table_args__ = (UniqueConstraint("event_id", "municipality", name="uq_registration"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    municipality: Mapped[str] = mapped_column(String(100))
    session_date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="active")
    # Grows with every change, so a calendar entry is updated rather than duplicated.
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    contact: Mapped[str] = mapped_column(String(320), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

    participants: Mapped[list[ParticipantRow]] = relationship(
        back_populates="registration",
        cascade="all, delete-orphan",
        order_by="ParticipantRow.position",
    )


class ParticipantRow(Base):
    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    party: Mapped[str | None] = mapped_column(String(20), nullable=True)
    role: Mapped[str] = mapped_column(String(200), default="")

    registration: Mapped[RegistrationRow] = relationship(back_populates="participants")


class InfoAttendeeRow(Base):
    """The information-meeting attendee of a municipality (its KSO)."""

    __tablename__ = "info_attendees"
    __table_args__ = (UniqueConstraint("event_id", "municipality", name="uq_info_attendee"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    municipality: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(200))
    party: Mapped[str | None] = mapped_column(String(20), nullable=True)
    role: Mapped[str] = mapped_column(String(200), default="")
    contact: Mapped[str] = mapped_column(String(320), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class OutboxEntry(Base):
    """A mail waiting to leave, or the record that it left.

    status: pending → sending → sent; a "sending" entry found after a crash
    becomes "uncertain" (the server may have accepted it) and is never
    retried blindly; "failed" is a permanent refusal. Both are shown to the
    coordinator.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("event_id", "purpose", "message_pk", name="uq_outbox_one_reply"),
        Index("ix_outbox_status_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    message_pk: Mapped[int | None] = mapped_column(ForeignKey("inbound_messages.id"), nullable=True)
    purpose: Mapped[str] = mapped_column(String(40))
    template: Mapped[str] = mapped_column(String(100), default="")
    sender: Mapped[str] = mapped_column(String(320))
    recipient: Mapped[str] = mapped_column(String(320), index=True)
    subject: Mapped[str] = mapped_column(Text, default="")
    rfc_message_id: Mapped[str] = mapped_column(String(998))
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class AuditEntry(Base):
    """Every change to stored registrations, naming the message (or person) that caused it."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    municipality: Mapped[str | None] = mapped_column(String(100), nullable=True)
    message_pk: Mapped[int | None] = mapped_column(ForeignKey("inbound_messages.id"), nullable=True)
    action: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(100), default="mailbot")
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Marker(Base):
    """A fact that must be recorded exactly once: today's digest, a reminder, a raised alarm.

    The unique name makes the database refuse a second one, so a job that
    runs twice (after a restart, or on two workers) cannot send twice.
    """

    __tablename__ = "markers"
    __table_args__ = (UniqueConstraint("event_id", "name", name="uq_marker"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    value: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Material(Base):
    """Background material for a session: kept here so that later registrants get the same files."""

    __tablename__ = "materials"
    __table_args__ = (UniqueConstraint("event_id", "session_date", "sha256", name="uq_material"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    session_date: Mapped[dt.date] = mapped_column(Date)
    filename: Mapped[str] = mapped_column(String(300))
    content_type: Mapped[str] = mapped_column(String(200))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Lease(Base):
    """Who holds a job (the mailbox worker, the digest) and until when."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
