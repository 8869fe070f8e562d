"""The coordinator's tools: review, act by hand, dry runs, connection checks, and errors that say what to do."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest
from conftest import REPO, Mailbot, write_config
from servers import PrivateDovecot, SmtpSink

pytestmark = pytest.mark.servers

CEST = dt.timezone(dt.timedelta(hours=2))
WHEN = dt.datetime(2016, 8, 12, 10, 0, tzinfo=CEST)


def mail(sender: str, subject: str, text: str, tag: str) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "rebecka.frej@sll.se"
    message["Subject"] = subject
    message["Date"] = format_datetime(WHEN)
    message["Message-ID"] = f"<{tag}@test>"
    message.set_content(text)
    return message.as_bytes()


QUESTION = mail("lotta@salem.se", "Fråga", "Hej! Får en ersättare komma i stället för en ordinarie ledamot?", "q1")
PRIVATE = mail(
    "jonas.frisk62@gmail.com",
    "Anmälan Nykvarn",
    "Hej! Nykvarn kommer den 2 sept: Jonas Frisk (C), Gun-Britt Wessman (M), Roger Åhman (S).",
    "p1",
)
NACKA = mail(
    "elin@nacka.se",
    "Anmälan Nacka",
    "Hej! Nacka kommer den 19 september med Lars Ohlsson (M), Sofia Karlberg (S) och Henrik Wallin (L).",
    "n1",
)


def test_review_lists_what_waits_with_the_senders_own_words(mailbox: PrivateDovecot, mailbot: Mailbot) -> None:
    mailbox.append(QUESTION, WHEN)
    mailbox.append(PRIVATE, WHEN + dt.timedelta(minutes=1))
    assert mailbot("run", "--once").returncode == 0
    listed = mailbot("review", check=True).stdout
    assert "lotta@salem.se" in listed and "Får en ersättare komma" in listed
    assert "jonas.frisk62@gmail.com" in listed and "unknown_sender" in listed
    assert "<q1@test>" in listed


def test_a_reviewed_registration_is_settled_by_hand_with_a_threaded_reply(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot
) -> None:
    mailbox.append(PRIVATE, WHEN)
    assert mailbot("run", "--once").returncode == 0
    assert len(smtp_sink.wait_for(1)) == 1  # the acknowledgement
    done = mailbot(
        "register",
        "Nykvarn",
        "--session",
        "2016-09-02",
        "--participant",
        "Jonas Frisk (C)",
        "--participant",
        "Gun-Britt Wessman (Moderaterna)",
        "--participant",
        "Roger Åhman, S",
        "--message",
        "<p1@test>",
    )
    assert done.returncode == 0, done.stderr
    replies = smtp_sink.wait_for(2)
    confirmation = replies[1].email
    assert str(confirmation["In-Reply-To"]).strip() == "<p1@test>"
    assert replies[1].rcpt_tos == ("jonas.frisk62@gmail.com",)
    assert "fredag 2 september 2016" in confirmation.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    exported = mailbot.export()
    assert exported["registrations"][0]["municipality"] == "Nykvarn"
    assert exported["history"][-1]["actor"] == "coordinator"
    assert exported["history"][-1]["message_id"] == "<p1@test>"
    assert "Nothing waits for review." in mailbot("review", check=True).stdout


def test_cancel_and_close_by_hand(mailbox: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot) -> None:
    mailbox.append(NACKA, WHEN)
    mailbox.append(QUESTION, WHEN + dt.timedelta(minutes=1))
    assert mailbot("run", "--once").returncode == 0
    assert mailbot("cancel", "Nacka", "--no-reply").returncode == 0
    assert mailbot.export()["registrations"] == []
    kinds = sorted(str(m.email["X-Mailbot"]) for m in smtp_sink.wait_for(4, timeout=2))
    assert kinds == ["notice/question_forward", "reply/confirmation", "reply/review"]  # none for the silent cancel
    assert mailbot("close", "<q1@test>", "--note", "besvarad per telefon").returncode == 0
    assert "Nothing waits for review." in mailbot("review", check=True).stdout
    wrong = mailbot("register", "Atlantis", "--session", "2016-09-19", "--participant", "A B (S)")
    assert wrong.returncode != 0 and "'Atlantis' is not an invited municipality" in wrong.stderr
    bad_date = mailbot("register", "Nacka", "--session", "2016-09-20", "--participant", "A B (S)")
    assert bad_date.returncode != 0 and "2016-09-20 is not a session" in bad_date.stderr


def test_a_dry_run_shows_replies_and_changes_nothing(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot
) -> None:
    mailbox.append(NACKA, WHEN)
    shown = mailbot("run", "--once", "--dry-run")
    assert shown.returncode == 0, shown.stderr
    assert "Nacka: registration → confirmed" in shown.stdout
    assert "> Tack för anmälan! Nacka är anmäld" in shown.stdout
    assert smtp_sink.messages == []
    assert mailbot.export()["messages"] == []
    assert all("$MailbotProcessed" not in mailbox.flags(uid) for uid in mailbox.uids())
    assert mailbot("run", "--once").returncode == 0
    assert len(smtp_sink.wait_for(1)) == 1


def test_a_trial_run_sends_every_mail_to_one_address(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot, tmp_path: Path
) -> None:
    mailbot.env["MAILBOT_CONFIG"] = str(write_config(tmp_path, replies={"redirect_all_to": "trial@sll.se"}))
    mailbox.append(NACKA, WHEN)
    assert mailbot("run", "--once").returncode == 0
    assert [r.rcpt_tos for r in smtp_sink.wait_for(1)] == [("trial@sll.se",)]


def test_check_config_connect_reports_each_server(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot
) -> None:
    good = mailbot("check-config", "--connect")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "IMAP ok: logged in, folder INBOX" in good.stdout and "SMTP ok" in good.stdout
    smtp_sink.stop()
    bad = mailbot("check-config", "--connect")
    assert bad.returncode != 0
    assert "IMAP ok" in bad.stdout and "SMTP FAILED: cannot reach the SMTP server" in bad.stdout


def test_an_untrusted_certificate_is_one_sentence(tls_server: PrivateDovecot, mailbot: Mailbot) -> None:
    mailbot.env.update(tls_server.env())
    mailbot.env["MAILBOT_IMAP_SECURITY"] = "starttls"
    result = mailbot("run", "--once")
    assert result.returncode != 0
    assert "presented a certificate that cannot be trusted" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_wrong_config_value_is_one_sentence_naming_file_and_key(mailbot: Mailbot, tmp_path: Path) -> None:
    config = write_config(tmp_path, mailbox={"batch_size": 0})
    mailbot.env["MAILBOT_CONFIG"] = str(config)
    result = mailbot("run", "--once")
    assert result.returncode == 2
    assert f"{config}: mailbox.batch_size: Input should be greater than or equal to 1" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_database_from_an_older_version_asks_for_db_upgrade(mailbox: PrivateDovecot, mailbot: Mailbot) -> None:
    old = subprocess.run(
        [
            sys.executable,
            "-c",
            "from mailbot.store import db; from alembic import command; import sys; "
            "e = db.connect(sys.argv[1]); command.upgrade(db.alembic_config(e), '0001')",
            mailbot.env["MAILBOT_DATABASE_URL"],
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert old.returncode == 0, old.stderr
    mailbot.sql("INSERT INTO events (slug, title, created_at) VALUES ('regional-dialog-2016', 'x', '2016-07-11 00:00')")
    refused = mailbot("run", "--once")
    assert refused.returncode == 4
    assert "run `mailbot db upgrade`" in refused.stderr and "Traceback" not in refused.stderr
    upgraded = mailbot("db", "upgrade")
    assert upgraded.returncode == 0 and "0001 -> " in upgraded.stdout
    assert mailbot("run", "--once").returncode == 0
