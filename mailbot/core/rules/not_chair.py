"""not_chair: the information meeting is for the KSO, and the text says this person is not."""

from __future__ import annotations

from mailbot.core.model import Severity, Violation
from mailbot.core.rules.base import Case


class NotChair:
    code = "not_chair"
    severity = Severity.ERROR

    def check(self, case: Case) -> Violation | None:
        attendee = case.info_attendee
        if not case.touches_info_meeting or attendee is None or not case.reading.info_not_chair:
            return None
        return Violation(self.code, self.severity, {"name": attendee.name})
