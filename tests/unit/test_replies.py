"""Replies: which template, which subject, and text a municipality can act on."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from pathlib import Path

import pytest
from icalendar import Calendar

from mailbot import ics, settings
from mailbot.compose import Envelope, compose
from mailbot.core.mail import Mail
from mailbot.core.model import (
    Decision,
    Kind,
    Outcome,
    Participant,
    Registration,
    Severity,
    Violation,
)
from mailbot.core.replies import plan_reply, reply_subject
from mailbot.render import Renderer

ROOT = Path(__file__).resolve().parents[2]
EVENT = settings.load(ROOT / "config" / "mailbot.toml", environ={}).to_event()
RENDERER = Renderer(ROOT / "templates")
MAIL = Mail(
    message_id="<orig@nacka.se>",
    from_address="elin@nacka.se",
    subject="SV: Re: Anmälan Nacka",
    references=("<invitation@sll.se>",),
)
THREE = (
    Participant("Lars Ohlsson", "M"),
    Participant("Sofia Karlberg", "S"),
    Participant("Henrik Wallin", "L"),
)


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("Anmälan Nacka", "Sv: Anmälan Nacka"),
        ("SV: Anmälan Nacka", "Sv: Anmälan Nacka"),
        ("Re: SV: VB: Anmälan Nacka", "Sv: Anmälan Nacka"),
        ("Sv: Re: Fwd: Anmälan", "Sv: Anmälan"),
        ("AW: Antw: Anmälan", "Sv: Anmälan"),
        ("", "Sv: Din anmälan"),
    ],
)
def test_the_subject_gets_one_sv_prefix(original: str, expected: str) -> None:
    assert reply_subject(original) == expected


def render(decision: Decision) -> tuple[str, str]:
    plan = plan_reply(decision, MAIL, EVENT)
    assert plan is not None
    return RENDERER.render(plan.template, plan.context)


def test_a_confirmation_states_the_session_and_the_delegation() -> None:
    text, html = render(
        Decision(
            Kind.REGISTRATION,
            Outcome.CONFIRMED,
            "Nacka",
            session=dt.date(2016, 9, 2),
            participants=THREE,
        )
    )
    for expected in (
        "fredag 2 september 2016",
        "kl. 14.00–16.00",
        "Skärgårdssalen",
        "Hantverkargatan 45",
        "Lars Ohlsson (M)",
        "Henrik Wallin (L)",
    ):
        assert expected in text
        assert expected in html


def test_a_confirmation_carries_its_warning() -> None:
    people = (
        Participant("Agneta Holm", "S"),
        Participant("Bo Sandin", "S"),
        Participant("Tiina Laakso", "M"),
    )
    text, _ = render(
        Decision(
            Kind.REGISTRATION,
            Outcome.CONFIRMED,
            "Nynäshamn",
            session=dt.date(2016, 9, 26),
            participants=people,
            violations=(Violation("duplicate_party", Severity.WARNING, {"parties": "S"}),),
        )
    )
    assert "samma parti (S)" in text
    assert "bred representation" in text


def test_a_change_says_what_changed() -> None:
    before = Registration("Nacka", dt.date(2016, 9, 2), THREE)
    after = (THREE[0], THREE[1], Participant("Eva Ek", "V"))
    text, html = render(
        Decision(
            Kind.CHANGE,
            Outcome.CONFIRMED,
            "Nacka",
            session=dt.date(2016, 9, 19),
            participants=after,
            previous=before,
        )
    )
    assert "tidigare 2 september, nu 19 september" in text
    assert "Tillkommer: Eva Ek (V)" in text
    assert "Utgår: Henrik Wallin (L)" in text
    assert "nu <b>19 september</b>" in html


@pytest.mark.parametrize(
    ("violation", "expected"),
    [
        (
            Violation(
                "deadline_passed",
                Severity.ERROR,
                {"arrived": "2016-08-27T00:09+02:00", "deadline": "2016-08-26"},
            ),
            "var fredag 26 augusti 2016, och ert mejl kom in 27 augusti 2016 kl. 00.09",
        ),
        (Violation("no_session_date", Severity.ERROR), "måndag 19 september 2016 kl. 15.00–17.00"),
        (
            Violation("invalid_session_date", Severity.ERROR, {"date": "2016-09-20"}),
            "20 september, är inte ett av",
        ),
        (
            Violation("multiple_session_dates", Severity.ERROR, {"dates": "2016-09-19, 2016-09-22"}),
            "ett av datumen",
        ),
        (
            Violation("too_many_participants", Severity.ERROR, {"count": "4", "maximum": "3"}),
            "högst 3",
        ),
        (Violation("no_participants", Severity.ERROR), "saknar deltagare"),
        (
            Violation("missing_party", Severity.ERROR, {"names": "Nils Berglöf"}),
            "Parti saknas för Nils Berglöf",
        ),
        (Violation("not_chair", Severity.ERROR, {"name": "Per Lööf"}), "Per Lööf inte det"),
    ],
)
def test_a_notice_names_each_problem_and_what_to_send_instead(violation: Violation, expected: str) -> None:
    text, html = render(Decision(Kind.REGISTRATION, Outcome.REJECTED, "Nacka", violations=(violation,)))
    assert expected in text
    assert "Inget i mejlet har registrerats" in text
    assert "Inget i mejlet har registrerats" in html


def test_the_review_acknowledgement_promises_an_answer() -> None:
    text, _ = render(Decision(Kind.QUESTION, Outcome.NEEDS_REVIEW, "Salem"))
    assert "Rebecka Frej återkommer" in text
    assert "Hanna Wiik" in text and "072-216 4499" in text


def test_a_thank_you_is_told_it_changes_nothing() -> None:
    text, html = render(Decision(Kind.UNRELATED, Outcome.NEEDS_REVIEW, "Nacka"))
    assert "Det ändrar inget i det som är registrerat för er" in text and "Det ändrar inget" in html
    assert "Inget i mejlet har registrerats" not in text  # no alarm for a registration already confirmed


def test_ignored_mail_gets_no_reply() -> None:
    assert plan_reply(Decision(Kind.AUTO_REPLY, Outcome.IGNORED, "Nacka"), MAIL, EVENT) is None


def test_html_is_escaped() -> None:
    people = (Participant("<script>alert(1)</script>", "S"),)
    _, html = render(
        Decision(
            Kind.REGISTRATION,
            Outcome.CONFIRMED,
            "Nacka",
            session=dt.date(2016, 9, 2),
            participants=people,
        )
    )
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_a_composed_reply_is_threaded_marked_and_carries_the_calendar() -> None:
    decision = Decision(
        Kind.REGISTRATION,
        Outcome.CONFIRMED,
        "Nacka",
        session=dt.date(2016, 9, 22),
        participants=THREE,
    )
    plan = plan_reply(decision, MAIL, EVENT)
    assert plan is not None and plan.calendar is not None
    text, html = RENDERER.render(plan.template, plan.context)
    now = dt.datetime(2016, 8, 10, 10, 0, tzinfo=dt.UTC)
    calendar = ics.calendar_bytes(
        plan.calendar,
        timezone=EVENT.timezone,
        organiser_name="Rebecka Frej",
        organiser_address="rebecka.frej@sll.se",
        attendee="elin@nacka.se",
        stamp=now,
    )
    message = compose(
        plan,
        text,
        html,
        envelope=Envelope("Rebecka Frej", "rebecka.frej@sll.se", "sll.se"),
        now=now,
        calendar=calendar,
    )
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    assert parsed["Subject"] == "Sv: Anmälan Nacka"
    assert parsed["In-Reply-To"].strip() == "<orig@nacka.se>"
    assert parsed["References"].split() == ["<invitation@sll.se>", "<orig@nacka.se>"]
    assert parsed["Auto-Submitted"] == "auto-replied"
    assert parsed["Message-ID"].strip().endswith("@sll.se>")
    assert parsed["To"] == "elin@nacka.se"
    ics_part = next(p for p in parsed.walk() if p.get_content_type() == "text/calendar")
    entry = Calendar.from_ical(ics_part.get_content()).walk("VEVENT")[0]
    start = entry["DTSTART"].dt
    assert (start.hour, start.minute, str(start.tzinfo)) == (9, 30, "Europe/Stockholm")
    assert "Mälarsalen" in str(entry["LOCATION"])
    assert str(entry["UID"]) == "regional-dialog-2016-nacka@mailbot"


def test_every_template_renders_text_and_html() -> None:
    names = RENDERER.names()
    for expected in (
        "reply/confirmation",
        "reply/change",
        "reply/cancellation",
        "reply/info_meeting",
        "reply/rejection",
        "reply/review",
    ):
        assert expected in names
