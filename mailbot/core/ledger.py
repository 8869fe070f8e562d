"""Stored state in memory: what the database holds, for offline evaluation and tests."""

from __future__ import annotations

from dataclasses import dataclass, field

from mailbot.core.model import Decision, Participant, Registration, StoredState


@dataclass
class Ledger:
    registrations: dict[str, Registration] = field(default_factory=dict)
    info_meeting: dict[str, Participant] = field(default_factory=dict)

    def stored_for(self, municipality: str | None) -> StoredState:
        if municipality is None:
            return StoredState()
        return StoredState(
            registration=self.registrations.get(municipality),
            info_attendee=self.info_meeting.get(municipality),
        )

    def apply(self, decision: Decision) -> None:
        municipality = decision.municipality
        if municipality is None:
            return
        if decision.store_registration and decision.session is not None:
            self.registrations[municipality] = Registration(municipality, decision.session, decision.participants)
        if decision.cancel_registration:
            self.registrations.pop(municipality, None)
        if decision.store_info_attendee and decision.info_attendee is not None:
            self.info_meeting[municipality] = decision.info_attendee
        if decision.cancel_info_attendee:
            self.info_meeting.pop(municipality, None)
