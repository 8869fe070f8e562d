"""Sessions named by their hour or their part of the day: "halv tio-tillfället", "dialogen kl. 15–17",
"torsdagsförmiddagen", "nästa fredag kl 14".

Each cue narrows the sessions that fit it; a cue that leaves exactly one names that one, a cue that leaves
several is a question for a person. Only sentences that name a session are read, none with a date of its own,
none about the information meeting (whose time, 13–14, would fit a session too) and none about the sender's own
day ("KS har sammanträde kl. 13"). A week alone ("v. 38") is left to the dates: it holds two sessions.
"""

from __future__ import annotations

import datetime as dt
import re

from mailbot.core.model import Event, Session
from mailbot.core.understand.dates import find_dates
from mailbot.core.understand.sentences import split_sentences

_HOUR_WORDS = {
    "ett": 1,
    "en": 1,
    "två": 2,
    "tre": 3,
    "fyra": 4,
    "fem": 5,
    "sex": 6,
    "sju": 7,
    "åtta": 8,
    "nio": 9,
    "tio": 10,
    "elva": 11,
    "tolv": 12,
}
# "halv tio", "halv tre-passet": half an hour before the hour named
_HALF = re.compile(rf"\bhalv\s+(?P<hour>{'|'.join(_HOUR_WORDS)})\b", re.I)
# "klockan tre", "kl. två"
_CLOCK_WORD = re.compile(rf"\b(?:kl\.?|klockan)\s*(?P<hour>{'|'.join(_HOUR_WORDS)})\b", re.I)
# "kl. 15–17", "kl 14", "klockan 9.30", "09.30-11.30", "15.00"
_CLOCK = re.compile(
    r"\b(?:kl\.?|klockan)\s*(?P<h1>[0-2]?\d)(?:[.:](?P<m1>[0-5]\d))?"
    r"|(?<![\d/.])(?P<h2>[0-2]?\d)[.:](?P<m2>[0-5]\d)(?=\s*[-–]\s*\d|\b)",
    re.I,
)
_MORNING = re.compile(r"förmiddag\w*", re.I)  # not "morgon": "i morgon" is tomorrow
_AFTERNOON = re.compile(r"eftermiddag\w*", re.I)
_WEEKDAY_STEM = re.compile(r"\b(?P<stem>måndag|tisdag|onsdag|torsdag|fredag)s?(?=\w*(?:förmiddag|eftermiddag))", re.I)
_NEXT_WEEKDAY = re.compile(r"\b(?:nästa|på|kommande)\s+(?P<stem>måndag|tisdag|onsdag|torsdag|fredag)\b", re.I)
_WEEKDAYS = {"måndag": 0, "tisdag": 1, "onsdag": 2, "torsdag": 3, "fredag": 4}
# A sentence that names a session by its time says so: "halv tio-tillfället", "förmiddagspasset",
# "dialogen kl 13–15"; or gives a weekday with the time ("nästa fredag kl 14", "torsdagsförmiddagen")
_SESSION_WORD = re.compile(r"tillfälle|pass(?:et)?\b|dialog", re.I)
# "KS har sammanträde kl. 13 samma dag", "Vi åker buss 07.45": the sender's own day, not the session's
_OWN_DAY = re.compile(r"sammanträd|fullmäktige|\bks\b|\bkf\b|buss|tåg|åker|avgår|\bhinner|avbok|avanmäl", re.I)
_INFO = re.compile(r"informationsmöt|infomöt|kso-möt|ksl", re.I)


def sessions_by_time(text: str, event: Event, doubts: list[str]) -> list[dt.date]:
    """The session the hours or the part of the day in the sentences that name a session point to."""
    chosen: list[dt.date] = []
    # "v. 38", "kl. 15": an abbreviation's full stop ends no sentence (the same length, so positions hold)
    for span in split_sentences(re.sub(r"\b(v|kl|ca)\.(?=\s*\d)", r"\1 ", text, flags=re.I)):
        sentence = text[span.start : span.end]
        if _INFO.search(sentence) or _OWN_DAY.search(sentence) or find_dates(sentence):
            continue  # a sentence with a date names its session by the date: the hour there is no choice
        fits = _fitting(sentence, event)
        if fits is None:
            continue
        if len(fits) == 1:
            chosen.extend(s.date for s in fits if s.date not in chosen)
        elif fits:
            doubts.append("tiden passar flera tillfällen")
    return chosen


def contradicting_time(sentence: str, session: Session) -> bool:
    """ "eftermiddagen den 22:a" when that session is in the morning: the time and the date disagree."""
    return (_MORNING.search(sentence) is not None and session.start.hour >= 12) or (
        _AFTERNOON.search(sentence) is not None and session.start.hour < 12
    )


def _fitting(sentence: str, event: Event) -> list[Session] | None:
    """The sessions every cue in the sentence fits, or None when it has no cue."""
    fits = list(event.sessions)
    named = bool(_SESSION_WORD.search(sentence) or _WEEKDAY_STEM.search(sentence))
    cued = False
    for hour, minute in _times(sentence):
        cued = True
        fits = [s for s in fits if _starts_at(s, hour, minute)]
    if _MORNING.search(sentence):
        cued = True
        fits = [s for s in fits if s.start.hour < 12]
    elif _AFTERNOON.search(sentence):
        cued = True
        fits = [s for s in fits if s.start.hour >= 12]
    for found in (*_WEEKDAY_STEM.finditer(sentence), *(_NEXT_WEEKDAY.finditer(sentence) if cued else ())):
        # "nästa fredag" alone is as often a reply's deadline; beside an hour it names the session
        named = True
        fits = [s for s in fits if s.date.weekday() == _WEEKDAYS[found.group("stem").lower()]]
    return fits if cued and named else None


def _times(sentence: str) -> list[tuple[int, int]]:
    found = [(_HOUR_WORDS[m.group("hour").lower()] - 1, 30) for m in _HALF.finditer(sentence)]
    found += [(_HOUR_WORDS[m.group("hour").lower()], 0) for m in _CLOCK_WORD.finditer(sentence)]
    for m in _CLOCK.finditer(sentence):
        hour = int(m.group("h1") or m.group("h2"))
        minute = int(m.group("m1") or m.group("m2") or 0)
        if hour <= 23:
            found.append((hour, minute))
    return found[:1]  # "kl. 15–17": the session is named by when it starts


def _starts_at(session: Session, hour: int, minute: int) -> bool:
    """ "halv tio" is 9.30, "klockan tre" 15.00: a small hour is read in the morning or the afternoon."""
    return session.start.minute == minute and session.start.hour in {hour, hour + 12}
