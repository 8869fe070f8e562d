"""The writer as one of the delegation: "jag (m), Pelle Karlsson (S)", "… och undertecknad", "Kalle tar min plats".

The writer's name is rarely in the sentence: it stands under the sign-off
("Anna Berg / Kommunstyrelsens ordförande (M)", "/Mats (M), ks-ordf") or in
the From header. The party may stand beside "jag" ("jag (m)"). Without a
name and a party, a person has to decide: a confirmation would leave
someone out.
"""

from __future__ import annotations

import dataclasses
import re

from mailbot.core.model import Participant
from mailbot.core.understand.parties import PartyLexicon
from mailbot.core.understand.people import PersonMention, find_people

_SELF = r"(?:jag|mig|mej|undertecknad|undertecknade)(?:\s+själv)?"
_LINK = r"\s*(?:,|och|samt|\+|&)\s*"
# "jag (m)", "jag/S", "jag - mp": the writer with a party
_SELF_PARTY = re.compile(
    r"(?<!\w)(?:jag|undertecknad)(?:\s+(?:kommer|deltar|går)(?:\s+också)?)?(?:\s+själv)?"
    r"\s*(?:\(\s*(?P<inner>[^)\n]{1,30}?)\s*\)|\s*[/–-]\s*(?P<after>[\w-]{1,30}))",
    re.I,
)
_SELF_BEFORE = re.compile(
    # "jag, min vice ordförande Birgitta Olofsson (S)", "Undertecknad samt borgarråden Jonas Ekwall (MP)"
    rf"(?<!\w){_SELF}(?:\s*\([^)\n]{{1,30}}\))?{_LINK}(?:[a-zåäö:.-]+\s+){{0,3}}$"
    # "Jag kommer gärna till dialogen den 22 september tillsammans med mina kollegor i kommunstyrelsen, X (L)"
    r"|\bjag\s+(?:kommer|deltar|går)\b(?!\s+inte)[^.\n]{0,80}\btillsammans\s+med\s+(?:[^.\n(]{0,50}?[,:]\s*)?$"
    r"|\b(?:kommer|deltar|går)\s+jag\s+(?:\S+\s+){0,3}tillsammans\s+med\s+$"
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
    r"|deltar|anmäler\s+(?:härmed\s+)?mig|vill\s+(?:gärna\s+)?(?:komma|delta|anmäla\s+mig))\b"
    # "Jag sitter i KS för C och vill anmäla mig", "härmed anmäler jag mig": first person however far from "jag"
    r"|\banmäl(?:er|a)\s+(?:härmed\s+)?(?:jag\s+)?mig\b|\banmäler\s+(?:härmed\s+)?jag\s+mig\b",
    re.I,
)
_SELF_TOO = re.compile(
    # "Jag och två kollegor kommer den 19/9: …", "undertecknad samt mina kollegor"
    r"\b(?:jag|undertecknad)\s+(?:och|samt|plus|\+)\s+(?:två|tre|en|ett\s+par|mina|min)\s+(?:\w+\s+)?"
    r"(?:kollegor|kolleger|kollega|ledamöter|ledamot|politiker|partikamrater)\b"
    r"|\b(?:kommer|deltar|följer)\s+(?:även\s+|också\s+)?jag\s+(?:också|med|även)\b"
    r"|\bjag\s+(?:kommer|deltar|följer\s+med)\s+(?:också|även)\b|\bäven\s+jag\b",
    re.I,
)
_OTHERS_LATER = re.compile(r"övriga|fler\s+(?:namn|deltagare)|resten|kollegor|återkommer|senare", re.I)
# "hoppa över mig, Kalle tar min plats", "i mitt ställe kommer Kalle Sundin (S)": the writer leaves.
_TAKES_MY_PLACE = re.compile(
    r"\b(?P<a>[A-ZÅÄÖ][\w-]+(?:\s+[A-ZÅÄÖ][\w-]+)?)\s+(?:\([^)\n]{1,25}\)\s+)?(?:tar\s+min\s+plats|ersätter\s+mig"
    r"|(?:kommer|går(?:\s+in)?|deltar)\s+i\s+mitt\s+ställe)"
    r"|\b(?i:i\s+mitt\s+ställe\s+(?:kommer|går|deltar)\s+(?:in\s+)?)(?P<b>[A-ZÅÄÖ][\w-]+(?:\s+[A-ZÅÄÖ][\w-]+)?)"
    r"|\b(?i:jag)\s+(?i:ersätts\s+av)\s+(?P<c>[A-ZÅÄÖ][\w-]+(?:\s+[A-ZÅÄÖ][\w-]+)?)"
)
# A From display name that is a person, not a function mailbox ("Registrator", "Kommunstyrelsen Nacka").
_NAME_WORD = r"[A-ZÅÄÖÉ][^\W\d_]+(?:-[A-ZÅÄÖÉ][^\W\d_]+)?"
_PERSON_NAME = re.compile(rf"{_NAME_WORD}(?:\s+(?:(?:von|af|de|van|der)\s+)?{_NAME_WORD}){{1,2}}")
_FUNCTIONS = re.compile(
    r"registrator|kommun|stad|kansli|nämnd|förvaltning|kontor|styrelse|info|admin|service|sekretariat", re.I
)


@dataclasses.dataclass(frozen=True)
class WriterMention:
    """How the text counts the writer in: and the party it gives beside "jag", if any."""

    counted: bool
    party: str | None = None


# "Jag är kommunstyrelsens ordförande i Salem (M)": the party after the writer's own title
_SELF_TITLE_PARTY = re.compile(
    r"\bjag\s+är\s+(?:[^.\n()]{0,30}\s)?(?:kso|ordförande|ordf\.?|\w*råd|gruppledare|ledamot)\b[^.\n()]{0,30}?"
    r"\(\s*(?P<inner>[^)\n]{1,30}?)\s*\)",
    re.I,
)
# "Jag sitter i kommunstyrelsen i Ekerö för Centerpartiet": the party among the words of the writer's seat
# ("Jag heter Rolf Järvinen och är ledamot i kommunstyrelsen i Vallentuna för kristdemokraterna")
# (whole words only, and a seat named: not "Jag är osäker på … direkt i m|ejlet", cut inside a word)
_SELF_SEAT = re.compile(
    r"\bjag\s+(?:heter\s+[^.\n]{3,40}?\s+och\s+)?(?:sitter|är|företräder)\b"
    r"(?=[^.\n]{0,70}?(?:kommunstyrelse|\bks\b|ledamot|ersättare|ordförande|gruppledare|råd\b|politiker|företräder"
    r"|representerar|sitter|parti))[^.\n]{0,70}\b",
    re.I,
)


def party_beside_self(text: str, lexicon: PartyLexicon) -> str | None:
    """ "jag (m)", "jag - mp", "jag är KSO i Salem (M)": the party the writer gives beside "jag"."""
    for found in [*_SELF_PARTY.finditer(text), *_SELF_TITLE_PARTY.finditer(text)]:
        said = found.groupdict().get("inner") or found.groupdict().get("after") or ""
        # "jag själv (M, KSO)": the party among the words in the brackets
        for piece in (said, *re.split(r"\s*[,;/]\s*", said)):
            if party := lexicon.resolve(piece):
                return party
    for seat in _SELF_SEAT.finditer(text):
        for word in re.finditer(r"\b(?:för|i)\s+(\w+)", seat.group(0), re.I):
            if party := lexicon.resolve(word.group(1)):
                return party
    return None


_NOT_ONE_OF_THEM = re.compile(
    r"\butan\s+att\s+vara\s+en\s+av|\bsom\s+(?:åhörare|observatör|sekreterare\s+åt)"
    # "Jag är politisk sekreterare för S i Järfälla och har fått i uppdrag att anmäla …": an official who registers
    r"|\bjag\s+är\s+(?:\w+\s+)?(?:\w*sekreterare|tjänste\w+|handläggare|assistent|registrator)\b"
    r"|\bi\s+uppdrag\s+att\s+anmäla",
    re.I,
)


def counts_writer(
    text: str,
    named: list[PersonMention],
    dialog_sentences: list[str],
    sentences_with_date: list[str],
    lexicon: PartyLexicon,
) -> WriterMention:
    """Whether the writer counts themself among the dialog participants named (or alone)."""
    # "Undertecknad (…) följer med utan att vara en av de tre", "jag följer med som åhörare": not one of them
    dialog_sentences = [s for s in dialog_sentences if not _NOT_ONE_OF_THEM.search(s)]
    sentences_with_date = [s for s in sentences_with_date if not _NOT_ONE_OF_THEM.search(s)]
    for sentence in dialog_sentences:
        if party := party_beside_self(sentence, lexicon):
            return WriterMention(True, party)
    if any(_SELF_TOO.search(sentence) for sentence in dialog_sentences):
        return WriterMention(True)  # "PS. Och så kommer jag också!" under a list of others
    for person in named:
        before = text[max(0, person.start - 150) : person.start]
        if _SELF_BEFORE.search(before) or _SELF_AFTER.match(text[person.end : person.end + 60]):
            return WriterMention(True)
    return WriterMention(not named and any(_SELF_ALONE.search(s) for s in sentences_with_date))


def others_to_follow(sentences_with_date: list[str]) -> bool:
    return any(_OTHERS_LATER.search(s) for s in sentences_with_date)


def signer(
    signature: str, sender_name: str, lexicon: PartyLexicon, not_names: frozenset[str], *, at: int
) -> PersonMention | None:
    """The writer: the full name under the sign-off (else the From name), with the party and title given there.

    `at`: where the signature begins, just after the text the mention belongs to.
    """
    people = find_people(_one_card(signature), lexicon, not_names) if signature else []
    sender = _person_name(sender_name)
    full = [p for p in people if len(p.name.split()) >= 2]
    if full:
        return dataclasses.replace(full[0], start=at, end=at, line=-1)
    if sender is None:
        return None
    if people and people[0].name.casefold() in {w.casefold() for w in sender.split()}:
        # "/Mats (M), ks-ordf" and From "Mats Granqvist" (or "Granqvist Mats"): one person
        first = people[0].name
        rest = [w for w in sender.split() if w.casefold() != first.casefold()]
        return dataclasses.replace(people[0], name=" ".join([first, *rest]), start=at, end=at, line=-1)
    return PersonMention(name=sender, party=None, start=at, end=at, line=-1)


def leaving_writer(text: str, people: list[PersonMention]) -> PersonMention | None:
    """The one who takes the writer's place: "Kalle tar min plats. Kalle Sundin (s) alltså"."""
    found = _TAKES_MY_PLACE.search(text)
    if not found:
        return None
    named = (found.group("a") or found.group("b") or found.group("c")).casefold()
    same = [p for p in people if p.name.casefold() == named or p.name.casefold().split()[0] == named]
    candidates = [p for p in same if p.party]
    if len({p.name for p in candidates}) != 1:
        return None
    # the mention in the sentence that says so, whose meeting is the one meant (not an earlier mention)
    nearest = min((p for p in same if p.name == candidates[0].name), key=lambda p: abs(p.start - found.start()))
    return nearest if nearest.party else dataclasses.replace(nearest, party=candidates[0].party)


def same_person(a: str, b: str) -> bool:
    """ "Håkan Björk" and "Björk Håkan" (a From header, family name first) are one person."""
    return sorted(a.casefold().split()) == sorted(b.casefold().split())


def as_participant(person: PersonMention, party: str | None = None) -> Participant:
    return Participant(person.name, party or person.party, person.role)


def _person_name(display: str) -> str | None:
    name = display.strip().strip("\"'")
    if "," in name:  # "Björk, Håkan"
        family, _, given = name.partition(",")
        name = f"{given.strip()} {family.strip()}"
    if _FUNCTIONS.search(name) or not _PERSON_NAME.fullmatch(name):
        return None
    return name


_SIGN_OFF_TAIL = re.compile(r".*[!:]\s*$|\s*[a-zåäö]\w*(?:\s+[\wåäö]+){2,}\s*$")


def _one_card(signature: str) -> str:
    """ "Anna Berg" over "Kommunstyrelsens ordförande (M)" or "Moderaterna": one line, name then party."""
    lines = [line for line in signature.split("\n") if line.strip()]
    while len(lines) >= 2 and _SIGN_OFF_TAIL.match(lines[0]):
        lines = lines[1:]  # "Hälsningar / från en regnig Baltikum!": the sign-off's own words, not a name
    if len(lines) >= 2 and len(lines[0].split()) == 1 and lines[1].split()[0].casefold() == lines[0].strip().casefold():
        lines = lines[1:]  # "Peter" signs, then the card says "Peter Lindqvist"
    if len(lines) >= 2 and not re.search(r"[(,]", lines[0]):
        party = re.search(r"\(([^)]{1,40})\)\s*$", lines[1])
        title = lines[1][: party.start()].strip(" ,") if party else ""
        second = f"({party.group(1)})" + (f", {title}" if title else "") if party else lines[1]
        return "\n".join([f"{lines[0]} {second}", *lines[2:]])
    return "\n".join(lines)
