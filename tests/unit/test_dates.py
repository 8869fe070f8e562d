"""Dates as Swedish replies write them, and the numbers that only look like dates."""

from __future__ import annotations

import datetime as dt

import pytest

from mailbot.core.understand.dates import find_dates


def _days(text: str) -> list[tuple[int, int | None]]:
    return [(m.day, m.month) for m in find_dates(text)]


# (id, text, [(day, month), ...] in the order written)
WRITTEN_DATES = [
    ("short-month", "Vi tar 2 sept om det går.", [(2, 9)]),
    ("short-month-dot", "Nacka väljer 2 sep. kl 14.", [(2, 9)]),
    ("slash", "Vi kommer 2/9.", [(2, 9)]),
    ("slash-two-digits", "Passar 19/9 för oss.", [(19, 9)]),
    ("ordinal-a-full-month", "Vi kommer den 2:a september.", [(2, 9)]),
    ("ordinal-e-short-month", "Den 19:e sept blir bra.", [(19, 9)]),
    ("ordinal-without-colon", "Vi tar den 22a september.", [(22, 9)]),
    ("weekday-and-date", "Vi kommer fredag 2 september.", [(2, 9)]),
    ("iso", "Datum: 2016-09-02", [(2, 9)]),
    ("dot-day-month", "Vi siktar på 19.9 i Skärgårdssalen.", [(19, 9)]),
    ("slash-then-time", "19/9 kl 15–17 passar oss.", [(19, 9)]),
    ("slash-with-short-year", "Anmälan till 19/9-16.", [(19, 9)]),
    ("full-with-year", "Vi deltar den 22 september 2016.", [(22, 9)]),
    ("month-letters-swapped", "Vi kommer 26 sepetmber.", [(26, 9)]),
    ("month-letters-swapped-too", "Vi tar den 19 septmeber.", [(19, 9)]),
    ("den-with-slash", "Vi kommer den 26/9.", [(26, 9)]),
    ("month-capitalised", "26 September passar bäst.", [(26, 9)]),
    ("month-short-capitalised-dot", "Vi kommer 22 Sept.", [(22, 9)]),
    ("info-meeting-slash", "KSO kommer till informationsmötet 30/8.", [(30, 8)]),
    ("deadline-august", "Sista dag är 26 augusti.", [(26, 8)]),
    ("august-short", "Jag är tillbaka 15 aug.", [(15, 8)]),
    ("october", "Går det den 5 oktober?", [(5, 10)]),
    ("two-by-eller", "19 eller 22 sept fungerar.", [(19, 9), (22, 9)]),
    ("two-by-el-numeric", "Norrtälje kan 19 el 26/9.", [(19, 9), (26, 9)]),
    ("three-listed-numeric", "Vi kan 19, 22 och 26/9.", [(19, 9), (22, 9), (26, 9)]),
    ("a-count-and-a-date", "Vi är 3 och 26/9 passar.", [(26, 9)]),
    ("an-hour-offered-before-a-date", "kl 13 eller 26/9", [(26, 9)]),
    ("three-by-comma-och", "Vi kan 19, 22 och 26 september.", [(19, 9), (22, 9), (26, 9)]),
    ("two-slash-dates", "Antingen 2/9 eller 19/9.", [(2, 9), (19, 9)]),
    (
        "range-of-two-full-dates",
        "Vi flyttar från 19 september till 26 september.",
        [(19, 9), (26, 9)],
    ),
    ("iso-with-time", "Vi kommer 2016-09-26 kl 13:00.", [(26, 9)]),
    ("full-date-then-time-range", "2 september kl. 14.00–16.00 i Skärgårdssalen.", [(2, 9)]),
    ("slash-then-dotted-time", "Vi tar 22/9 kl. 09.30.", [(22, 9)]),
    ("english-month-first", "We will attend on Sept 19th.", [(19, 9)]),
    ("english-month-first-year", "Monday, September 26, 2016 at 1 pm.", [(26, 9)]),
    ("english-day-of-month", "The 22nd of September suits us.", [(22, 9)]),
    ("english-two-days", "September 19th or 22nd would work.", [(19, 9), (22, 9)]),
    ("swedish-month-first", "Vi kommer sept 19 eller 22.", [(19, 9), (22, 9)]),
    ("month-then-time-range", "Vi kommer den 2 sept 14-16.", [(2, 9)]),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [pytest.param(text, expected, id=case_id) for case_id, text, expected in WRITTEN_DATES],
)
def test_dates_are_found_as_written(text: str, expected: list[tuple[int, int]]) -> None:
    assert _days(text) == expected


# (id, text, day, weekday) for a day written without its month
DAY_ONLY = [
    ("monday-the-26th", "Vi kommer måndagen den 26:e.", 26, 0),
    ("friday-the-2nd", "Vi tar fredagen den 2:a.", 2, 4),
    ("plain-ordinal", "Vi kommer den 19:e.", 19, None),
    ("thursday-the-22nd", "Torsdag den 22:a passar.", 22, 3),
]


@pytest.mark.parametrize(
    ("text", "day", "weekday"),
    [pytest.param(text, day, weekday, id=case_id) for case_id, text, day, weekday in DAY_ONLY],
)
def test_day_without_month_keeps_day_and_weekday(text: str, day: int, weekday: int | None) -> None:
    (mention,) = find_dates(text)
    assert (mention.day, mention.month, mention.weekday) == (day, None, weekday)
    assert mention.on(2016) is None


# (id, text, weekday 0=Monday)
WEEKDAYS = [
    ("fredag", "fredag 2 september", 4),
    ("fredagen-den", "fredagen den 2 september", 4),
    ("mandag-slash", "måndag 19/9", 0),
    ("man-short-slash", "mån 19/9", 0),
    ("tisdag-den", "tisdag den 20 september", 1),
    ("torsdag-slash", "torsdag 22/9", 3),
    ("torsdagen-den", "torsdagen den 19 september", 3),
    ("english-weekday", "Friday, Sept 19", 4),
]


@pytest.mark.parametrize(
    ("text", "weekday"),
    [pytest.param(text, weekday, id=case_id) for case_id, text, weekday in WEEKDAYS],
)
def test_weekday_written_before_a_date_is_kept(text: str, weekday: int) -> None:
    (mention,) = find_dates(f"Vi kommer {text}.")
    assert mention.weekday == weekday


# (id, text, the date in 2016 a reader takes it for)
ON_2016 = [
    ("short-month", "2 sept", dt.date(2016, 9, 2)),
    ("iso", "2016-09-19", dt.date(2016, 9, 19)),
    ("with-year", "22 september 2016", dt.date(2016, 9, 22)),
    ("slash", "26/9", dt.date(2016, 9, 26)),
    ("slash-short-year", "19/9-16", dt.date(2016, 9, 19)),
    ("slash-long-year", "19/9/2016", dt.date(2016, 9, 19)),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [pytest.param(text, expected, id=case_id) for case_id, text, expected in ON_2016],
)
def test_mention_gives_the_calendar_date(text: str, expected: dt.date) -> None:
    mentions = find_dates(f"Vi kommer {text}.")
    assert [m.on(2016) for m in mentions] == [expected]


def test_mentions_point_at_their_place_in_the_text() -> None:
    text = "Vi kan inte 2/9 men gärna 19 september."
    first, second = find_dates(text)
    assert "2/9" in text[first.start : first.end]
    assert "19" in text[second.start : second.end]
    assert first.end <= second.start


# (id, text) that hold numbers but no date
NOT_DATES = [
    ("time-range-with-kl-dot", "Mötet är kl. 09.30–11.30 i Mälarsalen."),
    ("time-with-kl", "Vi är där kl 13.00."),
    ("time-range-without-kl", "Tiden 14.00-16.00 passar."),
    ("time-quarter-past", "Vi landar kl. 9.15 och tar taxi."),
    ("stockholm-phone", "Ring mig på 08-465 004 21."),
    ("mobile-phone", "Nås på 072-216 4499."),
    ("mobile-phone-spaced", "Mobil: 070-123 45 67"),
    ("street-number", "Adressen är Hantverkargatan 45."),
    ("floor-in-parentheses", "Södermalmsallén 36 (plan 5)"),
    ("post-box", "Box 123, 131 81 Nacka"),
    ("head-count", "Vi blir 3 personer."),
    ("case-number", "Vårt diarienummer är KS 2016/0421."),
    ("clock-colon", "Vi kan vara där 14:30."),
    ("count-of-a-word-near-a-month", "Vi har 3 sekreterare och 2 ledamöter."),
]


@pytest.mark.parametrize("text", [pytest.param(text, id=case_id) for case_id, text in NOT_DATES])
def test_numbers_that_are_not_dates(text: str) -> None:
    assert find_dates(text) == []
