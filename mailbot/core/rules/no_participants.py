"""no_participants: a session is chosen but nobody is named."""

from __future__ import annotations

from mailbot.core.model import Severity, Violation
from mailbot.core.rules.base import Case


class NoParticipants:
    code = "no_participants"
    severity = Severity.ERROR

    def check(self, case: Case) -> Violation | None:
        dated = case.dialog_choices or case.session or case.reading.impossible_dates
        if case.touches_dialog and not case.participants and dated:  # with no date, no_session_date says it all
            return Violation(self.code, self.severity)
        return None
