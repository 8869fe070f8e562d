"""invalid_session_date: the one date given is not one of the sessions."""

from __future__ import annotations

from mailbot.core.model import Severity, Violation
from mailbot.core.rules.base import Case


class InvalidSessionDate:
    code = "invalid_session_date"
    severity = Severity.ERROR

    def check(self, case: Case) -> Violation | None:
        if case.touches_dialog and not case.dialog_choices and case.reading.impossible_dates:
            return Violation(self.code, self.severity, {"date": case.reading.impossible_dates[0]})
        if not case.touches_dialog or len(case.dialog_choices) != 1 or not case.reading.other_dates:
            return None
        return Violation(self.code, self.severity, {"date": case.reading.other_dates[0].isoformat()})
