"""The participant list as a spreadsheet (.xlsx: an overview and one sheet per session) and as CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

HEADER = ("Tillfälle", "Kommun", "Namn", "Parti", "Roll")


def participant_rows(context: dict[str, Any]) -> list[tuple[str, str, str, str, str]]:
    rows = []
    for session in context["sessions"]:
        for municipality in session["municipalities"]:
            for person in municipality["participants"]:
                rows.append(
                    (session["short_date"], municipality["name"], person["name"], person["party"], person["role"])
                )
    return rows


def participants_xlsx(context: dict[str, Any]) -> bytes:
    """Write-only workbook, so thousands of rows stay fast and small in memory."""
    book = Workbook(write_only=True)
    overview = book.create_sheet("Översikt")
    _header(overview, HEADER)
    for row in participant_rows(context):
        overview.append(list(row))
    for session in context["sessions"]:
        sheet = book.create_sheet(_sheet_title(session["short_date"]))
        sheet.append([f"{session['date']} kl. {session['time']}, {session['room']}"])
        _header(sheet, HEADER[1:])
        for municipality in session["municipalities"]:
            for person in municipality["participants"]:
                sheet.append([municipality["name"], person["name"], person["party"], person["role"]])
        sheet.append([f"{session['count']} kommuner, {session['heads']} deltagare"])
    info = context.get("info_meeting")
    if info:
        sheet = book.create_sheet("Informationsmöte")
        sheet.append([f"{info['date']} kl. {info['time']}, {info['place']}"])
        _header(sheet, ("Kommun", "Namn", "Parti"))
        for attendee in info["attendees"]:
            sheet.append([attendee["municipality"], attendee["name"], attendee["party"]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def participants_csv(context: dict[str, Any]) -> bytes:
    """Semicolon-separated UTF-8 with a BOM, which Excel in Sweden opens with åäö intact."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(participant_rows(context))
    info = context.get("info_meeting")
    if info:
        for attendee in info["attendees"]:
            writer.writerow(("Informationsmöte", attendee["municipality"], attendee["name"], attendee["party"], ""))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _header(sheet: Any, names: tuple[str, ...]) -> None:
    cells = []
    for name in names:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        cells.append(cell)
    sheet.append(cells)


def _sheet_title(text: str) -> str:
    return "".join(ch for ch in text if ch not in "[]:*?/\\")[:31] or "Tillfälle"
