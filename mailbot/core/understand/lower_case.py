"""People typed without capitals: "fredrik ohlin (s)", "oskar lindahl m, britt-marie hellström s", "av maria fält s".

Capitals are what `names.name_runs` trusts, so these need their own, narrower grammar: two lower-case
words that are no known word (a particle may stand between), then a bare party code set off from what
follows. A list of two or more such is read as it stands; one alone only where a name is expected, after
"av", a colon or a comma and before the end, a bracket or a title, since "word word s" may be prose too.
A name right before a party in brackets ("fredrik ohlin (s)") is trusted on its own.
"""

from __future__ import annotations

import itertools
import re

from mailbot.core.understand.lexicon import NAME_PARTICLES
from mailbot.core.understand.names import Item, not_a_name
from mailbot.core.understand.parties import PartyLexicon

# any letters ("jelena kovačević"): whether they are lower case is checked where a name is taken
_WORD = r"[^\W\d_][^\W\d_'’]*(?:-[^\W\d_]+)*"
_NAME = rf"{_WORD}\s(?:(?:af|von|van|de|der|du|la)\s)?{_WORD}"
_PERSON = re.compile(
    rf"(?<![\w@.])(?P<name>{_NAME})(?:\s+|\s*,\s*)\(?(?P<party>[a-zåäö]{{1,3}})\)?"
    r"(?=\s*(?:[,;+/&(]|\b(?:och|o)\b|\.(?:\s|$)|$)|\s+(?:är|kommer|deltar|kso|ks|ordf|v\.?\s?ordf|\d:?e|mvh|hälsn\w*)\b)",
    re.I,
)
# "av mikael grönros, socialdemokraterna,", "lotta pérez från miljöpartiet": a party's name after the name
_PERSON_LONG = re.compile(
    rf"(?<![\w@.])(?P<name>{_NAME})(?:\s*,\s*|\s+från\s+|\s+[-–]\s+)(?P<party>[^\W\d_]{{4,}}(?:\s+[^\W\d_]+){{0,2}}?)"
    r"(?=\s*(?:[,;.(]|\b(?:och|o)\b|$))",
    re.I,
)
_LINK = re.compile(r"\)?\s*(?:[,;+/&]|och|o)\s*")
# Where one name alone is expected: the start, "av", "kommer", a colon or a comma before it
_SINGLE_BEFORE = re.compile(r"(?:^|[:,]|\b(?:av|kommer|anmäler|anmäls|är|blir))\s*$", re.I)
_SINGLE_AFTER = re.compile(r"\s*(?:$|[,.(]|\s(?:är|kommer|deltar|kso|ks|ordf|v\.?\s?ordf|\d:?e)\b)", re.I)
# "carl wennerholm m, elin sjödin l och janne fors": the list's last name, its party forgotten
_LAST_WITHOUT_PARTY = re.compile(rf"\s*(?:,|och|o|\+|&)\s*(?P<name>{_NAME})(?=\s*(?:$|[.!]))")


def typed_people(line: str, lexicon: PartyLexicon, not_names: frozenset[str]) -> list[tuple[Item, Item | None]]:
    """(name, party) for each person typed in lower case on the line; party None for a list's last unmarked."""
    pairs: list[tuple[Item, Item]] = []
    for found in (*_PERSON.finditer(line), *_PERSON_LONG.finditer(line)):
        name = _name(found, line, lexicon, not_names)
        code = lexicon.resolve(found.group("party"))
        if name is None or not code or not found.group("name").islower():
            continue
        if any(n.start < name.end and name.start < n.end for n, _ in pairs):
            continue
        pairs.append((name, Item("party", found.start("party"), found.end("party"), found.group("party"), code)))
    pairs.sort(key=lambda pair: pair[0].start)
    if len(pairs) >= 2 and all(_LINK.fullmatch(line[a[1].end : b[0].start]) for a, b in itertools.pairwise(pairs)):
        listed: list[tuple[Item, Item | None]] = list(pairs)
        last = _LAST_WITHOUT_PARTY.match(line, pairs[-1][1].end)
        if last and (name := _name(last, line, lexicon, not_names)) is not None and last.group("name").islower():
            listed.append((name, None))
        return listed
    return [
        (name, party)
        for name, party in pairs
        if _SINGLE_BEFORE.search(line[: name.start])
        and _SINGLE_AFTER.match(line[party.end + (line[party.end : party.end + 1] == ")") :])
    ]


def _name(found: re.Match[str], line: str, lexicon: PartyLexicon, not_names: frozenset[str]) -> Item | None:
    words = found.group("name").split()
    if any(not_a_name(w, lexicon, not_names) for w in (words[0], words[-1])):
        return None
    return Item("name", found.start("name"), found.end("name"), found.group("name"))


def unmarked_last(
    line: str, parties: list[Item], names: list[Item], lexicon: PartyLexicon, not_names: frozenset[str]
) -> Item | None:
    """ "mattias lundh (m), gunnel forsberg (s) och tobias ring.": the last of a list, typed without its party.

    Two people with parties come first on the line, so it is a list; a careful reader sees a third person whose
    party is missing (and the rules then ask for it), not nothing.
    """
    if len(parties) < 2:
        return None
    last = max(parties, key=lambda p: p.end)
    end = last.end + (line[last.end : last.end + 1] == ")")
    found = _LAST_WITHOUT_PARTY.match(line, end)
    if not found or not found.group("name").islower() or any(n.start >= end for n in names):
        return None
    return _name(found, line, lexicon, not_names)


def lowercase_names(
    line: str, parties: list[Item], names: list[Item], lexicon: PartyLexicon, not_names: frozenset[str]
) -> list[Item]:
    """ "fredrik ohlin (s)": people written without capitals, trusted only right before "(party)"."""
    found: list[Item] = []
    for party in parties:
        opening = line.rfind("(", 0, party.start)
        if opening < 0 or line[opening + 1 : party.start].strip():
            continue
        if any(n.end <= opening and not line[n.end : opening].strip() for n in names):
            continue
        match = re.search(r"((?:[^\W\d_][\w'’-]*\s+){1,3})$", line[:opening])
        if not match:
            continue
        words = match.group(1).split()
        while words and (not_a_name(words[0], lexicon, not_names) or words[0].lower() in NAME_PARTICLES):
            words.pop(0)
        if len(words) >= 2 and not any(not_a_name(w, lexicon, not_names) for w in words) and words[0].islower():
            start = line.rfind(words[0], 0, opening)
            end = start + len(" ".join(words))
            if line[start:end] == " ".join(words):
                found.append(Item("name", start, end, line[start:end]))
    return found
