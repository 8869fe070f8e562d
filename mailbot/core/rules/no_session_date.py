"""no_session_date: a dialog registration that names no date at all."""

from __future__ import annotations

from mailbot.core.model import Severity, Violation
from mailbot.core.rules.base import Case


class NoSessionDate:
    code = "no_session_date"
    severity = Severity.ERROR

    def check(self, case: Case) -> Violation | None:
        if case.touches_dialog and not case.dialog_choices and case.reading.moved_from is None:
            if case.reading.impossible_dates:
                return None  # a date is given, only not a real one: invalid_session_date says so
            if case.session is not None or (case.reading.swaps and not case.reading.participants):
                return None  # the stored session stands: a swap, a withdrawal, "samma gäng", a corrected party
            return Violation(self.code, self.severity)
        return None
