"""duplicate_party: two participants share a party; a broad representation is desired.

The event's distinct-parties policy makes this a warning ("warn"), an
error ("require"), or silent ("off").
"""

from __future__ import annotations

from collections import Counter

from mailbot.core.model import Severity, Violation
from mailbot.core.rules.base import Case


class DuplicateParty:
    code = "duplicate_party"
    severity = Severity.WARNING

    def check(self, case: Case) -> Violation | None:
        policy = case.event.distinct_parties
        if policy == "off" or not case.touches_dialog:
            return None
        counts = Counter(p.party for p in case.participants if p.party)
        shared = sorted(party for party, n in counts.items() if n > 1)
        if not shared:
            return None
        severity = Severity.ERROR if policy == "require" else Severity.WARNING
        return Violation(self.code, severity, {"parties": ", ".join(shared)})
