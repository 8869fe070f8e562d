"""Whether a mail registers other municipalities besides the sender's: one mail speaks for one municipality."""

from __future__ import annotations

import re

from mailbot.core.model import Event
from mailbot.core.understand.people import PersonMention
from mailbot.core.understand.places import municipality_pattern
from mailbot.core.understand.sentences import between_stops, clause_at, line_span
from mailbot.core.understand.sessions import NEGATION

_JOINT = re.compile(
    r"\b(?:både|båda|bägge|tillsammans|för\s+(?:oss\s+)?alla|samordnar\s+(?:\w+\s+)?anmäl\w*"
    # "en gemensam anmälan", "kommer gemensamt"; not "flera gemensamma frågor"
    r"|gemensamt|gemensamm?a?\s+(?:anmälan|delegation\w*|grupp\w*|deltagande))\b",
    re.I,
)
# "Vi har förstått att Nacka också kommer den 2 september": news of another's choice, not a registration for it
_HEARSAY = re.compile(r"\b(?:förstått|hört|sett|läst|fått\s+veta)\s+att\s+$", re.I)
# "Vi anmäler oss hellre var för sig", "Här kommer Salems egen anmälan": this mail is the sender's alone
# (not "Södertälje kommuns egen anmälan kommer separat": that one is still to come)
_ON_ITS_OWN = re.compile(
    r"\b(?:anmäler|anmäla)\s+(?:oss|vi)\s+(?:\w+\s+)?var\s+(?:och\s+en\s+)?för\s+sig\b"
    # "har förstått att varje kommun ska anmäla sig för sig"
    r"|\bvarje\s+kommun\s+(?:\w+\s+){0,2}anmäla?\s+sig\s+(?:\w+\s+)?(?:för\s+sig|själv|separat)\b"
    r"|\bhär\s+(?:kommer|är)\s+(?:\w+\s+){0,2}egen\s+anmälan\b",
    re.I,
)


def other_municipalities_registered(
    text: str, event: Event, own: str | None, people: list[PersonMention], signed_as_own: bool = False
) -> list[str]:
    """Other municipalities this mail registers too: named beside participants, or jointly with the sender's.

    A mere mention ("Nykvarn sköter sin egen anmälan") is no registration for it.
    """
    if _ON_ITS_OWN.search(text):
        return []
    found: list[str] = []
    cleaned = re.sub(
        r"stockholms\s+läns?\b|region\s+stockholm|stockholms\s+läns\s+landsting|landstinget\s+i\s+stockholm",
        " ",
        text,
        flags=re.I,
    )
    for municipality in event.municipalities:
        if municipality.name == own:
            continue
        pattern = municipality_pattern(municipality.name)
        for match in re.finditer(pattern, cleaned):
            clause = clause_at(cleaned, match.start())
            if NEGATION.search(clause) or _HEARSAY.search(cleaned[max(0, match.start() - 30) : match.start()]):
                continue
            line_start, line_end = line_span(cleaned, match.start(), match.end())
            sentence_start, sentence_end = between_stops(cleaned, match.start(), match.end())
            sentence = cleaned[sentence_start:sentence_end]
            # "Södertälje skickade en gemensam anmälan för båda kommunerna – bortse från den för Nykvarns del"
            if re.search(r"\bbortse\s+från\b|\b(?:gäller|gällde)\s+inte\b", sentence, re.I):
                continue
            beside_people = any(sentence_start <= p.start < sentence_end and p.party for p in people)
            # "Södertälje:", "Från Södertälje:" over a list of its people
            heading = bool(
                re.match(r"\s*[-•*]?\s*(?:(?:från|för)\s+)?" + pattern + r"\s*:", cleaned[line_start:line_end], re.I)
            )
            mine = re.escape(own or "")
            joined = bool(own) and bool(
                re.search(
                    rf"{mine}\w*(?:\s+(?:kommun|stad))?\s+(?:och|samt|&)\s+{pattern}"
                    rf"|{pattern}\w*(?:\s+(?:kommun|stad))?\s+(?:och|samt|&)\s+{mine}",
                    sentence,
                )
            )
            # "Nykvarns kommun anmäler följande …", "på uppdrag av Nykvarns kommun": another's registration
            on_behalf = bool(
                re.search(rf"på\s+uppdrag\s+av\s+(?:{pattern})|(?:{pattern})\s+(?:räkning|vägnar)", sentence)
            )
            # "Nykvarns kommun anmäler …": another's registration, unless the writer signs as their own
            # municipality ("… Solna stad" under "Sundbybergs stad anmäler": a copied sentence)
            as_subject = not signed_as_own and re.search(
                rf"(?:{pattern})(?:\s+(?:kommun|stad))?\s+(?:anmäler|deltar|kommer\s+(?:att\s+)?delta)", sentence
            )
            on_behalf = on_behalf or bool(as_subject)
            # "både Nacka och Värmdö anmäler", not "både Vallentuna och Upplands-Bro har valt den 22:a"
            # (and not "min kollega skickade in Väsbys anmälan tillsammans med Sollentunas": what happened before)
            jointly = (
                _JOINT.search(sentence)
                and re.search(rf"\b(?:vi|oss|vår|våra)\b|{mine}", sentence, re.I)
                and re.search(r"\b(?:anmäler|anmäls|kommer|deltar|delta|väljer|tar|skickar|lämnar)\b", sentence, re.I)
            )
            if beside_people or heading or joined or on_behalf or jointly:
                found.append(municipality.name)
                break
    return found
