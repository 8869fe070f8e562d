"""Never lose a registration, never answer twice: SIGKILL at twenty points, then let it finish."""

from __future__ import annotations

import datetime as dt
import json
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import OWN_CORPUS, REPO, Mailbot, load_corpus, write_config
from servers import PrivateDovecot, SmtpSink, wait_until
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

pytestmark = pytest.mark.servers


def two_hundred_messages() -> list[tuple[bytes, dt.datetime]]:
    """The own corpus three times over (new Message-IDs, a day apart), cut to 200, in arrival order."""
    entries = load_corpus(OWN_CORPUS)
    messages: list[tuple[bytes, dt.datetime]] = []
    for copy in range(3):
        for truth, raw in entries:
            arrival = dt.datetime.fromisoformat(truth["arrival"]) + dt.timedelta(days=copy * 200)
            raw = re.sub(rb"(?im)^(Message-ID:\s*<)", rb"\1crash" + str(copy).encode() + b".", raw, count=1)
            messages.append((raw, arrival))
    return messages[:200]


def load(mailbox: PrivateDovecot) -> None:
    for raw, arrival in two_hundred_messages():
        mailbox.append(raw, arrival)


def state(mailbot: Mailbot) -> tuple[dict[str, tuple[str, str]], list[dict[str, object]], dict[str, str]]:
    exported = mailbot.export()
    outcomes = {m["message_id"]: (m["outcome"], m["kind"]) for m in exported["messages"]}
    # Replies only: a question's forward to the contact names the same message and must not hide its reply.
    replies = {e["in_reply_to"]: e["status"] for e in exported["outbox"] if e["purpose"] == "reply"}
    return outcomes, exported["registrations"], replies


class DecisionCount:
    """How many messages the database holds decisions for, read over one connection pool."""

    def __init__(self, url: str) -> None:
        self.engine = create_engine(url)

    def __call__(self) -> int:
        try:
            with self.engine.connect() as connection:
                return int(connection.execute(text("SELECT count(*) FROM decisions")).scalar_one())
        except DBAPIError:  # the worker is still creating the schema
            return 0


def test_sigkill_at_twenty_points_loses_nothing_and_answers_nothing_twice(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, mailbot: Mailbot, another_database: str, tmp_path: Path
) -> None:
    another = another_database
    # Small batches: more boundaries between fetching, deciding, sending and marking to cut
    # through, and enough work left for twenty kills however fast a run is.
    mailbot.env["MAILBOT_CONFIG"] = str(write_config(tmp_path, mailbox={"batch_size": 5}))
    # The reference: one uninterrupted run over the same mailbox, in its own database.
    load(mailbox)
    reference = Mailbot({**mailbot.env, "MAILBOT_DATABASE_URL": another}, another)
    assert reference("run", "--once", timeout=300).returncode == 0
    expected_outcomes, expected_registrations, _ = state(reference)
    expected_replies = sum(1 for outcome, _ in expected_outcomes.values() if outcome != "ignored")
    replies = [m for m in smtp_sink.messages if str(m.email["X-Mailbot"]).startswith("reply/")]
    assert len(expected_outcomes) == 200 and len(replies) == expected_replies

    # The same mailbox afresh, and a run killed at twenty different moments.
    mailbox.reset()
    smtp_sink.clear()
    load(mailbox)
    kills, exits = 0, []
    decided = DecisionCount(mailbot.database_url)
    for point in range(20):
        worker = subprocess.Popen(
            [sys.executable, "-m", "mailbot", "run", "--once"],
            env=mailbot.env,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if point % 2 == 0:
            # Right after the SMTP server accepted a reply: inside the window before it is recorded as sent.
            target = len(smtp_sink.messages) + 1 + point % 5
            running = worker

            def reached(goal: int = target, process: subprocess.Popen[bytes] = running) -> bool:
                return len(smtp_sink.messages) >= goal or process.poll() is not None

            wait_until(reached, timeout=30, interval=0.005)
        elif point % 4 == 3:
            time.sleep(0.3 + 0.02 * point)  # starting up, or the first fetch
        else:
            # A few decisions later: anywhere in fetching, deciding, recording, sending, marking.
            goal = decided() + 1 + point % 3
            running = worker

            def progressed(goal: int = goal, process: subprocess.Popen[bytes] = running) -> bool:
                return decided() >= goal or process.poll() is not None

            wait_until(progressed, timeout=30, interval=0.002)
        if worker.poll() is None:
            worker.send_signal(signal.SIGKILL)
            kills += 1
        exits.append(worker.wait())
    decided.engine.dispose()
    final = mailbot("run", "--once", timeout=300)
    assert final.returncode == 0, final.stderr
    assert kills >= 16, f"the kills must land while work is going on (exit codes {exits})"

    outcomes, registrations, outbox = state(mailbot)
    assert outcomes == expected_outcomes  # every message exactly one outcome, the same as without crashes
    assert registrations == expected_registrations
    delivered = Counter(
        str(m.email["In-Reply-To"]).strip()
        for m in smtp_sink.messages
        if str(m.email["X-Mailbot"]).startswith("reply/")
    )
    assert max(delivered.values()) == 1, "a reply was sent twice"
    uncertain = {message_id for message_id, status in outbox.items() if status == "uncertain"}
    for message_id, (outcome, _) in outcomes.items():
        if outcome == "ignored":
            assert message_id not in delivered
            continue
        # Sent once, or cut inside the window between the server's acceptance and our record:
        # then it is listed as uncertain for the coordinator and never resent blindly.
        assert delivered.get(message_id, 0) == 1 or message_id in uncertain, (message_id, outbox.get(message_id))
    assert all(status in {"sent", "uncertain"} for status in outbox.values()), json.dumps(outbox)
    assert all("$MailbotProcessed" in mailbox.flags(uid) for uid in mailbox.uids())
