"""What one intake cycle did, for the command line and the worker's log."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class CycleReport:
    decided: int = 0
    duplicates: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    sent: int = 0
    waiting: int = 0
    failed: int = 0
    uncertain: int = 0
    problems: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> None:
        self.decided += 1
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1
