"""What a careful coordinator reads in a reply: the session, the people and parties, the intent."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from mailbot import settings
from mailbot.core.mail import Attachment
from mailbot.core.model import Reading
from mailbot.core.understand.parties import PartyLexicon
from mailbot.core.understand.reading import read

EVENT = settings.load("config/mailbot.toml", environ={}).to_event()
LEXICON = PartyLexicon(EVENT.parties)

SEP_2 = dt.date(2016, 9, 2)
SEP_19 = dt.date(2016, 9, 19)
SEP_22 = dt.date(2016, 9, 22)
SEP_26 = dt.date(2016, 9, 26)


def _read(
    text: str,
    *,
    municipality: str | None = None,
    attachments: tuple[Attachment, ...] = (),
    signature: str = "",
) -> Reading:
    return read(
        text,
        event=EVENT,
        lexicon=LEXICON,
        subject="",
        subject_is_reply=False,
        attachments=attachments,
        municipality=municipality or _sender_of(text),
        signature=signature,
    )


def _sender_of(text: str) -> str:
    """The municipality a real sender's domain would give: the first one the text names, else Nacka."""
    named = [(found.start(), m.name) for m in EVENT.municipalities if (found := re.search(rf"\b{m.name}", text))]
    return min(named)[1] if named else "Nacka"


def _people(reading: Reading) -> set[tuple[str, str | None]]:
    return {(p.name, p.party) for p in reading.participants}


# ---------------------------------------------------------------------------
# People and parties, written every way
# ---------------------------------------------------------------------------

# (id, text, {(name, party)})
PEOPLE = [
    (
        "party-in-parentheses-before-the-name",
        "Nacka anmäler till dialogen 26/9: (mp) Jonas Ek, Stina Holm/KD, Per Al - mp",
        {("Jonas Ek", "MP"), ("Stina Holm", "KD"), ("Per Al", "MP")},
    ),
    (
        "english-party-names-with-a-slip",
        "We attend Sept. 19th:\nMikael Aslan, Moderates\nEleonor Fält, Social Democrates\nJuha Mäkinen, KD",
        {("Mikael Aslan", "M"), ("Eleonor Fält", "S"), ("Juha Mäkinen", "KD")},
    ),
    (
        "home-village-name",
        "Vi kommer den 19/9:\nKristoffer Bäck (M)\nErik Johansson i Runby (C)",
        {("Kristoffer Bäck", "M"), ("Erik Johansson i Runby", "C")},
    ),
    (
        "parties-in-turn",
        "Följande anmäles: Olof Lindgren, Birgitta Ståhl-Eriksson och Kerstin Åberg, företrädande (M), (L) resp. (C).",
        {("Olof Lindgren", "M"), ("Birgitta Ståhl-Eriksson", "L"), ("Kerstin Åberg", "C")},
    ),
    (
        "parties-in-turn-bare",
        "Vi kommer den 19/9: Anna Berg och Per Ek, S respektive M.",
        {("Anna Berg", "S"), ("Per Ek", "M")},
    ),
    (
        "same-party-in-brackets",
        "Vi kommer den 19/9: Anna Berg (S) och Per Ek (även han S).",
        {("Anna Berg", "S"), ("Per Ek", "S")},
    ),
    (
        "listed-name-without-party-is-kept-to-be-asked-about",
        "Vi kommer den 19/9.\nDeltagare: Anna Berg, Olle Lund (S) och Kim Ro (V)",
        {("Anna Berg", None), ("Olle Lund", "S"), ("Kim Ro", "V")},
    ),
    (
        "parentheses-upper",
        "Vi kommer den 19 september: Anna Andersson (S), Bo Berg (M) och Cecilia Dahl (C).",
        {("Anna Andersson", "S"), ("Bo Berg", "M"), ("Cecilia Dahl", "C")},
    ),
    (
        "parentheses-lower",
        "Till den 19/9 anmäler vi Lena Hjort (s), Olle Frisk (m) och Greta Boman (c).",
        {("Lena Hjort", "S"), ("Olle Frisk", "M"), ("Greta Boman", "C")},
    ),
    (
        "comma-code-lines",
        "Deltagare 22/9:\nIrene Wallin, S\nTobias Roos, M\nAnneli Stål, L",
        {("Irene Wallin", "S"), ("Tobias Roos", "M"), ("Anneli Stål", "L")},
    ),
    (
        "code-colon-name",
        "Vi väljer 2 september.\nS: Mikaela Brandt\nM: Roger Ahl\nKD: Siv Lindell",
        {("Mikaela Brandt", "S"), ("Roger Ahl", "M"), ("Siv Lindell", "KD")},
    ),
    (
        "party-name-colon-name",
        "Dialogen 26/9\nSocialdemokraterna: Hanna Eld\nModeraterna: Kent Axelsson",
        {("Hanna Eld", "S"), ("Kent Axelsson", "M")},
    ),
    (
        "dash-party-name",
        "Vi kommer 19 sept.\nAnna Andersson – Socialdemokraterna\nBo Berg – Moderaterna",
        {("Anna Andersson", "S"), ("Bo Berg", "M")},
    ),
    (
        "comma-party-name-then-title",
        "Den 22 september kommer:\nAnna Andersson, Moderaterna, kommunalråd\n"
        "Jakob Tell, Socialdemokraterna, oppositionsråd",
        {("Anna Andersson", "M"), ("Jakob Tell", "S")},
    ),
    (
        "long-title-before-name",
        "Den 26/9 kommer kommunstyrelsens ordförande Anna Andersson (M), Sten Fält (S) och Ulrika Moll (C).",
        {("Anna Andersson", "M"), ("Sten Fält", "S"), ("Ulrika Moll", "C")},
    ),
    (
        "kso-before-name",
        "Vi tar 2/9 med KSO Anna Andersson (M) och oppositionsråd Rami Yousef (S).",
        {("Anna Andersson", "M"), ("Rami Yousef", "S")},
    ),
    (
        "kso-after-party",
        "Anmälan till 19 september:\nAnna Andersson (M), KSO\nLinus Wiik (S), kommunalråd\n",
        {("Anna Andersson", "M"), ("Linus Wiik", "S")},
    ),
    (
        "sentence-fran-oss-kommer",
        "Från oss kommer Anna Andersson (S), Bo Berg (M) och Cecilia Dahl (L) den 22 september.",
        {("Anna Andersson", "S"), ("Bo Berg", "M"), ("Cecilia Dahl", "L")},
    ),
    (
        "sentence-fran-partiet",
        "Vi kommer den 26 september. Anna Andersson från Moderaterna, Bo Berg från "
        "Kristdemokraterna och Cecilia Dahl från Socialdemokraterna.",
        {("Anna Andersson", "M"), ("Bo Berg", "KD"), ("Cecilia Dahl", "S")},
    ),
    (
        "sentence-for-partiet",
        "Den 19/9 deltar Moa Ring för Vänsterpartiet och Leo Sand för Centerpartiet.",
        {("Moa Ring", "V"), ("Leo Sand", "C")},
    ),
    (
        "dash-bullets",
        "Vi kommer 22/9 med:\n- Vanja Ek (S)\n- Anton Bäck (M)\n- Inger Hall (MP)",
        {("Vanja Ek", "S"), ("Anton Bäck", "M"), ("Inger Hall", "MP")},
    ),
    (
        "round-bullets",
        "Datum: 2 september\n• Vanja Ek (S)\n• Anton Bäck (M)\n• Inger Hall (MP)",
        {("Vanja Ek", "S"), ("Anton Bäck", "M"), ("Inger Hall", "MP")},
    ),
    (
        "star-bullets",
        "Vi väljer 19 sept.\n* Vanja Ek, S\n* Anton Bäck, M",
        {("Vanja Ek", "S"), ("Anton Bäck", "M")},
    ),
    (
        "numbered",
        "Deltagare 26/9:\n1. Vanja Ek (S)\n2. Anton Bäck (M)\n3. Inger Hall (MP)",
        {("Vanja Ek", "S"), ("Anton Bäck", "M"), ("Inger Hall", "MP")},
    ),
    (
        "html-table-rows",
        "Vi kommer den 19 september.\nNamn | Uppdrag | Parti\n"
        "Anna Andersson | Kommunalråd | Socialdemokraterna\n"
        "Bo Berg | Oppositionsråd | Moderaterna\n"
        "Cecilia Dahl | Ledamot | Liberalerna",
        {("Anna Andersson", "S"), ("Bo Berg", "M"), ("Cecilia Dahl", "L")},
    ),
    (
        "html-table-rows-two-columns",
        "Dialog 22/9\nÅsa Lund | S\nPeter Kvist | M",
        {("Åsa Lund", "S"), ("Peter Kvist", "M")},
    ),
    (
        "swedish-letters",
        "Vi kommer 2 sept: Åsa Öberg (V), Jörgen Ängström (SD) och Örjan Åkesson (S).",
        {("Åsa Öberg", "V"), ("Jörgen Ängström", "SD"), ("Örjan Åkesson", "S")},
    ),
    (
        "hyphenated",
        "Vi kommer 19/9: Lars-Göran Persson-Dahl (KD) och Eva-Lena Berg (S).",
        {("Lars-Göran Persson-Dahl", "KD"), ("Eva-Lena Berg", "S")},
    ),
    (
        "particles",
        "Vi tar den 22 september. Magnus von Heijne (M) och Ebba af Klercker (C) kommer.",
        {("Magnus von Heijne", "M"), ("Ebba af Klercker", "C")},
    ),
    (
        "non-swedish-letters",
        "Till 26/9 kommer Dragan Petrović (S), Zeynep Yıldız (MP) och Søren Müller (L).",
        {("Dragan Petrović", "S"), ("Zeynep Yıldız", "MP"), ("Søren Müller", "L")},
    ),
    (
        "first-names-that-are-words",
        "Vi kommer 19 sept med Hans Lindqvist (M), Per Åberg (S) och Bo Ek (C).",
        {("Hans Lindqvist", "M"), ("Per Åberg", "S"), ("Bo Ek", "C")},
    ),
    (
        "first-names-that-are-words-listed",
        "Deltagare 2/9:\nBjörn Sand (L)\nDag Hammar (KD)\nSten Mild (S)",
        {("Björn Sand", "L"), ("Dag Hammar", "KD"), ("Sten Mild", "S")},
    ),
    (
        "middle-name",
        "Vi kommer 22/9: Karl Johan Nilsson (M) och Maria Lind Ekström (S).",
        {("Karl Johan Nilsson", "M"), ("Maria Lind Ekström", "S")},
    ),
    (
        "full-party-name-in-parentheses",
        "Den 26 september kommer Sara Grahn (Socialdemokraterna) och Tim Eld (Moderaterna).",
        {("Sara Grahn", "S"), ("Tim Eld", "M")},
    ),
    (
        "form-lines",
        "Datum: 19 september\nNamn: Vera Holm, parti: S\nNamn: Arvid Ståhl, parti: M",
        {("Vera Holm", "S"), ("Arvid Ståhl", "M")},
    ),
    (
        "listed-name-without-party",
        "Deltagare den 19/9:\nAnna Andersson (S)\nBo Berg (M)\nNils Berglöf",
        {("Anna Andersson", "S"), ("Bo Berg", "M"), ("Nils Berglöf", None)},
    ),
    (
        "listed-names-all-without-party",
        "Vi kommer den 22 september:\nNils Berglöf\nMarianne Hed",
        {("Nils Berglöf", None), ("Marianne Hed", None)},
    ),
    (
        "coordinated-name-without-party",
        "Den 2 september kommer Anna Andersson (S), Bo Berg (M) och Nils Berglöf.",
        {("Anna Andersson", "S"), ("Bo Berg", "M"), ("Nils Berglöf", None)},
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [pytest.param(text, expected, id=case_id) for case_id, text, expected in PEOPLE],
)
def test_people_and_parties(text: str, expected: set[tuple[str, str | None]]) -> None:
    assert _people(_read(text)) == expected


# (id, how the party is written, its code)
PARTY_ALIASES = [
    ("S-upper", "S", "S"),
    ("s-lower", "s", "S"),
    ("m-lower", "m", "M"),
    ("Kd", "Kd", "KD"),
    ("kd-lower", "kd", "KD"),
    ("KD", "KD", "KD"),
    ("Mp", "Mp", "MP"),
    ("mp-lower", "mp", "MP"),
    ("FP", "FP", "L"),
    ("Fp", "Fp", "L"),
    ("fp-lower", "fp", "L"),
    ("v-lower", "v", "V"),
    ("sd-lower", "sd", "SD"),
    ("Moderata-samlingspartiet", "Moderata samlingspartiet", "M"),
    ("Centern", "Centern", "C"),
    ("Centerpartiet", "Centerpartiet", "C"),
    ("Folkpartiet", "Folkpartiet", "L"),
    ("Liberalerna", "Liberalerna", "L"),
    ("Kristdemokraterna", "Kristdemokraterna", "KD"),
    ("Miljopartiet-de-grona", "Miljöpartiet de gröna", "MP"),
    ("Miljopartiet", "Miljöpartiet", "MP"),
    ("Vansterpartiet", "Vänsterpartiet", "V"),
    ("Sverigedemokraterna", "Sverigedemokraterna", "SD"),
    ("Socialdemokraterna", "Socialdemokraterna", "S"),
]


@pytest.mark.parametrize(
    ("written", "code"),
    [pytest.param(written, code, id=case_id) for case_id, written, code in PARTY_ALIASES],
)
def test_party_in_parentheses_resolves_to_its_code(written: str, code: str) -> None:
    reading = _read(f"Vi kommer den 22 september med Karin Lund ({written}).")
    assert _people(reading) == {("Karin Lund", code)}


# (id, how the party is written, its code) after a comma on a list line
PARTY_ALIASES_LISTED = [
    ("Moderata-samlingspartiet", "Moderata samlingspartiet", "M"),
    ("Centern", "Centern", "C"),
    ("Folkpartiet", "Folkpartiet", "L"),
    ("Fp", "Fp", "L"),
    ("Kd", "Kd", "KD"),
    ("Mp", "Mp", "MP"),
    ("Miljopartiet-de-grona", "Miljöpartiet de gröna", "MP"),
    ("Vansterpartiet", "Vänsterpartiet", "V"),
    ("Sverigedemokraterna", "Sverigedemokraterna", "SD"),
    ("Liberalerna", "Liberalerna", "L"),
]


@pytest.mark.parametrize(
    ("written", "code"),
    [pytest.param(written, code, id=case_id) for case_id, written, code in PARTY_ALIASES_LISTED],
)
def test_party_after_comma_in_a_list_resolves_to_its_code(written: str, code: str) -> None:
    reading = _read(f"Deltagare 19/9:\nKarin Lund, {written}\nOlof Rydh, S")
    assert _people(reading) == {("Karin Lund", code), ("Olof Rydh", "S")}


# (id, text, the only people who take part)
NOT_PARTICIPANTS = [
    (
        "contact-person",
        "Vi kommer den 19/9 med Anna Andersson (S) och Bo Berg (M). Vid frågor, "
        "kontakta min kollega Pia Ström på 08-123 456 78.",
        {("Anna Andersson", "S"), ("Bo Berg", "M")},
    ),
    (
        "contact-person-with-party-free-line",
        "Deltagare 22/9:\nAnna Andersson (S)\nBo Berg (M)\n\nKontaktperson är Pia Ström.",
        {("Anna Andersson", "S"), ("Bo Berg", "M")},
    ),
    (
        "cannot-come",
        "Vi kommer den 2 september med Anna Andersson (S) och Bo Berg (M). Cecilia Dahl (C) kan inte den dagen.",
        {("Anna Andersson", "S"), ("Bo Berg", "M")},
    ),
    (
        "has-conflict",
        "Den 26/9 kommer Anna Andersson (S) och Bo Berg (M). Cecilia Dahl (C) har förhinder.",
        {("Anna Andersson", "S"), ("Bo Berg", "M")},
    ),
    (
        "stays-home",
        "Till dialogen den 19 september kommer Anna Andersson (S) och Bo Berg (M), "
        "medan Cecilia Dahl (C) stannar hemma.",
        {("Anna Andersson", "S"), ("Bo Berg", "M")},
    ),
    (
        "signature-name-and-title",
        "Vi kommer 19/9: Anna Andersson (S), Bo Berg (M).\n\nKerstin Holm\nKommunsekreterare\nNacka kommun",
        {("Anna Andersson", "S"), ("Bo Berg", "M")},
    ),
    (
        "greeting-name",
        "Hej Rebecka Frej!\nVi kommer den 22/9 med Anna Andersson (S).",
        {("Anna Andersson", "S")},
    ),
    (
        "organisers-named",
        "Tack Torbjörn Rosdahl och Gustav Hemming för inbjudan! Vi kommer 26/9 med Anna Andersson (S).",
        {("Anna Andersson", "S")},
    ),
    (
        "sent-on-behalf-of",
        "På uppdrag av Anna Andersson (S) anmäler jag Nacka till 2 sept: Anna Andersson (S) och Bo Berg (M).",
        {("Anna Andersson", "S"), ("Bo Berg", "M")},
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [pytest.param(text, expected, id=case_id) for case_id, text, expected in NOT_PARTICIPANTS],
)
def test_names_that_are_not_participants(text: str, expected: set[tuple[str, str | None]]) -> None:
    assert _people(_read(text)) == expected


# ---------------------------------------------------------------------------
# Which session
# ---------------------------------------------------------------------------

_PEOPLE_LINE = " Deltagare: Anna Andersson (S), Bo Berg (M)."

# (id, text, session_dates, other_dates, moved_from)
DATES = [
    ("2-sept", "Nacka väljer den 2 september.", (SEP_2,), (), None),
    ("english-from", "We from Nynäshamn wish to participate on 26 Sept:", (SEP_26,), (), None),
    ("english-month-first-colon", "Järfälla anmäler till Sept 2:", (SEP_2,), (), None),
    ("away-from-on-abbreviated", "Vi har semester fr.o.m. 19 sept. Vi kommer den 22 sept.", (SEP_22,), (), None),
    (
        "move-goal-with-the-clash-after",
        "Vi behöver flytta från den 26 till den 19 september, krockar med KF-beredning.",
        (SEP_19,),
        (),
        SEP_26,
    ),
    ("english-or", "Haninge registers for 19 or 22 sept, both works for us.", (SEP_19, SEP_22), (), None),
    ("both-o-in-haste", "Funkar både 19 o 22 sept för oss.", (SEP_19, SEP_22), (), None),
    (
        "move-for-a-board-meeting",
        "På grund av ett extrainsatt sammanträde behöver vi flytta från den 19 till den 26 september.",
        (SEP_26,),
        (),
        SEP_19,
    ),
    (
        "earlier-registration-told-then-moved",
        "Carl-Johan anmälde i juli Solna till dialogen den 19 september. Nu flyttar vi från den 19 till den 26 sept.",
        (SEP_26,),
        (),
        SEP_19,
    ),
    ("19-slash", "Vi kommer 19/9.", (SEP_19,), (), None),
    ("22a-sept", "Vi vill delta den 22:a sept.", (SEP_22,), (), None),
    ("26-with-time", "Vi tar den 26 september kl 13-15.", (SEP_26,), (), None),
    ("iso", "Datum: 2016-09-19", (SEP_19,), (), None),
    ("with-year", "Vi deltar den 22 september 2016.", (SEP_22,), (), None),
    ("dotted", "Vi kommer 19.9 kl 15.", (SEP_19,), (), None),
    ("slash-short-year", "Anmälan till dialogen 19/9-16.", (SEP_19,), (), None),
    ("friday-2nd", "Vi kommer fredag 2/9.", (SEP_2,), (), None),
    ("monday-the-26th", "Vi kommer måndagen den 26:e.", (SEP_26,), (), None),
    ("only-the-19th", "Vi kommer den 19:e.", (SEP_19,), (), None),
    ("field-line", "Dialogtillfälle: 26/9", (SEP_26,), (), None),
    (
        "invalid-tuesday-20th",
        "Vi väljer tisdag den 20 september.",
        (),
        (dt.date(2016, 9, 20),),
        None,
    ),
    ("invalid-october", "Vi kommer den 5 oktober.", (), (dt.date(2016, 10, 5),), None),
    ("invalid-23rd", "Vi anmäler oss till den 23 september.", (), (dt.date(2016, 9, 23),), None),
    ("two-offered", "19 eller 22 sept passar oss.", (SEP_19, SEP_22), (), None),
    ("three-offered", "Vi kan 19, 22 eller 26 september.", (SEP_19, SEP_22, SEP_26), (), None),
    ("two-slash-offered", "Vi kan 2/9 eller 19/9.", (SEP_2, SEP_19), (), None),
    (
        "move-day-only",
        "Vi flyttar från den 19 till den 26 september.",
        (SEP_26,),
        (),
        SEP_19,
    ),
    ("move-slash", "Vi vill byta från 19/9 till 26/9.", (SEP_26,), (), SEP_19),
    (
        "move-full-dates",
        "Vi flyttar vår anmälan från 22 september till 2 september.",
        (SEP_2,),
        (),
        SEP_22,
    ),
    (
        "vacation-note",
        "Jag är på semester och tillbaka den 15 augusti. Vi kommer den 22 september.",
        (SEP_22,),
        (),
        None,
    ),
    (
        "vacation-ater-pa-plats",
        "Vi väljer 2/9. Jag är åter på plats 8 augusti.",
        (SEP_2,),
        (),
        None,
    ),
    (
        "own-board-meeting",
        "KS sammanträder den 19:e, så vi väljer den 26 september.",
        (SEP_26,),
        (),
        None,
    ),
    (
        "own-board-meeting-full-date",
        "Kommunfullmäktige har sammanträde 19 september. Vi tar därför 22/9.",
        (SEP_22,),
        (),
        None,
    ),
    (
        "deadline-mentioned",
        "Anmälan skulle in senast 26 augusti. Vi kommer 19/9.",
        (SEP_19,),
        (),
        None,
    ),
    (
        "not-suitable-2-9",
        "Den 2/9 passar inte, men vi kan den 19 september.",
        (SEP_19,),
        (),
        None,
    ),
    (
        "cannot-2-sept",
        "Vi kan tyvärr inte 2 sept utan kommer den 22 sept.",
        (SEP_22,),
        (),
        None,
    ),
    ("room-malarsalen", "Vi kommer till Mälarsalen.", (SEP_22,), (), None),
    ("room-malarsalen-sentence", "Mälarsalen passar oss bäst.", (SEP_22,), (), None),
    ("first-session", "Vi tar första tillfället.", (SEP_2,), (), None),
    ("last-session", "Vi väljer sista tillfället.", (SEP_26,), (), None),
    (
        "reference-to-invitation",
        "Tack för inbjudan den 11 juli! Vi kommer 2/9.",
        (SEP_2,),
        (),
        None,
    ),
    (
        "info-meeting-date-is-no-session",
        "KSO kommer till informationsmötet 30/8. Till dialogen kommer vi 22/9.",
        (SEP_22,),
        (),
        None,
    ),
    (
        "info-meeting-only",
        "Vår KSO Anna Andersson (S) kommer till informationsmötet den 30 augusti.",
        (),
        (),
        None,
    ),
]


@pytest.mark.parametrize(
    ("text", "sessions", "others", "moved_from"),
    [pytest.param(t, s, o, m, id=case_id) for case_id, t, s, o, m in DATES],
)
def test_session_dates(
    text: str,
    sessions: tuple[dt.date, ...],
    others: tuple[dt.date, ...],
    moved_from: dt.date | None,
) -> None:
    reading = _read(text + _PEOPLE_LINE)
    assert (reading.session_dates, reading.other_dates, reading.moved_from) == (
        sessions,
        others,
        moved_from,
    )


# (id, text, the session kept): a weekday that does not fit its date cannot be read with confidence, so
# no day is read: the weekday may be the one meant even when no session falls on it (a person asks)
CONTRADICTING_WEEKDAYS = [
    ("thursday-19th-the-thursday-is-the-22nd", "Vi kommer torsdagen den 19 september.", ()),
    ("monday-22nd-two-mondays", "Vi kommer måndagen den 22 september.", ()),
    ("tuesday-22-slash-no-tuesday-session", "Vi tar tisdag 22/9.", ()),
    ("monday-2nd", "Vi kommer måndag 2 sept.", ()),
]


@pytest.mark.parametrize(
    ("text", "kept"), [pytest.param(text, kept, id=case_id) for case_id, text, kept in CONTRADICTING_WEEKDAYS]
)
def test_weekday_contradicting_its_date_is_a_doubt(text: str, kept: tuple[dt.date, ...]) -> None:
    reading = _read(text + _PEOPLE_LINE)
    assert reading.doubts
    assert (reading.session_dates, reading.registers_dialog) == (kept, True)


# (id, text): weekday and date agree
AGREEING_WEEKDAYS = [
    ("monday-19th", "Vi kommer måndagen den 19 september."),
    ("thursday-22-slash", "Vi tar torsdag 22/9."),
    ("friday-2nd", "Vi kommer fredag 2 sept."),
]


@pytest.mark.parametrize("text", [pytest.param(text, id=case_id) for case_id, text in AGREEING_WEEKDAYS])
def test_weekday_agreeing_with_its_date_is_no_doubt(text: str) -> None:
    assert _read(text + _PEOPLE_LINE).doubts == ()


# ---------------------------------------------------------------------------
# The information meeting
# ---------------------------------------------------------------------------

# (id, text, (name, party) of the attendee, stated not to be the KSO)
INFO_MEETING = [
    (
        "kso-comes",
        "KSO Anna Andersson (S) kommer till informationsmötet.",
        ("Anna Andersson", "S"),
        False,
    ),
    (
        "chair-written-out",
        "Till informationsmötet den 30 augusti kommer kommunstyrelsens ordförande Gunilla Rask (M).",
        ("Gunilla Rask", "M"),
        False,
    ),
    (
        "no-title-is-taken-as-chair",
        "Anna Andersson (S) anmäls till informationsmötet 30/8.",
        ("Anna Andersson", "S"),
        False,
    ),
    (
        "infomote-short",
        "Ordförande Tomas Ljung (C) deltar på infomötet.",
        ("Tomas Ljung", "C"),
        False,
    ),
    (
        "vice-chair",
        "1:e vice ordförande Bo Berg (M) kommer till informationsmötet eftersom KSO har förhinder.",
        ("Bo Berg", "M"),
        True,
    ),
    (
        "in-her-place",
        "Vår KSO kan inte komma till informationsmötet. I hennes ställe kommer Bo Berg (M).",
        ("Bo Berg", "M"),
        True,
    ),
    (
        "opposition-councillor",
        "Oppositionsråd Lars Wik (S) går på informationsmötet den 30/8.",
        ("Lars Wik", "S"),
        True,
    ),
    (
        "deputy-of-kso",
        "Ersättare för KSO: Vera Frisk (KD) kommer till informationsmötet 30/8.",
        ("Vera Frisk", "KD"),
        True,
    ),
]


@pytest.mark.parametrize(
    ("text", "attendee", "not_chair"),
    [pytest.param(t, a, n, id=case_id) for case_id, t, a, n in INFO_MEETING],
)
def test_information_meeting_attendee(text: str, attendee: tuple[str, str], not_chair: bool) -> None:
    reading = _read(text)
    assert reading.info_attendee is not None
    assert (reading.info_attendee.name, reading.info_attendee.party) == attendee
    assert reading.info_not_chair is not_chair
    assert reading.participants == ()


# (id, text, info attendee, dialog participants, session)
BOTH_MEETINGS = [
    (
        "headings",
        "Informationsmötet 30/8:\nAnna Andersson (S), KSO\n\n"
        "Dialogen 19/9:\nAnna Andersson (S)\nBo Berg (M)\nCecilia Dahl (C)",
        ("Anna Andersson", "S"),
        {("Anna Andersson", "S"), ("Bo Berg", "M"), ("Cecilia Dahl", "C")},
        (SEP_19,),
    ),
    (
        "two-sentences",
        "Vår KSO Anna Andersson (S) anmäls till informationsmötet. Till dialogen den "
        "22 september kommer Bo Berg (M), Cecilia Dahl (C) och Anna Andersson (S).",
        ("Anna Andersson", "S"),
        {("Anna Andersson", "S"), ("Bo Berg", "M"), ("Cecilia Dahl", "C")},
        (SEP_22,),
    ),
    (
        "dialog-first",
        "Dialog 2 september: Rut Ek (V), Per Holm (M).\nInformationsmöte 30 augusti: KSO Per Holm (M).",
        ("Per Holm", "M"),
        {("Rut Ek", "V"), ("Per Holm", "M")},
        (SEP_2,),
    ),
]


@pytest.mark.parametrize(
    ("text", "attendee", "participants", "sessions"),
    [pytest.param(t, a, p, s, id=case_id) for case_id, t, a, p, s in BOTH_MEETINGS],
)
def test_both_meetings_in_one_mail(
    text: str,
    attendee: tuple[str, str],
    participants: set[tuple[str, str | None]],
    sessions: tuple[dt.date, ...],
) -> None:
    reading = _read(text)
    assert reading.info_attendee is not None
    assert (reading.info_attendee.name, reading.info_attendee.party) == attendee
    assert reading.info_not_chair is False
    assert _people(reading) == participants
    assert reading.session_dates == sessions


def test_dialog_only_mail_registers_nobody_for_the_information_meeting() -> None:
    reading = _read("Vi kommer den 19 september: Anna Andersson (S), Bo Berg (M).")
    assert reading.info_attendee is None


# ---------------------------------------------------------------------------
# Swaps
# ---------------------------------------------------------------------------

# (id, text)
SWAPS = [
    ("ersatts-av", "Kerstin Ålund (C) ersätts av Jonas Pihl (C)."),
    ("ersatts-av-no-party-on-leaver", "Kerstin Ålund ersätts av Jonas Pihl (C) den 19/9."),
    ("ersatter", "Jonas Pihl (C) ersätter Kerstin Ålund."),
    ("i-stallet-for", "I stället för Kerstin Ålund kommer Jonas Pihl (C)."),
    ("istallet-for", "Istället för Kerstin Ålund (C) kommer Jonas Pihl (C) den 19/9."),
    ("byts-ut-mot", "Kerstin Ålund byts ut mot Jonas Pihl (C)."),
    ("vi-byter-ut-mot", "Vi byter ut Kerstin Ålund (C) mot Jonas Pihl (C)."),
    ("kommer-i-stallet-for", "Jonas Pihl (C) kommer i stället för Kerstin Ålund."),
    ("cannot-then-istallet-kommer", "Kerstin Ålund kan inte komma, istället kommer Jonas Pihl (C)."),
]


@pytest.mark.parametrize("text", [pytest.param(text, id=case_id) for case_id, text in SWAPS])
def test_swap_one_participant(text: str) -> None:
    reading = _read(text)
    swaps = {(s.leaving, s.joining.name, s.joining.party) for s in reading.swaps}
    assert swaps == {("Kerstin Ålund", "Jonas Pihl", "C")}
    assert "Kerstin Ålund" not in {p.name for p in reading.participants}


# ---------------------------------------------------------------------------
# Cancellations
# ---------------------------------------------------------------------------

# (id, text, cancels)
CANCELLATIONS = [
    ("strike-its-own", "Nacka måste tyvärr stryka sin anmälan till den 2 september.", True),
    ("avbokar", "Vi avbokar vår plats den 19 september.", True),
    ("avbokar-short", "Hej! Vi avbokar. /Nacka", True),
    ("drar-tillbaka", "Vi drar tillbaka vår anmälan.", True),
    ("kan-inte-delta-i-dialogen", "Vi kan tyvärr inte delta i dialogen.", True),
    ("avanmaler", "Tyvärr måste vi avanmäla oss från dialogen.", True),
    ("aterkallar", "Vi återkallar vår anmälan till den 22:a.", True),
    ("kommer-inte-kunna-nagon", "Nacka kommer inte att kunna delta i någon av dialogerna.", True),
    ("declines-no-date", "Hej! Nacka kommer inte att delta i dialogen i höst.", True),
    ("avstar", "Vi avstår från att delta denna gång.", True),
    ("tackar-nej", "Vi tackar nej till inbjudan.", True),
    ("hoppar-over", "Hej, vi hoppar över dialogen tyvärr.", True),
    ("registration", "Vi kommer den 19/9 med Anna Andersson (S).", False),
    (
        "one-person-cannot",
        "Den 19/9 kommer Bo Berg (M), men Cecilia Dahl (C) kan inte delta.",
        False,
    ),
    (
        "cannot-that-day-but-another",
        "Vi kan tyvärr inte delta den 2 september, men gärna den 22:a. Anna Andersson (S)",
        False,
    ),
]


@pytest.mark.parametrize(
    ("text", "cancels"),
    [pytest.param(text, cancels, id=case_id) for case_id, text, cancels in CANCELLATIONS],
)
def test_cancellation(text: str, cancels: bool) -> None:
    assert _read(text).cancels is cancels


# ---------------------------------------------------------------------------
# Questions
# ---------------------------------------------------------------------------

_REGISTRATION = "Vi kommer den 19 september med Anna Andersson (S) och Bo Berg (M). "

# (id, text, asks the coordinator something)
QUESTIONS = [
    ("parking", "Finns det parkering vid Landstingshuset?", True),
    ("official-along", "Jag undrar om en tjänsteman får följa med.", True),
    ("official-along-question", "Får vi ta med en tjänsteman?", True),
    ("remote", "Kan man delta på distans?", True),
    ("start-time", "Vilken tid börjar mötet?", True),
    ("material", "Vi undrar också om underlaget kommer i förväg.", True),
    ("two-people-ok", "Går det bra om vi bara kommer två personer?", True),
    ("hope-ok", "Hoppas det går bra!", False),
    ("hope-question", "Hoppas att allt är i sin ordning?", False),
    ("thanks", "Tack!", False),
    ("call-if-questions", "Ring mig om ni har frågor.", False),
    ("get-back", "Hör av er om något är oklart.", False),
    ("anything-more", "Behöver ni veta något mer?", False),
    ("looking-forward", "Vi ser fram emot dialogen.", False),
    ("please-put-them-in", "Kan du lägga in dem?", False),
    ("please-register-us", "Kan ni anmäla oss, tack?", False),
    ("or-how-do-we", "Finns det parkering vid Landstingshuset, eller hur gör vi smidigast?", True),
    ("tag-question", "Det blir en bra dag, eller hur?", False),
    ("officialese", "Inför dialogmötet önskas upplysning om vilken entré som ska användas.", True),
]


@pytest.mark.parametrize(
    ("text", "asks"),
    [pytest.param(text, asks, id=case_id) for case_id, text, asks in QUESTIONS],
)
def test_question_to_the_coordinator(text: str, asks: bool) -> None:
    assert _read(_REGISTRATION + text).asks_question is asks


# ---------------------------------------------------------------------------
# Other municipalities
# ---------------------------------------------------------------------------

# (id, text, municipality of the sender, other municipalities named)
MUNICIPALITIES = [
    ("both-named", "Anmälan gäller både Nacka och Värmdö.", "Nacka", ("Värmdö",)),
    ("for-other", "Vi anmäler för Värmdö kommun: 19/9, Anna Andersson (S).", "Nacka", ("Värmdö",)),
    (
        "two-word-name",
        "Anmälan för Upplands Väsby och Nacka: 22/9.",
        "Nacka",
        ("Upplands Väsby",),
    ),
    (
        "stockholms-stad",
        "Stockholms stad och Nacka kommer tillsammans 26/9.",
        "Nacka",
        ("Stockholm",),
    ),
    ("own-only", "Nacka kommun kommer den 19 september.", "Nacka", ()),
    (
        "each-on-its-own",
        "Vi hade först tänkt anmäla oss tillsammans med Södertälje, men har förstått att varje kommun ska anmäla sig "
        "för sig. Nykvarn och Södertälje har samma syn, och Annika Westerlund (S) och jag driver det tillsammans.",
        "Nykvarn",
        (),
    ),
    (
        "earlier-joint-registration-to-disregard",
        "Södertälje skickade den 11/8 en gemensam anmälan för båda kommunerna – bortse från den för Nykvarns del, "
        "vi kommer alltså inte den 22/9.",
        "Nykvarn",
        (),
    ),
    (
        "agreed-to-come-together",
        "Salems kommun och Södertälje kommun har kommit överens om att delta tillsammans den 2 september.",
        "Salem",
        ("Södertälje",),
    ),
    (
        "from-headings",
        "Vi kommer den 2 september.\nFrån Salem:\nEmma Rönnblad (M)\n\nFrån Södertälje:\nBoel Hammarsten (S)",
        "Salem",
        ("Södertälje",),
    ),
    ("county-council", "Tack till Stockholms läns landsting för inbjudan!", "Nacka", ()),
    ("region", "Vi ser fram emot dialogen om Region Stockholm.", "Nacka", ()),
    ("county", "Frågan är viktig för hela Stockholms län.", "Nacka", ()),
    ("address-in-stockholm", "Vi hittar till Landstingshuset i Stockholm.", "Nacka", ()),
    ("stockholm-sender-county-council", "Stockholms läns landsting bjöd in oss.", "Stockholm", ()),
    ("upplands-bro-own", "Upplands-Bro kommun kommer 2/9.", "Upplands-Bro", ()),
]


@pytest.mark.parametrize(
    ("text", "municipality", "others"),
    [pytest.param(t, m, o, id=case_id) for case_id, t, m, o in MUNICIPALITIES],
)
def test_other_municipalities_named(text: str, municipality: str, others: tuple[str, ...]) -> None:
    assert _read(text, municipality=municipality).names_other_municipalities == others


# ---------------------------------------------------------------------------
# Attachments
# ---------------------------------------------------------------------------

_WORD_FILE = Attachment(
    "anmalan.docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    14_000,
)


def test_registration_only_in_an_attachment_points_to_it() -> None:
    reading = _read("Hej! Se bifogad fil för vår anmälan.", attachments=(_WORD_FILE,))
    assert reading.points_to_attachment


def test_registration_in_the_text_with_an_unmentioned_attachment_does_not_point_to_it() -> None:
    reading = _read("Vi kommer 19/9: Anna Andersson (S).", attachments=(_WORD_FILE,))
    assert not reading.points_to_attachment


# ---------------------------------------------------------------------------
# The writer as one of the delegation: "jag och …", "… och undertecknad"
# ---------------------------------------------------------------------------

_CARD = "Anna Berg\nKommunstyrelsens ordförande (M)\nNacka kommun"

# (id, text, signature, the delegation)
WRITER_COUNTED = [
    (
        "jag-och",
        "Jag och Pelle Karlsson (S) kommer den 19/9.",
        "Anna Berg (M)",
        {("Pelle Karlsson", "S"), ("Anna Berg", "M")},
    ),
    (
        "jag-plus",
        "Den 19/9: jag + Pelle Karlsson (s) + Lisa Ek (c)",
        _CARD,
        {("Pelle Karlsson", "S"), ("Lisa Ek", "C"), ("Anna Berg", "M")},
    ),
    (
        "och-undertecknad",
        "Vi blir tre den 22/9: Pelle Karlsson (S), Lisa Ek (C) och undertecknad.",
        _CARD,
        {("Pelle Karlsson", "S"), ("Lisa Ek", "C"), ("Anna Berg", "M")},
    ),
    (
        "jag-sjalv-samt",
        "Den 19/9 kommer jag själv samt Pelle Karlsson (S).",
        _CARD,
        {("Pelle Karlsson", "S"), ("Anna Berg", "M")},
    ),
    (
        "tillsammans-med",
        "Jag kommer den 19/9 tillsammans med Pelle Karlsson (S).",
        _CARD,
        {("Pelle Karlsson", "S"), ("Anna Berg", "M")},
    ),
    ("writer-alone", "Jag kommer den 19/9.", "Anna Berg (M)", {("Anna Berg", "M")}),
    ("writer-alone-anmaler-mig", "Jag anmäler mig till dialogen den 19/9.", _CARD, {("Anna Berg", "M")}),
    (
        "undertecknad-named",
        "Vi kommer 22/9: Ulla Hedin (S) och undertecknad Rasmus Ödlund (MP).",
        "Rasmus",
        {("Ulla Hedin", "S"), ("Rasmus Ödlund", "MP")},
    ),
    (
        "jag-anmaler-others",
        "Jag anmäler Pelle Karlsson (S) och Lisa Ek (C) till den 19/9.",
        _CARD,
        {("Pelle Karlsson", "S"), ("Lisa Ek", "C")},
    ),
]


@pytest.mark.parametrize(
    ("text", "signature", "expected"),
    [pytest.param(text, sig, expected, id=case_id) for case_id, text, sig, expected in WRITER_COUNTED],
)
def test_writer_counted_among_the_participants(
    text: str, signature: str, expected: set[tuple[str, str | None]]
) -> None:
    reading = _read(text, signature=signature)
    assert _people(reading) == expected
    assert reading.doubts == ()


# (id, text, signature): "jag" is one of them, but who that is cannot be read
WRITER_UNKNOWN = [
    ("first-name-only", "Jag och Pelle Karlsson (S) kommer den 19/9.", "Anna"),
    ("no-signature", "Den 19/9 kommer jag själv samt Pelle Karlsson (S).", ""),
    ("others-later", "Jag kommer den 19/9, namn på övriga kommer senare.", "Anna Berg (M)"),
]


@pytest.mark.parametrize(
    ("text", "signature"), [pytest.param(text, sig, id=case_id) for case_id, text, sig in WRITER_UNKNOWN]
)
def test_writer_counted_but_unknown_is_a_doubt(text: str, signature: str) -> None:
    assert _read(text, signature=signature).doubts


def test_writer_named_but_without_a_party_is_listed_without_one() -> None:
    # the name is known (the signature), the party is not: missing_party, for the sender to mend
    reading = _read("Jag och Pelle Karlsson (S) kommer den 19/9.", signature="Anna Berg\nNacka kommun")
    assert _people(reading) == {("Pelle Karlsson", "S"), ("Anna Berg", None)}
    assert not reading.doubts


def test_writer_attending_the_information_meeting_is_the_signer() -> None:
    reading = _read("Jag kommer på informationsmötet.", signature=_CARD)
    assert reading.info_attendee is not None
    assert (reading.info_attendee.name, reading.info_attendee.party) == ("Anna Berg", "M")
    assert not reading.participants


# (id, text, signature, From name, the delegation): the writer written informally
WRITER_INFORMAL = [
    (
        "jag-with-party-name-from-header",
        "Vi tar det andra tillfället. Jag (m), Anders Nyqvist (kd) och Parisa Ahmadi, miljöpartiet.",
        "",
        "Ulla Berglund",
        {("Ulla Berglund", "M"), ("Anders Nyqvist", "KD"), ("Parisa Ahmadi", "MP")},
    ),
    (
        "first-name-sign-off-and-header",
        "vi kör på den 19:e! jag + Per Ragnarsson (s)",
        "Mats (M), ks-ordf Nacka",
        "Mats Granqvist",
        {("Mats Granqvist", "M"), ("Per Ragnarsson", "S")},
    ),
    (
        "family-name-first-header-is-the-same-person",
        "Vi kommer 22/9: Anneli Roos (s), Kjell Dahlgren (m) och jag, Håkan Björk (c).",
        "",
        "Björk Håkan",
        {("Anneli Roos", "S"), ("Kjell Dahlgren", "M"), ("Håkan Björk", "C")},
    ),
    (
        "first-names-spelt-out-in-a-ps",
        "den 19/9: Pelle (s) och Lisa från C\n\nps. hela namnen: Pelle = Per Ragnarsson, Lisa = Lisa Öhman",
        "",
        "",
        {("Per Ragnarsson", "S"), ("Lisa Öhman", "C")},
    ),
    (
        "party-as-group-and-short-alias",
        "Till den 2:a sept: Ulrika Bergh - mod och Peter Svensson från c-gruppen.",
        "",
        "",
        {("Ulrika Bergh", "M"), ("Peter Svensson", "C")},
    ),
]


@pytest.mark.parametrize(
    ("text", "signature", "sender", "expected"),
    [pytest.param(t, sig, sender, e, id=case_id) for case_id, t, sig, sender, e in WRITER_INFORMAL],
)
def test_writer_and_parties_written_informally(
    text: str, signature: str, sender: str, expected: set[tuple[str, str | None]]
) -> None:
    reading = read(text, event=EVENT, lexicon=LEXICON, municipality="Nacka", signature=signature, sender_name=sender)
    assert _people(reading) == expected
    assert reading.doubts == ()


def test_in_my_place_at_the_start_of_a_sentence_is_a_swap() -> None:
    reading = read(
        "Jag kan tyvärr inte den 22:a. I mitt ställe kommer Kalle Sundin (S).",
        event=EVENT,
        lexicon=LEXICON,
        municipality="Täby",
        sender_name="Johan Ekdahl",
    )
    assert [(s.leaving, s.joining.name) for s in reading.swaps] == [("Johan Ekdahl", "Kalle Sundin")]


def test_writer_giving_up_their_place_is_a_swap() -> None:
    reading = read(
        "hej! hoppa över mig den 22a, Kalle tar min plats. Kalle Sundin (s) alltså.",
        event=EVENT,
        lexicon=LEXICON,
        municipality="Täby",
        sender_name="Johan Ekdahl",
    )
    assert [(s.leaving, s.joining.name, s.joining.party) for s in reading.swaps] == [
        ("Johan Ekdahl", "Kalle Sundin", "S")
    ]
    assert not reading.participants


def test_writer_going_to_the_information_meeting_in_the_chairs_place() -> None:
    reading = read(
        "Vi tar 2 sept: jag (c), Michael Grahn (m) och Tove Ek (s).\n"
        "Michael är ks-ordf men kan inte 30/8, så jag går på infomötet i hans ställe.",
        event=EVENT,
        lexicon=LEXICON,
        municipality="Österåker",
        signature="Maria Lindqvist, 2:e vice ordf ks",
        sender_name="Maria Lindqvist",
    )
    assert reading.info_attendee is not None
    assert reading.info_attendee.name == "Maria Lindqvist"


def test_someone_named_as_not_coming_is_withdrawn() -> None:
    reading = _read("hej igen, Lisa (c) kan inte ändå så vi blir två den 19:e.")
    assert reading.withdrawn == ("Lisa",)
    assert reading.session_dates == (SEP_19,)


def test_the_vice_chair_in_the_place_of_one_who_cannot_is_the_attendee() -> None:
    reading = _read(
        "Informationsmötet den 30 augusti: Då kommunstyrelsens ordförande är förhindrad deltar i dennes ställe "
        "1:e vice ordförande Lisbeth Ringdahl-Sand (S)."
    )
    assert reading.info_attendee is not None and reading.info_attendee.name == "Lisbeth Ringdahl-Sand"
    assert reading.info_not_chair


def test_an_information_meeting_registration_said_to_stand_registers_no_one() -> None:
    reading = _read(
        "Vi väljer den 2 september.\nKarin Ödmark (S)\nMartin Normark (M)\n\n"
        "Anmälan av Karin till informationsmötet 30/8 gäller som tidigare."
    )
    assert reading.info_attendee is None
    assert len(reading.participants) == 2


def test_an_information_meeting_registration_promised_for_later_is_none_yet() -> None:
    reading = _read(
        "Vi kommer den 19 september:\nMats Granqvist (M), kommunstyrelsens ordförande\nÅsa Nyström (S)\n\n"
        "KSO:s anmälan till informationsmötet skickar jag när hans kalender för slutet av augusti är spikad."
    )
    assert reading.info_attendee is None
    assert not reading.doubts


def test_an_earlier_information_meeting_registration_referred_to_is_no_cue() -> None:
    reading = _read(
        "Med hänvisning till tidigare anmälan av KSO till informationsmötet anmäles härmed Ekerö kommuns deltagare "
        "till dialogmötet den 26 september 2016:\n\nGunnel af Klercker (Moderaterna)\nHåkan Wiberg (Centern)"
    )
    assert reading.session_dates == (SEP_26,)
    assert reading.info_attendee is None and not reading.doubts
    assert len(reading.participants) == 2


def test_an_official_who_registers_the_delegation_is_not_in_it() -> None:
    reading = _read(
        "Jag är politisk sekreterare för Socialdemokraterna i Järfälla och har fått i uppdrag att anmäla "
        "kommunens deltagare till dialogen.\n\nVi kommer den 22 september:\nBirgitta Holmqvist (S)\nDan Åkesson (M)"
    )
    assert _people(reading) == {("Birgitta Holmqvist", "S"), ("Dan Åkesson", "M")}


def test_the_writer_at_the_information_meeting_stays_in_the_dialog_list_they_are_in() -> None:
    reading = read(
        "Jag kommer själv till informationsmötet den 30 augusti.\n\nTill dialogen den 26 september kommer:\n"
        "Bo Hjalmarsson (M)\nGunnel Arvidsson (S)\nRitva Kivelä (C)\n",
        event=EVENT,
        lexicon=LEXICON,
        municipality="Nykvarn",
        sender_name="Bo Hjalmarsson",
    )
    assert reading.info_attendee is not None and reading.info_attendee.name == "Bo Hjalmarsson"
    assert {p.name for p in reading.participants} == {"Bo Hjalmarsson", "Gunnel Arvidsson", "Ritva Kivelä"}


def test_the_chair_of_the_council_is_not_the_chair_of_the_board() -> None:
    reading = _read(
        "Vaxholms kommunstyrelseordförande Malin Fors är bortrest i slutet av augusti. Vi anmäler därför "
        "kommunfullmäktiges ordförande Bertil Sandén (M) till informationsmötet den 30 augusti.",
        municipality="Vaxholm",
    )
    assert reading.info_attendee is not None and reading.info_attendee.name == "Bertil Sandén"
    assert reading.info_not_chair


def test_the_writer_on_both_meetings_with_their_dates() -> None:
    reading = read(
        "Anmälan från Upplands-Bro: jag, Christer Ödlund (M), kommunstyrelsens ordförande, kommer både på "
        "informationsmötet den 30 aug och på dialogen den 19 sept. Med mig på dialogen kommer Agneta Björling (S) "
        "och Mohammed Karimi (SD).",
        event=EVENT,
        lexicon=LEXICON,
        municipality="Upplands-Bro",
        sender_name="Christer Ödlund",
    )
    assert reading.info_attendee is not None and reading.info_attendee.name == "Christer Ödlund"
    assert {p.name for p in reading.participants} == {"Christer Ödlund", "Agneta Björling", "Mohammed Karimi"}


@pytest.mark.parametrize(
    "opening",
    [
        "Som komplettering till Gunnels anmälan till informationsmötet: Danderyd deltar i dialogen den 26:e med",
        "Vi avstår informationsmötet och skickar bara anmälan till dialogen den 26 september:",
        "Vi skickar om vår anmälan, nu utan informationsmötet. Dialog måndag 26 september:",
    ],
)
def test_a_dialog_registration_that_mentions_the_information_meeting_registers_no_one_there(opening: str) -> None:
    reading = _read(f"{opening}\n\nGunnel Ek-Lindqvist (M), kommunstyrelsens ordförande\nNadia Berhane (S)")
    assert reading.session_dates == (SEP_26,)
    assert reading.info_attendee is None and not reading.doubts
    assert len(reading.participants) == 2


def test_the_one_a_registration_was_handed_to_is_no_one_registered() -> None:
    reading = _read(
        "Vår anmälan lämnades till Lena Öberg på KSL före semestern. För säkerhets skull kommer den här även "
        "direkt från Vaxholms stad.\n\nDialog torsdag 22 september:\nMalin Forsberg, Moderaterna\n"
        "Erik Nordquist, Socialdemokraterna",
        municipality="Vaxholm",
    )
    assert reading.info_attendee is None
    assert _people(reading) == {("Malin Forsberg", "M"), ("Erik Nordquist", "S")}


def test_wrapped_prose_is_one_sentence() -> None:
    reading = _read(
        "Kommunstyrelsens ordförande Ingrid Törnqvist (M) kommer till\n"
        "informationsmötet tisdagen den 30 augusti kl. 13.00 på KSL."
    )
    assert reading.info_attendee is not None and reading.info_attendee.name == "Ingrid Törnqvist"
    assert not reading.participants


def test_a_move_from_a_weekday_and_date() -> None:
    reading = _read("Vaxholm behöver flytta sin anmälan från fredagen den 2 september till torsdagen den 22 september.")
    assert (reading.session_dates, reading.moved_from) == ((SEP_22,), SEP_2)


def test_shared_travel_is_no_joint_registration() -> None:
    reading = _read(
        "Vi anmäler oss till den 19/9: Magnus Holmgren (M).\nNykvarn står på kopia eftersom vi samordnar resan.",
        municipality="Salem",
    )
    assert reading.names_other_municipalities == ()


def test_a_strangers_mail_about_something_else_is_not_about_the_event() -> None:
    assert not _read("Din brevlåda är full. Klicka nedan för att verifiera ditt konto.").about_event
    assert _read("Kan vi anmäla oss fortfarande?").about_event


# (id, text): dates that refer to something else than the choice
FORMAL_REFERENCES = [
    (
        "daterad",
        "Med anledning av inbjudan daterad 2016-07-11 anmäler vi följande till den 2 september: Anna Berg (M).",
    ),
    ("skickades", "Rättelse av anmälan som skickades 2016-07-13. Vi kommer den 2 september: Anna Berg (M)."),
    ("felaktigt", "I vår anmälan angavs felaktigt måndagen den 2 september. Rätt dag är fredagen den 2 september."),
    ("erbjuds", "Dialogtillfällen erbjuds den 19, 22 och 26 september. Vi tar den 2 september: Anna Berg (M)."),
]


@pytest.mark.parametrize("text", [pytest.param(t, id=i) for i, t in FORMAL_REFERENCES])
def test_dates_referring_to_something_else_are_no_choice(text: str) -> None:
    reading = _read(text)
    assert (reading.session_dates, reading.other_dates, reading.doubts) == ((SEP_2,), (), ())


def test_formal_swap_with_a_title_before_the_newcomer() -> None:
    reading = _read(
        "Björn Ekdahl (Liberalerna) har fått förhinder och ersätts av ledamoten Maja Thorsell (Liberalerna)."
    )
    assert [(s.leaving, s.joining.name) for s in reading.swaps] == [("Björn Ekdahl", "Maja Thorsell")]


def test_the_count_of_an_earlier_registration_is_no_doubt() -> None:
    reading = _read(
        "Ny anmälan till den 22 september: Anna Berg (M), Olle Lund (S), Kim Ro (V).\n"
        "Vår tidigare anmälan med fyra deltagare utgår härmed."
    )
    assert reading.doubts == ()


def test_the_chair_not_attending_the_information_meeting_is_no_doubt() -> None:
    reading = _read(
        "Vi kommer den 22/9: Anna Berg (M), Olle Lund (S).\n"
        "Kommunstyrelsens ordförande deltar tyvärr inte vid informationsmötet den 30 augusti."
    )
    assert (reading.info_attendee, reading.doubts) == (None, ())


def test_registering_on_behalf_of_another_municipality_is_noticed() -> None:
    reading = _read(
        "Jag skriver på uppdrag av Nykvarns kommun.\nNykvarns kommun anmäler följande till den 22/9:\nBo Ek (M)",
        municipality="Södertälje",
    )
    assert reading.names_other_municipalities == ("Nykvarn",)


def test_the_coordinator_named_in_an_address_line_takes_no_part() -> None:
    reading = _read("Expedieras\nStockholms läns landsting, Rebecka Frej\n\nVi kommer den 19/9: Anna Berg (M).")
    assert _people(reading) == {("Anna Berg", "M")}


# (id, text): a delegation that is not settled or not whole, so a person decides
UNSETTLED = [
    ("count-in-pieces", "Hej! Vi kommer tre stycken den 19/9: Anna Berg (M), Olle Lund (S)."),
    ("one-from-a-party", "Den 19/9 kommer Anna Berg (M), Olle Lund (S) och en från V."),
    ("plus-one", "Den 19/9 kommer Anna Berg (M), Olle Lund (S) + 1 från V (namn kommer)."),
    ("eventuellt", "Den 19/9 kommer Anna Berg (M) och Olle Lund (S), samt eventuellt Kim Ro (V)."),
    ("preliminart", "Preliminärt kommer Anna Berg (M) och Olle Lund (S) den 19/9. Slutligt besked nästa vecka."),
]


@pytest.mark.parametrize("text", [pytest.param(t, id=i) for i, t in UNSETTLED])
def test_an_unsettled_delegation_is_a_doubt(text: str) -> None:
    assert _read(text).doubts


def test_asking_leave_to_bring_an_official_is_a_question() -> None:
    reading = _read(
        "Vi kommer den 19/9 med Anna Berg (M) och Olle Lund (S). "
        "Vi vill gärna ha med en tjänsteman också om det går bra."
    )
    assert reading.asks_question


def test_one_person_for_both_meetings_in_one_sentence() -> None:
    reading = _read(
        "Anna Berg (M) kommer på informationsmötet och på dialogen 19/9 tillsammans med Olle Lund (S) och Kim Ro (V)."
    )
    assert _people(reading) == {("Anna Berg", "M"), ("Olle Lund", "S"), ("Kim Ro", "V")}
    assert reading.info_attendee is not None and reading.info_attendee.name == "Anna Berg"


def test_lines_headed_by_their_meetings_dates() -> None:
    reading = _read("Vi kommer till båda mötena.\n30/8: Anna Berg (M)\n22/9: Anna Berg (M), Olle Lund (S), Kim Ro (V)")
    assert reading.session_dates == (SEP_22,)
    assert _people(reading) == {("Anna Berg", "M"), ("Olle Lund", "S"), ("Kim Ro", "V")}
    assert reading.info_attendee is not None and reading.info_attendee.name == "Anna Berg"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        pytest.param("Vi väljer alternativ 2. Anna Berg (M).", SEP_19, id="alternativ-2"),
        pytest.param("Vi tar tillfälle nr 3 med Anna Berg (M).", SEP_22, id="tillfalle-nr-3"),
    ],
)
def test_session_by_its_number_in_the_invitation(text: str, day: dt.date) -> None:
    assert _read(text).session_dates == (day,)


def test_the_deputy_coming_instead_of_the_chair_is_named_for_the_information_meeting() -> None:
    reading = _read("KSO har förhinder, 1:e vice ordf Olle Lund (S) kommer i stället till infomötet.")
    assert reading.info_attendee is not None and reading.info_attendee.name == "Olle Lund"
    assert reading.info_not_chair


# (id, text): terse mail a careful coordinator cannot confirm as it stands
TERSE_DOUBTS = [
    ("two-parties", "19/9 från Järfälla:\nKent Hallberg (M)\nAnna Berg (S/MP)\nLars Nyqvist (KD)"),
    ("first-names-only", "26/9 blir bra. Anna (S) och Bo (M)."),
    ("any-of-the-last", "Nykvarn kan någon av de sista dagarna. Ulla Berg (M), Tommy Åkesson (S), Linnea Gran (C)."),
    ("first-best", "Vi tar första bästa!\nSalem: Hussein Ali (S), Birgitta Roos (M), Kjell Lund (C)"),
    (
        "finnish",
        "Hei Rebecka,\n\nIlmoitamme Botkyrkan osallistujat dialogitilaisuuteen 26.9.:\nPirjo Mäkinen (S)\n"
        "Jukka Heikkilä (M)\nSanna Lindroos (V)\n\nYstävällisin terveisin\nPirjo Mäkinen\nkunnanvaltuutettu",
    ),
]


@pytest.mark.parametrize("text", [pytest.param(t, id=i) for i, t in TERSE_DOUBTS])
def test_terse_mail_with_a_doubt(text: str) -> None:
    assert _read(text).doubts


def test_names_in_capitals_and_initials_are_names() -> None:
    assert _people(_read("TÄBY 2/9\nÅSA LINDGREN (M)\nPER-OLOF HJALMARSSON (S)")) == {
        ("ÅSA LINDGREN", "M"),
        ("PER-OLOF HJALMARSSON", "S"),
    }
    assert _people(_read("Anmälan Nacka 19/9: A. Berg (M), O. Lund (S)")) == {("A. Berg", "M"), ("O. Lund", "S")}


def test_a_slipped_month_in_a_sentence_that_names_the_month() -> None:
    reading = _read("Stockholms stad deltar gärna i dialogen i september, den 19/8.\nKarin Öhman (S)")
    assert reading.session_dates == (SEP_19,)


def test_the_information_meeting_by_its_place() -> None:
    reading = _read("Vår KSO Katrin Wennerström (S) kommer på mötet på KSL.")
    assert reading.info_attendee is not None and not reading.participants


def test_the_chair_on_both_meetings() -> None:
    reading = _read("Vaxholm 26/9: Malin Ekholm (M) KSO, Roger Sand (S), Therese Lundh (L). KSO kommer på båda.")
    assert reading.info_attendee is not None and reading.info_attendee.name == "Malin Ekholm"


def test_a_bare_yes_is_a_registration_without_a_date() -> None:
    reading = _read("Vi kommer!")
    assert reading.registers_dialog and not reading.session_dates


def test_asking_for_the_material_is_a_question() -> None:
    assert _read("Vi avstår denna gång men vill gärna ha materialet. /Camilla").asks_question


def test_a_title_in_apposition_before_the_name() -> None:
    reading = _read(
        "Till informationsmötet den 30 augusti kommer Botkyrkas förste vice ordförande i kommunstyrelsen, "
        "Hans-Erik Kjellberg (M), eftersom vår ordförande är på tjänsteresa den dagen.",
        municipality="Botkyrka",
    )
    assert reading.info_attendee is not None and reading.info_not_chair


def test_a_board_decision_date_before_the_deadline_is_no_choice() -> None:
    reading = _read(
        "Arbetsutskottet beslutade den 15 augusti att Norrtälje deltar i dialogen fredag den 2 september."
        "\n- Ann-Sofie Hermansson (C)"
    )
    assert (reading.session_dates, reading.other_dates) == ((SEP_2,), ())


def test_a_swap_written_ersatts_x_av_y() -> None:
    reading = _read("Samtidigt ersätts Ahmed Yilmaz (S) av Lina Karlsson (KD).")
    assert [(s.leaving, s.joining.name) for s in reading.swaps] == [("Ahmed Yilmaz", "Lina Karlsson")]


# (id, narrative text, the delegation)
NARRATIVE = [
    (
        "pronoun-and-relative-clauses",
        "Vi har landat i torsdagen den 22 september. Kommunstyrelsens ordförande Margareta Dahlén (M) kommer själv. "
        "Från oppositionen följer Kjell-Åke Sundin med, han är gruppledare för Socialdemokraterna. Den tredje platsen "
        "har Cecilia von Platen tagit; hon sitter i kommunstyrelsen för Liberalerna.",
        {("Margareta Dahlén", "M"), ("Kjell-Åke Sundin", "S"), ("Cecilia von Platen", "L")},
    ),
    (
        "party-before-and-is-moderat",
        "Vi kommer måndagen den 26:e. Boel Kindström (S) kommer förstås. Hon har bett Tomas Zetterlund att följa med "
        "– han är moderat och vice ordförande i KS. Från Miljöpartiet kommer Rana Al-Sayed.",
        {("Boel Kindström", "S"), ("Tomas Zetterlund", "M"), ("Rana Al-Sayed", "MP")},
    ),
    (
        "first-name-said-later",
        "Michaela Fors (M) har valt måndagen den 19 september. Hon tar med sig Benny Holmqvist. "
        "Benny är socialdemokrat. Som tredje person blir det Aino Kettunen från Centerpartiet.",
        {("Michaela Fors", "M"), ("Benny Holmqvist", "S"), ("Aino Kettunen", "C")},
    ),
    (
        "pronoun-joins-the-dialog",
        "Vår ordförande Ingela Wåhlin är socialdemokrat och kommer gärna till informationsmötet den 30 augusti. "
        "Hon vill också vara med på dialogen, fredagen den 2 september. "
        "Med henne kommer Patrik Ström från Moderaterna och Gunnel Åkerberg, Sverigedemokraterna.",
        {("Ingela Wåhlin", "S"), ("Patrik Ström", "M"), ("Gunnel Åkerberg", "SD")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in NARRATIVE])
def test_people_named_in_narrative_prose(text: str, expected: set[tuple[str, str | None]]) -> None:
    reading = _read(text)
    assert _people(reading) == expected
    assert not reading.asks_question


def test_a_rhetorical_question_is_no_question() -> None:
    assert not _read(
        "Att regionfrågan skulle vara tillbaka – vem hade trott det? Vi kommer 19/9: Anna Berg (M)."
    ).asks_question


def test_a_name_said_to_come_without_party_is_asked_for() -> None:
    reading = _read("Salem kommer den 2 september med Madeleine Krook (M). Den tredje blir Jonas Vikström.")
    assert ("Jonas Vikström", None) in _people(reading)


FORMS = [
    (
        "numbered-fields",
        "Valt tillfälle: 22 september kl. 09.30–11.30\nDeltagare 1: Elisabeth Wahlgren-Ohlsson\n"
        "Parti deltagare 1: Moderaterna\nDeltagare 2: Kenneth Öhrn\nParti deltagare 2: Socialdemokraterna\n"
        "KSO anmäls till informationsmötet 30/8: Nej",
        {("Elisabeth Wahlgren-Ohlsson", "M"), ("Kenneth Öhrn", "S")},
    ),
    (
        "party-before-name-in-a-table",
        "Datum för dialog | 2016-09-22\nParti 1 | Moderaterna\nNamn 1 | Cecilia Strandberg\n"
        "Parti 2 | Liberalerna\nNamn 2 | Gustaf von Platen\nSkickat | 2016-07-20 10:05:31",
        {("Cecilia Strandberg", "M"), ("Gustaf von Platen", "L")},
    ),
    (
        "sms-lower-case-letters",
        "Hej Rebecka! Huddinge kommer 22/9: Lena Dahl m, Ahmed Yusuf s, Olle Berglund kd. Mvh Lena",
        {("Lena Dahl", "M"), ("Ahmed Yusuf", "S"), ("Olle Berglund", "KD")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in FORMS])
def test_forms_and_messages_from_systems(text: str, expected: set[tuple[str, str | None]]) -> None:
    reading = _read(text)
    assert _people(reading) == expected
    assert reading.session_dates == (SEP_22,)
    assert reading.doubts == ()


def test_a_registry_s_metadata_dates_are_no_choice() -> None:
    reading = _read("Handläggningsdatum: 2016-09-19\nVi anmäler till dialogen den 26 september: Anna Berg (M).")
    assert reading.session_dates == (SEP_26,)


def test_someone_struck_from_a_list_is_not_counted() -> None:
    reading = _read("Ny anmälan till den 26/9: Anna Berg (M), Olle Lund (S) och Kim Ro (V). Karl Grönvall (SD) stryks.")
    assert ("Karl Grönvall", "SD") not in _people(reading)


def test_the_information_meeting_s_day_named_as_the_dialog_is_the_information_meeting() -> None:
    reading = _read("Hej!\nJag kommer gärna på dialogen den 30/8 på KSL.\nPernilla Brink (C)\nVallentuna")
    assert reading.info_attendee is not None and reading.info_attendee.name == "Pernilla Brink"
    assert not reading.participants


def test_a_signature_mid_mail_signs_the_information_meeting_registration() -> None:
    reading = _read(
        "Jag kommer till informationsmötet den 30 augusti.\n\nDaniel Kjällström (M)\nKommunstyrelsens ordförande\n\n"
        "Vi återkommer separat om vilket dialogtillfälle vi väljer."
    )
    assert reading.info_attendee is not None and reading.info_attendee.name == "Daniel Kjällström"
    assert not reading.participants


def test_the_chair_unable_to_come_registers_no_one_for_the_information_meeting() -> None:
    reading = _read(
        "Anmälan till dialogen: 22/9\n\nGunilla Ståhlberg, Folkpartiet\nReza Karimi, Mp\n\n"
        "Gunilla är KSO men kan inte komma 30 aug, därför ingen anmälan till informationsmötet."
    )
    assert (reading.info_attendee, reading.doubts) == (None, ())


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Vi anmäler Anna Berg (S) och Olle Ek (M) till den 31 september.", ("31 september",)),
        ("Datum: 31/9\nAnna Berg (S)\nOlle Ek (M)", ("31/9",)),
        ("Vi kommer den 19 september: Anna Berg (S). Vårt KS har möte den 31/9.", ()),
    ],
)
def test_a_date_no_calendar_has_is_kept_as_written(text: str, written: tuple[str, ...]) -> None:
    reading = _read(text)
    assert reading.impossible_dates == written
    assert reading.registers_dialog


# (id, text, the session chosen): dates in the same mail that belong to something else
OTHER_MEETINGS = [
    (
        "summoned-to-another-meeting",
        "Margareta har blivit kallad till ett möte på Regeringskansliet den 22 september. Vi flyttar därför "
        "vår dialog till måndagen den 26 september: Margareta Dahlén (M), Fredrik Åkesson (C).",
        SEP_26,
    ),
    (
        "own-board-meeting-called-off",
        "Det extra kommunstyrelsemötet den 2 september blev inställt, så vi föreslår måndagen den 19 september. "
        "Marie Ljungqvist (S) och Tommy Hedén (M).",
        SEP_19,
    ),
    (
        "registry-metadata-heading",
        "Dokumentdatum: 2016-08-29\nÄrende: Anmälan dialog\n\nVi deltar den 22 september: Kjell Norrby (M).",
        SEP_22,
    ),
]


@pytest.mark.parametrize(("text", "day"), [pytest.param(t, d, id=i) for i, t, d in OTHER_MEETINGS])
def test_dates_of_other_meetings_are_no_choice(text: str, day: dt.date) -> None:
    reading = _read(text)
    assert (reading.session_dates, reading.other_dates) == ((day,), ())


def test_names_decided_later_at_their_own_meeting() -> None:
    reading = _read(
        "Upplands-Bro vill boka in sig på torsdagen den 22 september. Vilka tre som åker bestämmer presidiet "
        "när de ses den 29 augusti, så namnen får jag återkomma med."
    )
    assert (reading.session_dates, reading.other_dates, reading.participants) == ((SEP_22,), (), ())


def test_two_days_offered_before_a_new_main_clause() -> None:
    reading = _read(
        "Solna kan komma antingen 19 eller 22 sept, vi bestämmer oss när presidiet är tillbaka.\n"
        "Lars-Erik Dahl (M)\nNadia El-Amin (S)"
    )
    assert reading.session_dates == (SEP_19, SEP_22)


def test_a_question_word_is_no_first_name() -> None:
    reading = _read("Vi kommer den 2/9. Kan Anna Berg (S) och Olle Ek (M) få parkering?")
    assert _people(reading) == {("Anna Berg", "S"), ("Olle Ek", "M")}


def test_the_other_session_after_one_turned_down_is_a_doubt() -> None:
    reading = _read(
        "Den 2:a går inte pga budgetdagar så vi tar det andra tillfället. Det blir Ann Hägg (M) och Siv Öst (S)."
    )
    assert reading.session_dates == () and reading.doubts
    assert _read("Sundbyberg tar det andra tillfället: Jelena Ivanović (S).").session_dates == (SEP_19,)


def test_a_later_phrase_about_vacations_does_not_void_the_date() -> None:
    reading = _read(
        "som vi pratade om i telefon så kör vi på torsdagen 22/9 från Täby, skönt att få det bokat innan alla "
        "försvinner på semester. Anna Berg (S)"
    )
    assert reading.session_dates == (SEP_22,)


# (id, colloquial text, the delegation)
COLLOQUIAL = [
    (
        "month-typo-party-nouns-in-speech",
        "Sundbyberg kommer 19 spet, det blir jag Peter Lindqvist (S) ks-ordf, Malin Ahlgren som är V-aren hos oss "
        "i KS och en moderat, Joakim Nordin.",
        {("Peter Lindqvist", "S"), ("Malin Ahlgren", "V"), ("Joakim Nordin", "M")},
    ),
    (
        "we-social-democrats-send",
        "Botkyrka kör 19/9. Vi sossar skickar vår KSO Katarina Berggren, sen kommer V-aren Ali Ibrahim och "
        "miljöpartisten Tove Strand.",
        {("Katarina Berggren", "S"), ("Ali Ibrahim", "V"), ("Tove Strand", "MP")},
    ),
    (
        "own-council-then-so-it-becomes",
        "vi har KF den 22/9 så det blir den 26:e för vår del. Christina Ek (S) kommer, och så snackade jag med "
        "Hasse Lund i C, han hänger på.",
        {("Christina Ek", "S"), ("Hasse Lund", "C")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in COLLOQUIAL])
def test_colloquial_registrations(text: str, expected: set[tuple[str, str | None]]) -> None:
    reading = _read(text)
    assert _people(reading) == expected
    assert len(reading.session_dates) == 1 and not reading.doubts


def test_the_same_day_as_another_municipality_is_a_doubt() -> None:
    reading = _read("Vi i Väsby tar samma dag som Solna. Therese Lindh (M), Juha Mäkinen (S)")
    assert reading.session_dates == () and reading.doubts


# (id, text, the session chosen): words of other plans hidden in names, and stretches of days
HIDDEN_WORDS_AND_STRETCHES = [
    (
        "names-holding-tom-and-resa",
        "Till dialogen den 22 september kommer Tommy Åkesson (S) och Teresa Lind (M).",
        SEP_22,
    ),
    (
        "a-conference-over-two-days",
        "Jag ska på Kommunforum i Göteborg den 14–15 september, så det blir en del resande. "
        "Vi landar i torsdagen den 22 september: Anna Berg (S).",
        SEP_22,
    ),
    (
        "a-study-trip-between-two-days",
        "Mats ska på en studieresa mellan den 25 och 27 september, så vi tar den 22 september. Anna Berg (S).",
        SEP_22,
    ),
]


@pytest.mark.parametrize(("text", "day"), [pytest.param(t, d, id=i) for i, t, d in HIDDEN_WORDS_AND_STRETCHES])
def test_only_the_chosen_day_is_read(text: str, day: dt.date) -> None:
    reading = _read(text)
    assert (reading.session_dates, reading.other_dates) == ((day,), ())


def test_small_talk_about_the_summer_is_no_question() -> None:
    assert not _read("Har du också fått en regnig semester? Vi kommer den 22/9: Anna Berg (S).").asks_question


def test_two_days_offered_tentatively_are_two_days_not_a_doubt() -> None:
    reading = _read("Nacka kommer troligen att kunna delta antingen den 19 eller den 22 september.\n- Anna Berg (S)")
    assert reading.session_dates == (SEP_19, SEP_22) and reading.doubts == ()


def test_also_for_the_information_meeting_adds_no_one_to_the_dialog() -> None:
    reading = _read(
        "Vi kommer den 19/9: Bo Ek (M), Cia Lund (C), Dan Ås (S). Även Anna Berg (S) kommer till informationsmötet."
    )
    assert _people(reading) == {("Bo Ek", "M"), ("Cia Lund", "C"), ("Dan Ås", "S")} and reading.swaps == ()
    assert reading.info_attendee is not None and reading.info_attendee.name == "Anna Berg"


# (id, text, the session chosen): a subordinate clause's date, and a day given up
CLAUSES_OF_OTHER_DAYS = [
    (
        "because-clause-before-the-main-verb",
        "Eftersom kommunstyrelsen sammanträder den 19 september väljer Norrtälje dialogen måndagen den 26 september."
        "\nJan Sundqvist (M)",
        SEP_26,
    ),
    (
        "the-old-day-lapses",
        "Vi byter till måndagen den 26 september: Johan Ahlgren, M. Anmälan till den 22/9 utgår alltså.",
        SEP_26,
    ),
]


@pytest.mark.parametrize(("text", "day"), [pytest.param(t, d, id=i) for i, t, d in CLAUSES_OF_OTHER_DAYS])
def test_days_of_other_clauses_are_no_choice(text: str, day: dt.date) -> None:
    assert _read(text).session_dates == (day,)


def test_names_as_before_point_to_the_stored_people() -> None:
    assert _read("Ursäkta, det blev fel. Rätt datum är 22/9, namnen enligt tidigare.").same_people


def test_another_municipalitys_day_is_no_choice_but_an_unknown_sender_may_be_that_municipality() -> None:
    text = "Vaxholm tar den 2 september, så vi tar den 22 september.\nAnna Berg (M)"
    assert _read(text, municipality="Nacka").session_dates == (SEP_22,)
    unknown = read(text, event=EVENT, lexicon=LEXICON, municipality=None)
    assert unknown.session_dates == (dt.date(2016, 9, 2), SEP_22)
