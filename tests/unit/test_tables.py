"""Tables whose columns are the sessions: the day a row's mark stands under is read into the row."""

from __future__ import annotations

from mailbot.core.html import html_to_text
from mailbot.core.tables import info_column, marked_row, session_columns, tab_tables, turned_upright


def test_a_header_of_days_beside_names_has_session_columns() -> None:
    assert session_columns(["Namn", "Parti", "2 sept", "19 sept", "22 sept", "26 sept"]) == [2, 3, 4, 5]
    assert session_columns(["Namn", "Parti", "Uppdrag"]) == []
    assert session_columns(["2/9", "19/9"]) == []  # nothing but days: no row to mark


def test_a_marked_row_takes_the_day_of_its_column() -> None:
    header = ["Namn", "Parti", "2 sept", "19 sept", "22 sept", "26 sept"]
    assert marked_row(["Ylva Sjödén", "M", "", "", "", "X"], header, [2, 3, 4, 5]) == ["Ylva Sjödén", "M", "26 sept"]
    assert marked_row(["Ylva Sjödén", "M", "x", "", "ja", ""], header, [2, 3, 4, 5]) == [
        "Ylva Sjödén",
        "M",
        "2 sept",
        "22 sept",
    ]


def test_tab_separated_rows_keep_where_their_mark_stands() -> None:
    lines = ["Namn\tParti\t2 sept\t19 sept\t22 sept\t26 sept", "Ylva Sjödén\tM\t\t\t\tX", "", "Med vänlig hälsning"]
    assert tab_tables(lines) == ["Namn\tParti", "Ylva Sjödén\tM\t26 sept", "", "Med vänlig hälsning"]


def test_an_html_table_of_session_columns_reads_as_rows_with_their_day() -> None:
    html = (
        "<p>Vi har kryssat för vårt tillfälle.</p><table>"
        "<tr><td>Namn</td><td>Parti</td><td>2/9</td><td>19/9</td><td>22/9</td><td>26/9</td></tr>"
        "<tr><td>Johan Ekelöf</td><td>C</td><td></td><td>X</td><td></td><td></td></tr>"
        "<tr><td>Amira Al-Sayed</td><td>S</td><td></td><td>X</td><td></td><td></td></tr></table>"
    )
    assert html_to_text(html).split("\n")[-3:] == [
        "Namn | Parti",
        "Johan Ekelöf | C | 19/9",
        "Amira Al-Sayed | S | 19/9",
    ]


def test_a_cell_merged_over_two_rows_belongs_to_both() -> None:
    html = (
        "<table><tr><td>Roll</td><td>Namn</td><td>Parti</td></tr>"
        "<tr><td>KSO</td><td>Mohammed Jama</td><td rowspan=2>S</td></tr>"
        "<tr><td>1:e vice</td><td>Jenny Sääf</td></tr>"
        "<tr><td>Oppositionsråd</td><td>Göran von Platen</td><td>M</td></tr></table>"
    )
    assert html_to_text(html).split("\n") == [
        "Roll | Namn | Parti",
        "KSO | Mohammed Jama | S",
        "1:e vice | Jenny Sääf | S",
        "Oppositionsråd | Göran von Platen | M",
    ]


def test_a_table_on_its_side_is_turned_upright() -> None:
    lines = [
        "Upplands Väsby anmäler sig till den 2 september.",
        "Uppdrag | KSO | 1:e vice ordförande | Oppositionsråd",
        "Namn | Mattias Öberg | Hanna Ljunggren | Sara Nieminen",
        "Parti | M | M | S",
    ]
    assert turned_upright(lines) == [
        "Upplands Väsby anmäler sig till den 2 september.",
        "Uppdrag | Namn | Parti",
        "KSO | Mattias Öberg | M",
        "1:e vice ordförande | Hanna Ljunggren | M",
        "Oppositionsråd | Sara Nieminen | S",
    ]


def test_a_column_for_the_information_meeting_is_said_in_words() -> None:
    lines = [
        "Datum | Namn | Parti | Roll | Informationsmöte 30/8",
        "22/9 | Helén Sundqvist | Moderaterna | KSO | Ja",
        "22/9 | Ilkka Rantanen | Socialdemokraterna | Ledamot KS | Nej",
        "",
        "Med vänlig hälsning",
    ]
    assert info_column(lines) == [
        "Datum | Namn | Parti | Roll",
        "22/9 | Helén Sundqvist | Moderaterna | KSO",
        "22/9 | Ilkka Rantanen | Socialdemokraterna | Ledamot KS",
        "Till informationsmötet kommer även Helén Sundqvist (Moderaterna).",
        "",
        "Med vänlig hälsning",
    ]
