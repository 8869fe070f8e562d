"""The writer as one of the delegation: "jag och Pelle Karlsson (S)", "… och undertecknad", "Jag kommer den 19/9".

The writer's name and party are not in the sentence; they stand under the
sign-off ("Anna Berg / Kommunstyrelsens ordförande (M)"). Without both, a
person has to decide, because a confirmation would leave someone out.
"""

from __future__ import annotations

import dataclasses
import re

from mailbot.core.model import Participant
from mailbot.core.understand.parties import PartyLexicon
from mailbot.core.understand.people import PersonMention, find_people

_SELF = r"(?:jag|mig|mej|undertecknad|undertecknade)(?:\s+själv)?"
_LINK = r"\s*(?:,|och|samt|\+|&)\s*"
_SELF_BEFORE = re.compile(
    rf"(?<!\w){_SELF}{_LINK}$"
    r"|\bjag\s+(?:kommer|deltar|går)\s+(?:\S+\s+){0,4}tillsammans\s+med\s+$"
    r"|\bmed\s+mig\s+(?:kommer|följer|deltar|går)\s+(?:även\s+|också\s+)?$",
    re.I,
)
# "… och undertecknad Rasmus Ödlund (MP)": the writer is named there, so counted already.
_SELF_AFTER = re.compile(
    rf"\s*(?:\([^)\n]*\))?(?:\s*,\s*[^,\n]{{0,40}}?)?{_LINK}{_SELF}(?!\w)(?!,?\s*(?-i:[A-ZÅÄÖ]))", re.I
)
# "Jag kommer den 19/9", "jag anmäler mig till dialogen": the writer alone, when no one else is named.
_SELF_ALONE = re.compile(
    r"\bjag\s+(?:kommer(?!\s+(?:att\s+(?:återkomma|skicka|meddela)|återkomma|tillbaka|med\s+(?:namn|besked)))"
    r"|deltar|anmäler\s+(?:härmed\s+)?mig|vill\s+(?:gärna\s+)?(?:komma|delta|anmäla\s+mig))\b",
    re.I,
)
_OTHERS_LATER = re.compile(r"övriga|fler\s+(?:namn|deltagare)|resten|kollegor|återkommer|senare", re.I)


def counts_writer(text: str, named: list[PersonMention], sentences_with_date: list[str]) -> bool:
    """Whether the writer counts themself among the dialog participants named (or alone)."""
    for person in named:
        before = text[max(0, person.start - 50) : person.start]
        if _SELF_BEFORE.search(before) or _SELF_AFTER.match(text[person.end : person.end + 60]):
            return True
    return not named and any(_SELF_ALONE.search(s) for s in sentences_with_date)


def others_to_follow(sentences_with_date: list[str]) -> bool:
    return any(_OTHERS_LATER.search(s) for s in sentences_with_date)


def signer(signature: str, lexicon: PartyLexicon, not_names: frozenset[str], *, at: int) -> PersonMention | None:
    """The full name under the sign-off, with the party and title the signature gives.

    `at`: where the signature begins, just after the text the mention belongs to.
    """
    people = [p for p in find_people(_one_card(signature), lexicon, not_names) if len(p.name.split()) >= 2]
    return dataclasses.replace(people[0], start=at, end=at, line=-1) if people else None


def as_participant(person: PersonMention) -> Participant:
    return Participant(person.name, person.party, person.role)


def _one_card(signature: str) -> str:
    """ "Anna Berg" over "Kommunstyrelsens ordförande (M)" or "Moderaterna": one line, name then party."""
    lines = [line for line in signature.split("\n") if line.strip()]
    if len(lines) >= 2 and not re.search(r"[(,]", lines[0]):
        party = re.search(r"\(([^)]{1,40})\)\s*$", lines[1])
        title = lines[1][: party.start()].strip(" ,") if party else ""
        second = f"({party.group(1)})" + (f", {title}" if title else "") if party else lines[1]
        return "\n".join([f"{lines[0]} {second}", *lines[2:]])
    return "\n".join(lines)
