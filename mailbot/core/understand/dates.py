"""Dates as Swedish mail writes them: "2 sept", "2/9", "den 2:a september", "19.9", "måndagen den 26:e".

A small grammar, not a general date parser: dateparser reads phone
numbers as years and misses "den 2:a sept". A mention knows where it
stands, so the reader can judge its sentence (a move, a vacation note).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from mailbot.core.understand.lexicon import DAY_ORDINALS, MONTHS, WEEKDAYS

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = (
    r"(?:(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag|mån|tis|ons|tors|fre)(?:en|ens)?"
    r"|monday|tuesday|wednesday|thursday|friday)"
)
_ORD = r"(?::?\s?(?:e|a|te|de|nd|st|th|rd))"
_DAY = rf"(?P<day>[0-3]?\d){_ORD}?"
# "19 o 22 sept": "o" is "och" typed in haste
_SEP = (
    r"\s*(?:,|eller|el\.?|och|or|and|(?<=\s)o(?=\s)|alt\.?|alternativt|/|&|-|–|—|resp\.?|respektive|\+|till)"
    r"\s*(?:den\s+)?"
)

_WEEKDAY_BEFORE = re.compile(rf"(?P<weekday>{_WEEKDAY})\.?,?\s+(?:den\s+)?$", re.I)

_ISO = re.compile(r"(?<![\d-])(?P<year>20\d\d)(?P<sep>[-./])(?P<month>[01]?\d)(?P=sep)(?P<day>[0-3]?\d)(?![\d-])")
_WORD_DAY = re.compile(
    rf"\b(?:den\s+)?(?P<day>{'|'.join(sorted(DAY_ORDINALS, key=len, reverse=True))})\s+(?P<month>{_MONTH})\b\.?",
    re.I,
)
_WEEK_DAY = re.compile(
    rf"\b(?:v(?:ecka|\.)?\s*(?P<week>[1-5]?\d)\s*,?\s*(?P<weekday>{_WEEKDAY})"
    rf"|(?P<weekday2>{_WEEKDAY})\s+(?:i\s+)?v(?:ecka|\.)?\s*(?P<week2>[1-5]?\d))\b",
    re.I,
)
_NUMERIC = re.compile(
    r"(?<![\d/.,:-])(?P<day>[0-3]?\d)\s?(?P<sep>[/.])\s?(?P<month>[01]?\d)"
    r"(?:(?:(?P=sep)|-)(?P<year>(?:20)?\d\d))?(?![\d/]|\.\d)"
)
_NAMED = re.compile(
    rf"(?<![\d/.:])(?P<days>(?:[0-3]?\d{_ORD}?{_SEP})*){_DAY}\.?\s*(?:of\s+)?(?P<month>{_MONTH})\.?"
    rf"(?:\s+(?P<year>20\d\d))?(?![A-Za-zåäö])",
    re.I,
)
# "Sept 19th", "September 19, 2016": month first, as English (and some Swedish) writers put it.
_MONTH_FIRST = re.compile(
    rf"(?<![\w/.:])(?P<month>{_MONTH})\.?\s+(?:the\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th|:e|:a)?(?![\d/]|:\d|\.\d)"
    r"(?P<more>(?:\s*(?:,|eller|or|and|och|&)\s*(?:the\s+)?[0-3]?\d(?:st|nd|rd|th|:e|:a)?(?![\d/:]|\.\d))*)"
    r"(?:,?\s+(?P<year>20\d\d))?",
    re.I,
)
# "tar 26:e", "19e eller 26e": a day with its ordinal ending and no "den", unless it counts something else
_ORDINAL_DAY = re.compile(
    r"(?<![\w/.:,-])(?P<day>[0-3]?\d)(?::?(?:e|a|de))(?![\w:])"
    r"(?!\s*(?:vice|plats|person|deltagare|ledamot|ersättare|ordf\w*|tillfälle\w*|dialog\w*|alternativ\w*"
    r"|passet|mötet|datumet|gången|omgång\w*|kvartal\w*|hand|försök|bästa|största|[/.]\d))",
    re.I,
)
# "den nittonde", "den tjugosjätte": a day by ordinal word, from the tenth on ("den andra" is as often "the other").
_WORD_DAY_ONLY = re.compile(
    rf"\bden\s+(?P<day>{'|'.join(sorted((w for w, n in DAY_ORDINALS.items() if n >= 10), key=len, reverse=True))})\b"
    rf"(?!\s+(?:{_MONTH})\b)",
    re.I,
)
_DAY_ONLY = re.compile(rf"(?:(?P<weekday>{_WEEKDAY})\s+)?den\s+(?P<day>[0-3]?\d)(?P<ord>{_ORD})?(?![\d/.:]\d)", re.I)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    day: int
    month: int | None
    year: int | None = None
    weekday: int | None = None

    def on(self, default_year: int) -> dt.date | None:
        if self.month is None:
            return None
        try:
            return dt.date(self.year or default_year, self.month, self.day)
        except ValueError:
            return None


def find_dates(text: str) -> list[DateMention]:
    """Every date mention in order; overlapping readings keep the longest."""
    found: list[DateMention] = []
    found.extend(_iso(text))
    found.extend(_word_days(text))
    found.extend(_named(text))
    found.extend(_numeric(text))
    found.extend(_month_first(text))
    found.extend(_day_only(text))
    found.extend(_word_days_only(text))
    found.extend(_ordinal_days(text))
    found.extend(_misspelt_months(text))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[DateMention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end and mention.day == kept[-1].day:
            continue
        if any(m.start <= mention.start and mention.end <= m.end and m is not mention for m in kept):
            continue
        kept.append(mention)
    return kept


def _weekday_before(text: str, start: int) -> int | None:
    found = _WEEKDAY_BEFORE.search(text[max(0, start - 20) : start])
    if not found:
        return None
    word = found.group("weekday").lower()
    return next((n for w, n in WEEKDAYS.items() if word.startswith(w)), None)


def _iso(text: str) -> Iterator[DateMention]:
    for m in _ISO.finditer(text):
        day, month = int(m.group("day")), int(m.group("month"))
        if 1 <= month <= 12 and 1 <= day <= 31:
            yield DateMention(
                m.start(),
                m.end(),
                day,
                month,
                int(m.group("year")),
                _weekday_before(text, m.start()),
            )


def _word_days(text: str) -> Iterator[DateMention]:
    for m in _WORD_DAY.finditer(text):
        yield DateMention(
            m.start(),
            m.end(),
            DAY_ORDINALS[m.group("day").lower()],
            MONTHS[m.group("month").lower()],
            None,
            _weekday_before(text, m.start()),
        )


def week_days(text: str, year: int) -> Iterator[tuple[int, int, dt.date]]:
    """ "v 38 måndag", "måndag vecka 38": a weekday of an ISO week, as (start, end, date)."""
    for m in _WEEK_DAY.finditer(text):
        week = int(m.group("week") or m.group("week2"))
        word = (m.group("weekday") or m.group("weekday2")).lower()
        weekday = next((n for w, n in WEEKDAYS.items() if word.startswith(w)), None)
        if weekday is None or not 1 <= week <= 53:
            continue
        try:
            yield m.start(), m.end(), dt.date.fromisocalendar(year, week, weekday + 1)
        except ValueError:
            continue


_DAYS_BEFORE = re.compile(
    rf"(?<![\d/.:,])(?:[0-3]?\d{_ORD}?\s*(?:,|eller|el\.?|och|or|and|(?<=\s)o(?=\s)|alt\.?|alternativt|&|\+)\s*"
    r"(?:den\s+)?)+$",
    re.I,
)


def _numeric(text: str) -> Iterator[DateMention]:
    for m in _NUMERIC.finditer(text):
        day, month = int(m.group("day")), int(m.group("month"))
        if month > 12 and 1 <= day <= 12 and m.group("sep") == "/" and month <= 31:
            day, month = month, day  # "9/19": written month first, as in American mail
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        before = text[max(0, m.start() - 6) : m.start()].lower()
        after = text[m.end() : m.end() + 3]
        if m.group("sep") == "." and (
            re.search(r"\bkl\.?\s*$|\bklockan\s*$", before) or re.match(r"\s*[-–]\s*\d", after)
        ):
            continue  # a time of day such as "kl 9.30" or "09.30–11.30"
        if m.group("sep") == "." and re.match(r"\s?\d", after):
            continue
        if re.search(r"\d[\s-]$", before) or re.match(r"[\s-]\d{2,}", after):
            continue  # part of a phone number or a reference
        year_text = m.group("year")
        year = None if not year_text else int(year_text) + (2000 if len(year_text) == 2 else 0)
        yield DateMention(m.start(), m.end(), day, month, year, _weekday_before(text, m.start()))
        yield from _days_listed_before(text, m.start(), month, year)


def _days_listed_before(text: str, start: int, month: int, year: int | None) -> Iterator[DateMention]:
    """ "19 el 26/9", "19, 22 och 26/9": the days offered or listed before a date take its month.

    Not "vi är 3 och 26/9 passar" (one "och" joins a count) nor "kl 13 eller 26/9".
    """
    window = max(0, start - 40)
    listed = _DAYS_BEFORE.search(text[window:start])
    if not listed or not re.search(r",|\b(?:eller|el|alt|alternativt|or)\b", listed.group(0), re.I):
        return
    if re.search(r"\b(?:kl|klockan)\.?\s*$", text[max(0, window + listed.start() - 9) : window + listed.start()], re.I):
        return
    for d in re.finditer(r"[0-3]?\d", listed.group(0)):
        if 1 <= (day := int(d.group(0))) <= 31:
            at = window + listed.start() + d.start()
            yield DateMention(at, at + len(d.group(0)), day, month, year, None)


def _named(text: str) -> Iterator[DateMention]:
    for m in _NAMED.finditer(text):
        month = MONTHS[m.group("month").lower()]
        year = int(m.group("year")) if m.group("year") else None
        weekday = _weekday_before(text, m.start())
        listed = m.group("days")
        if listed:
            # "19 eller 22 sept", "19, 22 och 26 september": every day takes the month.
            for d in re.finditer(r"[0-3]?\d", listed):
                day = int(d.group(0))
                if 1 <= day <= 31:
                    yield DateMention(m.start() + d.start(), m.start() + d.end(), day, month, year, weekday)
                weekday = None
        day = int(m.group("day"))
        if 1 <= day <= 31:
            start = m.start("day")
            yield DateMention(
                start,
                m.end(),
                day,
                month,
                year,
                _weekday_before(text, start) if listed else weekday,
            )


def _month_first(text: str) -> Iterator[DateMention]:
    for m in _MONTH_FIRST.finditer(text):
        if re.search(r"\d(?:st|nd|rd|th|:e|:a)?\.?\s*(?:of\s+)?$", text[max(0, m.start() - 8) : m.start()], re.I):
            continue  # "2 sept 14-16": the month belongs to the day before it
        if re.match(r"\s*[-–]\s*\d", text[m.end() : m.end() + 4]):
            continue  # a time range, "sept 14-16"
        month = MONTHS[m.group("month").lower()]
        year = int(m.group("year")) if m.group("year") else None
        day = int(m.group("day"))
        if 1 <= day <= 31:
            yield DateMention(m.start(), m.end("day"), day, month, year, _weekday_before(text, m.start()))
        for more in re.finditer(r"[0-3]?\d", m.group("more")):  # "September 19 or 22": each day takes the month
            if 1 <= (day := int(more.group(0))) <= 31:
                start = m.start("more") + more.start()
                yield DateMention(start, start + len(more.group(0)), day, month, year)


_DAY_AND_WORD = re.compile(r"(?<![\d/.:])(?P<day>[0-3]?\d)(?::?[ae])?\.?\s+(?P<word>[a-zåäö]{5,11})\b\.?", re.I)
_FULL_MONTHS = ("juli", "augusti", "september", "oktober")


def _misspelt_months(text: str) -> Iterator[DateMention]:
    """ "26 sepetmber", "19 septmeber": a month with its letters swapped or one missing, as typed in haste."""
    for m in _DAY_AND_WORD.finditer(text):
        word = m.group("word").lower()
        if word in MONTHS:
            continue
        close = difflib.get_close_matches(word, _FULL_MONTHS, n=1, cutoff=0.8)
        if close and close[0][0] == word[0] and 1 <= (day := int(m.group("day"))) <= 31:
            yield DateMention(m.start(), m.end(), day, MONTHS[close[0]], None, _weekday_before(text, m.start()))


def _ordinal_days(text: str) -> Iterator[DateMention]:
    for m in _ORDINAL_DAY.finditer(text):
        day = int(m.group("day"))
        if 1 <= day <= 31:
            yield DateMention(m.start("day"), m.end(), day, None, None, _weekday_before(text, m.start()))


def _word_days_only(text: str) -> Iterator[DateMention]:
    for m in _WORD_DAY_ONLY.finditer(text):
        weekday = _weekday_before(text, m.start())  # "torsdagen den nittonde"
        yield DateMention(m.start("day"), m.end(), DAY_ORDINALS[m.group("day").lower()], None, None, weekday)


def _day_only(text: str) -> Iterator[DateMention]:
    for m in _DAY_ONLY.finditer(text):
        after = text[m.end() : m.end() + 14].lower()
        if re.match(rf"\s*(?:{_MONTH})\b|\s*[/.]\s*\d", after):
            continue  # a full date, read by the other patterns
        if not (m.group("weekday") or m.group("ord")):
            continue  # "den 26" alone is too weak; "den 26:e" and "måndagen den 26" are not
        if re.match(r"\s*(?:kl|klockan|timmar|minuter|personer|st\b|deltagare)", after):
            continue
        day = int(m.group("day"))
        if 1 <= day <= 31:
            weekday = None
            if m.group("weekday"):
                word = m.group("weekday").lower()
                weekday = next((n for w, n in WEEKDAYS.items() if word.startswith(w)), None)
            yield DateMention(m.start("day"), m.end(), day, None, None, weekday)
