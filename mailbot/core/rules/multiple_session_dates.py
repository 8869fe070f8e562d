"""multiple_session_dates: the delegation is offered for, or spread over, several sessions."""

from __future__ import annotations

from mailbot.core.model import Severity, Violation
from mailbot.core.rules.base import Case


class MultipleSessionDates:
    code = "multiple_session_dates"
    severity = Severity.ERROR

    def check(self, case: Case) -> Violation | None:
        if not case.touches_dialog or len(case.dialog_choices) < 2:
            return None
        return Violation(
            self.code,
            self.severity,
            {"dates": ", ".join(d.isoformat() for d in case.dialog_choices)},
        )
