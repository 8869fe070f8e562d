"""no_participants: a session is chosen but nobody is named."""

from __future__ import annotations

from mailbot.core.model import Severity, Violation
from mailbot.core.rules.base import Case


class NoParticipants:
    code = "no_participants"
    severity = Severity.ERROR

    def check(self, case: Case) -> Violation | None:
        if case.touches_dialog and not case.participants:
            return Violation(self.code, self.severity)
        return None
