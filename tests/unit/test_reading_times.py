"""Sessions named by their hour or part of the day, and days written in words (corpus blind42)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mailbot import settings
from mailbot.core.model import Reading
from mailbot.core.understand.parties import PartyLexicon
from mailbot.core.understand.reading import read

EVENT = settings.load(Path(__file__).resolve().parents[2] / "config" / "mailbot.toml", environ={}).to_event()
LEXICON = PartyLexicon(EVENT.parties)
PEOPLE = "\n\nAnna Ek (S)\nBo Berg (M)\nEva Lund (C)\n"


def reading(text: str) -> Reading:
    return read(text + PEOPLE, event=EVENT, lexicon=LEXICON, municipality="Nacka")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Nacka anmäler sig till halv tio-tillfället. Följande kommer:", 22),
        ("Här är hela anmälan på nytt, till tillfället som börjar halv tio:", 22),
        ("Dialogen: vi tar tillfället kl. 15–17 i Skärgårdssalen, med", 19),
        ("Vi kommer till tillfället på torsdagsförmiddagen:", 22),
        ("Sent men i tid hoppas jag. Nacka kommer nästa fredag kl 14:", 2),
        ("Nacka kommer gärna på dialogen kl 13–15. Vi blir:", 26),
        ("Vi väljer tillfället som börjar klockan tre. Vi blir:", 19),
    ],
)
def test_a_session_named_by_its_time(text: str, day: int) -> None:
    r = reading(text)
    assert r.session_dates == (dt.date(2016, 9, day),) and not r.doubts


@pytest.mark.parametrize(
    "text",
    [
        "KS har sammanträde kl. 13 samma dag, så vi går direkt efter. Vi kommer den 22 september:",
        "Vi åker buss 07.45 och kommer den 22 september:",
        "Vi kommer den 22 september. Det har lagts ett extra KS samma eftermiddag, men det går bra:",
    ],
)
def test_the_senders_own_hours_name_no_session(text: str) -> None:
    r = reading(text)
    assert r.session_dates == (dt.date(2016, 9, 22),) and not r.doubts


def test_two_sessions_named_by_time_and_by_order_are_two_offers() -> None:
    r = reading("Nacka kan komma antingen på förmiddagspasset eller på det sista tillfället. Deltagare:")
    assert set(r.session_dates) == {dt.date(2016, 9, 22), dt.date(2016, 9, 26)}


@pytest.mark.parametrize(
    ("text", "doubt"),
    [
        ("Nacka deltar på eftermiddagen den 22:a. Vi kommer att vara:", "tiden stämmer inte"),
        ("Nacka kommer torsdagen den nittonde. Från oss deltar:", "veckodagen stämmer inte"),
        ("Nacka kommun väljer den andra. Vi kommer tre:", "'den andra'"),
    ],
)
def test_a_day_that_cannot_be_read_with_confidence(text: str, doubt: str) -> None:
    r = reading(text)
    assert r.session_dates == () and any(doubt in d for d in r.doubts)
