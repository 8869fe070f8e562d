"""Punctuation said aloud to a phone: "Hej igen punkt Haninge lägger till … den 26 september komma Anna …".

Siri and Google keep "punkt" and "komma" as words when the speaker's language setting does not match.
Both are ordinary Swedish words too ("på den punkten", "vi kan komma"), so the words are read as marks
only in a text that says "punkt" as a mark at least once (after a word, before a capital or the end).
"""

from __future__ import annotations

import re

_SAID_FULL_STOP = re.compile(r"(?P<word>[^\W\d_]+) punkt(?= +[A-ZÅÄÖ]|\s*$|\s*\n)")
# "den sista punkt", "på punkt": the word itself
_BEFORE_THE_WORD = frozenset({"en", "den", "denna", "varje", "sista", "första", "på", "vid", "i", "någon", "ingen"})
_MARKS = (
    (re.compile(r" punkt\b(?= +[A-ZÅÄÖ]|\s*$|\s*\n)"), "."),
    # not "vi kan komma", "att komma": after a verb that takes it, "komma" is the verb
    (
        re.compile(
            r"(?<!\bkan)(?<!\bska)(?<!\bvill)(?<!\batt)(?<!\binte)(?<!\bfår)(?<!\bkunna)(?<!\bkunde)(?<!\bmåste)"
            r"(?<!\bbör)(?<!\bhinner)(?<!\bskulle)(?<!\bkommer) komma\b(?= +\S)"
        ),
        ",",
    ),
    (re.compile(r" kolon\b"), ":"),
    (re.compile(r" frågetecken\b"), "?"),
    (re.compile(r" utropstecken\b"), "!"),
    (re.compile(r" ny rad\b ?"), "\n"),
)


def punctuate(text: str) -> str:
    """The text with dictated punctuation written as marks, when it has any."""
    if not any(m.group("word").lower() not in _BEFORE_THE_WORD for m in _SAID_FULL_STOP.finditer(text)):
        return text
    for pattern, mark in _MARKS:
        text = pattern.sub(mark, text)
    return text
