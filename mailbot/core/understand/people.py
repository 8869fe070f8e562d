"""People and their parties: "Anna Andersson (S)", "S: Anna Andersson", "Anna Andersson, Moderaterna".

No Swedish NER model installs offline, so this is a grammar: names are runs
of capitalised words that are not known Swedish words, titles or places;
a party binds to the name it stands next to. A name with no party counts
only where a list of participants is being given.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from mailbot.core.understand.lexicon import NOT_NAMES
from mailbot.core.understand.lower_case import lowercase_names, typed_people, unmarked_last
from mailbot.core.understand.names import WORD, Item, clean_name, is_title, name_runs, not_a_name
from mailbot.core.understand.parties import PartyLexicon, PartyMention

_BULLET = re.compile(r"^\s*(?:[-–—•·*o▪■►➢✓]|\d{1,2}[.)]|[a-z][.)])\s+")
_PAREN = re.compile(r"[(\[]([^()\[\]\n]{1,80})[)\]]")
_SENTENCE_END = re.compile(r"(?<!\bordf)(?<!\bbl\.a)(?<!\bt\.ex)(?<!\bkl)[.!?;](?=\s|$)")
_SHORT_BEFORE = re.compile(r"(?:^|[,;:|–—(/]|\s-|\bfrån|\bför|\bär|\bresp\.|\brespektive)\s*$", re.I)
_SHORT_AFTER = re.compile(
    r"^\s*(?:$|[,;:|)/(]|[-–—]\s|\s*och\b|\s*samt\b|\s*resp(?:\.|ektive\b)|\.\s|\.$|-grupp\w*\b"
    r"|\s*[\u2600-\u27bf\U0001f300-\U0001faff]"  # "Lisa från C 👍"
    # "Malin Dahlberg M ordf ks, Sakarias Lindh S v.ordf": a title right after the party letter
    r"|\s+(?:ordf\w*|v\.\s?ordf\w*|vice\s+ordf\w*|\d:?[ae]\s+v(?:ice|\.)\s?ordf\w*|kso\b|ks-ordf\w*|kommunalråd\w*"
    r"|oppositionsråd\w*|gruppledare\w*|ledamot\w*|ersättare\w*))",
    re.I,
)
_NAME_THEN_COLUMN = re.compile(r"\s*(?:[-–•*]\s+|\d{1,2}[.)]\s+)?(?:[A-ZÅÄÖÉ][^\W\d_'’-]+(?:-[^\W\d_]+)?\s+){2,3}")
_CLAUSE_BREAK = re.compile(
    r"[.!?;](?=\s|$)|,\s*(?:men|så|eftersom|därför|då|medan)\b|\b(?:men|utan|medan|eftersom)\b|\s[–—]\s"
    r"|\s\|\s"  # a table's cells: "Ingrid Kärrman | S | oppositionsråd (KSO har förhinder)"
    r"|(?<=[a-zåäö]):\s",  # "Vi avstår från informationsmötet och anmäler bara dialogen: den 2 september kommer …"
    re.I,
)
_NEGATION = re.compile(
    r"\b(?:inte|ej|icke|förhinder|förhindrad|förhindrat|utgår|avböjer|avstår|slutat|lämnat|saknas"
    r"|frånvarande|sjuk|sjukskriven|föräldraledig|tjänstledig|bortrest|på\s+semester|har\s+semester|kan\s+tyvärr\s+inte|har\s+tyvärr|tyvärr\s+inte|stannar\s+(?:\w+\s+)?hemma"
    r"|bortse\s+från|stryk|stryker|stryks|struken|strukits|tas\s+bort|tar\s+bort|hoppa[rt]?\s+av|backa[rt]?\s+ur)\b",
    re.I,
)


@dataclass(frozen=True)
class PersonMention:
    name: str
    party: str | None
    start: int
    end: int
    line: int
    role: str = ""
    listed: bool = False
    negated: bool = False

    @property
    def bound(self) -> bool:
        return self.party is not None


def find_people(text: str, lexicon: PartyLexicon, not_names: frozenset[str] = frozenset()) -> list[PersonMention]:
    """Every person named in the text, with the party bound to them where one is.

    `not_names` are lower-cased words that are never part of a name here
    (the configured municipalities, rooms and places).
    """
    people: list[PersonMention] = []
    offset = 0
    lines = text.split("\n")
    # A mail typed all in lower case ("jan-erik söderlund | kso | moderaterna") is read as if capitalised, as
    # one in capitals is; its names are kept as written
    whispered = not any(c.isupper() for c in text)
    listy = [_is_list_line(line.title() if whispered else line, lexicon, not_names) for line in lines]
    for index, line in enumerate(lines):
        if whispered and _bare_row(line, lexicon, not_names) and _list_neighbour(index, lines, lexicon, not_names):
            # "marianne öhman (s)" / "helena ruiz": a row of a typed list, its party forgotten
            head, comma, rest = line.partition(",")
            found = _people_on_line(head.title() + comma + rest, offset, index, lexicon, lines, listy, not_names)
            people.extend(
                dataclasses.replace(p, name=clean_name(text[p.start : p.end]), listed=" " in p.name) for p in found
            )
        elif _shouted(line) or (whispered and _list_item(line, lexicon) and len(line.title()) == len(line)):
            # "ÅSA LINDGREN (M)": read as "Åsa Lindgren (M)", named as written
            found = _people_on_line(line.title(), offset, index, lexicon, lines, listy, not_names)
            people.extend(dataclasses.replace(p, name=clean_name(text[p.start : p.end])) for p in found)
        else:
            people.extend(_people_on_line(line, offset, index, lexicon, lines, listy, not_names))
        offset += len(line) + 1
    return _both_of_party(text, _with_home_names(text, _renamed(text, people)), lexicon)


def _with_home_names(text: str, people: list[PersonMention]) -> list[PersonMention]:
    """ "Erik Johansson i Runby (C)": a name with its home village, as Swedish politicians long have been called.

    Read as two people ("Erik Johansson", "Runby (C)") it would be one person without a party and a surname alone.
    A municipality or other known place after "i" is never such a name: it is not a person at all.
    """
    result: list[PersonMention] = []
    for person in people:
        before = result[-1] if result else None
        if (
            before is not None
            and before.party is None
            and len(before.name.split()) >= 2
            and " " not in person.name
            and before.line == person.line
            and text[before.end : person.start] == " i "
        ):
            result[-1] = dataclasses.replace(person, name=f"{before.name} i {person.name}", start=before.start)
            continue
        result.append(person)
    return result


# "Hanna Löfgren ersätter Olof Säll. Båda är S.", "… och Per Ek, bägge två moderater"
_BOTH_ARE = re.compile(
    r"\b(?:båda|bägge)(?:\s+två)?\s+(?:är|tillhör|representerar|företräder)\s+(?P<party>[^\W\d_]+(?:\s+[^\W\d_]+)?)",
    re.I,
)


def _both_of_party(text: str, people: list[PersonMention], lexicon: PartyLexicon) -> list[PersonMention]:
    """The two people named just before "båda är S" without a party of their own take that party."""
    result = list(people)
    for found in _BOTH_ARE.finditer(text):
        words = found.group("party").split()
        code = lexicon.resolve(" ".join(words)) or lexicon.resolve(words[0])
        before = [i for i, p in enumerate(result) if p.end <= found.start() and found.start() - p.end < 200]
        if not code or len(before) < 2:
            continue
        pair = before[-2:]
        # "Hanna Löfgren ersätter Birgitta Ahlqvist, båda är L": the letter may already sit with the second
        if all(result[i].party in (None, code) for i in pair) and any(result[i].party is None for i in pair):
            for i in pair:
                result[i] = dataclasses.replace(result[i], party=code)
    return result


# "Kent Ståhl (FP) – rättelse, han heter Kenneth Ståhl": the name put right just after it was written
_RIGHT_NAME = re.compile(
    r"\b(?:(?:han|hon|hen)\s+(?:heter|stavas)|heter\s+egentligen|namnet\s+(?:är|ska\s+vara))"
    r"\s+(?:ju\s+|rätteligen\s+|faktiskt\s+)?$",
    re.I,
)


def _renamed(text: str, people: list[PersonMention]) -> list[PersonMention]:
    result: list[PersonMention] = []
    for person in people:
        wrong = result[-1] if result else None
        if (
            wrong is not None
            and wrong.party
            and person.party is None
            and wrong.line == person.line
            and _RIGHT_NAME.search(text[max(0, person.start - 30) : person.start])
            and (
                wrong.name.split()[-1].casefold() == person.name.split()[-1].casefold()
                or re.search(r"rättelse|rätta|\bfel\b|förlåt|\boj\b", text[wrong.end : person.start], re.I)
            )
        ):
            result[-1] = dataclasses.replace(wrong, name=person.name)
            continue
        result.append(person)
    return result


def _list_item(line: str, lexicon: PartyLexicon) -> bool:
    """A short line that names one person and a party, or a table row: "jan-erik söderlund | kso | moderaterna"."""
    cells = [c for c in re.split(r"\s*(?:\||,|\s[–-]\s|:)\s*", line.strip(" \t•*·-")) if c]
    return len(line) <= 70 and len(cells) >= 2 and any(lexicon.resolve(c) for c in cells)


def _bare_row(line: str, lexicon: PartyLexicon, not_names: frozenset[str]) -> bool:
    """ "- helena ruiz", "björn tjernström, ordförande i tekniska nämnden": two or three words, then a role.

    No word of it is a known word: "mvh lisa holm" and "tack på förhand" are no rows.
    """
    head = line.partition(",")[0]
    words = head.strip(" \t-–•*·").split()
    return (
        re.fullmatch(r"\s*(?:[-–•*·]\s*)?[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){1,2}\s*", head) is not None
        and len(head.title()) == len(head)
        and not any(not_a_name(w, lexicon, not_names) for w in words)
    )


def _list_neighbour(index: int, lines: list[str], lexicon: PartyLexicon, not_names: frozenset[str]) -> bool:
    """The row above or below names someone with a party: "tore lindgren (m)", "lotta blom | s"."""
    return any(
        0 <= i < len(lines)
        and (
            _list_item(lines[i], lexicon)
            or ((row := _TYPED_ROW.fullmatch(lines[i])) is not None and lexicon.resolve(row.group("party")) is not None)
        )
        for i in (index - 1, index + 1)
    )


_TYPED_ROW = re.compile(r"\s*(?:[-–•*·]\s*)?(?:[^\W\d_][\w'’-]*\s+){1,3}\(?(?P<party>[a-zåäö]{1,3})\)?(?:\s*,.*)?\s*")


def _shouted(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 6 and all(c.isupper() for c in letters) and len(line.title()) == len(line)


def _people_on_line(
    line: str,
    offset: int,
    index: int,
    lexicon: PartyLexicon,
    lines: list[str],
    listy: list[bool],
    not_names: frozenset[str],
) -> list[PersonMention]:
    parties = _parties(line, lexicon)
    names = name_runs(line, lexicon, not_names)
    names += lowercase_names(line, parties, names, lexicon, not_names)
    for typed, typed_party in typed_people(line, lexicon, not_names):
        if typed_party and not any(i.start < typed_party.end and typed_party.start < i.end for i in parties):
            parties.append(typed_party)
        if not any(i.start < typed.end and typed.start < i.end for i in names):
            names.append(typed)
    if (unmarked := unmarked_last(line, parties, names, lexicon, not_names)) is not None:
        names.append(unmarked)
    # "i både mitt och Jörgens mejl", "Saras anmälan": a genitive names whose the thing is, not someone coming;
    # "på studieresa till Helsingfors", "i Uppsala": one word after a preposition is a place
    names = [
        n
        for n in names
        if " " in n.text
        or not (
            (n.text.endswith("s") and _POSSESSED.match(line, n.end))
            or (
                re.search(r"\b(?:till|i|på|från|via|över|utanför)\s+$", line[: n.start])
                and not re.match(r"\s*\(", line[n.end :])
            )
        )
    ]
    items = sorted(parties + names, key=lambda i: i.start)
    items = [i for i in items if not _inside_other(i, items)]
    found: list[PersonMention] = []
    used: set[int] = set()
    in_turn = _respectively(line, items)
    for position, item in enumerate(items):
        if item.kind != "name":
            continue
        party = in_turn.get(item.start) if in_turn else None
        party = party or _bind_right(line, items, position, used) or _bind_left(line, items, position, used)
        later_names = [i.start for i in items[position + 1 :] if i.kind == "name"]
        listed = (
            (listy[index] and _has_list_neighbour(index, lines, listy))
            or _coordinated(line, items, position)
            # the first cell of a row under a "Namn" column: "Tiina Mäkelä | Ledamot KS | …", her party left out
            or (" | " in line and line.split(" | ")[0].strip() == item.text and _under_name_column(index, lines))
        )
        # Without a party, only a full name in a list counts: "Nils Berglöf", not "Vänligen" or "Marianne".
        listed = listed and (party is not None or len(item.text.split()) >= 2)
        found.append(
            PersonMention(
                name=clean_name(item.text),
                party=party.code if party else None,
                start=offset + item.start,
                end=offset + item.end,
                line=index,
                role=_role(line, item, party, min(later_names, default=len(line))),
                listed=listed,
                negated=_negated(line, item, lexicon),
            )
        )
    return _share_parties(line, offset, _name_chains(line, offset, found))


def _respectively(line: str, items: list[Item]) -> dict[int, Item]:
    """ "Olof Lindgren, Birgitta Ståhl-Eriksson och Kerstin Åberg, företrädande (M), (L) resp. (C)": in turn."""
    names = [i for i in items if i.kind == "name"]
    parties = [i for i in items if i.kind == "party"]
    if (
        len(names) < 2
        or len(names) != len(parties)
        or names[-1].end > parties[0].start
        or not re.search(r"\bresp(?:\.|ektive\b)", line[parties[0].start : parties[-1].end], re.I)
        or _SENTENCE_END.search(re.sub(r"\bresp\.", "resp", line[names[0].start : parties[-1].end]))
    ):
        return {}
    return {name.start: party for name, party in zip(names, parties, strict=True)}


_POSSESSED = re.compile(
    r"\s+(?:mejl|mail|e-?post|brev|meddelande|svar|anmälan|lista|listan|namn|uppgifter|kalender|ställe)\b", re.I
)
_REGISTERS = re.compile(r"\b(?:anmäl\w*|kommer|deltar|deltagare|blir|representeras)\b", re.I)


def _name_chains(line: str, offset: int, found: list[PersonMention]) -> list[PersonMention]:
    """ "anmäler Per-Olof Ekström, Yasmin Haddad och Sven Åkerlund": full names listed together, parties or not."""
    chained = list(found)
    for i in range(len(found) - 1):
        left, right = found[i], found[i + 1]
        gap = line[left.end - offset : right.start - offset]
        full = len(left.name.split()) >= 2 and len(right.name.split()) >= 2
        sentence = _clause_around(line, left.start - offset, right.end - offset)
        registering = _REGISTERS.search(sentence) and not re.search(r"\btack\b", sentence, re.I)
        if full and registering and re.fullmatch(r"\s*(?:\([^)\n]*\))?\s*(?:,|och|samt|&)\s*", gap):
            chained[i] = dataclasses.replace(chained[i], listed=True)
            chained[i + 1] = dataclasses.replace(chained[i + 1], listed=True)
    return chained


def _share_parties(line: str, offset: int, found: list[PersonMention]) -> list[PersonMention]:
    """ "Eva Strand och Omar Haji, båda (S)": one party for the people it says it is for."""
    shared = list(found)
    for i, person in enumerate(found):
        if not person.party:
            continue
        after = line[person.end - offset : person.end - offset + 25]
        count = re.match(r"\s*,?\s*(båda|bägge|alla\s+tre|samtliga|alla)\b", after, re.I)
        if not count:
            continue
        reach = 1 if count.group(1).lower() in {"båda", "bägge"} else 2
        for j in range(i - 1, max(-1, i - 1 - reach), -1):
            gap = line[found[j].end - offset : found[j + 1].start - offset]
            if shared[j].party or not re.fullmatch(r"\s*(?:,|och|samt|&)\s*", gap):
                break
            shared[j] = dataclasses.replace(shared[j], party=person.party, listed=True)
    for i in range(1, len(shared)):
        # "Från Moderaterna kommer Carl von Essen och Birgitta Åhlin, från S Tor Nyqvist": the party that opens
        # the pair is both people's
        first, second = shared[i - 1], shared[i]
        head = line[max(0, first.start - offset - 50) : first.start - offset]
        if (
            first.party
            and not second.party
            and re.fullmatch(r"\s+(?:och|samt)\s+", line[first.end - offset : second.start - offset])
            and re.search(r"\b(?:från|för)\s+[\wåäöÅÄÖ-]+\s+(?:kommer|deltar|går)\s+(?:\w+\s+)?$", head, re.I)
        ):
            shared[i] = dataclasses.replace(second, party=first.party, listed=True)
    return shared


def _negated(line: str, name: Item, lexicon: PartyLexicon) -> bool:
    """Named as not coming: "Anna Andersson (C) kan inte den 26:e", "KSO har förhinder".

    Not "Lotta Fors (C), inte Liberalerna": that "inte" is about the party.
    """
    clause = _clause_around(line, name.start, name.end)
    clause = re.sub(
        r"\b(?:inte|ej)\s+(?:för\s+|från\s+)?\(?([\w-]+)\)?",
        lambda m: "" if lexicon.resolve(m.group(1)) else m.group(0),
        clause,
        flags=re.I,
    )
    # "1:e vice ordförande (ej KSO)": a title put right in brackets, no one not coming
    clause = re.sub(r"\((?:ej|inte)\s+(?:kso|ordförande|ledamot|ersättare)[^)]*\)", "", clause, flags=re.I)
    # "han vill inte missa dialogen", "vill inte gå miste om den": a double negation says he comes
    clause = re.sub(r"\b(?:inte|ej)\s+(?:\w+\s+)?(?:missa|gå\s+miste)\b", "", clause, flags=re.I)
    before = line[_clause_start(line, name.start) : name.start]
    # "Vi funderade på att ta med Jan-Erik Söderholm också, men han sitter inte i KS längre": a thought dropped
    considered = re.search(
        r"\b(?:funderade|övervägde|tänkte)\s+(?:\w+\s+){0,3}(?:ta\s+med|skicka|anmäla)\s+$", before, re.I
    )
    if considered and re.search(r"\bmen\b[^.!?\n]{0,60}\b(?:inte|ej)\b", line[name.end :], re.I):
        return True
    # "Pia Lindqvist (MP) hade gärna följt med men avstår": a wish, and a no
    if re.match(
        r"\s*(?:\([^)]*\))?\s*(?:hade|skulle)\s+(?:\w+\s+){0,2}(?:gärna|helst)\b[^.!?\n]{0,40}\bmen\s+(?:\w+\s+)?"
        r"(?:avstår|avböjer|kan\s+inte|har\s+förhinder)",
        line[name.end :],
        re.I,
    ):
        return True
    # "Vi frågade även Birgitta Holm, men hon har tackat nej", "… Marianne Holm (S) skulle kunna komma, men hon är
    # bortrest": the pronoun after "men" says she does not come
    if re.match(rf"[^.\n]{{0,50}}?,?\s*men\s+(?:hon|han|hen)\s+(?:\w+\s+){{0,2}}{_ABSENT}", line[name.end :], re.I):
        return True
    if not _NEGATION.search(clause):
        return False
    after = line[name.end : name.end + 60]
    if re.match(r"\s*(?:\([^)]*\))?\s*,?\s*(?:och\s+)?(?:inte|ej)\s+[A-ZÅÄÖ]", after) and not _NEGATION.search(
        clause[: max(0, clause.find(name.text))]
    ):
        return False  # "det ska vara Marie Sjöqvist (C), inte Maria Sjökvist": the "inte" is the other one's
    # "I stället kommer X", "KSO har förhinder, vice ordf X kommer i stället": X is the one who comes
    # "Då KSO är förhindrad deltar i dennes ställe 1:e vice ordförande X": X comes in the place of the one who cannot
    return not (
        re.search(r"\b(?:i\s*stället|istället)\s+(?:kommer|deltar)\b", before, re.I)
        or re.match(r"\s*(?:\([^)]*\))?\s*(?:kommer|deltar|går)\s+(?:\w+\s+)?(?:i\s*stället|istället)\b", after, re.I)
        or re.search(rf"\bi\s+{_WHOSE}\s+ställe\b", before, re.I)
        or re.match(rf"\s*(?:\([^)]*\))?\s*(?:kommer|deltar|går)\s+(?:\w+\s+)?i\s+{_WHOSE}\s+ställe\b", after, re.I)
    )


_WHOSE = r"(?:dennes|hans|hennes|hens|ordförandens|kso:s|mitt|vårt?\s+\w+s)"


_ABSENT = (
    r"(?:tackat\s+nej|avböj\w*|avstår|är\s+(?:bortrest|sjuk\w*|föräldraledig|tjänstledig|på\s+semester)"
    r"|har\s+(?:fått\s+)?(?:förhinder|semester)|kan\s+inte\s+(?:komma|delta|närvara)|(?:kommer|deltar)\s+inte)\b"
)
_SUBORDINATE = re.compile(r"(?:eftersom|men|då|när|som|så|att|vilket|där|medan|fast|trots|ersätter|ersätts)$", re.I)


def _role(line: str, name: Item, party: Item | None, stop: int) -> str:
    """Titles around a name: "kommunstyrelsens 1:e vice ordförande Per-Anders Lööf (M), KSO"."""
    parts: list[str] = []
    # "förste vice ordförande i kommunstyrelsen, Hans-Erik Kjellberg": a title in apposition too
    before = re.search(r"((?:[\w:.-]+,?\s+){1,6})$", line[: name.start])
    if before:
        words = before.group(1).split()
        title: list[str] = []
        for word in reversed(words):
            if is_title(word.lower().strip(".,")) or (title and word.lower() in {"i", "för"}):
                title.insert(0, word)
            else:
                break
        head = line[: name.start].rstrip()
        title_start = head.rfind(title[0]) if title else -1
        # "Malin Ekholm (M) KSO, Roger Sand": that "KSO," closes the name before, it is not Roger's
        belongs_before = title and title[-1].endswith(",") and re.search(r"\)\s*$", head[:title_start])
        if title and not belongs_before:
            parts.append(" ".join(title).rstrip(","))
    after_start = party.end if party and party.start > name.start else name.end
    gap = line[name.end : party.start] if party and party.start > name.start else ""
    tail = line[after_start:stop]
    if end := _SENTENCE_END.search(tail):
        tail = tail[: end.start()]  # a title stands in the name's own sentence
    pieces = re.split(r"[,()|–;.]|\s(?:och|samt)\s", gap + "," + tail)
    if stop < len(line) and len(tail) == stop - after_start and pieces[-1].strip():
        pieces.pop()  # "Ulrika Ek (S), kommunstyrelsens vice ordförande Serkan Yıldız (M)": the next name's title
    for piece in pieces:
        words = piece.split()
        if (
            words
            and any(is_title(w.lower().strip(".:")) for w in words)
            and len(words) <= 8
            and not _SUBORDINATE.match(words[0])  # "…, eftersom vår ordförande är bortrest": not a title
        ):
            parts.append(piece.strip())
            break
    return ", ".join(parts)


# a party in brackets, after any "också"/"även hon": "Therese Blom (också L)", "(även han S)"
_PAREN_PIECE = re.compile(
    r"(?:(?<=^)|(?<=[,/;]))\s*(?:(?:också|även|likaså)\s+(?:(?:hon|han|hen)\s+)?)?(?P<p>[^,/;]+)", re.I
)


# "Anna Berg ", "Sofia Nyberg-Lind ": a full name right before a party letter
_FULL_NAME_BEFORE = re.compile(r"[A-ZÅÄÖ][^\W\d_]+(?:-[^\W\d_]+)?\s+[A-ZÅÄÖ][^\W\d_]+(?:-[^\W\d_]+)?\s+$")


def _parties(line: str, lexicon: PartyLexicon) -> list[Item]:
    items: list[Item] = []
    taken: list[tuple[int, int]] = []
    for group in _PAREN.finditer(line):
        inner_start = group.start(1)
        found = [
            Item("party", inner_start + piece.start("p"), inner_start + piece.end("p"), piece.group("p"), code)
            for piece in _PAREN_PIECE.finditer(group.group(1))
            if (
                code := lexicon.resolve(piece.group("p"))
                or lexicon.misspelt(piece.group("p").strip())
                or (line[: group.start()].rstrip()[-1:].isalpha() and lexicon.slipped(piece.group("p")))
            )
        ]
        if len({item.code for item in found}) == 1 or not re.search(r"/", group.group(1)):
            items.extend(found)  # "(S/MP)" names two parties for one person: none is bound
        taken.append((group.start(), group.end()))

    def free(m: PartyMention) -> bool:
        return not any(a <= m.start < b for a, b in taken)

    for mention in (*lexicon.long_mentions(line), *lexicon.misspelt_mentions(line)):
        if free(mention):
            items.append(
                Item(
                    "party",
                    mention.start,
                    mention.end,
                    line[mention.start : mention.end],
                    mention.code,
                )
            )
            taken.append((mention.start, mention.end))
    for word in WORD.finditer(line):
        code = lexicon.misspelt(word.group(0)) if not any(a <= word.start() < b for a, b in taken) else None
        if code and not any(i.start <= word.start() < i.end for i in items):
            items.append(Item("party", word.start(), word.end(), word.group(0), code))
            taken.append((word.start(), word.end()))
    for mention in lexicon.code_mentions(line):
        if not free(mention):
            continue
        token = line[mention.start : mention.end]
        head = line[: mention.start]
        # "Karin Holm - mod", "Martin Norrby, mod.": a short alias set off right after a name
        set_off = re.search(r"[^\W\d_]{2}\s*(?:,|\s[-–—]|/)\s*$", head) is not None
        if len(token) > 2 and not token.isupper() and not set_off:
            continue
        # Two-letter codes are no Swedish words, so "Ingrid Holm kd" needs no comma.
        after_name = (
            (
                (len(token) == 2 and re.search(r"[^\W\d_]{2}\s+$", head) is not None)
                # "Anna Berg M, Olle Lund S": a capital letter right after a full name
                or (token.isupper() and _FULL_NAME_BEFORE.search(head) is not None)
                # "Lena Dahl m, Ahmed Yusuf s": a lower-case letter right after a full name, before a comma
                or (
                    _FULL_NAME_BEFORE.search(head) is not None
                    and re.match(r"\s*(?:,|och\b|\.\s|\.?$)", line[mention.end :]) is not None
                )
            )
            or (
                # "Linnea Bergh S" alone on its line: a list with the party as its last column
                token.isupper()
                and not line[mention.end :].strip(" .,;")
                and _NAME_THEN_COLUMN.fullmatch(head) is not None
            )
        )
        if (_SHORT_BEFORE.search(head) or after_name) and _SHORT_AFTER.match(line[mention.end :]):
            items.append(Item("party", mention.start, mention.end, token, mention.code))
        elif (
            token.isupper()
            and (not head.strip() or _BULLET.fullmatch(head + " "))
            and re.match(r" +[^\W\d_]+[^\W\d_'’-]*[ -][^\W\d_]", line[mention.end :])
        ):
            # "M Kristina Ahlqvist, KSO": the party letter first, as a column
            items.append(Item("party", mention.start, mention.end, token, mention.code))
        elif re.search(r"\b(?:från|för)\s+$", head, re.I) and re.match(
            r" +(?:kommer\s+)?[A-ZÅÄÖ][^\W\d_'’-]+(?:-[^\W\d_]+)?\s+[A-ZÅÄÖ]", line[mention.end :]
        ):
            # "och från S Anders Blom": the party letter that opens the next name
            items.append(Item("party", mention.start, mention.end, token, mention.code))
    return items


def _inside_other(item: Item, items: list[Item]) -> bool:
    return item.kind == "name" and any(o.kind == "party" and o.start <= item.start and item.end <= o.end for o in items)


def _bind_right(line: str, items: list[Item], position: int, used: set[int]) -> Item | None:
    name = items[position]
    for later in items[position + 1 :]:
        if later.kind == "name":
            return None
        if len(later.text) > 2 and re.match(
            r"\s+(?:representeras\s+|företräds\s+)?(?:av|genom)\b", line[later.end :], re.I
        ):
            return None  # "…, Moderaterna av Johan Sjöholm": that party belongs to the next name
        if _introduces_next(line, items, later):
            return None  # "Anders Blom, från Moderaterna Kerstin Sjö-Lind": that party opens the next name
        if _gap_allows(line[name.end : later.start]) and later.start not in used:
            used.add(later.start)
            return later
        return None
    return None


def _bind_left(line: str, items: list[Item], position: int, used: set[int]) -> Item | None:
    """Party first: "S: Anna Andersson", "Moderaterna – Bo Berg"."""
    if position == 0:
        return None
    before = items[position - 1]
    if before.kind != "party" or before.start in used:
        return None
    gap = line[before.end : items[position].start]
    head = line[: before.start].rstrip(" (")
    if re.fullmatch(r"\s*\)?\s*[:–—|-]\s*|\)\s*", gap) and (
        not head.strip() or _BULLET.match(head + " ") or head.endswith(("|", ",", ";", ":"))
    ):
        used.add(before.start)
        return before
    # "vår KD-politiker Margareta Ek", "vänsterpartisten Jelena Šarić": a party word right before a name;
    # "M Kristina Ahlqvist": a party column first.
    if (
        re.fullmatch(r" {1,2}|\s+heter\s+", gap)  # "vår centerpartist heter Katarina Sjöholm"
        and not line[: before.start].rstrip().endswith("(")
        and (len(before.text) > 2 or not head.strip() or _BULLET.fullmatch(head + " "))
    ):
        used.add(before.start)
        return before
    # "Från S-gruppen kommer oppositionsrådet Anders Blom": "från" or "för" a party, then who comes for it
    if re.search(r"\b(?:från|för)\s*$", head, re.I) and _introduced(gap):
        used.add(before.start)
        return before
    # "Moderaterna (representeras) av oppositionsråd Johan Sjöholm"
    if len(before.text) > 2 and _represented_by(gap):
        used.add(before.start)
        return before
    return None


def _introduced(gap: str) -> bool:
    """The gap in "från Moderaterna [kommer oppositionsrådet] Kerstin Sjö-Lind": a verb of coming and titles."""
    found = re.fullmatch(r"(?:-grupp\w*)?\s+(?:(?:kommer|deltar|går|medverkar)\s+)?((?:[\w:.-]+\s+)*?)", gap, re.I)
    return found is not None and _titles_only(found.group(1))


def _introduces_next(line: str, items: list[Item], party: Item) -> bool:
    following = next((i for i in items if i.start >= party.end), None)
    return (
        following is not None
        and following.kind == "name"
        and re.search(r"\b(?:från|för)\s+$", line[: party.start], re.I) is not None
        and _introduced(line[party.end : following.start])
    )


def _represented_by(gap: str) -> bool:
    found = re.fullmatch(r"\s+(?:representeras\s+|företräds\s+)?(?:av|genom)\s+((?:[\w:.-]+\s+)*?)", gap, re.I)
    return found is not None and _titles_only(found.group(1))


def _titles_only(words: str) -> bool:
    """ "oppositionsrådet", "vice ordf.": nothing but titles between a party and the name it introduces."""
    return all(is_title(w.lower().strip(".")) for w in words.split())


def _gap_allows(gap: str) -> bool:
    if len(gap) > 90 or "\n" in gap:
        return False
    if _SENTENCE_END.search(gap) or re.search(r"\s(?:och|samt|eller)\s|&", gap):
        return False
    words = re.findall(r"[\w:’'-]+", gap)
    for word in words:
        lower = word.lower()
        if is_title(lower) or lower in {
            "från",
            "för",
            "är",
            "i",
            "representerar",
            "företräder",
            "partiet",
            "parti",
        }:
            continue
        if word[0].isupper() and lower not in NOT_NAMES:
            return False
        if lower in {"kommer", "deltar", "anmäls", "anmäler", "blir", "och", "som", "har", "ska"}:
            return False
        if lower in {"så", "men", "eftersom", "därför", "jag", "vi"}:
            return False  # "Sara är ledig så jag skickar detta: Vänsterpartiet …": another clause, another subject
    return True


def _coordinated(line: str, items: list[Item], position: int) -> bool:
    """A name inside "A (S), B (M) och C": listed with others even without a party."""
    name = items[position]
    following = items[position + 1 : position + 3]
    if (
        len(following) == 2
        and following[0].kind == "name"
        and following[1].kind == "party"
        and re.fullmatch(r"\s*(?:,|och|samt|&)\s*", line[name.end : following[0].start])
        and _gap_allows(line[following[0].end : following[1].start].replace("/", " "))
    ):
        return True  # "Jonas Ek, Stina Holm/KD, …": one of a list whose next name has its party
    for other in items[max(0, position - 2) : position] + following:
        if other.kind != "party":
            continue  # "Tack Torbjörn Rosdahl och Gustav Hemming": names with no party are no list
        gap = line[other.end : name.start] if other.end <= name.start else line[name.end : other.start]
        words = re.findall(r"[\w:]+", gap)
        # "Kerstin Sjöberg (c), Olle Rask (m) och jag, Hans Nilsson": the writer names themself last
        if re.search(r",|\boch\b|\bsamt\b|&", gap) and all(
            is_title(w.lower()) or w.lower() in {"och", "samt", "jag", "själv", "undertecknad"} for w in words
        ):
            return True
    return False


def _is_list_line(line: str, lexicon: PartyLexicon, not_names: frozenset[str]) -> bool:
    """A line that holds one person (maybe with a title and party) and nothing else."""
    body = _BULLET.sub("", line).strip()
    if not body or len(body) > 120 or re.search(r"[?!]", body):
        return False
    names = name_runs(body, lexicon, not_names)
    if len(names) != 1:
        return False
    rest = (body[: names[0].start] + " " + body[names[0].end :]).strip()
    rest = _PAREN.sub(" ", rest)
    words = re.findall(r"[\w:'-]+", rest)
    verbs = {
        "kommer",
        "deltar",
        "är",
        "har",
        "blir",
        "ska",
        "kan",
        "vill",
        "anmäler",
        "skickar",
        "kontakta",
        "ring",
    }
    if any(w.lower() in verbs for w in words):
        return False
    return len(words) <= 8 and not re.search(r"@|www\.|https?:|\d{3}", body)


def _under_name_column(index: int, lines: list[str]) -> bool:
    """A row of a table whose header row names its first column "Namn" (or "Deltagare")."""
    for j in range(index - 1, max(-1, index - 8), -1):
        if " | " not in lines[j]:
            return False
        if re.fullmatch(r"\s*(?:namn|deltagare|ledamot|förtroendevald)\s*", lines[j].split(" | ")[0], re.I):
            return True
    return False


def _has_list_neighbour(index: int, lines: list[str], listy: list[bool]) -> bool:
    """Beside another person's line, or under a heading such as "Deltagare:"."""
    for j in (index - 1, index + 1):
        if 0 <= j < len(lines) and listy[j]:
            return True
    above = next((lines[j] for j in range(index - 1, -1, -1) if lines[j].strip()), "")
    return above.rstrip().endswith(":")


def _clause_start(line: str, position: int) -> int:
    start = 0
    for m in re.finditer(_CLAUSE_BREAK, line):
        if m.end() <= position:
            start = m.end()
    return start


def _clause_around(line: str, start: int, end: int) -> str:
    begin = _clause_start(line, start)
    stop = len(line)
    for m in re.finditer(_CLAUSE_BREAK, line):
        if m.start() >= end:
            stop = m.start()
            break
    return line[begin:stop]
