"""Municipality names as written in running text, and the line a word stands on."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailbot import settings
from mailbot.core.understand.places import other_municipalities
from mailbot.core.understand.sentences import line_at, line_span

EVENT = settings.load(Path(__file__).resolve().parents[2] / "config" / "mailbot.toml", environ={}).to_event()


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Upplands-Bro tar den 2:a", "Upplands-Bro"),
        ("Upplands Bro tar den 2:a", "Upplands Bro"),
        ("Upplands-Bros ordförande", "Upplands-Bros"),
        ("Vaxholm kommer den 19", "Vaxholm"),
        ("Stockholms stad valde den 26", "Stockholms stad"),
        ("Stockholm kommun valde den 26", "Stockholm kommun"),
        ("i Stockholms län", None),  # the county, not the city
        ("Stockholm", None),
        ("Nackas gymnasium", None),  # the sender's own is never "other"
        ("Vaxholmsvägen 3", None),  # a street named after a municipality names no municipality
    ],
)
def test_other_municipality_as_written(text: str, named: str | None) -> None:
    pattern = other_municipalities(EVENT, "Nacka")
    assert pattern is not None
    found = pattern.search(text)
    assert (found.group(0) if found else None) == named


def test_a_lone_municipality_has_no_others() -> None:
    lone = EVENT.__class__(**{**EVENT.__dict__, "municipalities": EVENT.municipalities[:1]})
    assert other_municipalities(lone, EVENT.municipalities[0].name) is None


@pytest.mark.parametrize(
    ("start", "end", "line"),
    [
        (0, None, "Ut: Bo Ek (M)"),
        (15, None, "In: Eva Lund (M)"),
        (5, 20, "Ut: Bo Ek (M)\nIn: Eva Lund (M)"),
        (31, None, "Hälsningar"),
    ],
)
def test_the_line_a_name_stands_on(start: int, end: int | None, line: str) -> None:
    text = "Ut: Bo Ek (M)\nIn: Eva Lund (M)\nHälsningar"
    assert line_at(text, start, end) == line
    first, last = line_span(text, start, end)
    assert text[first:last] == line
