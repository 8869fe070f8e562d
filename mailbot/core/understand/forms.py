"""Forms and cards typed as fields: "Namn: Anna Andersson" over "Parti: S", numbered fields, a title over a party.

Each is rewritten to one line a person, "Anna Andersson (S)", before the people are read.
"""

from __future__ import annotations

import re

from mailbot.core.understand.names import is_title
from mailbot.core.understand.parties import PartyLexicon

_LINKS = frozenset({"i", "för", "av", "och", "till"})


def merge_fields(text: str, lexicon: PartyLexicon | None = None) -> str:
    text = _KEY_CELL.sub(r"\1 ", _merge_vcards(text))
    merged = _merge_field_blocks(_merge_numbered_fields(_merge_field_lines(_merge_name_parts(text))))
    return _merge_party_under_name(merged, lexicon) if lexicon is not None else merged


# "Namn: | Lars-Åke Tidblad": a field whose key and value were table cells (or a tab apart)
_KEY_CELL = re.compile(r"^([ \t]*[^\n:|]{1,30}:)[ \t]*\|[ \t]*", re.M)


def _merge_party_under_name(text: str, lexicon: PartyLexicon) -> str:
    """A card: "Ingrid von Essen" over "Moderaterna, 1:e vice ordförande" becomes one person's line."""
    lines = text.split("\n")
    for i in range(1, len(lines)):
        under = re.match(r"\s*([^\W\d_][\w ]{0,40}?)\s*(?:,\s*(\S[^\n]*?))?\s*$", lines[i])
        above = lines[i - 1].strip()
        if (
            under
            and (code := lexicon.resolve(under.group(1)))
            and re.fullmatch(r"[A-ZÅÄÖÉ][\w'’-]*(?:\s+(?:af|von|de|van|der)?\s*[A-ZÅÄÖÉ][\w'’-]*){1,3}", above)
            and (i < 2 or not lines[i - 2].strip())
        ):
            role = f", {under.group(2)}" if under.group(2) else ""
            lines[i - 1] = f"{lines[i - 1].rstrip()} ({code}){role}"
            lines[i] = ""
    return "\n".join(lines)


# A contact card pasted as text: "BEGIN:VCARD … FN:Sara Lind … TITLE:… X-PARTI:Moderaterna … END:VCARD"
_VCARD = re.compile(r"^[ \t]*BEGIN:VCARD[ \t]*\n(?P<body>.*?)^[ \t]*END:VCARD[ \t]*$", re.I | re.M | re.S)


def _merge_vcards(text: str) -> str:
    def card(m: re.Match[str]) -> str:
        fields: dict[str, str] = {}
        for line in m.group("body").split("\n"):
            key, _, value = line.partition(":")
            fields.setdefault(key.split(";")[0].strip().upper(), value.strip())
        name = fields.get("FN", "")
        party = next((v for k, v in fields.items() if "PART" in k), "")
        title = fields.get("TITLE", "")
        if not name:
            return m.group(0)
        person = f"{name} ({party})" if party else name
        return f"{person}, {title}" if title else person

    return _VCARD.sub(card, text)


# "Förnamn: Gunnar" over "Efternamn: Ek-Lindblad": one name field
_NAME_PARTS = re.compile(
    r"^(?P<lead>[ \t]*)förnamn\s*:\s*(?P<first>[^\n:]+?)\s*\n[ \t]*efternamn\s*:\s*(?P<last>[^\n:]+?)\s*$", re.I | re.M
)


def _merge_name_parts(text: str) -> str:
    return _NAME_PARTS.sub(lambda m: f"{m.group('lead')}Namn: {m.group('first')} {m.group('last')}", text)


# "Namn: Helena Wästberg, Parti: Moderaterna, Roll: kommunstyrelsens ordförande": one person's fields on a line
_FIELD_LINE = re.compile(
    # "Namn: Hedlund, Ann-Christin | Parti: M": a register's name keeps its comma
    r"^(?P<lead>\s*(?:[-•*]\s*|\d{1,2}[.)]\s*)?)namn\s*:\s*(?P<name>[^;|:\n]+?)(?:\s*[,;|]|[ \t]{2,})\s*parti\s*:\s*"
    r"(?P<party>[^,;|:\n]+?)(?:(?:\s*[,;|]|[ \t]{2,})\s*(?:roll|uppdrag|titel|funktion)\s*:\s*(?P<role>[^\n]+?))?\s*$",
    re.I | re.M,
)


def _merge_field_lines(text: str) -> str:
    def person(m: re.Match[str]) -> str:
        role = f", {m.group('role')}" if m.group("role") else ""
        return f"{m.group('lead')}{m.group('name')} ({m.group('party')}){role}"

    return _FIELD_LINE.sub(person, text)


# A form's fields: "Deltagare 1: Elisabeth Wahlgren-Ohlsson" / "Parti deltagare 1: Moderaterna",
# "Deltagare 1 - namn | Johan Sidén", "Parti 2 | Liberalerna" before "Namn 2 | Gustaf von Platen".
_FIELD = re.compile(r"^\s*(?P<key>[^:|\n]{1,60}?)\s*(?::|\|)\s*(?P<value>[^|\n]+?)\s*$")


def _merge_numbered_fields(text: str) -> str:
    """Numbered form fields become one line a person, "Name (Party)", in the name field's place."""
    lines = text.split("\n")
    names: dict[str, int] = {}
    parties: dict[str, int] = {}
    for i, line in enumerate(lines):
        field = _FIELD.match(line)
        number = re.search(r"\b([1-9])\b", field.group("key")) if field else None
        if not field or not number:
            continue
        key = field.group("key").lower()
        if "parti" in key:
            parties[number.group(1)] = i
        elif re.search(r"namn|deltagare|person|ledamot|politiker", key):
            names[number.group(1)] = i
    for index, i in names.items():
        if index in parties:
            name = _FIELD.match(lines[i])
            party = _FIELD.match(lines[parties[index]])
            if name and party:
                lines[i] = f"{name.group('value')} ({party.group('value')})"
                lines[parties[index]] = ""
    return "\n".join(lines)


def _merge_field_blocks(text: str) -> str:
    """ "Namn: Anna Andersson" over "Parti: S" becomes "Anna Andersson (S)" (forms, one field a line)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        party = re.match(r"\s*parti\s*:\s*(\S.*?)\s*$", line, re.I)
        if not party or i == 0:
            continue
        j = i - 1
        while j > 0 and re.match(r"\s*(?:titel|roll|uppdrag)\s*:", lines[j], re.I):
            j -= 1
        name = re.match(r"(\s*)(?:namn\s*:\s*)?([^:()|]+?)\s*$", lines[j], re.I)
        if name and name.group(2) and "(" not in lines[j]:
            lines[j] = f"{name.group(1)}{name.group(2)} ({party.group(1)})"
            lines[i] = ""
            # "Uppdrag: 1:e vice ordförande i kommunstyrelsen (ej KSO)" under the party: the person's title
            role = re.match(
                r"\s*(?:titel|roll|uppdrag|funktion)\s*:\s*(\S.*?)\s*$",
                lines[i + 1] if i + 1 < len(lines) else "",
                re.I,
            )
            if role:
                lines[j] = f"{lines[j]}, {role.group(1)}"
                lines[i + 1] = ""
    for i, line in enumerate(lines):
        # A card: "Harriet Lindgren" over "Kommunstyrelsens ordförande (S)".
        titled = re.match(r"\s*([^()\[\]\d@|:]{0,60}?)\s*[(\[]([^)\]]{1,30})[)\]]\s*$", line)
        words = titled.group(1).split() if titled else []
        if not titled or i == 0 or not words or not all(is_title(w.lower()) or w.lower() in _LINKS for w in words):
            continue
        above = lines[i - 1].strip()
        if re.fullmatch(r"[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){1,3}", above) and above[0].isupper():
            lines[i - 1] = f"{lines[i - 1].rstrip()} ({titled.group(2)}), {titled.group(1).strip()}"
            lines[i] = ""
    return "\n".join(lines)
