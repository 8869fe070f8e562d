"""Names as a register, a title or a slip of the pen writes them, and the corrections written after them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mailbot import settings
from mailbot.core.model import Reading
from mailbot.core.understand.parties import PartyLexicon
from mailbot.core.understand.people import find_people
from mailbot.core.understand.reading import read

EVENT = settings.load(Path(__file__).resolve().parents[2] / "config" / "mailbot.toml", environ={}).to_event()
LEXICON = PartyLexicon(EVENT.parties)


def reading(text: str) -> Reading:
    return read(text, event=EVENT, lexicon=LEXICON, municipality="Nacka")


def people(r: Reading) -> list[tuple[str, str | None]]:
    return [(p.name, p.party) for p in r.participants]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Vi kommer den 22 september:\n\nAhlström, Karin (M), kommunstyrelsens ordförande\n"
            "af Klint, Johan (L), kommunalråd\nYilmaz, Deniz (S), oppositionsråd\n",
            [("Karin Ahlström", "M"), ("Johan af Klint", "L"), ("Deniz Yilmaz", "S")],
        ),
        (
            "Vi anmäler till den 2 september:\n\nCarpelan, Peter - Moderaterna - kommunstyrelsens ordförande\n"
            "Lund, Kristoffer - Socialdemokraterna - 2:e vice ordförande\n",
            [("Peter Carpelan", "M"), ("Kristoffer Lund", "S")],
        ),
        (
            "Datum: 2016-09-02\nNamn: Hedlund, Ann-Christin | Parti: Moderata samlingspartiet\n"
            "Namn: Bäckman de Verdier, Lisa | Parti: Centerpartiet\n",
            [("Ann-Christin Hedlund", "M"), ("Lisa Bäckman de Verdier", "C")],
        ),
        (
            "Datum: 2016-09-02\nNamn: Ann-Christin Hedlund     Parti: Moderaterna\nNamn: Lisa Berg     Parti: C\n",
            [("Ann-Christin Hedlund", "M"), ("Lisa Berg", "C")],
        ),
        ("Vi kommer 2 sept:\n\nA. Lindqvist (m)\nK-G Berg (s)\nNguyen Thi Mai (mp)\n", None),
    ],
    ids=["particle-family-name-first", "dash-party-columns", "name-field-family-first", "padded-fields", "initials"],
)
def test_register_forms_of_a_name(text: str, expected: list[tuple[str, str]] | None) -> None:
    wanted = expected or [("A. Lindqvist", "M"), ("K-G Berg", "S"), ("Nguyen Thi Mai", "MP")]
    assert people(reading(text)) == wanted


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Vi väljer den 22 sept. Från S-gruppen kommer oppositionsrådet Anders Blom, från Moderaterna "
            "Kerstin Sjö-Lind och för Kristdemokraterna Ibrahim Kaya.",
            [("Anders Blom", "S"), ("Kerstin Sjö-Lind", "M"), ("Ibrahim Kaya", "KD")],
        ),
        (
            "Vi kommer den 26 september: Fredrik Åhl, Leila Al-Hassan och Tomas de Geer.\n\n"
            "Fredrik och Tomas företräder Moderaterna respektive Centerpartiet, Leila sitter för Vänsterpartiet.",
            [("Fredrik Åhl", "M"), ("Leila Al-Hassan", "V"), ("Tomas de Geer", "C")],
        ),
        # a party after a name and "från" still belongs to that name when nothing follows
        ("Den 19/9 skickar vi Anna Ek från Moderaterna och Bo Berg från S.", [("Anna Ek", "M"), ("Bo Berg", "S")]),
    ],
    ids=["party-opens-the-next-name", "respectively-by-first-name", "party-closes-its-name"],
)
def test_parties_named_before_or_apart_from_their_people(text: str, expected: list[tuple[str, str]]) -> None:
    assert people(reading(text)) == expected


def test_a_list_corrected_in_the_same_mail() -> None:
    r = reading(
        "Vi kommer den 19 september:\n\nOrdf. KS Olof Reuterskiöld (M)\n2:e vice ordförande Bo Lindh (M)\n"
        "Oppositionsråd Kristina Ek Sandell (S)\n\n... nej förresten, det blir Anna Wästberg (L) istället för Bo, "
        "han är upptagen."
    )
    assert people(r) == [("Olof Reuterskiöld", "M"), ("Anna Wästberg", "L"), ("Kristina Ek Sandell", "S")]
    assert r.swaps == ()


def test_a_swap_of_a_stored_person_stays_a_swap() -> None:
    r = reading("Björn Ljungdahl (L) ersätts av Pernilla Åkesson-Roos (KD). Övriga deltagare är oförändrade.")
    assert [(s.leaving, s.joining.name) for s in r.swaps] == [("Björn Ljungdahl", "Pernilla Åkesson-Roos")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kent Ståhl (FP) – rättelse, han heter Kenneth Ståhl.", [("Kenneth Ståhl", "L")]),
        ("Bo Berg (M) – förlåt, han heter egentligen Bosse Berg.", [("Bosse Berg", "M")]),
        ("Bo Berg (M), vars kollega heter Eva Berg.", [("Bo Berg", "M")]),  # someone else, and not coming
    ],
)
def test_a_name_put_right_after_it_was_written(text: str, expected: list[tuple[str, str]]) -> None:
    assert people(reading(f"Vi kommer den 2 september: Anna Ek (S), {text}")) == [("Anna Ek", "S"), *expected]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Vi kommer måndagen den 26 september: Anna Ek (S).\n\nRättelse: den 22:a, inte 26:e – fel rad.", 22),
        (
            "Vi kommer den 19 september med Anna Ek (S). Oj, jag skrev fel: det ska vara den 26 september, "
            "inte den 19.",
            26,
        ),
    ],
)
def test_a_date_put_right_in_the_same_mail(text: str, day: int) -> None:
    r = reading(text)
    assert r.session_dates == (dt.date(2016, 9, day),)


def test_two_dates_without_a_correction_are_still_two() -> None:
    assert len(reading("Vi kan den 19 september eller den 26 september: Anna Ek (S).").session_dates) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Samtidigt ersätts Yilmaz, Deniz (S) av Sporrong, Ingrid (S).",
        "Sporrong, Ingrid (S) ersätter Yilmaz, Deniz (S).",
    ],
)
def test_a_swap_written_family_name_first_on_both_sides(text: str) -> None:
    r = reading(f"Vi flyttar till den 19 september. {text}")
    assert [(s.leaving, s.joining.name, s.joining.party) for s in r.swaps] == [("Deniz Yilmaz", "Ingrid Sporrong", "S")]


@pytest.mark.parametrize(
    ("text", "swap"),
    [
        ("Tyvärr kan inte Bo Berg (M) komma den 19/9. Istället kommer Karl Holm (M).", ("Bo Berg", "Karl Holm")),
        ("Bo Berg (M) har fått förhinder. Därför kommer Karl Holm (M) i hans ställe.", ("Bo Berg", "Karl Holm")),
    ],
)
def test_a_sentence_opening_adverb_is_no_name_between_the_one_leaving_and_the_one_coming(
    text: str, swap: tuple[str, str]
) -> None:
    assert [(s.leaving, s.joining.name) for s in reading(text).swaps] == [swap]


def test_a_hedge_before_a_list_is_not_part_of_the_first_name() -> None:
    r = reading("Den 22/9: Preliminärt Anna Ek (S), Bo Berg (M) och Eva Lund (C).")
    assert [p.name for p in r.participants][:1] == ["Anna Ek"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hej! Vi tar 26 sept. oskar lindahl m, britt-marie hellström s, jonas sandberg mp. mvh Kajsa",
            [("oskar lindahl", "M"), ("britt-marie hellström", "S"), ("jonas sandberg", "MP")],
        ),
        (
            "vi kommer 19/9: eva lund kd och omar haji s\nskickat från min iphone",
            [("eva lund", "KD"), ("omar haji", "S")],
        ),
        ("den 2 sept kommer lena af ekström c + per nyberg v", [("lena af ekström", "C"), ("per nyberg", "V")]),
        # the list's last name with its party forgotten is still one of the list (and the rules ask for it)
        (
            "lidingö 2/9: carl wennerholm m, elin sjödin l och janne fors\n\nmvh carl",
            [("carl wennerholm", "M"), ("elin sjödin", "L"), ("janne fors", None)],
        ),
    ],
)
def test_people_typed_without_capitals_on_a_phone(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert people(reading(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hej ändring: Mehmet Kaya ersätts av sara lindkvist s", ("sara lindkvist", "S")),
        ("glömde: anna-karin lööw m är ksO o kommer på infomötet 30/8", ("anna-karin lööw", "M")),
        ("skickar igen: björn sandell m ksO nykvarn kommer på infomötet", ("björn sandell", "M")),
        ("hej jan-erik öst ersätts av maria fält s (2/9)", ("maria fält", "S")),
    ],
)
def test_one_person_typed_in_lower_case_where_a_name_is_expected(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(p.name, p.party) for p in find_people(text, LEXICON)]


def test_one_lower_case_name_without_brackets_is_not_guessed() -> None:
    # "word word s" alone reads as prose as easily as a name; the list of two or more is what makes them people
    assert people(reading("vi tar den 22 september med anna berg s")) == []
    assert people(reading("den 22 sept: anna berg (s)")) == [("anna berg", "S")]


def test_a_party_name_cut_short_by_autocorrect_in_brackets_is_that_party() -> None:
    r = reading("Vi kommer 22 sept: Ingrid Nordahl (Moderna), Kjell Rask (S) och Sanna Yilmaz (Vänster)")
    assert people(r) == [("Ingrid Nordahl", "M"), ("Kjell Rask", "S"), ("Sanna Yilmaz", "V")]


def test_a_role_in_brackets_is_no_party_for_sharing_its_first_letters() -> None:
    found = find_people("Vi kommer 22 sept: Kjell Rask (socialchef), Anna Ek (M)", LEXICON)
    assert [(p.name, p.party) for p in found] == [("Kjell Rask", None), ("Anna Ek", "M")]


def test_a_title_right_after_the_party_letter_keeps_the_letter_a_party() -> None:
    r = reading("Huddinge anmäler till 22/9 Malin Dahlberg M ordf ks, Sakarias Lindh S v.ordf och Lars Wik C")
    assert people(r) == [("Malin Dahlberg", "M"), ("Sakarias Lindh", "S"), ("Lars Wik", "C")]


def test_a_line_that_opens_with_its_own_heading_is_no_wrapped_sentence() -> None:
    r = reading(
        "stockholm anmäler 2/9: eva-lena ahlqvist s, omid hosseini mp, henrik von platen m\n"
        "infomötet 30/8: eva-lena ahlqvist s (ksO)\n"
    )
    assert people(r) == [("eva-lena ahlqvist", "S"), ("omid hosseini", "MP"), ("henrik von platen", "M")]
    assert r.info_attendee is not None and r.info_attendee.name == "eva-lena ahlqvist"
