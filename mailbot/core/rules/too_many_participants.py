"""too_many_participants: more people than the configured maximum for one municipality."""

from __future__ import annotations

from mailbot.core.model import Severity, Violation
from mailbot.core.rules.base import Case


class TooManyParticipants:
    code = "too_many_participants"
    severity = Severity.ERROR

    def check(self, case: Case) -> Violation | None:
        count, maximum = len(case.participants), case.event.max_participants
        if not case.touches_dialog or count <= maximum:
            return None
        return Violation(self.code, self.severity, {"count": str(count), "maximum": str(maximum)})
