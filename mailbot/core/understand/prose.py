"""People named in running prose: "Tomas Zetterlund … – han är moderat", "Från Miljöpartiet kommer Rana Al-Sayed".

Lists bind a party to the name beside it; a narrative gives it a clause
later ("hon sitter i kommunstyrelsen för Liberalerna") or a phrase before
("Från Miljöpartiet kommer …"). And a full name that a sentence says will
come is a participant even when the party is missing, so that it is asked for.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from mailbot.core.understand.parties import PartyLexicon
from mailbot.core.understand.people import PersonMention

# "– han är moderat och vice ordförande", "som har suttit för Folkpartiet", "hon sitter … för Liberalerna"
_DESCRIBED = re.compile(
    # (also in the next sentence: "fel parti för Fatima Hussein i vår anmälan. Hon är vänsterpartist, inte …")
    r"^(?:[^.!?\n]{0,40}?|[^.!?\n]{0,40}[.!]\s+)\b(?:han|hon|hen|som)\s+(?:också\s+)?"
    r"(?:är|sitter|har\s+suttit|representerar|företräder|tillhör)\b"
    r"(?P<rest>[^.;!?]{0,70})"  # (over a line break: "Bo Berg, han är" / "(S).")
    # "Mats Gerdin-Lund, vår kommunstyrelseordförande från Moderaterna, kommer …"
    r"|^\s*,\s*(?P<apposition>[^,.;!?\n]{0,60}?\b(?:från|för)\s+[^,.;!?\n]{2,30}),"
    # "Ingela Wåhlin är socialdemokrat och kommer …"
    r"|^\s+är\s+(?P<is>(?:[\wåäö-]+\s+){0,2}?[\wåäö-]+)"
    # "Hasse Lund i C, han hänger på", "Lisa Enqvist från S"
    r"|^\s+(?:i|från)\s+(?P<in>[\wåäö-]+)(?=\s*[,.;]|\s+(?:och|som|han|hon)\b|\s*$)",
    re.I,
)
_PARTY_BEFORE = re.compile(
    r"\b(?:från|för)\s+(?P<party>[\wåäöÅÄÖ-]+)\s+(?:kommer|följer|deltar|går)\s+(?:med\s+)?$"
    # "Vi sossar skickar vår KSO Katarina Berggren", "och en moderat, Joakim Nordin"
    r"|\bvi\s+(?P<we>[\wåäöÅÄÖ-]+)\s+(?:skickar|har|tar|kommer\s+med)\s+(?:vår\w*\s+)?(?:[\wåäö:.-]+\s+){0,2}$"
    r"|\ben\s+(?P<one>[\wåäöÅÄÖ-]+)\s*[,:–-]\s*$",
    re.I,
)
# "Den tredje blir Jonas Vikström", "Med honom kommer …", "… följer med": a narrative's list of who comes
_COMES = re.compile(
    r"\bden\s+(?:andra|tredje)\s+(?:platsen\s+)?(?:blir|tar|har|går\s+till)\b|\bmed\s+(?:honom|henne)\s+(?:kommer|följer)\b"
    r"|\bföljer\s+med\b|\btar\s+den\s+(?:andra|tredje)\s+platsen\b|\btar\s+med\s+sig\b|\bsom\s+tredje\b"
    r"|\bhänger\s+på\b|\bhakar\s+på\b"
    # "Ann-Sofi ska stavas Ann-Sofie Kjellgren": a name put right, one of the delegation
    r"|\bstavas\b|\bskrivs\b|\brätt\s+stavat\b",
    re.I,
)


# "Katarina Berggren och Mehmet Yilmaz, båda socialdemokrater": one party for the pair
_BOTH = re.compile(r"\s*,?\s*(?:båda|bägge|bäggedera|två)\s+(?P<party>[\wåäö-]+)", re.I)


# "Fredrik och Tomas företräder Moderaterna respektive Centerpartiet": two first names, two parties in turn
_RESPECTIVELY = re.compile(
    r"\b(?P<a>[A-ZÅÄÖ][\wåäö-]+)\s+och\s+(?P<b>[A-ZÅÄÖ][\wåäö-]+)\s+"
    r"(?:företräder|representerar|sitter\s+för|är|tillhör)\s+(?P<pa>[\wåäöÅÄÖ-]+(?:\s+[\wåäöÅÄÖ-]+)?)\s+respektive\s+"
    r"(?P<pb>[\wåäöÅÄÖ-]+(?:\s+[\wåäöÅÄÖ-]+)?)"
)


def prose_parties(text: str, people: list[PersonMention], lexicon: PartyLexicon) -> list[PersonMention]:
    """The people, with parties read from the prose around them and a say on who comes."""
    people = _parties_by_first_name(text, _pairs_of_one_party(text, people, lexicon), lexicon)
    result: list[PersonMention] = []
    for i, person in enumerate(people):
        if person.party is None and len(person.name.split()) >= 2:
            party = (
                _party_after(text, person, people[i + 1 :], lexicon)
                or _party_before(text, person, lexicon)
                or _party_in_title(text, person, lexicon)
            )
            if party:
                person = dataclasses.replace(person, party=party, listed=True)
            elif _said_to_come(text, person):
                person = dataclasses.replace(person, listed=True)
        result.append(person)
    return result


def _parties_by_first_name(text: str, people: list[PersonMention], lexicon: PartyLexicon) -> list[PersonMention]:
    """ "… Fredrik Åhl, Leila Al-Hassan och Tomas de Geer. Fredrik och Tomas företräder Moderaterna respektive
    Centerpartiet, Leila sitter för Vänsterpartiet": the full names listed first take the parties the first
    names are given later, and the first names are no one else."""
    said: dict[str, str] = {}  # first name -> party
    for found in _RESPECTIVELY.finditer(text):
        for who, party in (("a", "pa"), ("b", "pb")):
            if code := lexicon.resolve(found.group(party)):
                said[found.group(who).casefold()] = code
    for person in people:
        if person.party and " " not in person.name:
            said.setdefault(person.name.casefold(), person.party)
    unbound = [p for p in people if " " in p.name and p.party is None]
    firsts = Counter(p.name.split()[0].casefold() for p in unbound)  # a first name two people share gives no one
    given: set[str] = set()
    result: list[PersonMention] = []
    for person in people:
        first = person.name.split()[0].casefold()
        if person in unbound and first in said and firsts[first] == 1:
            person = dataclasses.replace(person, party=said[first], listed=True)
            given.add(first)
        result.append(person)
    return [p for p in result if " " in p.name or p.name.casefold() not in given]


def _pairs_of_one_party(text: str, people: list[PersonMention], lexicon: PartyLexicon) -> list[PersonMention]:
    result = list(people)
    for i in range(1, len(result)):
        first, second = result[i - 1], result[i]
        both = _BOTH.match(text, second.end)
        joined = re.fullmatch(r"\s+(?:och|samt|&)\s+", text[first.end : second.start])
        party = lexicon.resolve(both.group("party")) if both and joined else None
        if party and first.party is None and second.party is None:
            result[i - 1] = dataclasses.replace(first, party=party, listed=True)
            result[i] = dataclasses.replace(second, party=party, listed=True)
    return result


def _party_after(text: str, person: PersonMention, later: list[PersonMention], lexicon: PartyLexicon) -> str | None:
    stop = min((p.start for p in later), default=len(text))
    window = text[person.end : min(stop, person.end + 120)]
    described = _DESCRIBED.match(window)
    if not described:
        return None
    # the group that matched, though it may have matched nothing: "Anna Ek, hon är\n…"
    words = next((g for g in described.group("rest", "apposition", "is", "in") if g is not None), "")
    for word in re.findall(r"[\wåäöÅÄÖ-]+", words):
        if code := lexicon.resolve(word):
            return code
    for mention in lexicon.long_mentions(words):
        return mention.code
    return None


# "vår KD-ledamot i kommunstyrelsen, Göran Ek", "som är s-märkt oppositionsråd", "– M-gruppens ordförande"
_PARTY_COMPOUND = re.compile(
    r"\b(?P<code>[A-Za-zÅÄÖåäö]{1,3})-(?:ledamot\w*|politiker\w*|märkt|grupp\w*|representant\w*|råd\w*)", re.I
)
# "– socialdemokratiska gruppledaren", "moderata kommunalrådet": a party adjective in the title
_PARTY_ADJECTIVE = re.compile(r"\b(?P<word>[a-zåäö]{5,}isk[a]?|moderata|liberala)\s+\w+", re.I)


def _party_in_title(text: str, person: PersonMention, lexicon: PartyLexicon) -> str | None:
    """A party said in the person's title: before the name, or in an apposition after it ("– …", "som är …")."""
    after = re.match(r"\s*(?:[–-]|,?\s+som\s+är)\s+([^\n.;]{0,70})", text[person.end : person.end + 80])
    for words in (person.role, after.group(1) if after else ""):
        for found in _PARTY_COMPOUND.finditer(words):
            if code := lexicon.resolve(found.group("code")):
                return code
        for found in _PARTY_ADJECTIVE.finditer(words):
            word = found.group("word").lower().removesuffix("a")
            if code := lexicon.resolve(word) or lexicon.misspelt(word):
                return code
    return None


def _party_before(text: str, person: PersonMention, lexicon: PartyLexicon) -> str | None:
    found = _PARTY_BEFORE.search(text[max(0, person.start - 60) : person.start])
    if found and (party := lexicon.resolve(found.group("party") or found.group("we") or found.group("one"))):
        return party
    # "Hon tar med sig Benny Holmqvist. Benny är socialdemokrat": the first name, said later
    first = re.escape(person.name.split()[0])
    later = re.search(rf"\b{first}\s+är\s+((?:[\wåäö-]+\s+){{0,2}}?[\wåäö-]+)", text[person.end : person.end + 300])
    if later:
        return next((code for word in later.group(1).split() if (code := lexicon.resolve(word))), None)
    return None


def _said_to_come(text: str, person: PersonMention) -> bool:
    """ "Den tredje blir Jonas Vikström", "Med honom kommer Birgitta Ärlebrant": within the name's clause."""
    start = max(text.rfind(mark, 0, person.start) for mark in (".", "\n", ";", " – ", "!", "?")) + 1
    end_marks = [i for i in (text.find(m, person.end) for m in (".", "\n", ";", " – ")) if i >= 0]
    end = min(end_marks, default=len(text))
    return _COMES.search(text[start:end]) is not None
