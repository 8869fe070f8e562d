"""Mail typed without å, ä and ö ("taby kor den 22:a, jag kommer aven pa infomotet"), read as Swedish.

A phone or a foreign keyboard drops the dots and rings; every cue the
reader knows is written with them. When a text has none at all, the known
words get them back. Each restored letter replaces one letter, so every
position in the text stays where it was, and names stay as written (a name
is never one of the known words).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mailbot.core.understand.lexicon import DAY_ORDINALS, NOT_NAMES, ORDINALS, TITLE_WORDS, WEEKDAYS

_FOLD = str.maketrans("åäöÅÄÖéÉ", "aaoAAOeE")
_HAS_DIACRITICS = re.compile(r"[åäöÅÄÖ]")
_WORD = re.compile(r"[A-Za-z]+")

# The words replies are read by. Words whose plain form is another word as
# often ("ar": år or är, "var": vår or var) are left out.
_COMMON = (
    "anmäla",
    "anmäler",
    "anmälan",
    "anmälde",
    "anmält",
    "anmälda",
    "anmälningen",
    "avanmäla",
    "avanmäler",
    "på",
    "för",
    "från",
    "även",
    "också",
    "efter",
    "så",
    "då",
    "när",
    "någon",
    "något",
    "några",
    "många",
    "själv",
    "själva",
    "båda",
    "bägge",
    "går",
    "gå",
    "gärna",
    "kör",
    "tyvärr",
    "förhinder",
    "förhindrad",
    "möjlighet",
    "möjligt",
    "tillfälle",
    "tillfället",
    "tillfällen",
    "tillfällena",
    "möte",
    "mötet",
    "möten",
    "mötena",
    "infomöte",
    "infomötet",
    "informationsmöte",
    "informationsmötet",
    "dialogmöte",
    "dialogmötet",
    "träff",
    "träffen",
    "ersätts",
    "ersätter",
    "ersättare",
    "istället",
    "stället",
    "ställe",
    "hälsning",
    "hälsningar",
    "vänlig",
    "vänliga",
    "vänligen",
    "hälsar",
    "återkommer",
    "återkomma",
    "återbud",
    "ändrar",
    "ändring",
    "ändra",
    "ändå",
    "kommunalråd",
    "oppositionsråd",
    "gruppledare",
    "ledamöter",
    "förtroendevalda",
    "välkomna",
    "tacksam",
    "bokningen",
    "avbokning",
    "avbokar",
    "stryk",
    "lägg",
    "lägger",
    "läggs",
    "tillägg",
    "fråga",
    "frågor",
    "undrar",
    "måndag",
    "tisdag",
    "fredag",
    "måndagen",
    "fredagen",
    "nästa",
    "första",
    "fjärde",
    "sjätte",
    "åttonde",
)


def restoring_table(extra: Iterable[str]) -> dict[str, str]:
    """Plain form → Swedish form, for every known word that has å, ä or ö."""
    words = [*_COMMON, *DAY_ORDINALS, *ORDINALS, *TITLE_WORDS, *WEEKDAYS, *NOT_NAMES, *extra]
    table: dict[str, str] = {}
    for word in words:
        for part in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", word.lower()):
            plain = part.translate(_FOLD)
            if plain != part and len(plain) >= 2:
                table.setdefault(plain, part)
    return table


def restore(text: str, table: dict[str, str]) -> str:
    """The text with its known words spelt with å, ä and ö; unchanged if it has any of them already."""
    if _HAS_DIACRITICS.search(text):
        return text

    def swedish(match: re.Match[str]) -> str:
        word = match.group(0)
        restored = table.get(word.lower())
        if restored is None:
            return word
        if word.isupper() and len(word) > 1:
            return restored.upper()
        return restored[0].upper() + restored[1:] if word[0].isupper() else restored

    return _WORD.sub(swedish, text)


# "info mötet", "info-mötet", "dialog tillfället": a compound a phone or a hurry splits
# "informations möte", and the party names a dictating phone splits: "vänster partiet", "social demokraterna"
_SPLIT_COMPOUND = re.compile(
    r"\b(info|informations|dialog)[ -](möte\w*|tillfäll\w*)"
    r"|\b(vänster|miljö|center|social|krist|sverige)[ ](partiet|demokraterna|demokrat\w*)\b",
    re.I,
)


def join_compounds(text: str) -> str:
    """The text with the meetings' split compounds joined; the space moves after the word, so positions stay."""
    return _SPLIT_COMPOUND.sub(lambda m: f"{m.group(1) or m.group(3)}{(m.group(2) or m.group(4)).lower()} ", text)
