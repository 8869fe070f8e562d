"""unknown_sender: no configured municipality owns the sender's address."""

from __future__ import annotations

from mailbot.core.model import Severity, Violation
from mailbot.core.rules.base import Case


class UnknownSender:
    code = "unknown_sender"
    severity = Severity.REVIEW

    def check(self, case: Case) -> Violation | None:
        return Violation(self.code, self.severity) if case.municipality is None else None
