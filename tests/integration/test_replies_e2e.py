"""Every kind of reply, as the SMTP server receives it: headers, threading, text, HTML and calendar."""

from __future__ import annotations

import datetime as dt
import itertools
from email.message import EmailMessage
from email.utils import format_datetime

import pytest
from conftest import Mailbot
from icalendar import Calendar
from servers import PrivateDovecot, ReceivedMessage, SmtpSink

pytestmark = pytest.mark.servers

CEST = dt.timezone(dt.timedelta(hours=2))
_numbers = itertools.count(1)


def deliver(
    mailbox: PrivateDovecot,
    text: str,
    *,
    sender: str = "elin.forsberg@nacka.se",
    subject: str = "SV: Re: Anmälan",
    when: dt.datetime,
    reply_to: str | None = None,
) -> str:
    number = next(_numbers)
    message = EmailMessage()
    message["From"] = f"Elin Forsberg <{sender}>"
    message["To"] = "Rebecka Frej <rebecka.frej@sll.se>"
    message["Subject"] = subject
    message["Date"] = format_datetime(when)
    message_id = f"<reply-test-{number}@{sender.split('@')[1]}>"
    message["Message-ID"] = message_id
    message["References"] = "<invitation-2016@sll.se>"
    if reply_to:
        message["Reply-To"] = reply_to
    message.set_content(text)
    mailbox.append(message.as_bytes(), when)
    return message_id


def answer_to(replies: list[ReceivedMessage], message_id: str) -> EmailMessage:
    found = [r.email for r in replies if str(r.email["In-Reply-To"]).strip() == message_id]
    assert len(found) == 1, f"{len(found)} replies to {message_id}"
    return found[0]


def text_of(reply: EmailMessage) -> str:
    body = reply.get_body(("plain",))
    assert body is not None
    return str(body.get_content())  # type: ignore[attr-defined]


def html_of(reply: EmailMessage) -> str:
    body = reply.get_body(("html",))
    assert body is not None
    return str(body.get_content())  # type: ignore[attr-defined]


def calendar_of(reply: EmailMessage) -> Calendar | None:
    for part in reply.walk():
        if part.get_content_type() == "text/calendar":
            return Calendar.from_ical(part.get_content())
    return None


def run(mailbot: Mailbot) -> None:
    result = mailbot("run", "--once")
    assert result.returncode == 0, result.stderr


def test_confirmation_change_and_cancellation_update_one_calendar_entry(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot
) -> None:
    day = dt.datetime(2016, 8, 10, 9, 0, tzinfo=CEST)
    first = deliver(
        mailbox,
        "Hej!\n\nNacka kommer den 2 september:\n\nLars Ohlsson (M)\nSofia Karlberg (S)\n"
        "Henrik Wallin (L)\n\nHälsningar\nElin",
        when=day,
    )
    run(mailbot)
    second = deliver(
        mailbox,
        "Hej igen! Vi byter till den 19 september och Henrik Wallin (L) ersätts av Eva Ek (V)."
        "\n\nDeltagare:\nLars Ohlsson (M)\nSofia Karlberg (S)\nEva Ek (V)\n",
        when=day + dt.timedelta(days=1),
    )
    run(mailbot)
    third = deliver(
        mailbox, "Hej, tyvärr måste vi avboka. Vi avbokar vår anmälan.\n\n/Elin", when=day + dt.timedelta(days=2)
    )
    run(mailbot)
    replies = smtp_sink.wait_for(3)

    confirmation = answer_to(replies, first)
    for header, value in (
        ("From", "Rebecka Frej <rebecka.frej@sll.se>"),
        ("To", "elin.forsberg@nacka.se"),
        ("Subject", "Sv: Anmälan"),
        ("Auto-Submitted", "auto-replied"),
    ):
        assert str(confirmation[header]) == value
    assert str(confirmation["Message-ID"]).strip().endswith("@sll.se>")
    assert str(confirmation["References"]).split() == ["<invitation-2016@sll.se>", first]
    text = text_of(confirmation)
    assert "fredag 2 september 2016" in text and "kl. 14.00–16.00" in text and "Skärgårdssalen" in text
    assert "Hantverkargatan 45" in text and "Henrik Wallin (L)" in text
    assert "fredag 2 september 2016" in html_of(confirmation)
    calendar = calendar_of(confirmation)
    assert calendar is not None and str(calendar["METHOD"]) == "REQUEST"
    entry = calendar.walk("VEVENT")[0]
    start, end = entry["DTSTART"].dt, entry["DTEND"].dt
    assert (start.isoformat(), end.isoformat()) == ("2016-09-02T14:00:00+02:00", "2016-09-02T16:00:00+02:00")
    assert str(start.tzinfo) == "Europe/Stockholm"
    assert "Hantverkargatan 45" in str(entry["LOCATION"])
    assert "rebecka.frej@sll.se" in str(entry["ORGANIZER"])
    uid, sequence = str(entry["UID"]), int(entry["SEQUENCE"])

    change = answer_to(replies, second)
    text = text_of(change)
    assert "tidigare 2 september, nu 19 september" in text
    assert "Tillkommer: Eva Ek (V)" in text and "Utgår: Henrik Wallin (L)" in text
    changed = calendar_of(change)
    assert changed is not None
    entry = changed.walk("VEVENT")[0]
    assert str(entry["UID"]) == uid and int(entry["SEQUENCE"]) > sequence
    assert entry["DTSTART"].dt.isoformat() == "2016-09-19T15:00:00+02:00"

    cancellation = answer_to(replies, third)
    assert "avbokningen" in text_of(cancellation)
    cancelled = calendar_of(cancellation)
    assert cancelled is not None and str(cancelled["METHOD"]) == "CANCEL"
    entry = cancelled.walk("VEVENT")[0]
    assert str(entry["UID"]) == uid and int(entry["SEQUENCE"]) > int(changed.walk("VEVENT")[0]["SEQUENCE"])

    history = mailbot.export()["history"]
    assert [h["action"] for h in history] == ["register", "change", "cancel"]
    assert [h["message_id"] for h in history] == [first, second, third]


def test_information_meeting_rejection_and_review_replies(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot
) -> None:
    day = dt.datetime(2016, 8, 12, 9, 0, tzinfo=CEST)
    info = deliver(
        mailbox,
        "Hej! Kommunstyrelsens ordförande Carl-Johan Sterner (M) kommer till informationsmötet den 30 augusti.",
        sender="eva@lidingo.se",
        when=day,
    )
    rejected = deliver(
        mailbox,
        "Hej! Järfälla kan antingen den 19 eller 22 sept.\nDeltagare blir\n"
        "Anders Holmqvist (S)\nEva Persson-Dahl (M)\nNils Berglöf\n",
        sender="petra@jarfalla.se",
        when=day + dt.timedelta(hours=1),
    )
    question = deliver(
        mailbox,
        "Hej! Får en ersättare ta en av platserna?",
        sender="lotta@salem.se",
        when=day + dt.timedelta(hours=2),
        reply_to="kansliet@salem.se",
    )
    late = deliver(
        mailbox,
        "Hej! Vi kommer den 19/9: Åsa Öhrvall (M), Britt Sjöberg (S), Mikael Rönn (KD).",
        sender="asa@osteraker.se",
        when=dt.datetime(2016, 8, 27, 0, 1, tzinfo=CEST),
    )
    run(mailbot)
    replies = smtp_sink.wait_for(4)

    info_text = text_of(answer_to(replies, info))
    assert "Carl-Johan Sterner (M)" in info_text and "lokal Brunnsviken" in info_text
    assert calendar_of(answer_to(replies, info)) is None

    notice = text_of(answer_to(replies, rejected))
    assert "flera tillfällen" in notice and "Parti saknas för Nils Berglöf" in notice
    for session in (
        "fredag 2 september 2016",
        "måndag 19 september 2016",
        "torsdag 22 september 2016",
        "måndag 26 september 2016",
    ):
        assert session in notice
    assert "Inget i mejlet har registrerats" in notice

    acknowledgement = answer_to(replies, question)
    assert str(acknowledgement["To"]) == "kansliet@salem.se"
    assert "Hanna Wiik" in text_of(acknowledgement) and "072-216 4499" in text_of(acknowledgement)

    too_late = text_of(answer_to(replies, late))
    assert "Sista dag för anmälan var fredag 26 augusti 2016" in too_late
    assert "27 augusti 2016 kl. 00.01" in too_late
    assert "rättad anmälan" not in too_late


def test_one_sender_gets_at_most_ten_replies_a_day(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot
) -> None:
    day = dt.datetime(2016, 8, 15, 8, 0, tzinfo=CEST)
    for n in range(15):
        deliver(
            mailbox,
            f"Hej! Fråga nummer {n}: finns det kaffe?",
            sender="loop@nacka.se",
            when=day + dt.timedelta(minutes=n),
        )
    run(mailbot)
    sent = smtp_sink.wait_for(11, timeout=3)
    assert [m.email["X-Mailbot"] for m in sent].count("reply/review") == 10
    assert len(sent) == 10 + 10  # and the first ten questions went on to Hanna Wiik; the loop is cut for both
    exported = mailbot.export()
    assert len(exported["messages"]) == 15
    assert all(m["outcome"] == "needs_review" for m in exported["messages"])
