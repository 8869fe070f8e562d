"""Punctuation said aloud to a phone and kept as words."""

from __future__ import annotations

import pytest

from mailbot.core.understand.dictation import punctuate


def test_dictated_marks_are_written_as_marks() -> None:
    said = "Hej igen punkt Haninge lägger till en person den 26 september komma Anna Pettersson KD punkt Mvh Tove"
    assert punctuate(said) == "Hej igen. Haninge lägger till en person den 26 september, Anna Pettersson KD. Mvh Tove"


@pytest.mark.parametrize(
    "text",
    [
        "Vi kan komma den 22. På den punkten är vi överens.",
        "Det är vår sista punkt Anna tar upp.",
        "Hej! Vi kommer gärna komma Anna ihåg det.",  # no "punkt" said as a mark: nothing is rewritten
    ],
)
def test_the_words_as_words_are_left_alone(text: str) -> None:
    assert punctuate(text) == text


def test_komma_after_a_verb_stays_a_verb_in_a_dictated_mail() -> None:
    assert punctuate("Vi kommer punkt Vi kan komma kl 14 komma Anna Berg S punkt") == (
        "Vi kommer. Vi kan komma kl 14, Anna Berg S."
    )
