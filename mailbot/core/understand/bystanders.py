"""People a mail names who are not registered: the reader greeted, the one asked about, an earlier mail's sender,
those of a party that abstains, a reserve and those of a registration only restated."""

from __future__ import annotations

import re

from mailbot.core.understand.parties import PartyLexicon
from mailbot.core.understand.people import PersonMention
from mailbot.core.understand.sentences import Span, clause_at, line_start, sentence_at
from mailbot.core.understand.sessions import UNCHANGED


def is_bystander(text: str, person: PersonMention, sentence: Span) -> bool:
    return (
        _is_greeting_name(text, person)
        or _asked_about(text, sentence, person)
        or _wrote_earlier(text, person)
        or _talked_about(text, person)
    )


# Politics around a registration: what someone thinks, said, wrote or pursues, and the county's own people
# What follows a name before the words that say what it is: its brackets, a comma and up to three words
_AFTER_NAME = r"[ \t]*(?:\([^)\n]{1,30}\)[ \t]*)?,?[ \t]*(?:\w+[ \t]+){0,3}?"
_POLITICS_AFTER = re.compile(
    rf"{_AFTER_NAME}"
    r"(?:i\s+spetsen|reserverade|reserverat|driver|drivit|driva|har\s+skrivit|skrev|har\s+framfört|framförde"
    r"|lovade|har\s+lovat|anser|ansåg|menar|menade|tycker|tyckte|anmälde\s+en\s+avvikande|är\s+(?:\w+\s+)?(?:mer|mindre)"
    r"\s+(?:kritisk|positiv|tveksam)|har\s+(?:\w+\s+){0,7}?(?:öppnat|föreslagit|pratat|skrivit|framfört|lovat)|öppnade"
    r"|föreslog|uttalade|ger\s+besked|lämnar\s+(?:\w+\s+){0,2}sina\s+synpunkter|pratade"
    r"|kommer\s+att\s+(?:ta\s+upp|driva|lyfta|föreslå|reservera|verka\s+för))\b"
    # "Undertecknad (Karl-Henrik Lidén, politisk sekreterare, M) följer med utan att vara en av de tre"
    r"|[^.\n]{0,50}?\b(?:följer\s+med\s+utan\s+att\s+vara|som\s+(?:åhörare|observatör))\b",
    re.I,
)
_POLITICS_BEFORE = re.compile(
    r"(?:\bgenom|\bpartikollega\w*\s+i\s+\w+,?|landstingsråd\w*|\bi\s+landstinget,?)\s*$", re.I
)


def _talked_about(text: str, person: PersonMention) -> bool:
    """ "Oppositionen, med Kent Sjödin (S) i spetsen, reserverade sig", "finanslandstingsrådet Torbjörn Rosdahl (M)",
    "Socialdemokraterna, genom Ingrid Bohlin (S), anmälde en avvikande mening": named in the politics, not coming."""
    after = text[person.end : person.end + 90]
    if _POLITICS_AFTER.match(after) and not re.match(r"[^.;\n]{0,40}?\b(?:kommer|deltar|anmäl\w*)\b(?!\s+att)", after):
        return True
    before = text[max(0, person.start - 40) : person.start]
    return bool(_POLITICS_BEFORE.search(before) or re.search(r"landstingsråd", person.role, re.I))


def _is_greeting_name(text: str, person: PersonMention) -> bool:
    """ "Hej Rebecka," names the reader, not a participant."""
    if person.party:
        return False
    return bool(
        re.fullmatch(
            r"\s*(?:hej|hejsan|hallå|hi|hello|dear|kära|bästa|tack|god\s+morgon)(?:\s+igen|\s+och\s+tack)?[\s,]*",
            text[line_start(text, person.start) : person.start],
            re.I,
        )
    )


def _asked_about(text: str, sentence: Span, person: PersonMention) -> bool:
    """ "går det bra att vår kommundirektör Håkan Lindberg följer med?": the one asked about, not registered."""
    return person.party is None and text[person.end : sentence.end].rstrip().endswith("?")


_WROTE_BEFORE = re.compile(
    r"\b(?:anmäld|skickad|skickat|inskickad|mejlad)\s+av\s+(?:[\wåäö-]+\s+){0,2}$"
    # "Vår anmälan lämnades till Lena Öberg på KSL": the one it was handed to
    r"|\b(?:lämna\w*|skicka\w*|mejla\w*|maila\w*|överlämna\w*|gavs)\s+(?:\w+\s+)?till\s+$",
    re.I,
)
_WROTE_AFTER = re.compile(
    r"[ \t]*(?:\([^)\n]{1,30}\)[ \t]*)?(?:skickade|skrev|mejlade|mailade|sände|skickat|skrivit)\b", re.I
)


def _wrote_earlier(text: str, person: PersonMention) -> bool:
    """ "den anmälan som Jonatan Ek (S) skickade", "anmäld av kommunsekreterare Cecilia Hedström": a sender."""
    return bool(
        _WROTE_BEFORE.search(text[max(0, person.start - 60) : person.start]) or _WROTE_AFTER.match(text, person.end)
    )


def not_registering(text: str, people: list[PersonMention], sentences: list[Span], lexicon: PartyLexicon) -> set[str]:
    """Names said not to register now, though named like participants.

    "Centerpartiet avstår från att delta; Ingegerd Holm (C) kommer i stället att …": the party's people in
    that sentence. "Vår dialoganmälan till den 19 september (Henrik, Khalid och Per) ligger fast": restated.
    """
    names: set[str] = set()
    for found in re.finditer(r"([\wåäöÅÄÖ-]+)\s+avstår\b", text):
        party = lexicon.resolve(found.group(1))
        if party is not None:
            sentence = sentence_at(sentences, found.start())
            names |= {p.name for p in people if p.party == party and sentence.start <= p.start < sentence.end}
    # "Gösta Rehnberg (KD) står kvar i reserv", "med Eva Ek (V) som reserv": ready to step in, not coming
    reserves = {p.name for p in people if _RESERVE.match(text, p.end)}
    # "Vår dialoganmälan … (Henrik, Khalid och Per) ligger fast": restated only; not one also in the list above
    # ("Gunnel Roos (S) … Gunnel Roos har redan anmält sig själv, detta är den kompletta anmälan")
    again = restated(text, people)
    listed = {p.name for p in people if p.listed and p not in again}
    return names | reserves | ({p.name for p in again} - listed)


def restated(text: str, people: list[PersonMention]) -> list[PersonMention]:
    """The mentions in a clause that says a registration stands as it is ("… gäller som tidigare med A (S)")."""
    return [p for p in people if UNCHANGED.search(clause_at(text, p.start))]


_RESERVE = re.compile(
    rf"{_AFTER_NAME}(?:i|som)[ \t]+(?:reserv|ersättare\s+vid\s+förhinder)\b",
    re.I,
)
