"""missing_party: someone is named without a party."""

from __future__ import annotations

from mailbot.core.model import Severity, Violation
from mailbot.core.rules.base import Case


class MissingParty:
    code = "missing_party"
    severity = Severity.ERROR

    def check(self, case: Case) -> Violation | None:
        people = list(case.participants) if case.touches_dialog else []
        if case.touches_info_meeting and case.info_attendee is not None:
            people.append(case.info_attendee)
        missing = [p.name for p in people if not p.party]
        if not missing:
            return None
        return Violation(self.code, self.severity, {"names": ", ".join(dict.fromkeys(missing))})
