"""The participant list as a spreadsheet (.xlsx: an overview and one sheet per session) and as CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

from mailbot.xlsx import Sheet, sheet_title, workbook

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
    """An overview of everyone, then one sheet per session and one for the information meeting."""
    taken: set[str] = set()
    overview = Sheet(sheet_title("Översikt", taken), freeze_row=1)
    overview.append(HEADER, bold=True)
    overview.extend(participant_rows(context))
    sheets = [overview]
    for session in context["sessions"]:
        sheet = Sheet(sheet_title(session["short_date"], taken), freeze_row=2)
        sheet.append((f"{session['date']} kl. {session['time']}, {session['room']}",), bold=True)
        sheet.append(HEADER[1:], bold=True)
        sheet.extend(
            (municipality["name"], person["name"], person["party"], person["role"])
            for municipality in session["municipalities"]
            for person in municipality["participants"]
        )
        sheet.append((f"{session['count']} kommuner, {session['heads']} deltagare",))
        sheets.append(sheet)
    info = context.get("info_meeting")
    if info:
        sheet = Sheet(sheet_title("Informationsmöte", taken), freeze_row=2)
        sheet.append((f"{info['date']} kl. {info['time']}, {info['place']}",), bold=True)
        sheet.append(("Kommun", "Namn", "Parti"), bold=True)
        sheet.extend((a["municipality"], a["name"], a["party"]) for a in info["attendees"])
        sheets.append(sheet)
    return workbook(sheets)


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
