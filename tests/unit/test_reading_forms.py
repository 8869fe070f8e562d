"""More ways people write registrations, each a pattern a careful coordinator reads without effort."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mailbot import settings
from mailbot.core.mail import Mail
from mailbot.core.model import Reading
from mailbot.core.text import own_words
from mailbot.core.understand.parties import PartyLexicon
from mailbot.core.understand.reading import read

EVENT = settings.load(Path(__file__).resolve().parents[2] / "config" / "mailbot.toml", environ={}).to_event()
LEXICON = PartyLexicon(EVENT.parties)
SEPT = {2: dt.date(2016, 9, 2), 19: dt.date(2016, 9, 19), 22: dt.date(2016, 9, 22), 26: dt.date(2016, 9, 26)}


def reading(text: str, **options: object) -> Reading:
    return read(text, event=EVENT, lexicon=LEXICON, municipality="Nacka", **options)  # type: ignore[arg-type]


def people(r: Reading) -> list[tuple[str, str | None]]:
    return [(p.name, p.party) for p in r.participants]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Vi kommer den 19/9: Kerstin Wåhlin, moderat och KSO, Dragan Petrović från sossarna, och "
            "Ulla-Britt Sjöö, centerpartist.",
            [("Kerstin Wåhlin", "M"), ("Dragan Petrović", "S"), ("Ulla-Britt Sjöö", "C")],
        ),
        (
            "Vi kommer den 19/9 med Hüseyin Kaya (S), vår KD-politiker Margareta Ek och vänsterpartisten Jelena Šarić.",
            [("Hüseyin Kaya", "S"), ("Margareta Ek", "KD"), ("Jelena Šarić", "V")],
        ),
        (
            "rättelse: vi kommer den 19/9. deltagare fredrik ohlin (s) och ingrid sandahl (m).",
            [("fredrik ohlin", "S"), ("ingrid sandahl", "M")],
        ),
        (
            "Här kommer namnen till den 19 september:\n\n"
            "Namn: Mattias Norrby\nParti: M\n\nNamn: Leyla Çelik\nParti: S\n",
            [("Mattias Norrby", "M"), ("Leyla Çelik", "S")],
        ),
        (
            "Dialogen 19/9:\nNamn | Parti | Uppdrag\nJelena Ivanović | S | KSO\nOlle Bäckström | M | ledamot\n",
            [("Jelena Ivanović", "S"), ("Olle Bäckström", "M")],
        ),
    ],
    ids=["party-words", "party-word-before-name", "lower-case", "form-fields", "table-rows"],
)
def test_people_written_in_other_shapes(text: str, expected: list[tuple[str, str]]) -> None:
    assert people(reading(text)) == expected


def test_tab_separated_columns_become_table_rows() -> None:
    mail = Mail(
        message_id="<t@x>",
        from_address="a@nacka.se",
        plain="Den 19/9 kommer:\nNamn\tParti\nJelena Ivanović\tS\nOlle Bäckström\tM\n",
    )
    assert people(reading(own_words(mail).text)) == [("Jelena Ivanović", "S"), ("Olle Bäckström", "M")]


def test_a_first_name_for_the_information_meeting_is_the_person_named_in_full() -> None:
    r = reading(
        "Vi kommer den 26 september: Lars Bäckström (M), KSO, Johanna Ström (S).\n\n"
        "Lars kommer även till informationsmötet 30/8."
    )
    assert r.info_attendee is not None and (r.info_attendee.name, r.info_attendee.party) == ("Lars Bäckström", "M")


@pytest.mark.parametrize(
    ("text", "sessions"),
    [
        ("Vi kommer 26.09.2016, inte tisdagen. Anna Ek (S).", (SEPT[26],)),
        ("Den 19/9 passar inte, vi kommer den 22/9. Anna Ek (S).", (SEPT[22],)),
        ("Vi kommer den 26 september. Vi har vår egen kommunstyrelse den 19 september. Anna Ek (S).", (SEPT[26],)),
        ("Sundbyberg tar det andra tillfället: Anna Ek (S).", (SEPT[19],)),
    ],
    ids=["inte-after-the-date", "passar-inte", "own-board-meeting", "ordinal"],
)
def test_which_date_is_chosen(text: str, sessions: tuple[dt.date, ...]) -> None:
    assert reading(text).session_dates == sessions


def test_the_day_of_the_information_meeting_is_no_session() -> None:
    r = reading("Vi vill gärna ha dialogen samma dag som informationsmötet. Anna Ek (S).")
    assert r.session_dates == () and r.other_dates == (dt.date(2016, 8, 30),)


@pytest.mark.parametrize(
    ("text", "others"),
    [
        ("Vi kommer den 19/9 med Anna Ek (S). Värmdö sköter sin egen anmälan.", ()),
        ("Jag samordnar anmälan för både Nacka och Värmdö: 19/9, Anna Ek (S).", ("Värmdö",)),
        ("19/9:\nNacka: Anna Ek (S)\nVärmdö: Bo Berg (M)", ("Värmdö",)),
    ],
    ids=["mentioned-only", "joint", "headed-list"],
)
def test_another_municipality_only_when_this_mail_registers_it(text: str, others: tuple[str, ...]) -> None:
    assert reading(text).names_other_municipalities == others


def test_a_question_inside_a_forwarded_mail_is_not_for_the_coordinator() -> None:
    text = "Hej Dragana, här är vår anmälan den 26 september: Anna Ek (S). Kan du skicka den vidare till Rebecka?"
    assert reading(text).asks_question
    assert not reading(text, forwarded=True).asks_question


def test_interleaved_answers_under_a_signature_are_kept() -> None:
    plain = (
        "Hej, svar i texten nedan.\n/Ulrika\n\nDen 11 jul 2016 14:02 skrev Rebecka Frej <rebecka.frej@sll.se>:\n"
        "> Fyra tillfällen för dialog: 2, 19, 22 och 26 september\n\nVi tar den 26:e.\n\n"
        "> Ange datum, namn och parti.\n\nPatrik Eklund (S), Lena Brandt (M).\n"
    )
    text = own_words(Mail(message_id="<i@x>", from_address="u@nacka.se", plain=plain)).text
    assert "Vi tar den 26:e." in text and "Patrik Eklund (S)" in text and "Fyra tillfällen" not in text
    assert reading(text).session_dates == (SEPT[26],)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Till dialogen den 19/9:\nOlle Ek – M – kommunstyrelsens ordförande\nAnna Berg – S – kommunalråd\n",
            [("Olle Ek", "M"), ("Anna Berg", "S")],
        ),
        (
            "Till dialogen den 19/9:\nM Kristina Ahl, KSO\nS Jukka Lehto\n",
            [("Kristina Ahl", "M"), ("Jukka Lehto", "S")],
        ),
        ("Vi kommer den 19/9: Malin Kowal [M] och Andreas Öhman [S].", [("Malin Kowal", "M"), ("Andreas Öhman", "S")]),
        (
            "Vi kommer den 19/9. Socialdemokraterna representeras av kommunalråd Pia Lund, Moderaterna av "
            "oppositionsråd Johan Sjö.",
            [("Pia Lund", "S"), ("Johan Sjö", "M")],
        ),
        (
            "Dialogen 19/9:\nParti | Namn | Uppdrag\nS | Katarina Berg | KSO\nM | Jan Wik | ledamot\n",
            [("Katarina Berg", "S"), ("Jan Wik", "M")],
        ),
        (
            "Vi blir tre den 19/9: KSO Björn Sten (M) plus Eva Strand och Omar Haji, båda (S).",
            [("Björn Sten", "M"), ("Eva Strand", "S"), ("Omar Haji", "S")],
        ),
        (
            "Deltagare den 19/9:\n\nHarriet Lind\nKommunstyrelsens ordförande (S)\nTel 08-123 45 67\n\n"
            "Jelena Kovač\nLedamot i kommunstyrelsen (C)\n",
            [("Harriet Lind", "S"), ("Jelena Kovač", "C")],
        ),
    ],
    ids=["dashes", "party-column-first", "square-brackets", "represented-by", "party-first-table", "both-s", "cards"],
)
def test_more_shapes_of_a_delegation(text: str, expected: list[tuple[str, str]]) -> None:
    assert people(reading(text)) == expected


@pytest.mark.parametrize(
    ("text", "sessions"),
    [
        ("Vi deltar gärna den andra september: Anna Ek (S).", (SEPT[2],)),
        ("Vi anmäler till dialogen 2016.09.22: Anna Ek (S).", (SEPT[22],)),
        ("Vi anmäler oss till dialogen v 38 måndag: Anna Ek (S).", (SEPT[19],)),
        ("Vi kommer den 26/9. Det blir i alla fall inte före den 2 september. Anna Ek (S).", (SEPT[26],)),
    ],
    ids=["day-as-ordinal-word", "dotted-iso", "week-and-weekday", "before-a-date"],
)
def test_dates_written_in_words_and_weeks(text: str, sessions: tuple[dt.date, ...]) -> None:
    assert reading(text).session_dates == sessions


def test_a_third_participant_is_an_addition_not_a_new_delegation() -> None:
    r = reading("Nu har vi en tredje deltagare till dialogen den 2 september: Ramón Fuentes [V].")
    assert r.participants == () and [(s.leaving, s.joining.name) for s in r.swaps] == [("", "Ramón Fuentes")]


def test_a_stated_head_count_that_does_not_match_is_a_doubt() -> None:
    assert reading("Vi blir tre den 19/9: Anna Ek (S) och Bo Berg (M).").doubts
    assert not reading("Vi blir två den 19/9: Anna Ek (S) och Bo Berg (M).").doubts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Vi kommer 26 sep:\n\nLjungberg, Anders (M)\nNordin-Strömgren, Ewa (S)\nZetterlund, Mikael (C)\n",
            [("Anders Ljungberg", "M"), ("Ewa Nordin-Strömgren", "S"), ("Mikael Zetterlund", "C")],
        ),
        (
            "Vi tar 22/9.\n\nEfternamn | Förnamn | Parti\nLindqvist | Åke | M\nStrand Öberg | Maria | S\n",
            [("Åke Lindqvist", "M"), ("Maria Strand Öberg", "S")],
        ),
        (
            "Vi tar 2/9:\n- Annelie Dahlgren, Kristdemokraterna\n- Sami Rahmani, Miljöparitet\n"
            "- Gösta Wendel, Socialdemokratena\n",
            [("Annelie Dahlgren", "KD"), ("Sami Rahmani", "MP"), ("Gösta Wendel", "S")],
        ),
        (
            "Vi kommer den 19:e: Pernilla Sandell (mod), Jonas Wiklund från sossarna och Ingrid Holm kd.",
            [("Pernilla Sandell", "M"), ("Jonas Wiklund", "S"), ("Ingrid Holm", "KD")],
        ),
        ("Vi tar 19 sep:\nLinnea Bergh S\nTomas Hägglund M\n", [("Linnea Bergh", "S"), ("Tomas Hägglund", "M")]),
        # A party is no first name, and one line alone is not a register.
        ("Vi tar 19/9:\nAnna Ek, Moderaterna\nBo Berg, Centerpartiet\n", [("Anna Ek", "M"), ("Bo Berg", "C")]),
    ],
    ids=[
        "surname-comma-first",
        "surname-column",
        "party-typos",
        "short-party-forms",
        "party-last-column",
        "not-reversed",
    ],
)
def test_names_and_parties_in_register_order_and_in_haste(text: str, expected: list[tuple[str, str]]) -> None:
    assert people(reading(text)) == expected


@pytest.mark.parametrize(
    ("text", "sessions", "doubt"),
    [
        ("Vi tar gärna fredagstillfället. Anna Ek (S) kommer.", (SEPT[2],), None),
        ("Vi kommer på torsdagen: Anna Ek (S).", (SEPT[22],), None),
        ("Vi vill gärna komma på måndagen. Anna Ek (S) kommer.", (), "passar flera tillfällen"),
        ("Vi kommer på tillfället i slutet av september med Anna Ek (S).", (), "ungefär"),
        ("Vi måste byta dag – 2/9 krockar med vårt KF. Vi byter till 19/9 i stället.", (SEPT[19],), None),
    ],
    ids=["weekday-compound", "weekday-unique", "weekday-twice", "vague-period", "date-that-clashes"],
)
def test_sessions_named_by_weekday_or_period(text: str, sessions: tuple[dt.date, ...], doubt: str | None) -> None:
    r = reading(text)
    assert r.session_dates == sessions
    assert (doubt is None and not r.doubts) or any(doubt and doubt in d for d in r.doubts)


def test_i_will_come_to_the_information_meeting_names_the_one_who_signs() -> None:
    r = reading(
        "Hej, jag kommer på informationsmötet 30/8. Vilken dialogdag vi tar återkommer kansliet om.\n\n"
        "Katarina Berggren (S)\nKommunstyrelsens ordförande"
    )
    assert r.info_attendee is not None and r.info_attendee.name == "Katarina Berggren"
    assert not r.participants and not r.session_dates


def test_a_misspelt_closing_still_ends_the_own_words() -> None:
    plain = "Vi tar 2/9: Anna Ek (S).\n\nHälsnignar\nErik Sjögren\nKansliet"
    text = own_words(Mail(message_id="<h@x>", from_address="u@haninge.se", plain=plain)).text
    assert "Erik Sjögren" not in text and "Anna Ek" in text


def test_a_family_name_that_is_also_a_word_and_a_pronoun_that_is_no_name() -> None:
    r = reading("Vi kommer 22/9. Ulla Hedin (s), Patrik Svensk (m) och Hans Tallqvist (mp).")
    assert people(r) == [("Ulla Hedin", "S"), ("Patrik Svensk", "M"), ("Hans Tallqvist", "MP")]
    r = reading("Partibeteckningen föll bort för Roger Vik. Han är Centerpartiet.\n\nAlltså 26/9: Roger Vik (C).")
    assert people(r) == [("Roger Vik", "C")]


def test_a_heading_with_date_and_time_sets_the_meeting_of_the_list_below() -> None:
    r = reading(
        "Informationsmötet 30/8\nKommunstyrelsens ordförande Tomas Ekwall (M)\n\n"
        "Dialogen måndagen den 26 september kl 13.00-15.00\nTomas Ekwall (M)\nBirgitta Hallén (S)\n"
    )
    assert people(r) == [("Tomas Ekwall", "M"), ("Birgitta Hallén", "S")]
    assert r.info_attendee is not None and r.info_attendee.name == "Tomas Ekwall"


def test_a_weekday_as_a_deadline_is_no_session() -> None:
    r = reading("Vi återkommer till fredag med namnen. Jag svarar senast på fredag.")
    assert r.session_dates == () and not r.doubts
