"""SPEC's guarantees under outages, hostile mail and strangers, on real servers."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest
from conftest import DATA, REPO, Mailbot, write_config
from servers import PrivateDovecot, SmtpSink, wait_until

from mailbot import message

pytestmark = pytest.mark.servers

CEST = dt.timezone(dt.timedelta(hours=2))
WHEN = dt.datetime(2016, 8, 12, 10, 0, tzinfo=CEST)


def registration(n: int, *, subject: str = "Anmälan", sender: str | None = None) -> bytes:
    message = EmailMessage()
    message["From"] = sender or f"Registrator {n} <registrator{n}@nacka.se>"
    message["To"] = "rebecka.frej@sll.se"
    message["Subject"] = subject
    message["Date"] = format_datetime(WHEN)
    message["Message-ID"] = f"<guarantee-{n}@nacka.se>"
    message.set_content(f"Hej!\n\nVi kommer den 19 september: Anna Ek (S), Bo Berg (M), Cia Lund (L).\n\n/R{n}")
    return message.as_bytes()


def replies_per_message(smtp_sink: SmtpSink) -> Counter[str]:
    return Counter(str(m.email["In-Reply-To"]).strip() for m in smtp_sink.messages)


def test_the_imap_server_going_down_mid_cycle_loses_nothing(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot
) -> None:
    for n in range(120):
        mailbox.append(registration(n), WHEN + dt.timedelta(minutes=n))
    worker = subprocess.Popen(
        [sys.executable, "-m", "mailbot", "run", "--once"],
        env=mailbot.env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert wait_until(lambda: len(smtp_sink.messages) >= 10, timeout=30)
    mailbox.stop()
    _, stderr = worker.communicate(timeout=60)
    assert worker.returncode != 0
    assert "IMAP server" in stderr and "Traceback" not in stderr
    mailbox.start()
    assert mailbot("run", "--once", timeout=120).returncode == 0
    counts = replies_per_message(smtp_sink)
    assert len(counts) == 120 and set(counts.values()) == {1}
    assert len(mailbot.export()["messages"]) == 120


def test_messages_moved_or_deleted_by_the_coordinator_mid_cycle_do_not_stop_the_run(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot
) -> None:
    uids = [mailbox.append(registration(n), WHEN + dt.timedelta(minutes=n)) for n in range(150)]
    mailbox.create_folder("Hanterat")
    worker = subprocess.Popen(
        [sys.executable, "-m", "mailbot", "run", "--once"],
        env=mailbot.env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert wait_until(lambda: len(smtp_sink.messages) >= 1, timeout=30)
    for uid in uids[-20:-10]:
        mailbox.delete_message(uid)
    for uid in uids[-10:]:
        mailbox.move(uid, "Hanterat")
    _, stderr = worker.communicate(timeout=120)
    assert worker.returncode == 0, stderr
    assert mailbot("run", "--once").returncode == 0
    counts = replies_per_message(smtp_sink)
    assert set(counts.values()) == {1}
    assert 130 <= len(counts) <= 150  # the taken ones may or may not have been read before they left


def test_temporary_smtp_refusals_are_retried_and_permanent_ones_listed(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot
) -> None:
    for n in range(3):
        mailbox.append(registration(n), WHEN + dt.timedelta(minutes=n))
    smtp_sink.fail_next(2, code=451)
    first = mailbot("run", "--once")
    assert first.returncode == 0
    outbox = mailbot.export()["outbox"]
    # Two were refused with 451 and tried again (a run by hand retries at its end): all sent, once.
    assert [e["status"] for e in outbox] == ["sent"] * 3
    assert sorted(e["attempts"] for e in outbox) == [1, 2, 2]
    assert set(replies_per_message(smtp_sink).values()) == {1}

    mailbox.append(registration(9, sender="Nobody <nobody@nacka.se>"), WHEN + dt.timedelta(hours=1))
    smtp_sink.fail_next(1, code=550, text="5.1.1 User unknown")
    assert mailbot("run", "--once").returncode == 0
    refused = [e for e in mailbot.export()["outbox"] if e["status"] == "failed"]
    assert len(refused) == 1 and "550" in refused[0]["error"]
    assert mailbot("run", "--once").returncode == 0
    assert [e for e in mailbot.export()["outbox"] if e["status"] == "failed"] == refused  # never retried
    status = mailbot("status").stdout
    assert "failed" in status and "nobody@nacka.se" in status


def test_a_huge_message_goes_to_review_without_being_read_whole(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot
) -> None:
    message = EmailMessage()
    message["From"] = "Elin <elin@nacka.se>"
    message["Subject"] = "Anmälan med bilaga"
    message["Message-ID"] = "<huge@nacka.se>"
    message.set_content("Se bifogad fil.")
    message.add_attachment(
        os.urandom(30 * 1024 * 1024), maintype="application", subtype="octet-stream", filename="stor.bin"
    )
    mailbox.append(message.as_bytes(), WHEN)
    result = mailbot("run", "--once")
    assert result.returncode == 0, result.stderr
    decided = mailbot.export()["messages"]
    assert [(m["outcome"], m["message_id"]) for m in decided] == [("needs_review", "<huge@nacka.se>")]
    assert "större än" in decided[0]["reasons"][0]
    assert len(smtp_sink.wait_for(1)) == 1
    assert mailbot.sql("SELECT sum(length(raw)) FROM inbound_messages")[0][0] < 1024 * 1024  # the header only


def test_broken_mail_gets_outcomes_and_no_confirmation(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot
) -> None:
    samples = sorted((DATA / "cpython_email").glob("msg_*.txt"))
    for n, path in enumerate(samples):
        mailbox.append(path.read_bytes(), WHEN + dt.timedelta(minutes=n))
    result = mailbot("run", "--once")
    assert result.returncode == 0, result.stderr
    messages = mailbot.export()["messages"]
    distinct = {message.parse(path.read_bytes()).message_id for path in samples}  # some share a Message-ID
    assert len(messages) == len(distinct)
    assert all(m["outcome"] != "confirmed" for m in messages)


def test_cr_lf_in_a_subject_cannot_add_a_header_or_recipient(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot
) -> None:
    raw = registration(1).replace(
        b"Subject: Anm", b"Subject: =?utf-8?q?Hej=0D=0ABcc=3A_evil=40example=2Ecom=0D=0AX-Evil=3A_1?= Anm"
    )
    mailbox.append(raw, WHEN)
    assert mailbot("run", "--once").returncode == 0
    reply = smtp_sink.wait_for(1)[0]
    assert reply.rcpt_tos == ("registrator1@nacka.se",)
    assert reply.email["Bcc"] is None and reply.email["X-Evil"] is None
    assert "\n" not in str(reply.email["Subject"])


def test_html_in_a_subject_is_inert_in_the_digest(mailbox: PrivateDovecot, mailbot: Mailbot, tmp_path: Path) -> None:
    raw = registration(2, subject="<script>alert(1)</script> Fråga?").replace(
        b"Vi kommer den 19 september: Anna Ek (S), Bo Berg (M), Cia Lund (L).", b"Finns det parkering?"
    )
    mailbox.append(raw, WHEN)
    assert mailbot("run", "--once").returncode == 0
    html = tmp_path / "digest.html"
    assert mailbot("digest", "--html", str(html)).returncode == 0
    page = html.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_passwords_and_message_bodies_never_reach_the_log(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot
) -> None:
    mailbox.append(registration(3), WHEN)
    result = mailbot("--verbose", "run", "--once")
    assert result.returncode == 0
    log = result.stdout + result.stderr
    assert mailbox.password not in log
    assert "Anna Ek" not in log and "Vi kommer den 19 september" not in log
    wrong = dict(mailbot.env, MAILBOT_IMAP_PASSWORD="hemligt-lösen-123")
    failed = Mailbot(wrong, mailbot.database_url)("--verbose", "run", "--once")
    assert failed.returncode != 0 and "hemligt-lösen-123" not in failed.stdout + failed.stderr


def test_turning_certificate_checks_off_needs_a_setting_and_warns(
    mailbot: Mailbot, tmp_path: Path, tls_server: PrivateDovecot
) -> None:
    mailbot.env.update(tls_server.env())
    mailbot.env["MAILBOT_IMAP_SECURITY"] = "starttls"
    mailbot.env["MAILBOT_CONFIG"] = str(write_config(tmp_path, mailbox={"verify_certificates": False}))
    result = mailbot("check-config", "--connect")
    assert "IMAP ok" in result.stdout
    assert "NOT verified" in result.stderr


def test_purge_erases_personal_data_and_keeps_the_counts(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot
) -> None:
    for n in range(3):
        mailbox.append(registration(n, sender=f"Reg <r{n}@{['nacka', 'tyreso', 'salem'][n]}.se>"), WHEN)
    assert mailbot("run", "--once").returncode == 0
    before = mailbot.export()
    refused = mailbot("purge", "--before", "2016-09-01", "--yes")
    assert refused.returncode != 0 and "not finished" in refused.stderr
    assert mailbot("purge", "--before", "2017-01-01", "--yes").returncode == 0
    after = mailbot.export()
    text = str(after)
    assert "Anna Ek" not in text and "Bo Berg" not in text
    assert all(m["from"] == "" for m in after["messages"]) and all(e["to"] == "" for e in after["outbox"])
    assert [(r["municipality"], r["session"], len(r["participants"])) for r in after["registrations"]] == [
        (r["municipality"], r["session"], len(r["participants"])) for r in before["registrations"]
    ]
    assert [m["outcome"] for m in after["messages"]] == [m["outcome"] for m in before["messages"]]
    assert mailbot.sql("SELECT count(*) FROM inbound_messages WHERE raw IS NOT NULL") == [(0,)]


def test_sigterm_during_a_backlog_stops_after_the_current_message(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot, tmp_path: Path
) -> None:
    for n in range(80):
        mailbox.append(registration(n), WHEN + dt.timedelta(minutes=n))
    mailbot.env["MAILBOT_CONFIG"] = str(write_config(tmp_path, schedule={"send_digest": False}))
    worker = subprocess.Popen(
        [sys.executable, "-m", "mailbot", "run"],
        env=mailbot.env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert wait_until(lambda: len(smtp_sink.messages) >= 5, timeout=30)
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=30) == 0
    time.sleep(0.5)
    partial = len(mailbot.export()["messages"])
    assert mailbot("run", "--once").returncode == 0
    assert set(replies_per_message(smtp_sink).values()) == {1}
    assert len(mailbot.export()["messages"]) == 80 and partial <= 80
