"""deadline_passed: the message arrived (INTERNALDATE, local time) after the deadline day."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from mailbot.core.model import Severity, Violation
from mailbot.core.rules.base import Case


class DeadlinePassed:
    code = "deadline_passed"
    severity = Severity.ERROR

    def check(self, case: Case) -> Violation | None:
        if not case.is_registration_business:
            return None
        arrived = case.arrival.astimezone(ZoneInfo(case.event.timezone))
        if arrived.date() <= case.event.deadline:
            return None
        return Violation(
            self.code,
            self.severity,
            {
                "arrived": arrived.isoformat(timespec="minutes"),
                "deadline": case.event.deadline.isoformat(),
            },
        )
