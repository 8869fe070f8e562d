"""Registers that put the family name first ("Ek, Anna (M)"), turned into reading order before reading."""

from __future__ import annotations

import re

from mailbot.core.understand.lexicon import NAME_PARTICLES
from mailbot.core.understand.names import is_title
from mailbot.core.understand.parties import PartyLexicon

_COLUMNS = re.compile(r"\s*(?:\||\t)\s*")
_NAME_PART = r"[A-ZÅÄÖÉÜ][^\W\d_'’]+(?:-[A-ZÅÄÖÉÜ][^\W\d_'’]+)*"
_PARTICLE = rf"(?:{'|'.join(sorted(NAME_PARTICLES))})\s+"
# "Ljungberg, Anders (M)", "- Nordin-Strömgren, Ewa, S", "af Klint, Johan (L)", "Namn: Bäckman de Verdier, Lisa |
# Parti: C": family name first, as in a register
_SURNAME_FIRST = re.compile(
    rf"^(?P<bullet>\s*(?:[-–•*]|\d{{1,2}}[.)])?\s*(?:(?i:namn|deltagare|person|ledamot)\s*\d*\s*:\s*)?)"
    rf"(?P<last>(?:{_PARTICLE})?{_NAME_PART}(?: (?:{_PARTICLE})?{_NAME_PART})?),\s*"
    rf"(?P<first>{_NAME_PART}(?: {_NAME_PART})?)(?P<rest>\s*(?:\(.*|[,:–|-]\s*\S.*|\s{{2,}}\S.*)?)\s*$"
)


def names_in_reading_order(text: str, lexicon: PartyLexicon) -> str:
    """Lists that put the family name first, turned into "Förnamn Efternamn" before reading.

    Two forms: columns headed "Efternamn | Förnamn" (or tabs), and a block of two or more
    lines "Efternamn, Förnamn (parti)" where the party follows. One such line alone is left
    as it is, and so is "Anna Ek, Moderaterna": a party is never a first name.
    """
    lines = text.split("\n")
    columns: tuple[int, int] | None = None
    for n, line in enumerate(lines):
        cells = [c.strip() for c in _COLUMNS.split(line.strip().strip("|"))] if ("|" in line or "\t" in line) else []
        lower = [c.lower() for c in cells]
        if "efternamn" in lower and "förnamn" in lower:
            columns = (lower.index("efternamn"), lower.index("förnamn"))
            lines[n] = " | ".join(["Namn", *(c for i, c in enumerate(cells) if i not in columns)])
        elif columns and len(cells) > max(columns):
            rest = [c for i, c in enumerate(cells) if i not in columns]
            lines[n] = " | ".join([f"{cells[columns[1]]} {cells[columns[0]]}", *rest])
        elif not line.strip() or not cells:
            columns = None
    matches = [_SURNAME_FIRST.match(line) for line in lines]
    for n, found in enumerate(matches):
        neighbours = [m for m in matches[max(0, n - 1) : n + 2] if m]
        if (
            found
            and len(neighbours) >= 2
            and not lexicon.resolve(found.group("first"))
            and not lexicon.resolve(found.group("last"))
            and not is_title(found.group("first").lower())
            and _party_first(found.group("rest"), lexicon)  # "(M)", ", S", "– S, kommunstyrelsens ordförande"
            and not lexicon.misspelt(found.group("first"))
        ):
            lines[n] = f"{found.group('bullet')}{found.group('first')} {found.group('last')}{found.group('rest')}"
    text = _SWAP_FAMILY_FIRST.sub(_swap_in_reading_order, "\n".join(lines))
    return _NAME_AND_CODE_IN_PARENTHESES.sub(lambda m: _party_out(m, lexicon), text)


_ONE = rf"(?:{_PARTICLE})?{_NAME_PART}"
# "ersätts Yilmaz, Deniz (S) av Sporrong, Ingrid (S)": both sides of a swap family name first, as the address
# book writes them; two people in a row are never written "Deniz, Ingrid (S)" on both sides of "av"
_SWAP_FAMILY_FIRST = re.compile(
    rf"(?P<l1>{_ONE}),\s+(?P<f1>{_NAME_PART})(?P<mid>\s*\([^()\n]{{1,30}}\)\s*,?\s*"
    r"(?:ersätts\s+av|byts\s+(?:ut\s+)?mot|ersätter|går\s+ut\s+för|kommer\s+i\s*stället\s+för)\s+)"
    rf"(?P<l2>{_ONE}),\s+(?P<f2>{_NAME_PART})(?=\s*\()"
    rf"|(?P<verb>(?:ersätts|byts\s+ut|byts)\s+)(?P<l3>{_ONE}),\s+(?P<f3>{_NAME_PART})"
    r"(?P<mid2>\s*\([^()\n]{1,30}\)\s*(?:av|mot|med)\s+)"
    rf"(?P<l4>{_ONE}),\s+(?P<f4>{_NAME_PART})(?=\s*\()"
)


def _swap_in_reading_order(found: re.Match[str]) -> str:
    if found.group("verb"):
        return (
            f"{found.group('verb')}{found.group('f3')} {found.group('l3')}{found.group('mid2')}"
            f"{found.group('f4')} {found.group('l4')}"
        )
    return f"{found.group('f1')} {found.group('l1')}{found.group('mid')}{found.group('f2')} {found.group('l2')}"


def _party_first(rest: str, lexicon: PartyLexicon) -> bool:
    """Whether what follows a name starts with its party: "(M)", ", S", "– S, kommunstyrelsens ordförande",
    "- Moderaterna - kommunstyrelsens ordförande", "| Parti: Centerpartiet"."""
    rest = re.sub(r"^[\s|;]*parti\s*:", "", rest, flags=re.I)
    head = re.match(r"[\s,:–(-]*(.+?)\s*(?:[,()]|\s[-–—]\s|\s\||$)", rest)
    return lexicon.resolve(rest) is not None or (
        head is not None and lexicon.resolve(head.group(1).strip()) is not None
    )


# "jag (Pontus Lindgren M)": a name and its party's code together in parentheses
_NAME_AND_CODE_IN_PARENTHESES = re.compile(
    r"\((?P<name>[A-ZÅÄÖ][\w-]+(?: [A-ZÅÄÖ][\w-]+)+) (?P<code>[A-Za-zÅÄÖåäö]{1,3})\)"
)


def _party_out(found: re.Match[str], lexicon: PartyLexicon) -> str:
    """ "(Pontus Lindgren M)" becomes "Pontus Lindgren (M)", the same length, so positions hold."""
    if lexicon.resolve(found.group("code")) is None:
        return found.group(0)
    return f"{found.group('name')} ({found.group('code')})"
