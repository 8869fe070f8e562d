"""Mail typed without å, ä and ö is read as Swedish; names stay as written."""

from __future__ import annotations

import pytest

from mailbot.core.understand import diacritics

TABLE = diacritics.restoring_table(["Täby", "Värmdö", "Miljöpartiet"])

# (id, typed, read as)
RESTORED = [
    ("info-meeting", "jag kommer aven pa infomotet 30/8", "jag kommer även på infomötet 30/8"),
    ("municipality", "Varmdo anmaler till den 2:a sept", "Värmdö anmäler till den 2:a sept"),
    ("capitalised", "Taby kor den 22:a", "Täby kör den 22:a"),
    ("closing", "Med vanliga halsningar", "Med vänliga hälsningar"),
    ("party", "Karin Ek, miljopartiet", "Karin Ek, miljöpartiet"),
    ("hyphenated-part", "direkt efter ksl-motet", "direkt efter ksl-mötet"),
]


@pytest.mark.parametrize(("typed", "read_as"), [pytest.param(t, r, id=i) for i, t, r in RESTORED])
def test_known_words_get_their_letters_back(typed: str, read_as: str) -> None:
    assert diacritics.restore(typed, TABLE) == read_as


def test_every_position_stays_where_it_was() -> None:
    typed = "Taby anmaler Ulrika Bergh (m) till forsta tillfallet"
    assert len(diacritics.restore(typed, TABLE)) == len(typed)


def test_names_are_kept_as_written() -> None:
    assert diacritics.restore("Peter Soder (c) och Asa Lind (s)", TABLE) == "Peter Soder (c) och Asa Lind (s)"


def test_text_with_any_swedish_letter_is_left_alone() -> None:
    assert diacritics.restore("Vi kommer pa mötet", TABLE) == "Vi kommer pa mötet"
