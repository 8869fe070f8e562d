"""`mailbot run` as a long-running worker: answers as mail arrives, survives outages, stops cleanly."""

from __future__ import annotations

import datetime as dt
import io
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import openpyxl
import pytest
from conftest import REPO, Mailbot, write_config
from servers import PrivateDovecot, SmtpSink, wait_until

pytestmark = pytest.mark.servers

CEST = dt.timezone(dt.timedelta(hours=2))


def registration(n: int, municipality: str = "nacka") -> bytes:
    message = EmailMessage()
    message["From"] = f"Registrator <registrator@{municipality}.se>"
    message["To"] = "rebecka.frej@sll.se"
    message["Subject"] = f"Anmälan {n}"
    message["Date"] = format_datetime(dt.datetime(2016, 8, 10, 9, 0, tzinfo=CEST))
    message["Message-ID"] = f"<worker-{n}-{time.monotonic_ns()}@{municipality}.se>"
    message.set_content(f"Hej!\n\nVi kommer den 19 september med Anna Ek (S), Bo Berg (M) och Cia Lund (L).\n\n/R{n}")
    return message.as_bytes()


class Worker:
    def __init__(self, mailbot: Mailbot, log: Path) -> None:
        self.log = log
        self.handle = log.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mailbot", "--verbose", "run"],
            env=mailbot.env,
            cwd=REPO,
            stdout=self.handle,
            stderr=subprocess.STDOUT,
        )

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for_log(self, needle: str, timeout: float = 15) -> bool:
        return wait_until(lambda: needle in self.text(), timeout=timeout)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        code = self.process.wait(timeout=timeout)
        self.handle.close()
        return code


@pytest.fixture
def start_worker(mailbot: Mailbot, tmp_path: Path) -> Iterator[object]:
    workers: list[Worker] = []

    def start(**schedule: object) -> Worker:
        schedule.setdefault("send_digest", False)
        mailbot.env["MAILBOT_CONFIG"] = str(write_config(tmp_path, schedule=schedule))
        worker = Worker(mailbot, tmp_path / f"worker-{len(workers)}.log")
        workers.append(worker)
        assert worker.wait_for_log("watching INBOX"), worker.text()
        return worker

    yield start
    for worker in workers:
        if worker.process.poll() is None:
            worker.process.kill()
            worker.process.wait()


def test_a_reply_leaves_within_seconds_of_arrival_and_sigterm_stops_cleanly(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, start_worker: object
) -> None:
    worker = start_worker()  # type: ignore[operator]
    assert "with IDLE" in worker.text()
    for n in range(3):
        appended = time.monotonic()
        mailbox.append(registration(n), dt.datetime(2016, 8, 10, 9, n, tzinfo=CEST))
        assert len(smtp_sink.wait_for(n + 1, timeout=10)) == n + 1, worker.text()[-5000:]
        assert time.monotonic() - appended < 5
    assert worker.stop(signal.SIGTERM) == 0
    assert "stopped cleanly" in worker.text()
    assert "Traceback" not in worker.text()


def test_sigint_also_stops_cleanly(mailbox: PrivateDovecot, start_worker: object) -> None:
    worker = start_worker()  # type: ignore[operator]
    assert worker.stop(signal.SIGINT) == 0


def test_intake_goes_on_after_the_imap_server_restarts(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, start_worker: object
) -> None:
    worker = start_worker()  # type: ignore[operator]
    mailbox.append(registration(1), dt.datetime(2016, 8, 10, 9, 0, tzinfo=CEST))
    # a wait, not a speed target (that test is above): on a loaded CI machine the first poll can be slow, so
    # wait longer than the worker's 60 s safety cycle, which catches even a missed IDLE announcement
    assert len(smtp_sink.wait_for(1, timeout=90)) == 1, worker.text()[-5000:]
    mailbox.stop()
    assert worker.wait_for_log("mailbox unavailable")
    mailbox.start()
    mailbox.append(registration(2, "tyreso"), dt.datetime(2016, 8, 10, 9, 5, tzinfo=CEST))
    assert len(smtp_sink.wait_for(2, timeout=30)) == 2
    assert worker.stop() == 0


def test_idle_is_renewed_and_mail_after_a_renewal_is_still_answered(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, start_worker: object
) -> None:
    worker = start_worker(idle_renew_minutes=0.03)  # type: ignore[operator]
    time.sleep(4)  # two renewals
    appended = time.monotonic()
    mailbox.append(registration(7), dt.datetime(2016, 8, 10, 9, 0, tzinfo=CEST))
    assert len(smtp_sink.wait_for(1, timeout=10)) == 1
    assert time.monotonic() - appended < 5
    assert worker.text().count("watching INBOX") == 1, "renewing IDLE must not mean reconnecting"
    assert worker.stop() == 0


def test_a_second_worker_on_the_same_mailbox_and_database_is_refused(
    mailbox: PrivateDovecot, start_worker: object, mailbot: Mailbot
) -> None:
    worker = start_worker()  # type: ignore[operator]
    for command in (["run", "--no-standby"], ["run", "--once"]):
        other = subprocess.run(
            [sys.executable, "-m", "mailbot", *command],
            env=mailbot.env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert other.returncode != 0
        assert "another mailbot worker" in other.stderr and "Traceback" not in other.stderr
    assert worker.stop() == 0


def test_a_server_without_idle_is_polled(smtp_sink: SmtpSink, start_worker: object, mailbot: Mailbot) -> None:
    capabilities = "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE LITERAL+ UIDPLUS MOVE"
    with PrivateDovecot(extra_config=f"\nimap_capability = {capabilities}\n") as server:
        mailbot.env.update(server.env())
        worker = start_worker(poll_minutes=0.02)  # type: ignore[operator]
        assert "with polling" in worker.text()
        server.append(registration(5), dt.datetime(2016, 8, 10, 9, 0, tzinfo=CEST))
        assert len(smtp_sink.wait_for(1, timeout=10)) == 1
        assert worker.stop() == 0


def test_one_alarm_while_the_mailbox_is_down_and_one_all_clear_when_it_is_back(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, start_worker: object
) -> None:
    worker = start_worker(alarm_after_minutes=0.05)  # type: ignore[operator]
    mailbox.stop()
    assert len(smtp_sink.wait_for(1, timeout=20)) == 1
    time.sleep(4)  # several liveness checks while still down
    alarms = [m for m in smtp_sink.messages if m.email["X-Mailbot"] == "notice/intake_alarm"]
    assert len(alarms) == 1
    assert alarms[0].rcpt_tos == ("rebecka.frej@sll.se",)
    assert alarms[0].email["Auto-Submitted"] == "auto-generated"
    mailbox.start()
    assert wait_until(
        lambda: any(m.email["X-Mailbot"] == "notice/intake_recovered" for m in smtp_sink.messages), timeout=30
    )
    time.sleep(3)
    assert [m.email["X-Mailbot"] for m in smtp_sink.messages] == ["notice/intake_alarm", "notice/intake_recovered"]
    assert worker.stop() == 0


def test_the_daily_digest_is_sent_once_a_day_across_restarts(
    mailbox: PrivateDovecot, smtp_sink: SmtpSink, start_worker: object
) -> None:
    mailbox.append(registration(1), dt.datetime(2016, 8, 10, 9, 0, tzinfo=CEST))
    first = start_worker()  # type: ignore[operator]
    assert len(smtp_sink.wait_for(1, timeout=10)) == 1
    assert first.stop() == 0
    for _ in range(2):
        worker = start_worker(digest_time="00:00", send_digest=True)  # type: ignore[operator]
        assert wait_until(lambda: any(m.email["X-Mailbot"] == "digest" for m in smtp_sink.messages), timeout=20)
        time.sleep(2)
        assert worker.stop() == 0
    digests = [m for m in smtp_sink.messages if m.email["X-Mailbot"] == "digest"]
    assert len(digests) == 1
    digest = digests[0].email
    assert digest["To"] == "rebecka.frej@sll.se"
    assert digest["Auto-Submitted"] == "auto-generated"
    text = digest.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Nacka: Anna Ek (S), Bo Berg (M), Cia Lund (L)" in text
    assert "Har inte svarat (25)" in text
    attachments = {part.get_filename(): part.get_content() for part in digest.iter_attachments()}
    workbook_name = next(name for name in attachments if name.endswith(".xlsx"))
    workbook = openpyxl.load_workbook(io.BytesIO(attachments[workbook_name]))
    assert workbook.sheetnames[:2] == ["Översikt", "2 september"]
    rows = list(workbook["Översikt"].iter_rows(values_only=True))
    assert ("19 september", "Nacka", "Anna Ek", "S", None) in rows
    csv_name = next(name for name in attachments if name.endswith(".csv"))
    assert attachments[csv_name].startswith("\ufeff")  # the BOM that makes Excel read UTF-8
    assert "19 september;Nacka;Anna Ek;S;" in attachments[csv_name]
