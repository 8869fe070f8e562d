"""Which meeting a name is given for (the dialog or the information meeting), and who attends the latter."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from mailbot.core.model import InfoMeeting, Participant
from mailbot.core.understand.dates import find_dates
from mailbot.core.understand.lexicon import MONTHS
from mailbot.core.understand.names import is_title
from mailbot.core.understand.people import PersonMention
from mailbot.core.understand.sentences import Span, line_at, line_span, line_start, sentence_at
from mailbot.core.understand.sessions import UNCHANGED

_INFO_CUE = re.compile(
    r"informationsmöt|infomöt|info-möt|informationsträff|inledande\s+möte|kso-möte|ksl:s\s+möte"
    r"|\binfo(?:rmation)?\s+meeting",  # English writers
    re.I,
)
# "Med hänvisning till tidigare anmälan av KSO till informationsmötet anmäles … till dialogmötet", "Som komplettering
# till Gunnels anmälan till informationsmötet: …": the registration made before, referred to
_EARLIER_REGISTRATION = (
    r"\b(?:tidigare|redan)\s+(?:gjord\w*\s+)?anmäl\w*"
    r"|\b(?:komplettering|tillägg)\s+till\s+(?:[\w:]+\s+){0,2}anmäl\w*"
)
_DIALOG_CUE = re.compile(r"dialog|tillfälle|session|regional\s+samverkan", re.I)
_CHAIR = re.compile(r"\bkso\b|kommunstyrelsens\s+ordförande|\bordförande\b|\bordf\b", re.I)
_NOT_CHAIR = re.compile(
    r"vice|ersättare|i\s*stället|istället|i\s+(?:hans|hennes|dess|kso:s)\s+ställe|ställföreträd|förhinder"
    r"|oppositionsråd|inte\s+(?:är\s+)?(?:kso|ordförande)|representant\s+för|på\s+uppdrag\s+av"
    # the chair of another body: "kommunfullmäktiges ordförande", "KF:s ordförande", "tekniska nämndens ordförande"
    r"|fullmäktiges\s+ordförande|\bkf[:-]?s?\s+ordförande|nämndens\s+ordförande"
    # "…, eftersom kommunstyrelsens ordförande är bortrest den veckan": the chair away, someone else sent
    r"|(?:\bkso|ordförande\w*)\s+(?:\w+\s+){0,2}?(?:är|blir|har\s+varit)\s+(?:\w+\s+)?"
    r"(?:bortrest|borta|ledig|sjuk\w*|upptagen|förhindrad|på\s+semester|tjänstledig|föräldraledig)",
    re.I,
)


class Scopes:
    """Which meeting each part of one text speaks of: "dialog", "info", "both" or "" (neither).

    Cues are the meetings' names ("informationsmötet", "dialogen") and their
    dates: the information meeting's ("30/8", "30 aug") and any date that
    names a session (`session_positions`, where such dates stand in the text).
    """

    def __init__(self, text: str, info_meeting: InfoMeeting | None, session_positions: Iterable[int]) -> None:
        self.text = text
        self._info_day = info_meeting.date if info_meeting else None
        self._info_date = _date_pattern(self._info_day)
        self._info_place = _place_pattern(info_meeting.place if info_meeting else "")
        self._sessions = sorted(session_positions)
        self.headers = self._header_scopes()

    def of(self, start: int, end: int) -> str:
        info, dialog = self._cues(start, end)
        if info and dialog:
            return "both"
        return "info" if info else ("dialog" if dialog else "")

    def of_span(self, span: Span) -> str:
        return self.of(span.start, span.end)

    def for_person(self, person: PersonMention, sentence: Span) -> str:
        info_cues, dialog_cues = self._cues(sentence.start, sentence.end)
        if info_cues and dialog_cues:
            # "… till dialogen 2 september A (M), B (S) och C (L); A kommer också till informationsmötet":
            # a semicolon closes the part of the sentence a person stands in
            own = self.text[sentence.start : sentence.end]
            before = own.rfind(";", 0, person.start - sentence.start)
            after = own.find(";", person.end - sentence.start)
            if before >= 0 or after >= 0:
                part = (sentence.start + before + 1, sentence.start + (after if after >= 0 else len(own)))
                info_part, dialog_part = self._cues(*part)
                if bool(info_part) != bool(dialog_part):
                    return "info" if info_part else "dialog"
            return self._nearest_cue(person, info_cues, dialog_cues)
        if info_cues:
            return "info"
        if dialog_cues:
            return "dialog"
        earlier = self._sentence_before(sentence.start)
        if earlier is not None and (said := self.of(*earlier)):
            return said
        # "Här kommer Solna stads anmälan till informationsmötet …." over a form block of one person
        announced = self._announcement_above(line_start(self.text, person.start))
        if announced:
            return announced
        # no cue in the sentence before either: the heading above sets the meeting ("Inledande informationsmöte
        # 30 augusti kl.13.00–14.00" over "Vår KSO har förhinder. I stället kommer …")
        scope = ""
        for position, header_scope in self.headers:
            if position <= person.start:
                scope = header_scope
        return scope or "dialog"

    def _cues(self, start: int, end: int) -> tuple[list[int], list[int]]:
        own = self.text[start:end]
        # "Anders deltar i dialogen men inte i informationsmötet den 30/8": a meeting left out is no cue
        info: list[int] = []
        left_out: list[tuple[int, int]] = []
        for m in _INFO_CUE.finditer(own):
            if re.search(r"\b(?:inte|ej)\s+(?:heller\s+)?(?:i|på|till|vid)\s+$", own[: m.start()], re.I) or re.search(
                rf"(?:{_EARLIER_REGISTRATION})\s+(?:[\w:]+\s+){{0,3}}(?:till|för|på|i)\s+$", own[: m.start()], re.I
            ):
                left_out.append((m.start(), m.end() + 30))
            else:
                info.append(m.start() + start)
        if self._info_date is not None:
            info += [
                m.start() + start
                for m in self._info_date.finditer(own)
                if not any(a <= m.start() < b for a, b in left_out)
            ]
        places = [m.start() + start for m in self._info_place.finditer(own)] if self._info_place is not None else []
        if places and not self._another_day(own):
            # "KSL:s temadag den 13 oktober": the place on another day is another meeting (the dates are read
            # only where the place is named: this runs for every sentence and line)
            info += places
        dates = [p for p in self._sessions if start <= p < end]
        dialog = [m.start() + start for m in _DIALOG_CUE.finditer(own)] + dates
        if self._info_date is not None and self._info_date.search(own) and not dates:
            dialog = []  # "dialogen den 30/8 på KSL": the information meeting's day, whatever it is called
        return sorted(info), sorted(dialog)

    def _another_day(self, span: str) -> bool:
        return self._info_day is not None and any(
            m.month is not None and (m.day, m.month) != (self._info_day.day, self._info_day.month)
            for m in find_dates(span)
        )

    def _header_scopes(self) -> list[tuple[int, str]]:
        """Positions where a heading line ("Dialogen den 19/9:", "Deltagare:") sets the meeting."""
        scopes: list[tuple[int, str]] = []
        offset = 0
        for line in self.text.split("\n"):
            stripped = line.strip()
            # "Dialogen måndagen den 26 september kl 13.00-15.00": a heading may carry date and time
            # a form's question ("4. Anmäler ni KSO till informationsmötet 30/8?") heads its answer too
            if stripped.endswith(":") or (stripped and len(stripped.split()) <= 9 and stripped[-1:] not in ".!"):
                # "Vi står över informationsmötet. Vi anmäler till dialogen 19/9:": the last sentence heads
                last = [m.end() for m in re.finditer(r"(?<!kl)[.!?]\s+(?=[A-ZÅÄÖ])", line)]
                start = offset + (last[-1] if last else 0)
                scope = self.of(start, offset + len(line))
                if stripped.endswith(":") or scope:
                    scopes.append((offset, scope or "dialog"))
            offset += len(line) + 1
        return scopes

    def _announcement_above(self, start: int) -> str:
        """The meeting the last paragraph above announces a registration to, when it names only one."""
        above = self.text[:start].rstrip()
        begin = above.rfind("\n\n") + 2 if "\n\n" in above else 0
        paragraph = above[begin:]
        if not re.search(r"\banmäl\w*|\bhär\s+kommer\b", paragraph, re.I) or paragraph.rstrip()[-1:] == ":":
            return ""
        return scope if (scope := self.of(begin, len(above))) in {"info", "dialog"} else ""

    def _sentence_before(self, position: int) -> tuple[int, int] | None:
        """The sentence before, when it is in the same paragraph and the same line of prose."""
        start = line_start(self.text, position)
        before = self.text[start:position]
        if not before.strip() or before.strip().endswith(":"):
            return None
        last = list(re.finditer(r"(?<=[.!?])\s+", before.rstrip()))
        return (start + last[-1].end(), position) if last else (start, position)

    def _nearest_cue(self, person: PersonMention, info: list[int], dialog: list[int]) -> str:
        after = sorted(
            [(c, "info") for c in info if c > person.start] + [(c, "dialog") for c in dialog if c > person.start]
        )
        other = next((cue for cue in after if cue[1] != after[0][1]), None) if after else None
        if other is not None:
            # "Anna Berg (M) kommer på informationsmötet och på dialogen 19/9", "… både på informationsmötet den 30
            # aug och på dialogen den 19 sept": both meetings, one person (the first meeting's date is its cue too)
            between = self.text[after[0][0] : other[0]]
            if len(between) <= 50 and re.search(r"\s(?:och|samt|liksom)\s|&|\+", between) and "(" not in between:
                return "both"
        if after:
            return after[0][1]
        return "info" if max(info) > max(dialog) else "dialog"


def _place_pattern(place: str) -> re.Pattern[str] | None:
    """ "mötet på KSL", "i Brunnsviken": the information meeting named by its place's proper names."""
    names = [w for w in re.findall(r"[A-ZÅÄÖ][\wåäö]{2,}", place) if w.lower() not in {"lokal", "plan"}]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, names))})(?![\w-])") if names else None


def _date_pattern(day: dt.date | None) -> re.Pattern[str] | None:
    """ "30/8", "30.8", "30 aug", "30:e augusti": how mail names the information meeting's date."""
    if day is None:
        return None
    months = "|".join(sorted((name for name, number in MONTHS.items() if number == day.month), key=len, reverse=True))
    return re.compile(
        rf"(?<![\d/.]){day.day}\s*[/.]\s*0?{day.month}(?![\d])|(?<!\d){day.day}(?::?[ea])?\s+(?:{months})\b", re.I
    )


_I_ATTEND_INFO = re.compile(
    # "jag är KSO i Nynäshamn och kommer på infomötet"
    r"\b(?:jag|undertecknad)\s+(?:(?:som\s+)?är\s+(?:kso|kommunstyrelsens\s+ordförande|ordförande)\b[^.\n]{0,30}?\s+(?:och\s+)?)?"
    # "jag hinner komma", "jag kan gärna delta" – but not "jag kan inte komma"
    r"(?:(?!inte\b|ej\b|tyvärr\b)\w+\s+){0,3}"  # "jag hinner trots allt komma"
    r"(?:kommer|komma|deltar|delta|går|gå|tar|är\s+med|vara\s+med|anmäl(?:er|a)\s+mig)\b[^.\n]{0,60}"
    r"(?:informationsmöt|infomöt|kso-möt)"
    # "Anmäl mig också till informationsmötet": the writer asks to be put down
    r"|\banmäl\s+(?:gärna\s+|även\s+|också\s+)*mig\b[^.\n]{0,60}(?:informationsmöt|infomöt|kso-möt)"
    # "Själv kommer jag på informationsmötet den 30/8"
    r"|\b(?:kommer|deltar|går)\s+jag\b(?!\s+inte)[^.\n]{0,60}(?:informationsmöt|infomöt|kso-möt)",
    re.I,
)


# "Jag kommer gärna", "Jag är kommunstyrelsens ordförande i Nynäshamn och kommer", "Jag som ordförande … kommer"
_I_ATTEND = re.compile(
    r"\b(?:jag|undertecknad)\s+(?:(?:som|är)\s+(?:(?!inte\b|ej\b|tyvärr\b)[^.\n]){0,50}?\s+)?(?:och\s+)?"
    r"(?:kommer|deltar|går|är\s+med)\b(?!\s+inte)",
    re.I,
)


def writer_attending_info(
    text: str,
    sentences: list[Span],
    people: list[PersonMention],
    dialog: list[Participant],
    signer: PersonMention | None,
    scopes: Scopes | None = None,
) -> tuple[PersonMention, str] | None:
    """ "Jag kommer på informationsmötet": the one who signs, or else the chair among those named."""
    found = _I_ATTEND_INFO.search(text)
    if found is None and scopes is not None:
        # "Jag kommer gärna på dialogen den 30/8 på KSL": the information meeting by its day or place
        # "vår KSO kan tyvärr inte 30/8 så jag kommer istället": the day said before the writer comes
        found = next(
            (
                m
                for m in _I_ATTEND.finditer(text)
                if "info" in (scopes.of(m.start(), m.end() + 80), scopes.of_span(sentence_at(sentences, m.start())))
            ),
            None,
        )
    if found is None:
        return None
    span = sentence_at(sentences, found.start())
    sentence = text[span.start : span.end]
    if signer is not None and signer.party:
        return signer, sentence  # the name under the sign-off
    own = sorted(signer.name.casefold().split()) if signer is not None else []
    if named := [p for p in people if p.party and sorted(p.name.casefold().split()) == own]:
        return named[0], sentence  # "det blir jag Peter Lindqvist (S)": the writer, named with a party above
    signing = [p for p in people if p.bound and not named_before_sign_off(text, p)]
    if not signing:
        # "Daniel Kjällström (M)" alone on a line under the sentence: a signature mid-mail
        signing = [p for p in people if p.bound and p.start > found.start() and _alone_on_line(text, p)]
    if len(signing) == 1:
        return signing[0], sentence
    # "… så jag kommer istället, Kjell-Åke Granath (C), 1:e vice ordförande": the writer named after a comma
    named_after = [
        p
        for p in people
        if p.bound and p.start >= found.end() and re.fullmatch(r"[^.,\n]{0,15},\s*", text[found.end() : p.start])
    ]
    if len(named_after) == 1:
        return named_after[0], sentence
    chairs = _chairs_in(people, dialog)
    if len({p.name for p in chairs}) == 1:
        return chairs[0], sentence
    if signer is not None:
        return signer, sentence  # "jag går på infomötet också": the writer, whose party an earlier mail may give
    return None


_CHAIR_ON_BOTH = re.compile(
    r"\b(?:kso|(?:kommunstyrelsens\s+)?ordförande\w*|ks-ordf\w*)\s+(?:kommer|deltar|går|är\s+med)\s+(?:på|till|i|vid)\s+"
    r"(?:båda|bägge|båda\s+mötena|bägge\s+mötena)\b",
    re.I,
)


_GOES_TO_BOTH = re.compile(
    r"\s*(?:\([^)\n]{1,25}\))?\s*,?\s*(?:kommer|deltar|går|är\s+med)\s+(?:\w+\s+)?(?:på|till|i|vid)\s+"
    r"(?:båda|bägge)(?:\s+mötena|\s+tillfällena)?\b",
    re.I,
)


# "Finansborgarrådet, som är kommunstyrelsens ordförande, anmäls …": a delegation member named by title alone
_TITLE_ATTENDS = re.compile(
    r"(?:^|(?<=[.!?]\s))(?P<title>[A-ZÅÄÖ][\wåäö-]+)(?:\s*,\s*som\s+är\s+[^,.\n]{3,60},)?\s+(?:\w+\s+)?"
    r"(?:anmäls|deltar|kommer|går|närvarar)\b(?![^.\n]*\b(?:inte|ej)\b)",
    re.M,
)


# "Informationsmötet tisdagen den 30 augusti: KSO deltar."
_CHAIR_ATTENDS = re.compile(
    r"\b(?:kso(?::n)?|(?:vår\s+)?(?:kommunstyrelsens\s+)?ordförande(?:n)?|ks-ordf\w*)\s+(?:deltar|kommer|närvarar|är\s+med)\b"
    r"(?![^.\n]*\b(?:inte|ej)\b)",
    re.I,
)


def chair_on_both(
    text: str, people: list[PersonMention], dialog: list[Participant], scopes: Scopes | None = None
) -> tuple[PersonMention, str] | None:
    """ "Malin Ekholm (M) KSO, … KSO kommer på båda": the delegation's chair comes to the information meeting too.

    Also "Informationsmötet: KSO deltar" beside a delegation with one chair in it.
    """
    for person in people:
        # "KSO Ing-Marie Hård (M) går på båda": the one named, whatever the title
        both = _GOES_TO_BOTH.match(text, person.end)
        if both and any(d.name == person.name for d in dialog):
            return person, text[person.start : both.end()]
    found = _CHAIR_ON_BOTH.search(text)
    if not found and scopes is not None:
        found = next(
            # "Informationsmötet: KSO deltar", "Vår ordförande kommer också till informationsmötet": the line says which
            (m for m in _CHAIR_ATTENDS.finditer(text) if scopes.of(*line_span(text, m.start(), m.end())) == "info"),
            None,
        )
    if not found and scopes is not None:
        for titled in _TITLE_ATTENDS.finditer(text):
            # "Finansborgarrådet, som är kommunstyrelsens ordförande, anmäls härmed också till informationsmötet"
            title = titled.group("title").casefold()
            holders = {
                p.name: p for p in people if title in p.role.casefold() and any(d.name == p.name for d in dialog)
            }
            if (
                is_title(title)
                and len(holders) == 1
                and scopes.of(*line_span(text, titled.start(), titled.end())) == "info"
            ):
                return next(iter(holders.values())), titled.group(0)
    if not found:
        return None
    chairs = _chairs_in(people, dialog)
    if len({p.name for p in chairs}) != 1:
        return None
    return chairs[0], found.group(0)


def _chairs_in(people: list[PersonMention], dialog: list[Participant]) -> list[PersonMention]:
    """The mentions of delegation members titled chair (KSO, ordförande), not vice or stand-in."""
    return [
        p
        for p in people
        if _CHAIR.search(p.role) and not _NOT_CHAIR.search(p.role) and any(d.name == p.name for d in dialog)
    ]


def _alone_on_line(text: str, person: PersonMention) -> bool:
    line = line_at(text, person.start, person.end)
    return re.fullmatch(rf"\s*{re.escape(person.name)}\s*(?:\([^)\n]{{1,25}}\))?\s*", line) is not None


def named_before_sign_off(text: str, person: PersonMention) -> bool:
    """Whether the person is named above the last paragraph, where a name signs the mail."""
    last_paragraph = text.rstrip().rfind("\n\n")
    return last_paragraph < 0 or person.start < last_paragraph


def choose_info_attendee(
    text: str,
    info: list[tuple[PersonMention, str]],
    sentences: list[Span],
    dialog: list[Participant],
    doubts: list[str],
) -> tuple[Participant | None, bool, bool]:
    # "KSO deltar tyvärr inte vid informationsmötet": named, but no one to register
    info_named = any(
        # "… informationsmötet 30/8: Nej", "ingen anmälan till informationsmötet", "… gäller som tidigare",
        # "KSO:s anmälan till informationsmötet skickar jag när hans kalender är spikad": one to come later
        not re.search(
            r"\b(?:inte|ej|nej|ingen|utan)\b|som\s+(?:tidigare|förut)|\bskickar\s+(?:jag|vi)\s+(?:\w+\s+)?(?:när|senare|så\s+snart)"
            r"|\båterkomm\w*|\bsenare\b|\blängre\s+fram\b"
            rf"|{_EARLIER_REGISTRATION}",
            line_at(text, found.start(), found.end()),
            re.I,
        )
        and not UNCHANGED.search(line_at(text, found.start(), found.end()))
        for found in re.finditer(
            r"(?:anmäl\w*|kommer|deltar|närvarar)[^.\n]{0,60}(?:informationsmöt|infomöt)"
            r"|(?:informationsmöt|infomöt)\w*[^.\n]{0,40}(?:anmäl|kommer|deltar)",
            text,
            re.I,
        )
    )
    chosen: dict[str, tuple[PersonMention, str]] = {}
    # "Anmälan av Karin till informationsmötet 30/8 gäller som tidigare": the registration restated, not made
    for person, sentence in ((p, s) for p, s in info if not UNCHANGED.search(s)):
        chosen.setdefault(person.name.lower(), (person, sentence))
    if len(chosen) > 1 and len(coming := {k: v for k, v in chosen.items() if not v[0].negated}) == 1:
        # "… kommer vice ordföranden Adam Söderholm (C), eftersom ordföranden Marianne Ljungdahl är på semester"
        chosen = coming
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
        _CHAIR.search(person.role) and not re.search(r"vice|ersättare|fullmäktige|nämnd|\bkf\b", person.role, re.I)
    )
    return Participant(person.name, person.party, person.role), not_chair, True


_PRONOUN_ATTENDS = re.compile(
    r"(?:^|(?<=[.!?]\s))(?:Hon|Han|Hen)\s+(?:\w+\s+)?(?:kommer|deltar|går|är\s+med|närvarar|anmäl\w*\s+sig)\b(?!\s+inte)",
    re.M,
)


def info_by_pronoun(
    text: str, people: list[PersonMention], sentences: list[Span], scopes: Scopes
) -> list[tuple[PersonMention, str]]:
    """ "… Kristoffer Bäckman (M). Han deltar gärna i informationsmötet": the one named just before."""
    found: list[tuple[PersonMention, str]] = []
    for match in _PRONOUN_ATTENDS.finditer(text):
        sentence = sentence_at(sentences, match.start())
        if scopes.of_span(sentence) != "info" or any(sentence.start <= p.start < sentence.end for p in people):
            continue
        before = [p for p in people if p.end <= match.start() and p.party and len(p.name.split()) >= 2]
        if before:
            found.append((before[-1], text[sentence.start : sentence.end]))
    return found
