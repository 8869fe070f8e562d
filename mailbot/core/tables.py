"""A table whose columns are the sessions, its choice marked with an X in a row: the date read into the row.

"Namn | Parti | 2 sept | 19 sept | 22 sept | 26 sept" over "Ylva Sjödén | M |  |  |  | X": once the empty cells
are dropped (as every other table's are), no one could tell which column the X stood in. So the header loses its
date columns and each row takes the dates its marks stand under: "Ylva Sjödén | M | 26 sept".
"""

from __future__ import annotations

import re

# "2 sept", "19/9", "22.9", "fre 2/9", "26 september 13-15": a header cell that names a day
_DATE_CELL = re.compile(
    r"\s*(?:(?:mån|tis|ons|tors|fre)\w*\.?\s+)?(?:den\s+)?[0-3]?\d(?::?[ea])?\s*"
    r"(?:/\s*[01]?\d|\.\s*[01]?\d|(?:aug|sep)\w*\.?)(?:\s+(?:kl\.?\s*)?\d{1,2}[.:]?\d{0,2}\s*[-–]\s*\d{1,2}[.:]?\d{0,2})?\s*",
    re.I,
)
_MARK = re.compile(r"\s*(?:[xX]|[✓✔☑✗]|ja|yes|\*)\s*", re.I)


def session_columns(header: list[str]) -> list[int]:
    """The columns of a header row that name days, when two or more do and something else heads the rest."""
    columns = [i for i, cell in enumerate(header) if _DATE_CELL.fullmatch(cell)]
    return columns if 2 <= len(columns) < len(header) else []


def without(cells: list[str], columns: list[int]) -> list[str]:
    return [cell for i, cell in enumerate(cells) if i not in columns]


def marked_row(row: list[str], header: list[str], columns: list[int]) -> list[str]:
    """The row without its day columns, and the days it marks at its end."""
    marked = [header[i].strip() for i in columns if i < len(row) and _MARK.fullmatch(row[i])]
    return [*without(row, columns), *marked]


def tab_tables(lines: list[str]) -> list[str]:
    """Tab-separated plain text (Outlook's text part of a Word table), its marked day columns read into the rows."""
    result: list[str] = []
    header: list[str] = []
    columns: list[int] = []
    for line in lines:
        cells = [c.strip() for c in line.split("\t")] if "\t" in line else []
        if not cells:
            header, columns = [], []
        elif not columns and (found := session_columns(cells)):
            header, columns = cells, found
            line = "\t".join(without(line.split("\t"), columns))
        elif columns:
            line = "\t".join(marked_row(cells, header, columns))
        result.append(line)
    return result


# The first cells of a table written on its side: "Namn | Mattias Öberg | Hanna Ljunggren", "Parti | M | M"
_ROW_LABEL = re.compile(
    r"\s*(?:namn|förnamn|efternamn|parti|uppdrag|roll|titel|befattning|funktion|datum)\s*:?\s*", re.I
)


def turned_upright(lines: list[str]) -> list[str]:
    """A table on its side (one row of names, one of parties), turned so that each person is a row again."""
    result: list[str] = []
    index = 0
    while index < len(lines):
        block: list[list[str]] = []
        while index + len(block) < len(lines):
            cells = [c.strip() for c in lines[index + len(block)].split(" | ")]
            if len(cells) < 3 or not _ROW_LABEL.fullmatch(cells[0]) or (block and len(cells) != len(block[0])):
                break
            block.append(cells)
        labels = {row[0].strip(" :").lower() for row in block}
        if len(block) >= 2 and "parti" in labels and labels & {"namn", "efternamn"}:
            result.extend(" | ".join(row[column] for row in block) for column in range(len(block[0])))
            index += len(block)
        else:
            result.append(lines[index])
            index += 1
    return result


_INFO_HEADER = re.compile(r"informationsmöt|infomöt|info-?möt", re.I)
_NAME_HEADER = re.compile(r"\s*(?:namn|deltagare|ledamot)\s*", re.I)
_PARTY_HEADER = re.compile(r"\s*parti\s*", re.I)


def info_column(lines: list[str]) -> list[str]:
    """A column for the information meeting ("Informationsmöte 30/8 | Ja"): the rows marked in it said in words.

    The column goes, and under the table a line says who comes to that meeting too: "Till informationsmötet
    kommer även Helén Sundqvist (Moderaterna)."
    """
    result: list[str] = []
    header: list[str] = []
    column = name = party = -1
    attending: list[str] = []
    for line in [*lines, ""]:
        cells = [c.strip() for c in line.split(" | ")] if " | " in line else []
        if header and cells and len(cells) in {len(header), len(header) - 1}:
            if column < len(cells) and _MARK.fullmatch(cells[column]) and name < len(cells):
                attending.append(cells[name] + (f" ({cells[party]})" if 0 <= party < len(cells) else ""))
            result.append(" | ".join(without(cells, [column])))
            continue
        if header:
            result.extend(f"Till informationsmötet kommer även {who}." for who in attending)
            header, attending = [], []
        found = [i for i, c in enumerate(cells) if _INFO_HEADER.search(c)]
        names = [i for i, c in enumerate(cells) if _NAME_HEADER.fullmatch(c)]
        if len(found) == 1 and names:
            header, column, name = cells, found[0], names[0]
            party = next((i for i, c in enumerate(cells) if _PARTY_HEADER.fullmatch(c)), -1)
            result.append(" | ".join(without(cells, [column])))
            continue
        result.append(line)
    return result[:-1]
