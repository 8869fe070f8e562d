"""The digest's text: what a coordinator reads first thing in the morning."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mailbot import settings
from mailbot.core.digest import CHANGES_LISTED, ChangeItem, DigestInput, digest_context
from mailbot.core.model import Participant, Registration
from mailbot.render import Renderer

REPO = Path(__file__).resolve().parents[2]
EVENT = settings.load(REPO / "config" / "mailbot.toml", environ={}).to_event()
AT = dt.datetime(2016, 8, 20, 9, 0, tzinfo=dt.UTC)


def change(n: int) -> ChangeItem:
    after = {"session": "2016-09-19", "participants": [{"name": f"Person {n}", "party": "S"}]}
    return ChangeItem(AT + dt.timedelta(minutes=n), "Nacka", "register", None, after)


def render(data: DigestInput) -> str:
    context = digest_context(data, EVENT, today=dt.date(2016, 8, 21))
    text, _ = Renderer(REPO / "templates").render("digest/daily", context)
    return text


def test_sessions_list_each_delegation_on_one_line() -> None:
    people = (Participant("Anna Ek", "S"), Participant("Bo Berg", None))
    text = render(DigestInput(registrations=[Registration("Nacka", dt.date(2016, 9, 19), people)]))
    assert "Nacka: Anna Ek (S), Bo Berg (?)" in text
    assert "1 kommun, 2 deltagare" in text


def test_a_day_of_changes_is_listed_whole() -> None:
    text = render(DigestInput(changes=[change(n) for n in range(3)], changes_total=3))
    assert "(3) ==" in text and "Person 2" in text and "de senaste" not in text


def test_thousands_of_changes_show_the_latest_and_say_where_the_rest_is() -> None:
    shown = [change(n) for n in range(CHANGES_LISTED)]
    text = render(DigestInput(changes=shown, changes_total=11_623))
    assert "(11623) ==" in text
    assert f"(de senaste {CHANGES_LISTED}; hela historiken visar `mailbot export`)" in text
    assert text.count("anmäld till") == CHANGES_LISTED
