"""The hand-written .xlsx writer, read back by openpyxl as Excel users' files would be."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from mailbot.xlsx import Sheet, sheet_title, workbook


def read(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_sheets_rows_and_swedish_letters_survive() -> None:
    first = Sheet("Översikt", freeze_row=1)
    first.append(("Kommun", "Namn", "Antal"), bold=True)
    first.extend([("Täby", "Åsa Öberg", 3), ("Solna", "Per <Ek> & co", 0)])
    second = Sheet("2 september")
    second.append(("fredag 2 september 2016 kl. 13.00–16.00",))
    book = read(workbook([first, second]))
    assert book.sheetnames == ["Översikt", "2 september"]
    assert list(book["Översikt"].iter_rows(values_only=True)) == [
        ("Kommun", "Namn", "Antal"),
        ("Täby", "Åsa Öberg", 3),
        ("Solna", "Per <Ek> & co", 0),
    ]
    assert book["2 september"]["A1"].value == "fredag 2 september 2016 kl. 13.00–16.00"


def test_heading_row_is_bold_and_frozen_and_columns_fit_the_text() -> None:
    sheet = Sheet("Lista", freeze_row=1)
    sheet.append(("Kommun", "Namn"), bold=True)
    sheet.append(("Upplands Väsby", "Anna Andersson-Lindqvist"))
    ws = read(workbook([sheet]))["Lista"]
    assert ws["A1"].font.b and not ws["A2"].font.b
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["B"].width >= len("Anna Andersson-Lindqvist")


def test_empty_cells_read_as_empty_and_control_characters_are_dropped() -> None:
    sheet = Sheet("Blad")
    sheet.append(("Nacka", "Bo\x00 Berg\x07", "", "M"))
    row = next(read(workbook([sheet]))["Blad"].iter_rows(values_only=True))
    assert row == ("Nacka", "Bo Berg", None, "M")


def test_repeated_text_is_stored_once() -> None:
    sheet = Sheet("Blad")
    sheet.extend([("Nacka", "S")] * 500)
    with zipfile.ZipFile(io.BytesIO(workbook([sheet]))) as package:
        shared = package.read("xl/sharedStrings.xml").decode()
    assert shared.count("<si>") == 2


def test_an_empty_workbook_sheet_still_opens() -> None:
    assert read(workbook([Sheet("Tom")])).sheetnames == ["Tom"]


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        ("2 september", "2 september"),
        ("a/b:c*d?e[f]g\\h", "abcdefgh"),
        ("x" * 40, "x" * 31),
        ("", "Blad"),
    ],
)
def test_sheet_titles_are_ones_excel_accepts(wanted: str, expected: str) -> None:
    assert sheet_title(wanted, set()) == expected


def test_sheet_titles_stay_unique_ignoring_case() -> None:
    taken: set[str] = set()
    titles = [sheet_title(t, taken) for t in ("Möte", "möte", "Möte", "y" * 31, "y" * 31)]
    assert titles == ["Möte", "möte (2)", "Möte (3)", "y" * 31, "y" * 27 + " (2)"]
    assert all(len(t) <= 31 for t in titles)
