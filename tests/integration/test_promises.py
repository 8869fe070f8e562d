"""The invitation's promises: questions reach the one who answers, material reaches each delegation."""

from __future__ import annotations

import datetime as dt
import os
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest
from conftest import Mailbot
from servers import PrivateDovecot, ReceivedMessage, SmtpSink

pytestmark = pytest.mark.servers

CEST = dt.timezone(dt.timedelta(hours=2))


def mail(sender: str, text: str, tag: str, when: dt.datetime, subject: str = "Anmälan") -> bytes:
    message = EmailMessage()
    message["From"] = f"Registrator <{sender}>"
    message["To"] = "rebecka.frej@sll.se"
    message["Subject"] = subject
    message["Date"] = format_datetime(when)
    message["Message-ID"] = f"<{tag}@test>"
    message.set_content(text)
    return message.as_bytes()


def kind(messages: list[ReceivedMessage], name: str) -> list[ReceivedMessage]:
    return [m for m in messages if m.email["X-Mailbot"] == name]


def test_a_question_is_forwarded_once_to_the_person_who_answers(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot, tmp_path: Path
) -> None:
    when = dt.datetime(2016, 8, 10, 9, 0, tzinfo=CEST)
    raw = mail("lotta@salem.se", "Hej! Finns det parkering vid Landstingshuset?", "park", when, "Parkering?")
    mailbox.append(raw, when)
    assert mailbot("run", "--once").returncode == 0
    assert mailbot("run", "--once").returncode == 0
    sent = smtp_sink.wait_for(2)
    forwards = kind(sent, "notice/question_forward")
    assert len(forwards) == 1 and len(sent) == 2
    forward = forwards[0]
    assert forward.rcpt_tos == ("hanna.wiik@sll.se",)
    assert forward.email["Reply-To"] == "lotta@salem.se"
    assert forward.email["Subject"] == "Fråga från Salem: Parkering?"
    assert "Finns det parkering vid Landstingshuset?" in forward.email.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    attached = [p for p in forward.email.iter_attachments() if p.get_content_type() == "message/rfc822"]
    assert len(attached) == 1
    original = attached[0].get_content()
    assert original["Message-ID"] == "<park@test>" and original["Subject"] == "Parkering?"

    acknowledgement = kind(sent, "reply/review")[0]
    text = acknowledgement.email.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Hanna Wiik" in text and "072-216 4499" in text
    digest = tmp_path / "digest.txt"
    printed = mailbot("digest", "--print", "--now", "2016-08-11T07:00")
    digest.write_text(printed.stdout)
    assert "vidarebefordrad till Hanna Wiik" in printed.stdout


def test_material_goes_once_to_each_delegation_and_to_those_who_register_later(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot, tmp_path: Path
) -> None:
    when = dt.datetime(2016, 8, 20, 9, 0, tzinfo=CEST)
    for n, sender in enumerate(("elin@nacka.se", "sanna@tyreso.se")):
        text = f"Vi kommer den 2 september: Anna Ek{n} (S), Bo Berg{n} (M)."
        mailbox.append(mail(sender, text, f"reg{n}", when + dt.timedelta(minutes=n)), when)
    assert mailbot("run", "--once").returncode == 0
    underlag = tmp_path / "underlag.pdf"
    content = b"%PDF-1.4\n" + os.urandom(50_000)
    underlag.write_bytes(content)

    early = mailbot("material", "send", str(underlag), "--now", "2016-08-20T10:00")
    assert early.returncode != 0 and "no session starts within 7 days" in early.stderr
    preview = mailbot("material", "send", str(underlag), "--now", "2016-08-26T08:00", "--dry-run")
    assert preview.returncode == 0 and "2 delegation(s)" in preview.stdout
    assert kind(smtp_sink.messages, "notice/material") == []

    sent = mailbot("material", "send", str(underlag), "--now", "2016-08-26T08:00")
    assert sent.returncode == 0, sent.stderr
    again = mailbot("material", "send", str(underlag), "--now", "2016-08-26T09:00")
    assert again.returncode == 0 and "0 delegation(s)" in again.stdout
    materials = kind(smtp_sink.wait_for(4), "notice/material")
    assert sorted(m.rcpt_tos[0] for m in materials) == ["elin@nacka.se", "sanna@tyreso.se"]
    for delivered in materials:
        assert delivered.email["Auto-Submitted"] == "auto-generated"
        body = delivered.email.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert "fredag 2 september 2016" in body and "Skärgårdssalen" in body and "Hantverkargatan 45" in body
        pdf = next(p for p in delivered.email.iter_attachments() if p.get_filename() == "underlag.pdf")
        assert pdf.get_content() == content

    # A delegation that registers later for that session gets the same material when it is confirmed.
    late = dt.datetime(2016, 8, 26, 15, 0, tzinfo=CEST)  # after the material went out, before the deadline
    mailbox.append(mail("ks@salem.se", "Vi kommer den 2 september: Ulla Ek (C).", "late", late), late)
    assert mailbot("run", "--once").returncode == 0
    materials = kind(smtp_sink.wait_for(6), "notice/material")
    assert sorted(m.rcpt_tos[0] for m in materials) == ["elin@nacka.se", "ks@salem.se", "sanna@tyreso.se"]
    printed = mailbot("digest", "--print", "--now", "2016-08-30T07:00").stdout
    assert "Underlag som har skickats (3)" in printed and "Salem: underlag.pdf" in printed


def test_the_information_meeting_reminder_goes_once_the_day_before(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot
) -> None:
    when = dt.datetime(2016, 8, 15, 9, 0, tzinfo=CEST)
    text = "Hej! Kommunstyrelsens ordförande Carl-Johan Sterner (M) kommer till informationsmötet den 30 augusti."
    mailbox.append(mail("eva@lidingo.se", text, "info", when), when)
    assert mailbot("run", "--once").returncode == 0
    for now in ("2016-08-28T08:00", "2016-08-29T08:00", "2016-08-29T15:00", "2016-08-30T08:00"):
        assert mailbot("daily", "--now", now).returncode == 0
    reminders = kind(smtp_sink.wait_for(3, timeout=3), "notice/info_reminder")
    assert len(reminders) == 1
    reminder = reminders[0]
    assert reminder.rcpt_tos == ("eva@lidingo.se",)
    body = reminder.email.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "lokal Brunnsviken, KSL, Södermalmsallén 36 (plan 5)" in body and "kl. 13.00–14.00" in body
    assert reminder.email["Auto-Submitted"] == "auto-generated"
