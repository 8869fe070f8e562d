"""From the sender's own words to a Reading: which session, who, which meeting, what else is asked."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass

from mailbot.core.mail import Attachment
from mailbot.core.model import Event, Participant, Reading, Swap
from mailbot.core.understand.dates import DateMention, find_dates, week_days
from mailbot.core.understand.lexicon import ORDINALS
from mailbot.core.understand.parties import PartyLexicon
from mailbot.core.understand.people import PersonMention, find_people, is_title, names_in_reading_order

_INFO_CUE = re.compile(
    r"informationsmöt|infomöt|info-möt|informationsträff|inledande\s+möte|kso-möte|ksl:s\s+möte",
    re.I,
)
_DIALOG_CUE = re.compile(r"dialog|tillfälle|session|regional\s+samverkan", re.I)
_NON_CHOICE = re.compile(
    r"semester|ledig|tillbaka|\båter\s+(?:på|i|den)|sammanträd|fullmäktige|budget|senast|deadline"
    r"|sista\s+(?:dag|anmälningsdag)|tidigare|förra|nämndmöte|ks-möte|fr\.?o\.?m|t\.?o\.?m|till\s+och\s+med"
    r"|från\s+och\s+med|sedan\s+den|bortrest|tjänstledig|konferens|utbildning|kurs\b|seminari|resa\b"
    # the sender's own meetings: "vi har vår egen kommunstyrelse den 19 september"
    r"|\beg(?:en|et|na)\s+(?:kommunstyrelse|ks|fullmäktige|nämnd|möte|sammanträde)"
    r"|\bhar\s+(?:\w+\s+){0,3}(?:kommunstyrelse\w*|ks|kf|fullmäktige|nämnd\w*|möte|presidium)\b"
    r"|gruppledar|återkommer|förhinder",
    re.I,
)
_REFERENCE_BEFORE = re.compile(
    r"(?:mejl|mail|brev|inbjudan|meddelande|svar|bekräftelse|anmälan)(?:et|en|n)?\s+(?:från\s+|av\s+)?(?:den\s+)?$",
    re.I,
)
_NEGATION = re.compile(
    r"\b(?:inte|ej|icke|förhinder|omöjlig\w*|passar\s+dåligt|fungerar\s+dåligt)\b|\bkan\s+tyvärr\s+inte\b",
    re.I,
)
_INSTEAD_OF = re.compile(
    r"(?:(?:i\s*stället|istället)\s+för|efter|före|innan|tidigast|senare\s+än|tidigare\s+än)\s+(?:den\s+)?$",
    re.I,
)
_MOVE = re.compile(r"\b(?:från|fr\.)\s+(?:den\s+)?$", re.I)
_REGISTERING = re.compile(
    r"anmäl|delta|deltar|deltagande|kommer|komma|medverka|närvar|välj|boka|passar|önskar|datum|tillfälle"
    r"|dialog|blir|går\s+bra|vill",
    re.I,
)
_QUESTION_WORDS = re.compile(
    r"\bundrar\b|\bfundera[rt]?\s+på\s+om\b|\bvill\s+gärna\s+veta\b|\bskulle\s+vilja\s+veta\b"
    r"|\btacksam\s+för\s+(?:svar|besked)\b|\bvore\s+tacksam\s+om\s+(?:du|ni)\s+kunde\s+svara\b",
    re.I,
)
_COURTESY_QUESTION = re.compile(
    r"hoppas|eller\s+hur|\bok\s*\?$|har\s+ni\s+(?:några\s+)?frågor|om\s+(?:du|ni)\s+har\s+frågor"
    r"|behöver\s+(?:du|ni)\s+(?:veta\s+)?något\s+(?:mer|annat)|något\s+mer\s+(?:du|ni)\s+behöver",
    re.I,
)
_CANCEL = re.compile(
    r"avbok|avanmäl|återkalla|stryk\w*\s+(?:vår|oss|anmälan)|dra[rg]?\s+tillbaka\s+(?:vår|anmälan|oss)"
    r"|tar?\s+tillbaka\s+(?:vår|anmälan)|ta\s+bort\s+(?:vår|oss)|annullera"
    r"|(?:kan|har)\s+(?:\w+\s+){0,2}inte\s+(?:möjlighet\s+att\s+)?(?:delta|komma|närvara|medverka)\s*(?:alls|på\s+något|i\s+(?:någon|dialogen|något))"
    r"|kommer\s+(?:\w+\s+){0,2}inte\s+(?:att\s+)?(?:kunna\s+)?(?:delta|komma|närvara)\s+(?:alls|på\s+något|i\s+(?:någon|något))",
    re.I,
)
_SWAP_BETWEEN = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:[^.\n(]{0,50}\s+och\s+|,\s*)?(?:ersätts|byts\s+ut|byts|byter\s+plats)\s+(?:av|mot|med)\s*$",
    re.I,
)
_SWAP_REVERSED = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?,?\s*(?:ersätter|kommer\s+i\s*stället\s+för|kommer\s+istället\s+för|deltar\s+i\s*stället\s+för|deltar\s+istället\s+för|går\s+in\s+i\s*stället\s+för)\s*$",
    re.I,
)
_ADD_BEFORE = re.compile(
    r"(?:lägga|lägger|lagt|läggs)\s+till\s*$|utöka\w*\s+(?:\w+\s+){0,2}med\s*$"
    r"|\b(?:tredje|fjärde|ytterligare\s+en|en\s+till|ny)\s+(?:deltagare|person|politiker|ledamot)\b[^.\n]{0,60}[:,]\s*$",
    re.I,
)
_ADD_AFTER = re.compile(r"^\s*(?:\([^)]*\))?\s*,?\s*(?:tillkommer|läggs\s+till|ansluter)", re.I)
_ATTACHMENT_POINTER = re.compile(r"bifoga|bilaga|bilagan|se\s+bif|attached|attachment|i\s+filen|se\s+fil", re.I)
_DOCUMENT = re.compile(r"pdf|msword|officedocument|opendocument|rtf|ms-excel|ms-tnef|octet-stream|image/", re.I)
_JOINT = re.compile(r"\b(?:både|båda|bägge|gemensam\w*|tillsammans|för\s+(?:oss\s+)?alla|samordnar)\b", re.I)
_ATTENDING = re.compile(r"\b(?:kommer|deltar|går|närvarar|är\s+med|anmäl\w*)\b", re.I)
# "Karin är redan anmäld till informationsmötet": news, not a registration
_ALREADY = re.compile(
    r"\bredan\s+(?:anmäld|anmält|registrerad)|\bhar\s+redan\s+anmält|gjorde\s+(?:hon|han|hen)\s+själv", re.I
)
_LATER = re.compile(r"separat|senare|återkommer|längre\s+fram|skickar\s+\w+\s+\w*\s*själv", re.I)
_CHAIR = re.compile(r"\bkso\b|kommunstyrelsens\s+ordförande|\bordförande\b|\bordf\b", re.I)
_NOT_CHAIR = re.compile(
    r"vice|ersättare|i\s*stället|istället|i\s+(?:hans|hennes|dess|kso:s)\s+ställe|ställföreträd|förhinder"
    r"|oppositionsråd|inte\s+(?:är\s+)?(?:kso|ordförande)|representant\s+för|på\s+uppdrag\s+av",
    re.I,
)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def read(
    text: str,
    *,
    event: Event,
    lexicon: PartyLexicon,
    subject: str = "",
    subject_is_reply: bool = False,
    attachments: tuple[Attachment, ...] = (),
    municipality: str | None = None,
    forwarded: bool = False,
) -> Reading:
    """What the text states, without rules or stored state.

    `forwarded`: the text is a forwarded mail, written to the forwarder, so
    its questions are not questions to the coordinator.
    """
    text = names_in_reading_order(_merge_field_blocks(text), lexicon)
    year = event.sessions[0].date.year if event.sessions else event.deadline.year
    sentences = _sentences(text)
    headers = _header_scopes(text)
    doubts: list[str] = []

    choices, attempts, moved_from = _session_choices(text, sentences, event, year, doubts)
    if not choices and not attempts:
        choices = _sessions_by_room_or_ordinal(text, event)
    if not choices and not attempts:
        choices = _sessions_by_weekday(text, event, doubts)
    people = [p for p in find_people(text, lexicon, _place_words(event)) if not _is_greeting_name(text, p)]
    swaps, swapped = _swaps(text, people)
    dialog, info = _split_by_meeting(text, people, sentences, headers, swapped, doubts)
    additions = [s for s in swaps if not s.leaving]
    if additions and dialog:
        # A full list that says who is new: the list is the delegation, not an addition.
        swaps = [s for s in swaps if s.leaving]
        dialog += [s.joining for s in additions if s.joining.name.lower() not in {p.name.lower() for p in dialog}]
    if not info and (writer := _writer_attending_info(text, sentences, people, dialog)):
        info = [writer]
        dialog = [p for p in dialog if p.name != writer[0].name or _named_before_sign_off(text, writer[0])]
    info_attendee, not_chair, info_named = _info_attendee(text, info, sentences, dialog, doubts)

    if not choices and not attempts and (dialog or swaps) and not subject_is_reply:
        choices = [d for d in _subject_sessions(subject, event, year)]

    cancels = bool(_CANCEL.search(text)) or _sends_regrets(text, municipality)
    asks = not forwarded and _asks_question(text, sentences)
    pointer = bool(_ATTACHMENT_POINTER.search(text)) and any(
        _DOCUMENT.search(a.content_type)
        or a.filename.lower().endswith((".pdf", ".doc", ".docx", ".xlsx", ".odt", ".dat"))
        for a in attachments
    )
    others = _other_municipalities(text, event, municipality, people) if municipality else []
    stated = _stated_count(text)
    if stated is not None and dialog and stated != len(dialog) and not swaps:
        doubts.append(f"texten säger {stated} deltagare men {len(dialog)} kunde läsas ut")
    if info_named and info_attendee is None and not cancels and not _LATER.search(text) and not _ALREADY.search(text):
        doubts.append("informationsmötet nämns men ingen deltagare kan läsas ut")
    return Reading(
        registers_dialog=bool(choices or attempts or dialog or moved_from),
        session_dates=tuple(choices),
        other_dates=tuple(attempts),
        moved_from=moved_from,
        participants=tuple(dialog),
        swaps=tuple(swaps),
        info_attendee=info_attendee,
        info_not_chair=not_chair,
        cancels=cancels,
        asks_question=asks,
        points_to_attachment=pointer,
        names_other_municipalities=tuple(others),
        doubts=tuple(dict.fromkeys(doubts)),
    )


_LINKS = frozenset({"i", "för", "av", "och", "till"})


_NUMBERS = {"en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6}
_COUNT = re.compile(
    r"\b(?:vi\s+blir|blir\s+vi|är\s+vi|kommer\s+vi\s+att\s+vara)\s+(?:bara\s+|endast\s+)?(?P<a>en|ett|två|tre|fyra|fem|sex|[1-6])\b"
    r"|\b(?:med|anmäler|följande)\s+(?P<b>två|tre|fyra|fem|sex|[2-6])\s+(?:deltagare|personer|politiker|ledamöter|förtroendevalda)\b",
    re.I,
)


def _stated_count(text: str) -> int | None:
    """ "Vi blir tre", "med två politiker": how many people the sender says come (a check on the reading)."""
    found = _COUNT.search(text)
    if not found:
        return None
    word = (found.group("a") or found.group("b")).lower()
    return int(word) if word.isdigit() else _NUMBERS[word]


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


# --- sentences and scopes -------------------------------------------------


def _sentences(text: str) -> list[_Span]:
    spans: list[_Span] = []
    start = 0
    for m in re.finditer(r"(?<!\bkl)(?<!\bca)(?<!\bordf)(?<!\bt\.ex)(?<!\bbl\.a)[.!?]+(?=\s|$)|\n", text):
        spans.append(_Span(start, m.end()))
        start = m.end()
    spans.append(_Span(start, len(text)))
    return [s for s in spans if text[s.start : s.end].strip()]


def _sentence_at(sentences: list[_Span], position: int) -> _Span:
    return next((s for s in sentences if s.start <= position < s.end), _Span(position, position))


def _clause_at(text: str, position: int) -> str:
    sentence_start = max(text.rfind("\n", 0, position), -1) + 1
    line_end = text.find("\n", position)
    line_end = len(text) if line_end < 0 else line_end
    line = text[sentence_start:line_end]
    local = position - sentence_start
    begin, stop = 0, len(line)
    for m in re.finditer(
        r"[.!?;:](?=\s|$)|,\s*(?:men|så|eftersom|därför|då|och|medan)\b|\b(?:men|eftersom|utan|medan)\b",
        line,
    ):
        if m.end() <= local:
            begin = m.end()
        elif m.start() >= local:
            stop = m.start()
            break
    return line[begin:stop]


def _header_scopes(text: str) -> list[tuple[int, str]]:
    """Positions where a heading line ("Dialogen den 19/9:", "Deltagare:") sets the meeting."""
    scopes: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        # "Dialogen måndagen den 26 september kl 13.00-15.00": a heading may carry date and time
        if stripped.endswith(":") or (stripped and len(stripped.split()) <= 9 and stripped[-1:] not in ".!?"):
            scope = _scope_of(stripped)
            if stripped.endswith(":") or scope:
                scopes.append((offset, scope or "dialog"))
        offset += len(line) + 1
    return scopes


def _scope_of(text: str) -> str:
    info = bool(_INFO_CUE.search(text) or re.search(r"\b30\s*/\s*8\b|\b30\s+aug", text, re.I))
    dialog = bool(_DIALOG_CUE.search(text))
    if info and dialog:
        return "both"
    return "info" if info else ("dialog" if dialog else "")


# --- dates ----------------------------------------------------------------


def _session_choices(
    text: str, sentences: list[_Span], event: Event, year: int, doubts: list[str]
) -> tuple[list[dt.date], list[dt.date], dt.date | None]:
    session_days = {s.date for s in event.sessions}
    info_day = event.info_meeting.date if event.info_meeting else None
    choices: list[dt.date] = []
    attempts: list[dt.date] = []
    moved_from: dt.date | None = None
    mentions = find_dates(text)
    for start, end, week_day in week_days(text, year):
        if not any(m.start < end and start < m.end for m in mentions):
            mentions.append(DateMention(start, end, week_day.day, week_day.month, week_day.year, week_day.weekday()))
    mentions.sort(key=lambda m: m.start)
    for mention in mentions:
        day = _resolve(mention, event, year)
        if day is None or day == info_day:
            continue
        sentence = _sentence_at(sentences, mention.start)
        sentence_text = text[sentence.start : sentence.end]
        clause = _clause_at(text, mention.start)
        before = text[max(sentence.start, mention.start - 40) : mention.start]
        if _INSTEAD_OF.search(before):
            continue
        if _MOVE.search(before) and _has_later_date(mention, mentions, sentence):
            if day in session_days:
                moved_from = day
            continue
        if _REFERENCE_BEFORE.search(before) or _NON_CHOICE.search(clause) or _negated_date(text, mention):
            continue
        if mention.weekday is not None and day.weekday() != mention.weekday:
            doubts.append(f"veckodagen stämmer inte med datumet {day.isoformat()}")
        if day in session_days:
            if day not in choices:
                choices.append(day)
        elif (
            (_REGISTERING.search(sentence_text) or _is_field_line(text, mention.start))
            and not _NON_CHOICE.search(sentence_text)
            and day.year == year
            and day not in attempts
        ):
            attempts.append(day)
    if info_day and re.search(r"samma\s+dag\s+som\s+(?:informationsmötet|infomötet|ksl|kso-mötet)", text, re.I):
        attempts.append(info_day)  # a date by meaning, and not a session
    return choices, attempts, moved_from


def _negated_date(text: str, mention: DateMention) -> bool:
    """ "kan inte den 19", "den 19 passar inte" – but not "kommer den 26, inte tisdagen"."""
    clause = _clause_at(text, mention.start)
    line_start = text.rfind("\n", 0, mention.start) + 1
    offset = text[line_start:].find(clause)
    before = clause[: max(0, mention.start - line_start - offset)] if offset >= 0 else clause
    before = before.rsplit(",", 1)[-1]  # "Den 19/9 passar inte, vi kommer den 22/9": the comma ends it
    after = text[mention.end : mention.end + 40]
    if re.match(r"[\s,]*(?:\w+\s+){0,2}(?:krockar|kolliderar|sammanfaller)\b", after, re.I):
        return True  # "2/9 krockar med vårt KF": the date they cannot come
    return bool(_NEGATION.search(before)) or bool(
        re.match(
            r"[\s,]*(?:\w+\s+){0,2}(?:passar|går|fungerar|funkar|kan\s+vi|duger)\s+(?:\w+\s+)?(?:inte|ej|dåligt)\b",
            after,
            re.I,
        )
    )


def _resolve(mention: DateMention, event: Event, year: int) -> dt.date | None:
    if mention.month is not None:
        return mention.on(year)
    candidates = [s.date for s in event.sessions if s.date.day == mention.day]
    if mention.weekday is not None:
        matching = [d for d in candidates if d.weekday() == mention.weekday]
        candidates = matching or candidates
    if len(candidates) == 1:
        return candidates[0]
    if event.info_meeting and event.info_meeting.date.day == mention.day:
        return event.info_meeting.date
    return None


def _has_later_date(mention: DateMention, mentions: list[DateMention], sentence: _Span) -> bool:
    return any(m.start > mention.end and m.start < sentence.end for m in mentions)


def _is_field_line(text: str, position: int) -> bool:
    line_start = text.rfind("\n", 0, position) + 1
    return bool(re.match(r"\s*(?:datum|dag|tillfälle|dialog\w*|session)\s*:", text[line_start:position], re.I))


def _sessions_by_room_or_ordinal(text: str, event: Event) -> list[dt.date]:
    found: list[dt.date] = []
    for session in event.sessions:
        room = session.room.split(",")[0].strip()
        same_room = [s for s in event.sessions if s.room.split(",")[0].strip() == room]
        if room and len(same_room) == 1 and re.search(rf"\b{re.escape(room)}\b", text, re.I):
            found.append(session.date)
    ordinal = re.search(
        r"\b(första|andra|tredje|fjärde|femte|sista|1:a|2:a|3:e|4:e)\s+(?:dialog)?(?:tillfället|datumet|alternativet|mötet|dialogmötet)",
        text,
        re.I,
    )
    if ordinal and event.sessions:
        word = ordinal.group(1).lower()
        index = len(event.sessions) - 1 if word == "sista" else ORDINALS.get(word, 99)
        if index < len(event.sessions) and event.sessions[index].date not in found:
            found.append(event.sessions[index].date)
    return found


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


def _sessions_by_weekday(text: str, event: Event, doubts: list[str]) -> list[dt.date]:
    """Sessions named only by weekday or period; one that fits several is a question for a person."""
    found: list[dt.date] = []
    for match in _WEEKDAY_CHOICE.finditer(text):
        weekday = _WEEKDAY_STEMS[(match.group("stem") or match.group("stem2") or match.group("stem3")).lower()]
        fitting = [s.date for s in event.sessions if s.date.weekday() == weekday]
        if len(fitting) == 1 and fitting[0] not in found:
            found.append(fitting[0])
        elif len(fitting) > 1:
            doubts.append(f'"{match.group(0).strip()}" passar flera tillfällen')
    if not found and _VAGUE_PERIOD.search(text):
        doubts.append("tillfället anges bara ungefär, inte med datum")
    return found


def _subject_sessions(subject: str, event: Event, year: int) -> list[dt.date]:
    session_days = {s.date for s in event.sessions}
    days: list[dt.date] = []
    for mention in find_dates(subject):
        day = _resolve(mention, event, year)
        if day in session_days and day not in days:
            days.append(day)
    return days


# --- people -----------------------------------------------------------------


def _is_greeting_name(text: str, person: PersonMention) -> bool:
    """ "Hej Rebecka," names the reader, not a participant."""
    if person.party:
        return False
    line_start = text.rfind("\n", 0, person.start) + 1
    return bool(
        re.fullmatch(
            r"\s*(?:hej|hejsan|hallå|hi|hello|dear|kära|bästa|tack|god\s+morgon)(?:\s+igen|\s+och\s+tack)?[\s,]*",
            text[line_start : person.start],
            re.I,
        )
    )


def _place_words(event: Event) -> frozenset[str]:
    """Municipalities, rooms and other configured places: capitalised, but never a person."""
    words: set[str] = set()
    for municipality in event.municipalities:
        words.add(municipality.name.lower())
        words.update(w.lower() for w in re.split(r"[\s-]+", municipality.name) if len(w) > 2)
    for session in event.sessions:
        words.update(w.lower() for w in re.findall(r"\w+", f"{session.room} {session.address}") if len(w) > 2)
    if event.info_meeting:
        words.update(w.lower() for w in re.findall(r"\w+", event.info_meeting.place) if len(w) > 2)
    return frozenset(words)


def _sends_regrets(text: str, municipality: str | None) -> bool:
    """ "Vi får tyvärr lämna återbud", "Sundbyberg lämnar återbud": the whole delegation.

    Only with the municipality or "vi" as subject: "Anna lämnar återbud" is one person.
    """
    who = r"vi|kommunen" + (rf"|{re.escape(municipality)}\w*(?:\s+kommun|\s+stad)?" if municipality else "")
    return re.search(rf"\b(?:{who})\s+(?:\w+\s+){{0,2}}lämna\w*\s+återbud", text, re.I) is not None


def _swaps(text: str, people: list[PersonMention]) -> tuple[list[Swap], set[int]]:
    swaps: list[Swap] = []
    used: set[int] = set()
    for left, right in itertools.pairwise(people):
        gap = text[left.end : right.start]
        if "\n" in gap:
            continue
        lead = text[max(0, left.start - 30) : left.start]
        if (
            right.party
            and re.match(r"^\s*(?:\([^)]*\)\s*)?,?\s*mot\s*$", gap)
            and re.search(r"(?:byt\w*|ersätt\w*)(?:\s+ut)?\s*$", lead, re.I)
        ) or (_SWAP_BETWEEN.match(gap) and right.party):
            swaps.append(Swap(leaving=left.name, joining=Participant(right.name, right.party, right.role)))
        elif _SWAP_REVERSED.match(gap) and left.party:
            swaps.append(Swap(leaving=right.name, joining=Participant(left.name, left.party, left.role)))
        else:
            continue
        used.update({left.start, right.start})
    for person in people:
        # "vi vill lägga till Johan Lilja (L)", "Johan Lilja (L) tillkommer": an addition
        before = text[max(0, person.start - 100) : person.start]
        after = text[person.end : person.end + 30]
        if person.party and person.start not in used and (_ADD_BEFORE.search(before) or _ADD_AFTER.match(after)):
            swaps.append(Swap("", Participant(person.name, person.party, person.role)))
            used.add(person.start)
    for i, person in enumerate(people):
        # "Lena Barkman (V) har fått förhinder. I hennes ställe kommer Tove Lind (V)."
        before = text[max(0, person.start - 40) : person.start]
        if (
            i > 0
            and person.party
            and person.start not in used
            and re.search(r"i\s+(?:hennes|hans|dennes|hens)\s+ställe\s+(?:kommer|deltar|går\s+in)\s*$", before, re.I)
        ):
            swaps.append(Swap(people[i - 1].name, Participant(person.name, person.party, person.role)))
            used.update({people[i - 1].start, person.start})
    for i, person in enumerate(people):
        # "I stället för Anna Andersson kommer Bo Berg (M)"
        before = text[max(0, person.start - 25) : person.start]
        if re.search(r"(?:i\s*stället|istället)\s+för\s*$", before, re.I) and i + 1 < len(people):
            joining = people[i + 1]
            gap = text[person.end : joining.start]
            if "\n" not in gap and re.search(r"kommer|deltar|går\s+in", gap) and joining.party:
                swaps.append(Swap(person.name, Participant(joining.name, joining.party, joining.role)))
                used.update({person.start, joining.start})
    return swaps, used


def _split_by_meeting(
    text: str,
    people: list[PersonMention],
    sentences: list[_Span],
    headers: list[tuple[int, str]],
    swapped: set[int],
    doubts: list[str],
) -> tuple[list[Participant], list[tuple[PersonMention, str]]]:
    """Dialog participants, and the people named for the information meeting (with their sentence)."""
    dialog: dict[str, Participant] = {}
    info: list[tuple[PersonMention, str]] = []
    first_names = _first_names(people)
    for person in people:
        if person.start in swapped or person.negated:
            continue
        sentence = _sentence_at(sentences, person.start)
        sentence_text = text[sentence.start : sentence.end]
        if not person.bound and not person.listed:
            # "Kerstin kommer också på informationsmötet": a first name for someone named in full.
            full = first_names.get(person.name.lower())
            if (
                full
                and _scope_for(text, person, sentence, headers) == "info"
                and _ATTENDING.search(sentence_text)
                and not _ALREADY.search(sentence_text)
            ):
                info.append((full, sentence_text))
            continue
        scope = _scope_for(text, person, sentence, headers)
        if scope in {"info", "both"} and not _ALREADY.search(sentence_text):
            info.append((person, sentence_text))
        if scope in {"dialog", "both", ""}:
            key = person.name.lower()
            previous = dialog.get(key)
            if previous is None or (previous.party is None and person.party):
                dialog[key] = Participant(person.name, person.party, person.role)
            elif person.party and previous.party != person.party:
                doubts.append(f"{person.name} anges med två olika partier")
    return list(dialog.values()), info


def _first_names(people: list[PersonMention]) -> dict[str, PersonMention]:
    """First name (or full name) → the one person with a party who has it; ambiguous ones are left out."""
    seen: dict[str, list[PersonMention]] = {}
    for person in people:
        parts = person.name.split()
        if person.party and len(parts) >= 2:
            for key in {parts[0].lower(), person.name.lower()}:
                group = seen.setdefault(key, [])
                if all(p.name != person.name for p in group):
                    group.append(person)
    return {first: group[0] for first, group in seen.items() if len(group) == 1}


def _scope_for(text: str, person: PersonMention, sentence: _Span, headers: list[tuple[int, str]]) -> str:
    own = text[sentence.start : sentence.end]
    info_cues = [m.start() + sentence.start for m in _INFO_CUE.finditer(own)]
    info_cues += [m.start() + sentence.start for m in re.finditer(r"\b30\s*/\s*8\b|\b30\s+aug", own, re.I)]
    dialog_cues = [m.start() + sentence.start for m in _DIALOG_CUE.finditer(own)]
    if info_cues and dialog_cues:
        return _nearest_cue(person.start, info_cues, dialog_cues)
    if info_cues:
        return "info"
    if dialog_cues:
        return "dialog"
    earlier = _paragraph_before(text, sentence.start)
    if earlier is not None:
        return _scope_of(earlier) or "dialog"
    scope = ""
    for position, header_scope in headers:
        if position <= person.start:
            scope = header_scope
    return scope or "dialog"


def _paragraph_before(text: str, position: int) -> str | None:
    """The sentence before, when it is in the same paragraph and the same line of prose."""
    start = text.rfind("\n", 0, position) + 1
    before = text[start:position].strip()
    if not before or before.endswith(":"):
        return None
    sentences = re.split(r"(?<=[.!?])\s+", before)
    return sentences[-1] if sentences else None


def _nearest_cue(position: int, info: list[int], dialog: list[int]) -> str:
    after_info = [c for c in info if c > position]
    after_dialog = [c for c in dialog if c > position]
    if after_info or after_dialog:
        first_info = min(after_info, default=10**9)
        first_dialog = min(after_dialog, default=10**9)
        return "info" if first_info < first_dialog else "dialog"
    return "info" if max(info) > max(dialog) else "dialog"


_I_ATTEND_INFO = re.compile(
    r"\bjag\s+(?:kommer|deltar|går|är\s+med|anmäler\s+mig|vill\s+(?:gärna\s+)?komma)\b[^.\n]{0,60}"
    r"(?:informationsmöt|infomöt|kso-möt)",
    re.I,
)


def _writer_attending_info(
    text: str, sentences: list[_Span], people: list[PersonMention], dialog: list[Participant]
) -> tuple[PersonMention, str] | None:
    """ "Jag kommer på informationsmötet": the one who signs, or else the chair among those named."""
    found = _I_ATTEND_INFO.search(text)
    if not found:
        return None
    span = _sentence_at(sentences, found.start())
    sentence = text[span.start : span.end]
    signing = [p for p in people if p.bound and not _named_before_sign_off(text, p)]
    if len(signing) == 1:
        return signing[0], sentence
    chairs = [p for p in people if _CHAIR.search(p.role) and any(d.name == p.name for d in dialog)]
    if len({p.name for p in chairs}) == 1:
        return chairs[0], sentence
    return None


def _named_before_sign_off(text: str, person: PersonMention) -> bool:
    """Whether the person is named above the last paragraph, where a name signs the mail."""
    last_paragraph = text.rstrip().rfind("\n\n")
    return last_paragraph < 0 or person.start < last_paragraph


def _info_attendee(
    text: str,
    info: list[tuple[PersonMention, str]],
    sentences: list[_Span],
    dialog: list[Participant],
    doubts: list[str],
) -> tuple[Participant | None, bool, bool]:
    info_named = bool(
        re.search(
            r"(?:anmäl\w*|kommer|deltar|närvarar)[^.\n]{0,60}(?:informationsmöt|infomöt)|(?:informationsmöt|infomöt)\w*[^.\n]{0,40}(?:anmäl|kommer|deltar)",
            text,
            re.I,
        )
    )
    chosen: dict[str, tuple[PersonMention, str]] = {}
    for person, sentence in info:
        chosen.setdefault(person.name.lower(), (person, sentence))
    if len(chosen) > 1:
        chairs = [(p, s) for p, s in chosen.values() if _CHAIR.search(p.role) and not _NOT_CHAIR.search(p.role)]
        if len(chairs) == 1:
            chosen = {chairs[0][0].name.lower(): chairs[0]}
        else:
            doubts.append("flera personer anges för informationsmötet")
            return None, False, True
    if not chosen:
        return None, False, info_named
    person, sentence = next(iter(chosen.values()))
    around = sentence + " " + person.role
    not_chair = bool(_NOT_CHAIR.search(around)) and not (
        _CHAIR.search(person.role) and not re.search(r"vice|ersättare", person.role, re.I)
    )
    return Participant(person.name, person.party, person.role), not_chair, True


# --- intents ------------------------------------------------------------------


def _asks_question(text: str, sentences: list[_Span]) -> bool:
    for sentence in sentences:
        own = text[sentence.start : sentence.end].strip()
        if _COURTESY_QUESTION.search(own):
            continue
        if own.endswith("?") or _QUESTION_WORDS.search(own):
            return True
    return False


def _other_municipalities(text: str, event: Event, own: str | None, people: list[PersonMention]) -> list[str]:
    """Other municipalities this mail registers too: named beside participants, or jointly with the sender's.

    A mere mention ("Nykvarn sköter sin egen anmälan") is no registration for it.
    """
    found: list[str] = []
    cleaned = re.sub(
        r"stockholms\s+läns?\b|region\s+stockholm|stockholms\s+läns\s+landsting|landstinget\s+i\s+stockholm",
        " ",
        text,
        flags=re.I,
    )
    for municipality in event.municipalities:
        if municipality.name == own:
            continue
        name = re.escape(municipality.name).replace(r"\ ", r"[\s-]")
        if municipality.name == "Stockholm":
            pattern = r"\bStockholms?\s+(?:stad|kommun)\b"
        else:
            pattern = rf"(?<![\w-]){name}s?(?![\w-])"
        for match in re.finditer(pattern, cleaned):
            clause = _clause_at(cleaned, match.start())
            if _NEGATION.search(clause):
                continue
            line_start = cleaned.rfind("\n", 0, match.start()) + 1
            line_end = cleaned.find("\n", match.end())
            line_end = len(cleaned) if line_end < 0 else line_end
            sentence_start = max(line_start, cleaned.rfind(".", 0, match.start()) + 1)
            sentence_end = min((i for i in (cleaned.find(".", match.end()), line_end) if i >= 0), default=line_end)
            sentence = cleaned[sentence_start:sentence_end]
            beside_people = any(sentence_start <= p.start < sentence_end and p.party for p in people)
            heading = bool(re.match(r"\s*[-•*]?\s*" + pattern + r"\s*:", cleaned[line_start:line_end]))
            mine = re.escape(own or "")
            joined = bool(own) and bool(
                re.search(rf"{mine}\w*\s+(?:och|samt|&)\s+{pattern}|{pattern}\s+(?:och|samt|&)\s+{mine}", sentence)
            )
            if beside_people or heading or joined or _JOINT.search(sentence):
                found.append(municipality.name)
                break
    return found
