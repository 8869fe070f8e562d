"""`mailbot eval DIR`: decide a labelled corpus offline and score each field against its truth."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mailbot import message
from mailbot.core.judge import Judge
from mailbot.core.ledger import Ledger
from mailbot.core.model import Decision, Event, Outcome, Participant

FIELDS = (
    "outcome",
    "kind",
    "municipality",
    "session",
    "participants",
    "info_meeting",
    "violations",
)


@dataclass
class MessageResult:
    file: str
    expected: dict[str, Any]
    got: dict[str, Any]
    participant_f1: float

    @property
    def wrong_fields(self) -> list[str]:
        return [f for f in FIELDS if _norm(f, self.expected.get(f)) != _norm(f, self.got.get(f))]

    @property
    def right(self) -> bool:
        return not self.wrong_fields

    @property
    def wrongly_confirmed(self) -> bool:
        return self.got["outcome"] == "confirmed" and (
            self.expected.get("outcome") != "confirmed" or bool(self.wrong_fields)
        )


@dataclass
class Report:
    results: list[MessageResult] = field(default_factory=list)
    final_state_matches: bool | None = None
    final_state_diff: list[str] = field(default_factory=list)

    def score(self, name: str) -> float:
        if not self.results:
            return 1.0
        if name == "participants":
            return sum(r.participant_f1 for r in self.results) / len(self.results)
        if name == "all":
            return sum(r.right for r in self.results) / len(self.results)
        return sum(name not in r.wrong_fields for r in self.results) / len(self.results)

    @property
    def wrongly_confirmed(self) -> list[str]:
        return [r.file for r in self.results if r.wrongly_confirmed]


def evaluate(directory: Path, event: Event) -> Report:
    truth = json.loads((directory / "truth.json").read_text(encoding="utf-8"))
    judge = Judge(event)
    ledger = Ledger()
    report = Report()
    review: list[str] = []
    for expected in sorted(truth, key=lambda t: t["arrival"]):
        raw = (directory / expected["file"]).read_bytes()
        mail = message.parse(raw)
        arrival = dt.datetime.fromisoformat(expected["arrival"])
        municipality = judge.municipality_of(mail)
        decision = judge.judge(mail, arrival=arrival, stored=ledger.stored_for(municipality)).decision
        ledger.apply(decision)
        if decision.outcome is Outcome.NEEDS_REVIEW:
            review.append(expected["file"])
        got = as_labels(decision)
        report.results.append(
            MessageResult(
                expected["file"],
                expected,
                got,
                _f1(expected.get("participants") or [], got["participants"]),
            )
        )
    final = directory / "final_state.json"
    if final.exists():
        wanted = json.loads(final.read_text(encoding="utf-8"))
        have = final_state(ledger, review)
        report.final_state_diff = _diff_state(wanted, have)
        report.final_state_matches = not report.final_state_diff
    return report


def as_labels(decision: Decision) -> dict[str, Any]:
    """A decision in the corpus's vocabulary (FORMAT.md)."""
    return {
        "municipality": decision.municipality,
        "kind": decision.kind.value,
        "session": decision.session.isoformat() if decision.session else None,
        "participants": [_person(p) for p in decision.participants],
        "info_meeting": _person(decision.info_attendee) if decision.info_attendee else None,
        "outcome": decision.outcome.value,
        "violations": list(decision.violation_codes),
        "reply": decision.needs_reply,
    }


def final_state(ledger: Ledger, review: list[str]) -> dict[str, Any]:
    return {
        "registrations": {
            m: {
                "session": r.session.isoformat(),
                "participants": [_person(p) for p in r.participants],
            }
            for m, r in ledger.registrations.items()
        },
        "info_meeting": {m: _person(p) for m, p in ledger.info_meeting.items()},
        "needs_review": sorted(review),
    }


def _person(person: Participant) -> dict[str, Any]:
    return {"name": person.name, "party": person.party}


def _people(people: Iterable[dict[str, Any]] | None) -> list[tuple[str, Any]]:
    return sorted((" ".join(str(p.get("name", "")).casefold().split()), p.get("party")) for p in people or [])


def _norm(name: str, value: Any) -> Any:
    if name == "participants":
        return _people(value)
    if name == "violations":
        return sorted(value or [])
    if name == "info_meeting" and value:
        return _people([value])
    return value


def _f1(expected: list[dict[str, Any]], got: list[dict[str, Any]]) -> float:
    want, have = _people(expected), _people(got)
    if not want and not have:
        return 1.0
    common = len([p for p in have if p in want])
    if not common:
        return 0.0
    precision, recall = common / len(have), common / len(want)
    return 2 * precision * recall / (precision + recall)


def _diff_state(wanted: dict[str, Any], have: dict[str, Any]) -> list[str]:
    diff: list[str] = []
    for section in ("registrations", "info_meeting"):
        w, h = wanted.get(section, {}), have.get(section, {})
        for municipality in sorted(set(w) | set(h)):
            a, b = w.get(municipality), h.get(municipality)
            if section == "registrations":
                same = bool(
                    a
                    and b
                    and a["session"] == b["session"]
                    and _people(a["participants"]) == _people(b["participants"])
                )
            else:
                same = bool(a and b and _people([a]) == _people([b]))
            if not same and (a or b):
                diff.append(f"{section}.{municipality}: expected {a}, got {b}")
    if sorted(wanted.get("needs_review", [])) != have["needs_review"]:
        diff.append(f"needs_review: expected {sorted(wanted.get('needs_review', []))}, got {have['needs_review']}")
    return diff
