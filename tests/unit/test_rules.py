"""Each SPEC violation code comes from exactly one rule, and each rule fires when, and only when, it should."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from mailbot import settings
from mailbot.core import rules
from mailbot.core.model import Kind, Participant, Reading, Severity
from mailbot.core.rules import Case

SPEC = Path(__file__).resolve().parents[3] / "shared" / "SPEC.md"
EVENT = settings.load(Path(__file__).resolve().parents[2] / "config" / "mailbot.toml", environ={}).to_event()
CEST = dt.timezone(dt.timedelta(hours=2))
IN_TIME = dt.datetime(2016, 8, 10, 10, 0, tzinfo=CEST)
SESSION = dt.date(2016, 9, 19)
THREE = (Participant("Anna Ek", "S"), Participant("Bo Berg", "M"), Participant("Cia Lund", "L"))

CODES = {
    "deadline_passed",
    "no_session_date",
    "invalid_session_date",
    "multiple_session_dates",
    "too_many_participants",
    "no_participants",
    "missing_party",
    "not_chair",
    "unknown_sender",
    "duplicate_party",
}


def case(**changes: object) -> Case:
    reading = Reading(registers_dialog=True, session_dates=(SESSION,), participants=THREE)
    base = Case(
        event=EVENT,
        kind=Kind.REGISTRATION,
        municipality="Nacka",
        arrival=IN_TIME,
        reading=reading,
        participants=THREE,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def codes(c: Case) -> list[str]:
    return [v.code for v in rules.check(c)]


def test_every_spec_code_comes_from_exactly_one_rule() -> None:
    rule_codes = [rule.code for rule in rules.RULES]
    assert len(rule_codes) == len(set(rule_codes))
    assert set(rule_codes) == CODES
    if SPEC.exists():
        table = set(re.findall(r"^\| `([a-z_]+)` \| (?:error|review|warning) \|", SPEC.read_text(), re.M))
        assert table == set(rule_codes)


def test_a_valid_registration_breaks_no_rule() -> None:
    assert codes(case()) == []


@pytest.mark.parametrize(
    ("arrival", "late"),
    [
        (dt.datetime(2016, 8, 26, 23, 59, tzinfo=CEST), False),
        (dt.datetime(2016, 8, 27, 0, 9, tzinfo=CEST), True),
        (
            dt.datetime(2016, 8, 26, 22, 9, tzinfo=dt.UTC),
            True,
        ),  # still the 26th in UTC, not in Stockholm
        (dt.datetime(2016, 8, 26, 21, 59, tzinfo=dt.UTC), False),
    ],
)
def test_the_deadline_is_the_end_of_the_day_in_stockholm_by_arrival(arrival: dt.datetime, late: bool) -> None:
    assert ("deadline_passed" in codes(case(arrival=arrival))) is late


def test_a_late_question_is_not_late() -> None:
    assert codes(case(kind=Kind.QUESTION, arrival=dt.datetime(2016, 9, 1, tzinfo=CEST))) == []


def test_no_date_at_all() -> None:
    assert codes(case(reading=Reading(registers_dialog=True, participants=THREE))) == ["no_session_date"]


def test_a_date_that_is_no_session() -> None:
    reading = Reading(registers_dialog=True, other_dates=(dt.date(2016, 9, 20),), participants=THREE)
    assert codes(case(reading=reading)) == ["invalid_session_date"]


def test_a_date_no_calendar_has_is_named_as_written() -> None:
    reading = Reading(registers_dialog=True, impossible_dates=("31 september",), participants=THREE)
    found = rules.check(case(reading=reading))
    assert [v.code for v in found] == ["invalid_session_date"]
    assert found[0].detail == {"date": "31 september"}


def test_two_sessions_offered() -> None:
    reading = Reading(registers_dialog=True, session_dates=(SESSION, dt.date(2016, 9, 22)), participants=THREE)
    assert codes(case(reading=reading)) == ["multiple_session_dates"]


def test_four_people() -> None:
    four = (*THREE, Participant("Dan Ås", "SD"))
    found = rules.check(case(participants=four))
    assert [v.code for v in found] == ["too_many_participants"]
    assert found[0].detail == {"count": "4", "maximum": "3"}


def test_a_session_without_names() -> None:
    assert codes(case(participants=())) == ["no_participants"]


def test_neither_date_nor_names_is_only_the_missing_date() -> None:
    # "Vi kommer!": SPEC's no_participants is a session date without names
    reading = Reading(registers_dialog=True)
    assert codes(case(reading=reading, participants=())) == ["no_session_date"]


def test_a_person_without_party_is_named() -> None:
    people = (*THREE[:2], Participant("Nils Berglöf", None))
    found = rules.check(case(participants=people))
    assert [v.code for v in found] == ["missing_party"]
    assert found[0].detail["names"] == "Nils Berglöf"


def test_the_information_meeting_is_for_the_chair() -> None:
    reading = Reading(info_attendee=Participant("Per Lööf", "M"), info_not_chair=True)
    c = case(
        kind=Kind.INFO_MEETING,
        reading=reading,
        participants=(),
        info_attendee=reading.info_attendee,
    )
    assert codes(c) == ["not_chair"]


def test_an_unknown_sender_is_for_review() -> None:
    found = rules.check(case(municipality=None))
    assert [(v.code, v.severity) for v in found] == [("unknown_sender", Severity.REVIEW)]


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("warn", [("duplicate_party", Severity.WARNING)]),
        ("require", [("duplicate_party", Severity.ERROR)]),
        ("off", []),
    ],
)
def test_shared_parties_follow_the_configured_policy(policy: str, expected: list[tuple[str, Severity]]) -> None:
    event = dataclasses.replace(EVENT, distinct_parties=policy)  # type: ignore[arg-type]
    people = (
        Participant("Anna Ek", "S"),
        Participant("Bo Berg", "S"),
        Participant("Cia Lund", "M"),
    )
    assert [(v.code, v.severity) for v in rules.check(case(event=event, participants=people))] == expected


def test_the_maximum_is_configurable() -> None:
    event = dataclasses.replace(EVENT, max_participants=2)
    assert codes(case(event=event)) == ["too_many_participants"]


def test_several_errors_are_all_named() -> None:
    reading = Reading(registers_dialog=True, session_dates=(SESSION, dt.date(2016, 9, 22)))
    people = (*THREE[:2], Participant("Nils Berglöf", None))
    assert codes(case(reading=reading, participants=people)) == [
        "multiple_session_dates",
        "missing_party",
    ]
