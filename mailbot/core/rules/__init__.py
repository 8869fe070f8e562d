"""The invitation's rules, one unit per SPEC code, in the order a notice names them."""

from __future__ import annotations

from mailbot.core.model import Violation
from mailbot.core.rules.base import Case, Rule
from mailbot.core.rules.deadline_passed import DeadlinePassed
from mailbot.core.rules.duplicate_party import DuplicateParty
from mailbot.core.rules.invalid_session_date import InvalidSessionDate
from mailbot.core.rules.missing_party import MissingParty
from mailbot.core.rules.multiple_session_dates import MultipleSessionDates
from mailbot.core.rules.no_participants import NoParticipants
from mailbot.core.rules.no_session_date import NoSessionDate
from mailbot.core.rules.not_chair import NotChair
from mailbot.core.rules.too_many_participants import TooManyParticipants
from mailbot.core.rules.unknown_sender import UnknownSender

RULES: tuple[Rule, ...] = (
    UnknownSender(),
    DeadlinePassed(),
    NoSessionDate(),
    InvalidSessionDate(),
    MultipleSessionDates(),
    TooManyParticipants(),
    NoParticipants(),
    MissingParty(),
    NotChair(),
    DuplicateParty(),
)


def check(case: Case, rules: tuple[Rule, ...] = RULES) -> tuple[Violation, ...]:
    """Every violation of the case, in the order of the rules."""
    return tuple(v for rule in rules if (v := rule.check(case)) is not None)


__all__ = ["RULES", "Case", "Rule", "check"]
