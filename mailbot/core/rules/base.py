"""What every rule sees and returns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from mailbot.core.model import Event, Kind, Participant, Reading, Severity, Violation


@dataclass(frozen=True)
class Case:
    """One message as the rules judge it: what it asks for, after stored state is applied."""

    event: Event
    kind: Kind
    municipality: str | None
    arrival: dt.datetime
    reading: Reading
    participants: tuple[Participant, ...] = ()
    info_attendee: Participant | None = None
    session: dt.date | None = None  # the session after this message, stored state applied

    @property
    def touches_dialog(self) -> bool:
        return self.kind in {Kind.REGISTRATION, Kind.BOTH, Kind.CHANGE}

    @property
    def touches_info_meeting(self) -> bool:
        return self.kind in {Kind.INFO_MEETING, Kind.BOTH}

    @property
    def is_registration_business(self) -> bool:
        """Anything the deadline covers: registrations, changes, cancellations."""
        return self.kind in {
            Kind.REGISTRATION,
            Kind.INFO_MEETING,
            Kind.BOTH,
            Kind.CHANGE,
            Kind.CANCELLATION,
        }

    @property
    def dialog_choices(self) -> tuple[dt.date, ...]:
        return tuple(dict.fromkeys((*self.reading.session_dates, *self.reading.other_dates)))


class Rule(Protocol):
    """A rule reports its one SPEC code, or nothing."""

    code: str
    severity: Severity

    def check(self, case: Case) -> Violation | None: ...
