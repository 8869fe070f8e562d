"""Which sessions a text chooses: dates, rooms, ordinals and weekdays matched against the event."""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from mailbot.core.model import Event
from mailbot.core.understand.dates import DateMention, find_dates, week_days
from mailbot.core.understand.lexicon import MONTHS, ORDINALS
from mailbot.core.understand.places import other_municipalities
from mailbot.core.understand.sentences import Span, clause_at, line_at, line_span, line_start, sentence_at
from mailbot.core.understand.times import contradicting_time

# Why a date in a sentence is no choice of session: each entry names the reason and the words that give it.
_NOT_A_CHOICE: tuple[tuple[str, str], ...] = (
    # whole words (or the end of a lower-case compound, "studieresa", "föräldraledig") where a name could
    # hide one: "Tommy" holds "tom", "Teresa" holds "resa"
    (
        "away",
        r"semester|(?:\b|(?<=[a-zåäö]{3}))ledig|tillbaka|\båter\s+(?:på|i|den)|bortrest|tjänstledig|förhinder"
        r"|(?:\b|(?<=[a-zåäö]{3}))resa\b",
    ),
    ("other meeting", r"sammanträd|fullmäktige|budget|nämndmöte|ks-möte|konferens|utbildning|\bkurs\b|seminari"),
    ("deadline", r"\bsenast|deadline|sista\s+(?:dag|anmälningsdag)"),
    # "fr.o.m.", "fr o m", "t.o.m." (not the English "from", nor "tom")
    (
        "period",
        r"\b(?:fr|t)\.\s?o\.\s?m\b|\b(?:fr|t)\s+o\s+m\b|till\s+och\s+med|från\s+och\s+med|sedan\s+den",
    ),
    # "X anmälde i juli Solna till den 19 september": what was registered before, told as past
    ("earlier", r"(?<!som\s)\btidigare|\bförra\b|\banmälde\b|\bhade\s+(?:\w+\s+)?anmält\b"),
    # "vi har vår egen kommunstyrelse den 19 september"
    (
        "own meeting",
        r"\beg(?:en|et|na)\s+(?:kommunstyrelse|ks|fullmäktige|nämnd|möte|sammanträde)"
        r"|\bhar\s+(?:\w+\s+){0,3}(?:kommunstyrelse\w*|ks|kf|fullmäktige|nämnd\w*|möte|presidium)\b",
    ),
    # "gruppledarmötet den 22", "när gruppledarna träffas den 19": their meeting (not "avstämning med gruppledarna")
    (
        "group leaders",
        r"gruppledar(?:e|na)?\s*-?(?:möte|träff|sammanträde)"
        r"|gruppledarna\s+(?:träffas|ses|möts|sammanträder)",
    ),
    ("answer later", r"återkomm\w*"),
    # "stämt av med gruppledarna inför KS den 29 augusti": the council's own day
    ("before the council", r"\binför\s+(?:ks|kf|kommunstyrelse\w*|fullmäktige|nämnd\w*|presidi\w*|budget\w*)\b"),
    # "kommer att ta upp saken i kommunstyrelsen den 29 augusti": a matter raised at the council's own meeting
    (
        "raised in the council",
        r"\b(?:ta\s+upp|tar\s+upp|lyfta|lyfter|behandla\w*|diskutera\w*)\s+(?:\w+\s+){0,3}i\s+"
        r"(?:ks|kf|kommunstyrelsen|fullmäktige|nämnden|presidiet)\b",
    ),
    # "Anmälan till den 22/9 utgår alltså", "Vi måste avboka fredagen den 2 september": the day given up
    ("given up", r"\butgår\b|avbok\w*|avanmäl\w*"),
    # "bestämmer presidiet när de ses den 29 augusti": their own meeting
    ("when they meet", r"\bnär\s+(?:de|presidiet|gruppen|styrelsen|nämnden)\s+(?:ses|träffas|möts|sammanträder)\b"),
    # "kallad till ett möte på departementet den 22", "KS-mötet den 2 september blev inställt"
    (
        "called elsewhere",
        r"\bkallad\w*\s+till|\binställ(?:t|d|da|des)\b"
        r"|(?:styrelse|nämnd|fullmäktige|presidie)(?:möte|sammanträde)\w*",
    ),
    # "angavs felaktigt måndagen den 22 september", "Dialogtillfällen erbjuds den 2, 19, 22 och 26 september"
    ("misprint or offer", r"felaktig\w*|angavs\s+fel|\bfel\s+(?:dag|datum)|erbjud\w*|bjudit\s+in"),
    # "Tanken var först …", "föredrog ordföranden först den 19:e, men …": a first wish, given up
    (
        "first thought",
        r"\bföredrog\b|\bville\s+(?:\w+\s+)?först\b|tanken\s+var|tanke\s+var"
        r"|hade\s+(?:först\s+)?tänkt|först\s+tänkt|skulle\s+först",
    ),
    # "den 19:e är det Arlandadagen", "vår stadsdelsdag": another event's day (weekdays are no such names)
    (
        "another day's name",
        r"\b(?!(?:mån|tis|ons|tors|fre|lör|sön|dialog|samma|sista|första|andra|hela|halva|efter"
        r"|förmid|mid|var)\w*dag)\w{3,}dag(?:en|ar|arna)?\b",
    ),
    # "för vår del återstod bara den 2 och den 26": the days left to choose from
    ("days left", r"\båters(?:tod|tår)\b"),
    # "Vi hade helst kommit den 22 september, men …": a wish that did not come true
    (
        "unmet wish",
        r"\bhade\s+(?:\w+\s+)?(?:helst|gärna|hellre)\b"
        r"|\bskulle\s+(?:\w+\s+)?ha\s+(?:kommit|velat|tagit|valt)\b",
    ),
)
_NON_CHOICE = re.compile("|".join(f"(?:{words})" for _, words in _NOT_A_CHOICE), re.I)
# "Dialogen den 26 september är oförändrad": the stored day restated, which registers no one by itself
UNCHANGED = re.compile(
    r"\boförändrad\w*|\bkvarstår\b|\bingen\s+ändring\b|\bredan\s+anmäl\w*|\b(?:står|ligger)\s+(?:fast|kvar)\b|\b(?:påverkas|berörs)\s+inte\b|\bgäller\s+(?:som\s+tidigare|som\s+förut|fortfarande|alltjämt)",
    re.I,
)
_REFERENCE_BEFORE = re.compile(
    r"(?:mejl|mail|brev|inbjudan|meddelande|svar|bekräftelse|anmälan)(?:et|en|n)?\s+(?:från\s+|av\s+)?(?:den\s+)?$"
    # "anmälan som skickades 2016-07-13", "inbjudan daterad 2016-07-11"
    r"|\b(?:som\s+)?(?:skickades|skickats|inkom|inkommit|daterad|daterat|daterade|justerat|justerad)\s+(?:den\s+)?$"
    # a registry's metadata: "Handläggningsdatum: 2016-09-19", "Bevakningsdatum | 2016-09-02"
    r"|(?:handläggning|bevakning|diarie|registrering|ankomst|inkom|expedier|beslut|sammanträde|justering|utskick"
    r"|inskick|slutför|start)\w*(?:\s*[:|])+\s*$"
    # "Dokumentdatum: 2016-08-29", "Ankomstdatum |": a compound date heading, unless the dialog's own
    r"|\b(?!dialog|session|möte|mötes|tillfälle)\w+datum(?:\s*[:|])+\s*$",
    re.I,
)
# "Rättelse:", "Oj, fel datum", "jag menade", "det ska vara den 26, inte den 19": the sentence puts right
# what was written earlier
_CORRECTION = re.compile(
    r"\brättelse|\bkorrigering|\bfel\s+(?:datum|dag|rad)\b|\bskrev\s+fel|\bfelskri\w*|\bmenade\b"
    r"|\bskulle\s+(?:ha\s+)?stått\b|\bska\s+(?:det\s+)?(?:vara|stå)\b.*\binte\b",
    re.I,
)
NEGATION = re.compile(
    r"\b(?:inte|ej|icke|förhinder|omöjlig\w*|passar\s+dåligt|fungerar\s+dåligt)\b|\bkan\s+tyvärr\s+inte\b",
    re.I,
)
_INSTEAD_OF = re.compile(
    r"\b(?:(?:i\s*stället|istället)\s+för|efter|före|innan|tidigast|senare\s+än|tidigare\s+än)\s+(?:den\s+)?$",
    re.I,
)
_MOVE_GOAL = re.compile(
    r"\b(?:från|fr\.)\s+(?:den\s+)?[0-3]?\d(?::?[ea])?(?:[/.]\d{1,2})?(?:\s+\w+)?\s+till\s+(?:den\s+)?$", re.I
)
_MOVE = re.compile(r"\b(?:från|fr\.|from)\s+(?:(?:mån|tis|ons|tors|fre)dag(?:en)?\s+)?(?:den\s+|the\s+)?$", re.I)
_REGISTERING = re.compile(
    r"anmäl|delta|deltar|deltagande|kommer|komma|medverka|närvar|välj|boka|passar|önskar|datum|tillfälle"
    r"|dialog|blir|går\s+bra|vill|flytta|byta|ändra|\btar\s+(?:den\s+)?\d",  # "botkyrka tar den 21 sept"
    re.I,
)


class SessionChoices(NamedTuple):
    choices: list[dt.date]
    # dates given for the dialog that are no session
    attempts: list[dt.date]
    # "flyttar från den 19": the session left
    moved_from: dt.date | None
    # "torsdagen den 19" (a Monday) when a Thursday session exists: a day that cannot be read
    contradicted: list[dt.date]
    # "Dialogen den 26 september är oförändrad": a session said to stand as it is
    kept: list[dt.date]
    # where the dates of the invitation's session list pasted back stand (their rows are no choice unless marked)
    pasted: tuple[int, ...] = ()


def session_choices(
    text: str,
    found: list[DateMention],
    sentences: list[Span],
    event: Event,
    year: int,
    doubts: list[str],
    *,
    municipality: str | None = None,
) -> SessionChoices:
    session_days = {s.date for s in event.sessions}
    # an unknown sender may be any of them: only a known one tells another municipality's day from its own
    others = other_municipalities(event, municipality) if municipality else None
    info_day = event.info_meeting.date if event.info_meeting else None
    choices: list[dt.date] = []
    attempts: list[dt.date] = []
    moved_from: dt.date | None = None
    contradicted: list[dt.date] = []
    kept: list[dt.date] = []
    corrected: list[dt.date] = []
    mentions = list(found)
    for start, end, week_day in week_days(text, year):
        if not any(m.start < end and start < m.end for m in mentions):
            mentions.append(DateMention(start, end, week_day.day, week_day.month, week_day.year, week_day.weekday()))
    mentions.sort(key=lambda m: m.start)
    rows = _pasted_rows(text, mentions, event, year)
    for mention in mentions:
        sentence = sentence_at(sentences, mention.start)
        sentence_text = text[sentence.start : sentence.end]
        day = _resolve(mention, event, year, sentence_text)
        if mention.start in rows:
            # the invitation's list pasted back: only a marked row is a choice ("22 sept … | X", "<--", "– JA")
            if rows[mention.start] and day is not None and day not in choices:
                choices.append(day)
            continue
        if day is None or day == info_day:
            continue
        before = text[max(sentence.start, mention.start - 40) : mention.start]
        if _INSTEAD_OF.search(before):
            continue
        moving = _MOVE.search(before) and (
            # "flytta från den 19:e" with the new day to come later: a move away, no choice
            _has_later_date(mention, mentions, sentence) or re.search(r"flytt|byt|\bmove|\bchange", sentence_text, re.I)
        )
        if moving:
            if day in session_days:
                moved_from = day
            continue
        phrase = _main_clause(clause_at(text, mention.start, at_commas=True), text[mention.start : mention.end])
        if _anothers_choice(text[max(sentence.start, mention.start - 60) : mention.start], others, municipality):
            continue  # "Vallentuna lutar åt den 22:a", "Vaxholm som tar den 2:a": another municipality's day
        if day in session_days and UNCHANGED.search(clause_at(text, mention.start)):
            kept.append(day)
            continue
        # "anmälan den 22 september" names the session registered for, not a mail of that day (all came earlier)
        registers_for = day in session_days and re.search(r"anmälan\s+(?:till\s+)?(?:den\s+)?$", before, re.I)
        # "På grund av ett extrainsatt sammanträde behöver vi flytta från den 19 till den 26": the move's goal is
        # the choice, whatever reason the sentence gives for it
        move_goal = _MOVE_GOAL.search(before) and re.search(r"flytt|byt|ändr", sentence_text, re.I)
        if (_REFERENCE_BEFORE.search(before) and not registers_for) or (_NON_CHOICE.search(phrase) and not move_goal):
            continue
        if _negated_date(text, mention) and not move_goal:
            continue  # (a move's goal keeps the clash the sentence goes on to give as the reason for moving)
        if _in_a_range(text, mention):
            continue  # "Kommunforum i Göteborg den 14–15 september", "mellan den 25 och 27": a stretch of days
        if mention.weekday is not None and day.weekday() != mention.weekday:
            # "torsdagen den 19", "tisdag 26 sept": the weekday or the date is wrong, and which one a person asks
            doubts.append(f"veckodagen stämmer inte med datumet {day.isoformat()}")
            contradicted.append(day)
            continue
        if day in session_days:
            session = next(s for s in event.sessions if s.date == day)
            if contradicting_time(phrase, session):
                # "eftermiddagen den 22:a" when the 22nd is a morning: which of the two is meant?
                doubts.append(f"tiden stämmer inte med tillfället {day.isoformat()}")
                contradicted.append(day)
                continue
            if day not in choices:
                choices.append(day)
            if _CORRECTION.search(sentence_text):
                corrected.append(day)
        elif (
            (_REGISTERING.search(sentence_text) or _is_field_line(text, mention.start))
            and not _NON_CHOICE.search(sentence_text)
            and day.year == year
            # a date before the deadline is a decision's or a letter's, not a choice; unless it names the
            # dialog's day ("anmäler sig till dialogmötet 19/8": a slip of the month, not a session)
            and (
                day > event.deadline or re.search(r"\b(?:dialog|dialogmöte|tillfälle)\w*\s+(?:den\s+)?$", before, re.I)
            )
            and day not in attempts
        ):
            attempts.append(day)
    if info_day and re.search(r"samma\s+dag\s+som\s+(?:informationsmötet|infomötet|ksl|kso-mötet)", text, re.I):
        attempts.append(info_day)  # a date by meaning, and not a session
    elif not choices and re.search(r"\bsamma\s+(?:dag|datum|tillfälle)\s+som\s+(?!förra|sist|tidigare)\w", text, re.I):
        doubts.append("datumet anges som 'samma dag som' någon annan")  # "samma dag som Solna": whose day is that?
    if len(set(corrected)) == 1:
        choices = corrected[:1]  # "Rättelse: den 22:a, inte 26:e": the day written first was a slip
    return SessionChoices(choices, attempts, moved_from, contradicted, kept, tuple(rows))


# A row of the invitation's session list: "22 sept 09.30–11.30 Mälarsalen, Landstingshuset", "2 sept | 14.00–16.00 |"
_ROW_TIME = re.compile(r"\d{1,2}[.:]\d{2}\s*[–-]\s*\d{1,2}[.:]\d{2}")
# What marks the chosen row: "X", "[x]", "<--", "– JA", "✔", "– vi tar denna", "(valt)", "*…*"
_ROW_MARK = re.compile(
    r"(?<![\w-])[xX](?![\w-])|\[\s*[xX✔✓]\s*\]|<[-=]+|[-=]+>|\bja\b|[✔✓☑]|\bvi\s+tar\s+(?:\w+\s+)?(?:denna|detta|den\s+här)\b"
    r"|\(?\bvalt\b\)?|\bvår\s+dag\b|^\s*\*|\*\s*$",
    re.I,
)


def _pasted_rows(text: str, mentions: list[DateMention], event: Event, year: int) -> dict[int, bool]:
    """Mentions on the rows of a pasted session list (three rows or more), each with whether its row is marked."""
    session_days = {s.date for s in event.sessions}
    rooms = [re.escape(s.room.split(",")[0].strip()) for s in event.sessions if s.room.strip()]
    rows: dict[int, str] = {}
    for mention in mentions:
        line = line_at(text, mention.end - 1)  # "… i september\n2 sept 14.00–16.00": the row the day is on
        if mention.on(year) in session_days and (_ROW_TIME.search(line) or any(re.search(r, line) for r in rooms)):
            rows[mention.start] = line
    if len(set(rows.values())) < 3:
        return {}
    marked = {}
    for start, line in rows.items():
        rest = _ROW_TIME.sub(" ", line)
        rest = re.sub("|".join([*rooms, r"landstingshuset", r"hantverkargatan\s+\d+"]), " ", rest, flags=re.I)
        rest = re.sub(r"\d{1,2}\s*(?:sept?\w*|/\s*9)\.?", " ", rest, flags=re.I)
        marked[start] = bool(_ROW_MARK.search(rest)) and not re.search(r"\bnej\b", rest, re.I)
    return marked


def without_pasted_list(text: str, pasted: tuple[int, ...]) -> str:
    """The text with a pasted session list blanked out (the same length), so that its rooms and hours are no choice.

    `pasted`: where the list's dates stand, as `session_choices` found them.
    """
    for start in pasted:
        first, last = line_span(text, start)
        text = text[:first] + " " * (last - first) + text[last:]
    return text


def _without_asides(text: str) -> str:
    return re.sub(r"\([^()]*\)", " ", text)


def _anothers_choice(before: str, others: re.Pattern[str] | None, own: str | None) -> bool:
    """A date whose subject, just before it, is another municipality, with no "vi" or "jag" between.

    Not "Österåker och Vaxholm samordnar sig och kommer båda den 19 september": the sender's own is there too.
    """
    before = _without_asides(before)  # "(inte ihop med Nykvarn)": an aside names no one's choice
    found = list(others.finditer(before)) if others is not None else []
    if not found or (own and re.search(rf"(?<![\w-]){re.escape(own)}", before)):
        return False
    between = before[found[-1].end() :]
    return not re.search(r"\b(?:vi|jag|oss|vår|mig)\b|[.:;!?]|\n", between, re.I)


def impossible_dates(text: str, mentions: list[DateMention], sentences: list[Span], year: int) -> list[str]:
    """ "Vi kommer den 31 september": a date given as the choice that no calendar has, as written."""
    found: list[str] = []
    for mention in mentions:
        if mention.month is None or mention.on(year) is not None or not 1 <= mention.day <= 31:
            continue
        sentence = sentence_at(sentences, mention.start)
        before = text[max(sentence.start, mention.start - 40) : mention.start]
        if (_REGISTERING.search(text[sentence.start : sentence.end]) or _is_field_line(text, mention.start)) and not (
            _REFERENCE_BEFORE.search(before) or _NON_CHOICE.search(clause_at(text, mention.start))
        ):
            found.append(text[mention.start : mention.end].strip(" .,:;"))
    return found


def session_positions(mentions: list[DateMention], event: Event, year: int) -> list[int]:
    """Where the text writes a date that names a session (a cue that a line is about the dialog)."""
    session_days = {s.date for s in event.sessions}
    return [m.start for m in mentions if _resolve(m, event, year) in session_days]


# "Trots att M-gruppen hade eget möte i går kväll har vi nu fått ihop … till den 26 september": the fronted
# clause ends where the main clause's verb comes before its subject
_FRONTED = re.compile(
    r"^\s*(?:trots\s+att|även\s+om|fast\s+att|eftersom|när|medan|sedan|på\s+grund\s+av|p\.?g\.?a\.?"
    r"|med\s+anledning\s+av|till\s+följd\s+av|med\s+hänvisning\s+till)\s.*?\s"
    r"(?=(?:har|hade|är|var|kommer|blir|tar|väljer|anmäler|kan|ska|vill|får|behöver|måste|önskar)\s+(?:vi|jag|ni)\b"
    r"|(?:anmäles|anmäls|meddelas)\s+(?:härmed\s+)?\w)",
    re.I,
)


def _main_clause(phrase: str, date: str) -> str:
    """The main clause of a phrase opening with a fronted clause, when the date stands in the main clause."""
    fronted = _FRONTED.match(phrase)
    if fronted and date in phrase[fronted.end() :] and date not in phrase[: fronted.end()]:
        return phrase[fronted.end() :]
    return phrase


def _negated_date(text: str, mention: DateMention) -> bool:
    """ "kan inte den 19", "den 19 passar inte" – but not "kommer den 26, inte tisdagen"."""
    clause = clause_at(text, mention.start)
    first = line_start(text, mention.start)
    offset = text[first:].find(clause)
    before = clause[: max(0, mention.start - first - offset)] if offset >= 0 else clause
    before = before.rsplit(",", 1)[-1]  # "Den 19/9 passar inte, vi kommer den 22/9": the comma ends it
    before = _without_asides(before)  # "anmäler sig själv (inte ihop med Nykvarn) till 19 september"
    after = text[mention.end : mention.end + 40]
    if re.match(r"[\s,]*(?:\w+\s+){0,3}(?:krockar|kolliderar|sammanfaller|föll\s+(?:på|bort))\b", after, re.I):
        return True  # "2/9 krockar med vårt KF", "den 22 och 26 september krockar": the dates they cannot come
    if re.search(r"\b(?:krockat|krockade|kolliderat|kolliderade)\b", before, re.I):
        return True  # "Tyvärr har det krockat för oss den 19:e"
    if re.match(
        r"[\s,]*(?:ligger|är|blir|kommer)\s+(?:alldeles\s+|lite\s+|alltför\s+)?för\s+(?:nära|tidigt|sent)\b",
        after,
        re.I,
    ):
        return True  # "2 september ligger för nära semestrarna"
    if re.match(
        r"[\s,:]*(?:\w+\s+){0,2}(?:(?:är|var|blir)\s+)?(?:inte|ej|aldrig)\s+(?:\w+\s+)?(?:möjlig|aktuell|lämplig"
        r"|ett\s+alternativ|något\s+alternativ)",
        after,
        re.I,
    ):
        return True  # "varför den 19:e inte är möjlig", "Den 2 september var aldrig aktuell"
    return bool(NEGATION.search(before)) or bool(
        re.match(
            # "Anmälan till den 26 september gäller alltså inte längre"
            r"[\s,]*(?:\w+\s+){0,2}(?:passar|går|fungerar|funkar|kan\s+vi|duger|gäller)\s+(?:\w+\s+){0,2}(?:inte|ej|dåligt)\b",
            after,
            re.I,
        )
    )


def _resolve(mention: DateMention, event: Event, year: int, sentence: str = "") -> dt.date | None:
    if mention.month is not None:
        day = mention.on(year)
        slip = [s.date for s in event.sessions if s.date.day == mention.day]
        if day is not None and day not in {s.date for s in event.sessions} and len(slip) == 1 and sentence:
            # "dialogen i september, den 19/8": the sentence names the month, the number slipped
            month_names = [name for name, number in MONTHS.items() if number == slip[0].month and len(name) > 3]
            if re.search(rf"\bi\s+(?:{'|'.join(month_names)})\b", sentence, re.I):
                return slip[0]
        return day
    candidates = [s.date for s in event.sessions if s.date.day == mention.day]
    if mention.weekday is not None:
        matching = [d for d in candidates if d.weekday() == mention.weekday]
        candidates = matching or candidates
    if len(candidates) == 1:
        return candidates[0]
    if event.info_meeting and event.info_meeting.date.day == mention.day:
        return event.info_meeting.date
    return None


def _in_a_range(text: str, mention: DateMention) -> bool:
    before = text[max(0, mention.start - 12) : mention.start]
    after = text[mention.end : mention.end + 6]
    return bool(
        re.search(r"\d\s*[–—-]\s*$", before)
        or re.match(r"\s*[–—-]\s*\d", after)
        or re.search(r"\bmellan\s+(?:den\s+)?$", before)
        or re.search(
            r"\bmellan\s+(?:den\s+)?\d{1,2}\s+(?:och|-)\s+(?:den\s+)?$",
            text[max(0, mention.start - 24) : mention.start],
        )
    )


def _has_later_date(mention: DateMention, mentions: list[DateMention], sentence: Span) -> bool:
    return any(m.start > mention.end and m.start < sentence.end for m in mentions)


def _is_field_line(text: str, position: int) -> bool:
    return bool(
        re.match(r"\s*(?:datum|dag|tillfälle|dialog\w*|session)\s*:", text[line_start(text, position) : position], re.I)
    )


def sessions_by_room_or_ordinal(text: str, event: Event, doubts: list[str] | None = None) -> list[dt.date]:
    found: list[dt.date] = []
    for session in event.sessions:
        room = session.room.split(",")[0].strip()
        same_room = [s for s in event.sessions if s.room.split(",")[0].strip() == room]
        if room and len(same_room) == 1 and re.search(rf"\b{re.escape(room)}\b", text, re.I):
            found.append(session.date)
    ordinal = re.search(
        r"\b(första|andra|tredje|fjärde|femte|sista|1:a|2:a|3:e|4:e)\s+(?:dialog)?(?:tillfället|datumet|alternativet|mötet|dialogmötet|passet|träffen|dialogen|omgången)",
        text,
        re.I,
    )
    numbered = re.search(
        r"\b(?:alternativ|alt\.?|tillfälle|dialogtillfälle|datum|session)\s*(?:nr\.?|nummer)?\s*([1-9])\b(?![/.:]\d)",
        text,
        re.I,
    )
    if numbered and not ordinal and event.sessions:
        index = int(numbered.group(1)) - 1  # "alternativ 2", "tillfälle nr 3": the invitation's order
        if index < len(event.sessions) and event.sessions[index].date not in found:
            found.append(event.sessions[index].date)
    if not ordinal and doubts is not None and _THE_SECOND.search(text):
        # "Norrtälje väljer den andra": the 2nd of September, or the second session?
        doubts.append("'den andra' kan vara den 2 september eller det andra tillfället")
        return found
    if ordinal and event.sessions:
        word = ordinal.group(1).lower()
        if word == "andra" and doubts is not None and _turns_down_a_date(text[: ordinal.start()]):
            # "den 2:a går inte, så vi tar det andra tillfället": the second, or the other one?
            doubts.append(
                "'det andra tillfället' efter ett datum som inte passar: det andra i ordningen eller ett annat?"
            )
            return found
        index = len(event.sessions) - 1 if word == "sista" else ORDINALS.get(word, 99)
        if index < len(event.sessions) and event.sessions[index].date not in found:
            found.append(event.sessions[index].date)
    return found


_THE_SECOND = re.compile(
    r"\b(?:väljer|tar|blir|kommer|deltar)\s+(?:vi\s+)?(?:på\s+)?den\s+(?:första|andra|tredje|fjärde)\b"
    r"(?!\s*(?:[-–]|tillfället|datumet|dagen|passet|mötet|september|sept|augusti|aug)\b)",
    re.I,
)


def _turns_down_a_date(text: str) -> bool:
    return any(_negated_date(text, mention) for mention in find_dates(text))


_WEEKDAY_STEMS = {"måndag": 0, "tisdag": 1, "onsdag": 2, "torsdag": 3, "fredag": 4}
# "fredagstillfället", "måndagsmötet", "på måndagen", "tar fredagen": a session named by its weekday.
_WEEKDAY_CHOICE = re.compile(
    r"\b(?P<stem>måndag|tisdag|onsdag|torsdag|fredag)(?:s|en)?(?:tillfället|mötet|passet|dialogen|alternativet)\b"
    # "på fredagen" is the session; "på fredag" and "till fredag" are as often a reply's deadline
    r"|\b(?:på|tar|väljer)\s+(?P<stem2>måndag|tisdag|onsdag|torsdag|fredag)en\b(?!\s+(?:den|\d))"
    r"|\b(?:tar|väljer)\s+(?P<stem3>måndag|tisdag|onsdag|torsdag|fredag)\b(?!\s+(?:den|\d))",
    re.I,
)
# "i slutet av september", "tillfället i början av september": a period, not a date.
_VAGUE_PERIOD = re.compile(
    r"\b(?:i\s+)?(?:slutet|början|mitten|senare\s+delen|andra\s+halvan)\s+av\s+(?:september|sept|augusti|aug)\b"
    r"|\bnågon\s+gång\s+i\s+september\b",
    re.I,
)


def sessions_by_weekday(text: str, event: Event, doubts: list[str]) -> list[dt.date]:
    """Sessions named only by weekday or period; one that fits several is a question for a person."""
    found: list[dt.date] = []
    for match in _WEEKDAY_CHOICE.finditer(text):
        weekday = _WEEKDAY_STEMS[(match.group("stem") or match.group("stem2") or match.group("stem3")).lower()]
        fitting = [s.date for s in event.sessions if s.date.weekday() == weekday]
        if len(fitting) == 1 and fitting[0] not in found:
            found.append(fitting[0])
        elif len(fitting) > 1:
            doubts.append(f'"{match.group(0).strip()}" passar flera tillfällen')
    vague = [m for m in _VAGUE_PERIOD.finditer(text) if not _NON_CHOICE.search(clause_at(text, m.start()))]
    if not found and vague:  # not "Vår KSO är bortrest i slutet av augusti"
        doubts.append("tillfället anges bara ungefär, inte med datum")
    return found


def subject_sessions(subject: str, event: Event, year: int) -> list[dt.date]:
    session_days = {s.date for s in event.sessions}
    days: list[dt.date] = []
    for mention in find_dates(subject):
        day = _resolve(mention, event, year)
        if day in session_days and day not in days:
            days.append(day)
    return days
