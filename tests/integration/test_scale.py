"""Outgrowing one machine: several workers on PostgreSQL, migrations that keep data, several invitations."""

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
from conftest import REPO, Mailbot, write_config
from postgres import create_database
from servers import PrivateDovecot, SmtpSink, wait_until

pytestmark = pytest.mark.servers

CEST = dt.timezone(dt.timedelta(hours=2))
DOMAINS = ["nacka.se", "tyreso.se", "salem.se", "solna.se", "taby.se", "ekero.se", "huddinge.se", "botkyrka.se"]


def registration(n: int, folder_tag: str = "w") -> bytes:
    message = EmailMessage()
    domain = DOMAINS[n % len(DOMAINS)]
    message["From"] = f"Registrator <reg{n}@{domain}>"
    message["To"] = "rebecka.frej@sll.se"
    message["Subject"] = f"Anmälan {n}"
    message["Date"] = format_datetime(dt.datetime(2016, 8, 1, 9, 0, tzinfo=CEST))
    message["Message-ID"] = f"<{folder_tag}-{n}@{domain}>"
    session = ["2 september", "19 september", "22 september", "26 september"][n % 4]
    message.set_content(f"Hej!\n\nVi kommer den {session}: Anna Ek (S), Bo Berg (M), Cia Lund (L).\n\n/R{n}")
    return message.as_bytes()


def start(mailbot: Mailbot, log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "mailbot", "run"],
        env=mailbot.env,
        cwd=REPO,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


@pytest.fixture
def on_postgresql(mailbox: PrivateDovecot, smtp_sink: SmtpSink, postgres_server: str) -> Mailbot:
    """Several workers on one database are a PostgreSQL deployment (on SQLite one worker serves)."""
    url = create_database(postgres_server)
    env = {
        **mailbox.env(),
        **smtp_sink.env(),
        "MAILBOT_DATABASE_URL": url,
        "MAILBOT_CONFIG": str(REPO / "config" / "mailbot.toml"),
        "PATH": os.environ.get("PATH", ""),
    }
    return Mailbot(env, url)


def test_two_workers_on_postgresql_decide_and_answer_each_message_once_and_fail_over(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, on_postgresql: Mailbot, tmp_path: Path
) -> None:
    mailbot = on_postgresql
    mailbot.env["MAILBOT_CONFIG"] = str(write_config(tmp_path, schedule={"digest_time": "00:00"}))
    for n in range(250):
        mailbox.append(registration(n), dt.datetime(2016, 8, 1, 9, 0, tzinfo=CEST) + dt.timedelta(minutes=n))
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    workers = [start(mailbot, logs[0]), start(mailbot, logs[1])]
    try:
        assert wait_until(lambda: len(smtp_sink.messages) >= 100, timeout=120)
        # Kill whichever leads; the other takes over intake within a minute.
        leader = next(i for i, log in enumerate(logs) if "watching INBOX" in log.read_text())
        workers[leader].send_signal(signal.SIGKILL)
        workers[leader].wait()
        for n in range(250, 500):
            mailbox.append(registration(n), dt.datetime(2016, 8, 1, 9, 0, tzinfo=CEST) + dt.timedelta(minutes=n))
        killed = time.monotonic()
        other = 1 - leader
        assert wait_until(lambda: "watching INBOX" in logs[other].read_text(), timeout=60), logs[other].read_text()
        assert time.monotonic() - killed < 60
        assert wait_until(
            lambda: len([m for m in smtp_sink.messages if m.email["X-Mailbot"] != "digest"]) >= 499, timeout=180
        )
        time.sleep(2)
        workers[other].send_signal(signal.SIGTERM)
        assert workers[other].wait(timeout=60) == 0
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
    exported = mailbot.export()
    assert len(exported["messages"]) == 500
    assert len({m["message_id"] for m in exported["messages"]}) == 500
    replies = [m for m in smtp_sink.messages if m.email["X-Mailbot"] != "digest"]
    per_message = Counter(str(m.email["In-Reply-To"]).strip() for m in replies)
    assert max(per_message.values()) == 1, "a reply was sent twice"
    uncertain = {e["in_reply_to"] for e in exported["outbox"] if e["status"] == "uncertain"}
    assert set(per_message) | uncertain == {m["message_id"] for m in exported["messages"]}
    assert len([m for m in smtp_sink.messages if m.email["X-Mailbot"] == "digest"]) == 1


def test_a_database_from_the_first_migration_is_upgraded_without_losing_data(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot
) -> None:
    created = subprocess.run(
        [
            sys.executable,
            "-c",
            "from mailbot.store import db; from alembic import command; import sys; "
            "e = db.connect(sys.argv[1]); command.upgrade(db.alembic_config(e), '0001')",
            mailbot.database_url,
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert created.returncode == 0, created.stderr
    event = "(SELECT id FROM events WHERE slug = 'regional-dialog-2016')"
    message = "(SELECT id FROM inbound_messages WHERE message_id = '<old@nacka.se>')"
    for statement in (
        "INSERT INTO events (slug, title, created_at) VALUES ('regional-dialog-2016', 't', '2016-07-11 08:00')",
        "INSERT INTO inbound_messages (event_id, message_id, sender, reply_to, subject, internaldate, size, raw,"
        f" fetched_at) VALUES ({event}, '<old@nacka.se>', 'elin@nacka.se', '', 'Anmälan', '2016-08-01 08:00', 10,"
        " NULL, '2016-08-01 08:00')",
        "INSERT INTO message_locations (event_id, message_pk, folder, uidvalidity, uid, marked)"
        f" VALUES ({event}, {message}, 'INBOX', 1, 1, true)",
        "INSERT INTO decisions (event_id, message_pk, kind, outcome, municipality, session_date, participants,"
        f" violations, reasons, own_words, reply_note, decided_at) VALUES ({event}, {message}, 'registration',"
        " 'confirmed', 'Nacka', '2016-09-19', '[]', '[]', '[]', '', '', '2016-08-01 08:00')",
        "INSERT INTO registrations (event_id, municipality, session_date, status, sequence, contact, updated_at)"
        f" VALUES ({event}, 'Nacka', '2016-09-19', 'active', 0, 'elin@nacka.se', '2016-08-01 08:00')",
        "INSERT INTO participants (registration_id, position, name, party, role) VALUES"
        " ((SELECT id FROM registrations WHERE municipality = 'Nacka'), 0, 'Lars Ohlsson', 'M', '')",
    ):
        mailbot.sql(statement)
    refused = mailbot("run", "--once")
    assert refused.returncode == 4 and "mailbot db upgrade" in refused.stderr
    upgraded = mailbot("db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    exported = mailbot.export()
    assert exported["registrations"] == [
        {"municipality": "Nacka", "session": "2016-09-19", "participants": [{"name": "Lars Ohlsson", "party": "M"}]}
    ]
    assert [m["message_id"] for m in exported["messages"]] == ["<old@nacka.se>"]
    mailbox.append(registration(1, "after-upgrade"), dt.datetime(2016, 8, 2, 9, 0, tzinfo=CEST))
    after = mailbot("run", "--once")
    assert after.returncode == 0, after.stderr[-1500:]
    assert len(mailbot.export()["messages"]) == 2


def test_workers_started_together_on_an_empty_database_all_start(mailbot: Mailbot) -> None:
    """Each creates the schema if it is missing; only one may, and the others must not fail."""
    commands = [
        subprocess.Popen(
            [sys.executable, "-m", "mailbot", "status"],
            env=mailbot.env,
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    results = [(command.wait(timeout=120), command.communicate()[1]) for command in commands]
    assert [code for code, _ in results] == [0, 0, 0, 0], "\n".join(err[-800:] for _, err in results)
    assert mailbot.sql("SELECT count(*) FROM alembic_version") == [(1,)]


def test_one_deployment_serves_two_invitations_with_data_kept_apart(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot, tmp_path: Path
) -> None:
    mailbox.create_folder("Vardag")
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    first = write_config(tmp_path / "first")
    second = write_config(
        tmp_path / "second", event={"slug": "second-dialog", "title": "Andra dialogen"}, mailbox={"folder": "Vardag"}
    )
    mailbox.append(registration(1, "first"), dt.datetime(2016, 8, 2, 9, 0, tzinfo=CEST))
    client = mailbox.client()
    client.append("Vardag", registration(2, "second"))
    client.logout()
    one = Mailbot({**mailbot.env, "MAILBOT_CONFIG": str(first)}, mailbot.database_url)
    two = Mailbot({**mailbot.env, "MAILBOT_CONFIG": str(second)}, mailbot.database_url)
    two.env.pop("MAILBOT_IMAP_FOLDER", None)
    assert one("run", "--once").returncode == 0
    assert two("run", "--once").returncode == 0
    assert [m["message_id"] for m in one.export()["messages"]] == ["<first-1@tyreso.se>"]
    assert [m["message_id"] for m in two.export()["messages"]] == ["<second-2@salem.se>"]
    assert two.export()["event"]["slug"] == "second-dialog"
    assert len(smtp_sink.wait_for(2)) == 2
