"""Changes written into a mail: swaps ("X ersätts av Y (S)"), additions, first names spelt out."""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable

from mailbot.core.model import Participant, Swap
from mailbot.core.understand.names import is_title
from mailbot.core.understand.people import PersonMention
from mailbot.core.understand.sentences import line_at

# "… ersätts av ledamoten Maja Thorsell": a definite title may stand before the newcomer
_SWAP_BETWEEN = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?"
    # "X kan inte den 22:a, krock med annat, han ersätts av Y": the pronoun takes X along
    # "Ulrika kan inte, ersätts av Y": the clause between says why
    r"(?:[^.\n(]{0,80}?(?:,|\s+så|\s+och|\s+so|\s+and)\s+(?:han|hon|hen|he|she)\s+|[^.\n(]{0,50}\s+och\s+"
    r"|[^.\n(]{0,40}?,\s*)?"
    # "Gustav (KD) is sick, he is replaced by Lotta Eng (KD)": English writers swap too
    r"(?:ersätts|byts\s+ut|byts|byter\s+plats|(?:is\s+)?replaced)\s+(?:(?:därför|alltså|då|nu|tyvärr|härmed)\s+)?"
    r"(?:av|mot|med|by)"
    r"(?P<titles>(?:\s+[a-zåäö:.-]+){0,3}?)\s*$",
    re.I,
)


def _swap_between(gap: str) -> bool:
    """ "ersätts av ledamoten", "ersätts av gruppledare": only titles may stand before the newcomer."""
    found = _SWAP_BETWEEN.match(gap)
    if found is None:
        return False
    return all(is_title(w.lower().strip(".")) or re.search(r"(?:en|et)$", w) for w in found.group("titles").split())


_SWAP_REVERSED = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?,?\s*(?:ersätter|kommer\s+i\s*stället\s+för|kommer\s+istället\s+för|deltar\s+i\s*stället\s+för|deltar\s+istället\s+för|går\s+in\s+i\s*stället\s+för)\s*$",
    re.I,
)


# "X ersätts av Y, samma parti", "… av Y (samma parti)", "… av Y, även hon från samma parti": the party X leaves
_SAME_PARTY = re.compile(
    r"\s*[,(.:–-]?\s*(?:(?:som\s+)?(?:också|även)\s+(?:hon|han|hen)?\s*)?(?:från\s+|i\s+|av\s+)?samma\s+parti", re.I
)


_ADD_BEFORE = re.compile(
    # "vi vill lägga till Johan Lilja (L)", "lägga till vår 2:e vice ordförande Kjell Rydén (KD)"
    r"(?:lägg|lägga|lägger|lagt|läggs)\s+(?:även\s+|också\s+|dessutom\s+)?till\s+"
    r"(?:(?:vår|vårt|våra|min|en|ett)\s+(?:[a-zåäö0-9:.-]+\s+){0,3})?$"
    r"|(?:lägg|lägga|lägger|lagt|läggs)\s+(?:även\s+|också\s+|dessutom\s+)?till\s*$|utöka\w*\s+(?:\w+\s+){0,2}med\s*$"
    # "Vi vill komplettera Huddinges anmälan till den 22 september med Omar Jaber (V)"
    r"|\bkomplettera\w*\s+(?:[\w:/.-]+\s+){0,6}med\s+(?:[a-zåäö:.-]+\s+){0,2}$"
    # "Vi tar med en tredje till den 19/9: Rasmus Öhman (C)", "vi har med oss en fjärde: …"
    r"|\b(?:tar|har)\s+(?:även\s+|också\s+)?med\s+(?:oss\s+)?(?:en|ett)\s+(?:tredje|fjärde|till)\b[^.\n]{0,60}[:,–-]\s*$"
    # "Nu har vi vår tredje: Mehmet Aksoy (S)"
    r"|\b(?:vår|vårt|en)\s+(?:tredje|fjärde)\s*[:,–-]\s*$"
    r"|\b(?:tredje|fjärde|ytterligare\s+en|en\s+till|ny)\s+(?:deltagare\w*|person\w*|politiker\w*|ledamot\w*|namn\w*)\b"
    r"[^.\n]{0,60}[:,]\s*$"
    # "vi lägger till en tredje till den 2 september: Fatima Al-Hassan (V)"
    r"|(?:lägg\w*|fyll\w*\s+på)\s+(?:till\s+)?(?:en\s+)?(?:tredje|fjärde|ytterligare\s+en|en\s+till|deltagare|person"
    r"|ledamot|politiker)\b[^.\n]{0,60}[:,]\s*$"
    # "även undertecknad, Ulrika Strand (L)", "anmäls härmed även kommunstyrelsens ordförande Daniel Ek (M)"
    r"|\b(?:även|också)\s+(?:undertecknad\w*\s*,?\s*)?(?:[a-zåäö:.-]+\s+){0,3}$",
    re.I,
)


_ADD_AFTER = re.compile(
    r"^\s*(?:\([^)]*\))?\s*,?\s*(?:tillkommer|läggs\s+till|ansluter"
    r"|(?:följer|kommer|deltar)\s+(?:också|även)\b(?!\s+(?:på|till)\s+info)"  # "X (KD) följer också med"
    r"|följer\s+med\s+oss\b)",  # "Mehmet Aksoy (S) följer med oss den 19:e"
    re.I,
)


# "ps. hela namnen: Pelle = Per Ragnarsson, Lisa = Lisa Öhman": first names spelt out
_SPELT_OUT = re.compile(
    r"\b(?P<short>[A-ZÅÄÖ][^\W\d_]+)\s*(?:=|är|heter)\s*(?P<full>[A-ZÅÄÖ][^\W\d_-]+(?:-[A-ZÅÄÖ][^\W\d_]+)?"
    r"(?:\s+[A-ZÅÄÖ][^\W\d_-]+(?:-[A-ZÅÄÖ][^\W\d_]+)?)+)"
)


_REPLACES_TITLE = re.compile(
    r"\s*(?:\([^)]*\))?\s*,?\s*(?:ersätter|går\s+in\s+(?:för|i\s*stället\s+för)|kommer\s+i\s*stället\s+för)\s+"
    r"(?:vår\w*\s+|den\s+|det\s+)?(?P<title>[a-zåäö:-]+(?:\s+[a-zåäö-]+)?)\b(?!\s+[A-ZÅÄÖ])"
)
_INSTEAD_OF_NAMED = re.compile(
    r"\s*(?:\([^)]*\))?\s*,?\s*(?:(?:kommer|deltar|går\s+in)\s+)?(?:i\s*stället|istället)\s+för\s+"
    r"(?P<who>[A-ZÅÄÖ][^\W\d_]+(?:[ -][A-ZÅÄÖ][^\W\d_]+)*)\b"
)
_OUT_ROW = re.compile(r"\s*(?:ut|utgår|går\s+ut|stryks)\s*[|:–-]", re.I)
_IN_ROW = re.compile(r"\s*(?:in|tillkommer|går\s+in|ny|nytt\s+namn)\s*[|:–-]", re.I)


def full_names(text: str, dialog: list[Participant]) -> list[Participant]:
    spelt = {m.group("short").casefold(): m.group("full") for m in _SPELT_OUT.finditer(text)}
    by_name: dict[str, Participant] = {}
    for person in dialog:
        full = dataclasses.replace(person, name=spelt.get(person.name.casefold(), person.name))
        by_name.setdefault(full.name.casefold(), full)
    # "Benny Holmqvist … Benny är socialdemokrat": a first name of someone already named is that person
    firsts = {p.name.split()[0].casefold(): p for p in by_name.values() if len(p.name.split()) >= 2}
    return [
        p
        for p in by_name.values()
        if not (len(p.name.split()) == 1 and (same := firsts.get(p.name.casefold())) and p.party in {None, same.party})
    ]


def partyless_newcomers(text: str, people: list[PersonMention]) -> list[str]:
    """ "Hanna Löfgren ersätter Birgitta Ahlqvist (L)": a swap whose newcomer has no party anywhere in the text.

    Whose is the "(L)"? Both may be liberals, or the writer forgot Hanna's: a person decides.
    """
    with_party = {p.name.casefold() for p in people if p.party}
    found: list[str] = []
    for left, right in itertools.pairwise(people):
        gap = text[left.end : right.start]
        if "\n" in gap:
            continue
        if _swap_between(gap) and right.party is None and _SAME_PARTY.match(text, right.end) is None:
            found.append(right.name)
        elif _SWAP_REVERSED.match(gap) and left.party is None:
            found.append(left.name)
    return [name for name in found if name.casefold() not in with_party]


def swaps_in(
    text: str, people: list[PersonMention], *, about_info_meeting: Callable[[int], bool] = lambda _: False
) -> tuple[list[Swap], set[int]]:
    """The swaps and additions the text makes, and the positions of the people they take up.

    `about_info_meeting(position)`: whether the sentence there is about the information meeting only, whose
    "även Anna Berg (S) kommer till informationsmötet" adds no one to the dialog delegation, and whose
    attendee swapped ("Paul kan inte komma på informationsmötet. Eva (M) kommer i hans ställe") is no one's
    swap in it either.
    """
    swaps: list[Swap] = []
    used: set[int] = set()
    for left, right in itertools.pairwise(people):
        gap = text[left.end : right.start]
        if "\n" in gap or about_info_meeting(left.start):
            continue
        lead = text[max(0, left.start - 30) : left.start]
        same_party = right.party is None and _SAME_PARTY.match(text, right.end) is not None
        if (
            (right.party or same_party)
            # "byt ut X mot Y", "Samtidigt ersätts X (S) av Y (KD)"
            and re.match(r"^\s*(?:\([^)]*\)\s*)?,?\s*(?:mot|av|med)\s*$", gap)
            and re.search(r"(?:byt\w*|ersätt\w*)(?:\s+ut)?\s*$", lead, re.I)
        ) or (_swap_between(gap) and (right.party or same_party)):
            incoming = Participant(right.name, right.party or left.party, right.role)
            swaps.append(Swap(leaving=left.name, joining=incoming, same_party=same_party))
        elif _SWAP_REVERSED.match(gap) and left.party:
            swaps.append(Swap(leaving=right.name, joining=Participant(left.name, left.party, left.role)))
        else:
            continue
        used.update({left.start, right.start})
    for person in people:
        # "vi vill lägga till Johan Lilja (L)", "Johan Lilja (L) tillkommer": an addition
        before = text[max(0, person.start - 100) : person.start]
        after = text[person.end : person.end + 30]
        if (
            person.party
            and person.start not in used
            and not person.negated  # "Vi frågade även Birgitta Holm (KD), men hon har tackat nej"
            and (_ADD_BEFORE.search(before) or _ADD_AFTER.match(after))
            and not about_info_meeting(person.start)
        ):
            swaps.append(Swap("", Participant(person.name, person.party, person.role)))
            used.add(person.start)
    for i, person in enumerate(people):
        # "Lena Barkman (V) har fått förhinder. I hennes ställe kommer Tove Lind (V)."
        # "Anna Berg kan inte komma, istället kommer Olle Lund (M)."
        before = text[max(0, person.start - 40) : person.start]
        # "… istället kommer Olle Lund (M)", "…, Karl Holm (M) kommer i stället"
        instead = re.search(r"(?:i\s*stället|istället)\s+(?:kommer|deltar|går\s+in)\s*$", before, re.I) or re.match(
            r"\s*(?:\([^)]*\))?\s*(?:kommer|deltar|går\s+in)\s+(?:i\s*stället|istället)\b", text[person.end :], re.I
        )
        if (
            i > 0
            and person.party
            and person.start not in used
            # "Paul kan inte komma på informationsmötet. Eva Gröndahl (M) kommer i hans ställe": that meeting's
            and not about_info_meeting(people[i - 1].start)
            and (
                re.search(r"i\s+(?:hennes|hans|dennes|hens)\s+ställe\s+(?:kommer|deltar|går\s+in)\s*$", before, re.I)
                # "Marianne Nordh har fått förhinder, så Kjell Åberg (S) kommer i hennes ställe."
                or re.match(
                    r"\s*(?:\([^)]*\))?\s*(?:kommer|deltar|går\s+in)\s+(?:\w+\s+)?i\s+(?:hennes|hans|dennes|hens)\s+ställe\b",
                    text[person.end : person.end + 50],
                    re.I,
                )
                # "Bo Berg har fått förhinder. Därför kommer Karl Holm (M) i hans ställe."
                or (
                    re.search(r"\b(?:kommer|deltar|går\s+in)\s+$", before, re.I)
                    and re.match(
                        r"\s*(?:\([^)]*\))?\s*i\s+(?:hennes|hans|dennes|hens)\s+ställe\b", text[person.end :], re.I
                    )
                )
                # "Lena Hjelm kan tyvärr inte den 22/9. Byt henne mot Tove Granqvist (S)."
                or re.search(r"\bbyt\w*\s+(?:ut\s+)?(?:henne|honom|hen)\s+(?:mot|med)\s*$", before, re.I)
                # "Clara Lindqvist har fått förhinder. I stället för henne kommer Rashid Farah (V)."
                or re.search(
                    r"(?:i\s*stället|istället)\s+för\s+(?:henne|honom|hen)\s+(?:kommer|deltar|går\s+in)\s*$",
                    before,
                    re.I,
                )
                # "Olle Ek har fått förhinder. Han ersätts av Maja Lind (S)."
                or re.search(r"\b(?:han|hon|hen)\s+(?:ersätts|byts\s+ut|byts)\s+(?:av|mot|med)\s*$", before, re.I)
                or (instead and people[i - 1].negated and people[i - 1].start not in used)
            )
        ):
            swaps.append(Swap(people[i - 1].name, Participant(person.name, person.party, person.role)))
            used.update({people[i - 1].start, person.start})
    for person in people:
        # "I Annas ställe kommer Per Lund (M)": the one leaving named in the genitive
        genitive = re.search(
            r"\b[Ii]\s+(?P<who>[A-ZÅÄÖ][\w-]+?)s\s+ställe\s+(?:kommer|deltar|går\s+in)\s*$",
            text[max(0, person.start - 50) : person.start],
        )
        if genitive and person.party and person.start not in used:
            swaps.append(Swap(genitive.group("who"), Participant(person.name, person.party, person.role)))
            used.add(person.start)
    for i, person in enumerate(people):
        # "Marcus Hellgren (M). Han ersätter Kristina Ehn …": the one named before takes her place
        between = text[people[i - 1].end : person.start] if i > 0 else ""
        if (
            i > 0
            and people[i - 1].party
            and person.start not in used
            and re.search(r"\b(?:han|hon|hen)\s+ersätter\s+(?:\w+\s+){0,2}$", between, re.I)
            and "\n\n" not in between
        ):
            newcomer = people[i - 1]
            swaps.append(Swap(person.name, Participant(newcomer.name, newcomer.party, newcomer.role)))
            used.update({newcomer.start, person.start})
    for person in people:
        # "vår vice ordförande Henrik Sjödin (C) ersätter oppositionsrådet": the one leaving named by title
        by_title = _REPLACES_TITLE.match(text, person.end)
        if (
            by_title
            and person.party
            and person.start not in used
            and is_title(by_title.group("title").split()[-1].lower())
            and not about_info_meeting(person.start)
        ):
            swaps.append(Swap(by_title.group("title"), Participant(person.name, person.party, person.role)))
            used.add(person.start)
    for person in people:
        # "det blir Anna Wästberg (L) istället för Bo": the one leaving, often by first name only
        instead_of = _INSTEAD_OF_NAMED.match(text, person.end)
        if instead_of and person.party and person.start not in used and not about_info_meeting(person.start):
            swaps.append(Swap(instead_of.group("who"), Participant(person.name, person.party, person.role)))
            used.add(person.start)
            used.update(p.start for p in people if p.start == instead_of.start("who"))
    for i, person in enumerate(people):
        # "I stället för Anna Andersson kommer Bo Berg (M)"
        before = text[max(0, person.start - 25) : person.start]
        if re.search(r"(?:i\s*stället|istället)\s+för\s*$", before, re.I) and i + 1 < len(people):
            joining = people[i + 1]
            gap = text[person.end : joining.start]
            if "\n" not in gap and re.search(r"kommer|deltar|går\s+in", gap) and joining.party:
                swaps.append(Swap(person.name, Participant(joining.name, joining.party, joining.role)))
                used.update({person.start, joining.start})
    # "… och hon ersätts av Per Söderlind (C). Birgitta Rydén (C) ersätts alltså av Per Söderlind (C).": one swap
    # "UT | Kristina Ahlgren-Nyberg | S" over "IN | Tomas Öhrn | S": a table of who leaves and who comes
    outs = [p for p in people if p.start not in used and _OUT_ROW.match(line_at(text, p.start))]
    ins = [p for p in people if p.start not in used and p.party and _IN_ROW.match(line_at(text, p.start))]
    if outs and len(outs) == len(ins):
        for leaving, joining in zip(outs, ins, strict=True):
            swaps.append(Swap(leaving.name, Participant(joining.name, joining.party, joining.role)))
            used.update({leaving.start, joining.start})
    # "Vi har fått ny ledamot: Henrik Sjödin (C). Han ersätter …": one who takes a place is no addition too
    taking = {s.joining.name.casefold() for s in swaps if s.leaving}
    swaps = [s for s in swaps if s.leaving or s.joining.name.casefold() not in taking]
    unique = {(s.leaving.casefold(), s.joining.name.casefold()): s for s in reversed(swaps)}
    return [s for s in swaps if unique[(s.leaving.casefold(), s.joining.name.casefold())] is s], used
