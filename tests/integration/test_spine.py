"""End to end on real servers: a Dovecot mailbox in, replies at an SMTP server out, exactly once."""

from __future__ import annotations

import datetime as dt
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from conftest import Mailbot, corpora, load_corpus
from servers import PrivateDovecot, SmtpSink

pytestmark = pytest.mark.servers

KEYWORD = "$MailbotProcessed"


def _people(people: list[dict[str, Any]] | None) -> list[tuple[str, Any]]:
    return sorted((" ".join(p["name"].split()).casefold(), p["party"]) for p in people or [])


def _parsed(raw: bytes) -> EmailMessage:
    parsed = message_from_bytes(raw, policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


@pytest.mark.parametrize("corpus", corpora(), ids=lambda p: p.name)
def test_a_labelled_mailbox_is_decided_answered_and_marked_once(
    corpus: Path, mailbox: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot
) -> None:
    entries = load_corpus(corpus)
    uids = {mailbox.append(raw, dt.datetime.fromisoformat(t["arrival"])): t for t, raw in entries}

    first = mailbot("run", "--once")
    assert first.returncode == 0, first.stderr

    exported = mailbot.export()
    by_id = {m["message_id"]: m for m in exported["messages"]}
    assert len(exported["messages"]) == len(entries)
    for truth, raw in entries:
        message_id = _parsed(raw)["Message-ID"].strip()
        got = by_id[message_id]
        assert (got["outcome"], got["kind"], got["municipality"]) == (
            truth["outcome"],
            truth["kind"],
            truth["municipality"],
        ), truth["file"]
        assert sorted(got["violations"]) == sorted(truth["violations"]), truth["file"]
        assert got["arrival"] == dt.datetime.fromisoformat(truth["arrival"]).isoformat(), truth["file"]

    final = __import__("json").loads((corpus / "final_state.json").read_text(encoding="utf-8"))
    stored = {r["municipality"]: r for r in exported["registrations"]}
    assert set(stored) == set(final["registrations"])
    for municipality, registration in final["registrations"].items():
        assert stored[municipality]["session"] == registration["session"]
        assert _people(stored[municipality]["participants"]) == _people(registration["participants"])
    info = {a["municipality"]: a for a in exported["info_meeting"]}
    assert {m: _people([a]) for m, a in info.items()} == {m: _people([a]) for m, a in final["info_meeting"].items()}

    # Exactly one reply for each message that needs one, threaded to it, from the coordinator.
    smtp_sink.wait_for(sum(t["reply"] for t, _ in entries), timeout=10)
    replies = [r for r in smtp_sink.messages if str(r.email["X-Mailbot"]).startswith("reply/")]
    in_reply_to = [str(r.email["In-Reply-To"]).strip() for r in replies]
    assert len(replies) == sum(t["reply"] for t, _ in entries)
    assert len(set(in_reply_to)) == len(in_reply_to)
    for truth, raw in entries:
        original = _parsed(raw)
        answers = [r for r in replies if str(r.email["In-Reply-To"]).strip() == original["Message-ID"].strip()]
        assert len(answers) == (1 if truth["reply"] else 0), truth["file"]
        for answer in answers:
            assert answer.email["Auto-Submitted"] == "auto-replied"
            assert answer.email["Subject"].startswith("Sv: ")
            assert answer.mail_from == "rebecka.frej@sll.se"
            sender = (original["Reply-To"] or original["From"]).addresses[0].addr_spec.lower()
            assert answer.rcpt_tos == (sender,)

    # The server knows every message is done.
    for uid in uids:
        assert KEYWORD in mailbox.flags(uid)

    # A second cycle decides nothing and sends nothing.
    second = mailbot("run", "--once")
    assert second.returncode == 0, second.stderr
    assert "decided 0 message(s)" in second.stdout
    assert [r for r in smtp_sink.messages if str(r.email["X-Mailbot"]).startswith("reply/")] == replies
    assert mailbot.export()["registrations"] == exported["registrations"]


REGISTRATION = (
    "From: Elin Forsberg <elin.forsberg@nacka.se>\r\n"
    "To: Rebecka Frej <rebecka.frej@sll.se>\r\n"
    "Subject: Anmälan Nacka\r\n"
    "Message-ID: <{tag}@nacka.se>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Transfer-Encoding: 8bit\r\n\r\n"
    "Hej!\r\n\r\nNacka kommer den 19 september med:\r\n\r\n"
    "Lars Ohlsson (M)\r\nSofia Karlberg (S)\r\nHenrik Wallin (L)\r\n\r\nHälsningar\r\nElin\r\n"
).encode()

ARRIVAL = dt.datetime(2016, 8, 10, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def test_a_second_copy_of_a_message_is_not_decided_or_answered_again(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot
) -> None:
    raw = REGISTRATION.replace(b"{tag}", b"copy-1")
    mailbox.append(raw, ARRIVAL)
    mailbox.append(raw, ARRIVAL + dt.timedelta(minutes=5))
    assert mailbot("run", "--once").returncode == 0
    exported = mailbot.export()
    assert [m["outcome"] for m in exported["messages"]] == ["confirmed"]
    assert len(smtp_sink.wait_for(1)) == 1
    assert all(KEYWORD in mailbox.flags(uid) for uid in mailbox.uids())


def test_a_rebuilt_mailbox_with_new_uids_decides_nothing_twice(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot
) -> None:
    for n in range(3):
        mailbox.append(REGISTRATION.replace(b"{tag}", f"rebuild-{n}".encode()), ARRIVAL + dt.timedelta(hours=n))
    assert mailbot("run", "--once").returncode == 0
    assert len(smtp_sink.wait_for(3)) == 3
    old = mailbox.uidvalidity()
    # Dovecot keeps keywords across the rebuild; clear them so only the database can tell.
    assert mailbox.rebuild_mailbox() != old
    for uid in mailbox.uids():
        client = mailbox.client()
        client.select_folder("INBOX")
        client.remove_flags([uid], [KEYWORD])
        client.logout()
    again = mailbot("run", "--once")
    assert again.returncode == 0, again.stderr
    assert "decided 0 message(s)" in again.stdout
    assert len(smtp_sink.messages) == 3
    assert len(mailbot.export()["messages"]) == 3


def test_replies_wait_in_the_outbox_while_smtp_is_down_and_leave_once_it_is_back(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot
) -> None:
    mailbox.append(REGISTRATION.replace(b"{tag}", b"outage"), ARRIVAL)
    smtp_sink.stop()
    down = mailbot("run", "--once")
    assert down.returncode != 0
    assert "cannot reach the SMTP server" in down.stderr
    assert "Traceback" not in down.stderr
    exported = mailbot.export()
    assert [m["outcome"] for m in exported["messages"]] == ["confirmed"]
    assert [e["status"] for e in exported["outbox"]] == ["pending"]

    smtp_sink.start()
    later = mailbot("run", "--once")
    assert later.returncode == 0, later.stderr
    assert [e["status"] for e in mailbot.export()["outbox"]] == ["sent"]
    assert len(smtp_sink.wait_for(1)) == 1
    assert mailbot("run", "--once").returncode == 0
    assert len(smtp_sink.messages) == 1


@pytest.mark.parametrize(
    ("variable", "value", "sentence"),
    [
        ("MAILBOT_IMAP_PASSWORD", "wrong", "refused the login"),
        ("MAILBOT_IMAP_PORT", "1", "cannot reach the IMAP server"),
        ("MAILBOT_IMAP_FOLDER", "Nowhere", "folder 'Nowhere' does not exist"),
        ("MAILBOT_IMAP_SECURITY", "sometimes", "MAILBOT_IMAP_SECURITY"),
    ],
)
def test_a_server_problem_is_one_clear_sentence(mailbot: Mailbot, variable: str, value: str, sentence: str) -> None:
    mailbot.env[variable] = value
    result = mailbot("run", "--once")
    assert result.returncode != 0
    assert sentence in result.stderr
    assert "Traceback" not in result.stderr


def test_a_server_that_keeps_no_keywords_still_decides_and_answers_once(
    keywordless_server: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot
) -> None:
    keywordless_server.reset()
    mailbot.env.update(keywordless_server.env())
    for n in range(3):
        keywordless_server.append(REGISTRATION.replace(b"{tag}", f"nokw-{n}".encode()), ARRIVAL + dt.timedelta(hours=n))
    first = mailbot("run", "--once")
    assert first.returncode == 0, first.stderr
    assert len(smtp_sink.wait_for(3)) == 3
    assert all(KEYWORD not in keywordless_server.flags(uid) for uid in keywordless_server.uids())
    again = mailbot("run", "--once")
    assert again.returncode == 0, again.stderr
    assert "decided 0 message(s)" in again.stdout
    assert len(smtp_sink.messages) == 3
