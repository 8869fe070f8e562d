"""The domain in plain data: the event as configured, what a message says, what was decided."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal


class Kind(StrEnum):
    REGISTRATION = "registration"
    INFO_MEETING = "info_meeting"
    BOTH = "registration+info_meeting"
    CHANGE = "change"
    CANCELLATION = "cancellation"
    QUESTION = "question"
    AUTO_REPLY = "auto_reply"
    BOUNCE = "bounce"
    UNRELATED = "unrelated"


class Outcome(StrEnum):
    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    NEEDS_REVIEW = "needs_review"
    IGNORED = "ignored"


class Severity(StrEnum):
    ERROR = "error"
    REVIEW = "review"
    WARNING = "warning"


DistinctPartiesPolicy = Literal["warn", "require", "off"]


@dataclass(frozen=True)
class Session:
    """One dialog session a municipality can pick."""

    date: dt.date
    start: dt.time
    end: dt.time
    room: str
    address: str
    capacity: int | None = None


@dataclass(frozen=True)
class InfoMeeting:
    date: dt.date
    start: dt.time
    end: dt.time
    place: str
    for_whom: str = "kommunstyrelsens ordförande"


@dataclass(frozen=True)
class Contact:
    name: str
    address: str
    title: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Municipality:
    name: str
    domains: tuple[str, ...]


@dataclass(frozen=True)
class Party:
    code: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Event:
    """The invitation as data: everything the rules and replies need to know."""

    slug: str
    title: str
    organiser: str
    timezone: str
    sessions: tuple[Session, ...]
    info_meeting: InfoMeeting | None
    deadline: dt.date
    max_participants: int
    distinct_parties: DistinctPartiesPolicy
    coordinator: Contact
    municipalities: tuple[Municipality, ...]
    parties: tuple[Party, ...]
    questions_contact: Contact | None = None

    def session_on(self, day: dt.date) -> Session | None:
        return next((s for s in self.sessions if s.date == day), None)

    def municipality_named(self, name: str) -> Municipality | None:
        return next((m for m in self.municipalities if m.name == name), None)


@dataclass(frozen=True)
class Participant:
    name: str
    party: str | None
    role: str = ""


@dataclass(frozen=True)
class Registration:
    """A municipality's stored dialog delegation."""

    municipality: str
    session: dt.date
    participants: tuple[Participant, ...]


@dataclass(frozen=True)
class Swap:
    """ "X ersätts av Y (party)": one participant replaced by another."""

    leaving: str
    joining: Participant
    # "X ersätts av Y, samma parti": Y's party is the one X leaves
    same_party: bool = False


@dataclass(frozen=True)
class Reading:
    """What the sender's own words say, before any rule or stored state is applied.

    Fields are filled only with what the text states; `doubts` lists reasons
    the text cannot be read with confidence (each one sends it to review).
    """

    registers_dialog: bool = False
    session_dates: tuple[dt.date, ...] = ()
    other_dates: tuple[dt.date, ...] = ()
    # "den 31 september": a date as written that no calendar has, so no session either
    impossible_dates: tuple[str, ...] = ()
    moved_from: dt.date | None = None
    participants: tuple[Participant, ...] = ()
    swaps: tuple[Swap, ...] = ()
    # "Lisa (c) kan inte ändå": named as not coming, so out of a stored delegation
    withdrawn: tuple[str, ...] = ()
    # "samma gäng som sist": the people are those already registered, if any
    same_people: bool = False
    info_attendee: Participant | None = None
    info_not_chair: bool = False
    cancels: bool = False
    # "Min anmälan till informationsmötet kan strykas": the information meeting's attendee withdraws
    cancels_info: bool = False
    # "Vi avbokar vår plats den 22 september": the date a cancellation names
    cancelled_dates: tuple[dt.date, ...] = ()
    asks_question: bool = False
    # "Nicklas Hed är C, glömde skriva det": a supplement to an earlier mail
    supplements: bool = False
    points_to_attachment: bool = False
    names_other_municipalities: tuple[str, ...] = ()
    doubts: tuple[str, ...] = ()
    # Whether the text or subject speaks of the event at all (a date, a party, "dialog", "anmälan" …)
    about_event: bool = True

    @property
    def leaves_info_meeting_only(self) -> bool:
        """ "Min anmälan till informationsmötet kan strykas", and no word of leaving the dialog."""
        return self.cancels_info and not self.cancels

    @property
    def registers_info_meeting(self) -> bool:
        return self.info_attendee is not None

    @property
    def says_anything(self) -> bool:
        return bool(
            self.registers_dialog
            or self.session_dates
            or self.other_dates
            or self.impossible_dates
            or self.participants
            or self.swaps
            or self.info_attendee
            or self.cancels
        )


@dataclass(frozen=True)
class Violation:
    code: str
    severity: Severity
    detail: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class StoredState:
    """What is stored for the sender's municipality when its message is decided."""

    registration: Registration | None = None
    info_attendee: Participant | None = None
    replies_today: int = 0


@dataclass(frozen=True)
class Decision:
    """One message's outcome and the state it leaves behind.

    `registration` and `info_attendee` are what the message states (for a
    change: the whole delegation after it); `store_*` say which of them the
    store must write, which happens only for a confirmed decision.
    """

    kind: Kind
    outcome: Outcome
    municipality: str | None
    violations: tuple[Violation, ...] = ()
    session: dt.date | None = None
    participants: tuple[Participant, ...] = ()
    info_attendee: Participant | None = None
    previous: Registration | None = None
    store_registration: bool = False
    cancel_registration: bool = False
    store_info_attendee: bool = False
    cancel_info_attendee: bool = False
    reasons: tuple[str, ...] = ()

    @property
    def violation_codes(self) -> tuple[str, ...]:
        return tuple(v.code for v in self.violations)

    @property
    def needs_reply(self) -> bool:
        return self.outcome is not Outcome.IGNORED
