"""Edge: `mailbot run`, an APScheduler worker: intake (IDLE or polling), outbox delivery, and later jobs.

Intake is one long-running job: it takes new mail, then waits in IDLE
(renewed every few minutes, since servers drop idle connections after
20–30) or sleeps until the next poll. Any network fault closes the
connection and the job reconnects with backoff. SIGTERM/SIGINT set a stop
flag that every wait and every message checks, so the worker ends after
the current message.
"""

from __future__ import annotations

import datetime as dt
import logging
import signal
import threading
import time
from types import FrameType

from apscheduler.schedulers.background import BackgroundScheduler
from imapclient.exceptions import IMAPClientError

from mailbot import pipeline
from mailbot.app import App
from mailbot.imap import Mailbox, MailboxError
from mailbot.store import lease

log = logging.getLogger("mailbot.worker")


class Worker:
    def __init__(self, app: App) -> None:
        self.app = app
        self.stop = threading.Event()
        self.wake_delivery = threading.Event()
        self.holder = lease.this_process()

    # --- intake --------------------------------------------------------------------

    def intake_loop(self) -> None:
        failures = 0
        while not self.stop.is_set():
            try:
                with self.app.mailbox() as mailbox:
                    failures = 0
                    self._serve(mailbox)
            except (MailboxError, IMAPClientError, OSError) as error:
                failures += 1
                delay = min(5 * 2 ** min(failures - 1, 6), 300)
                log.warning("mailbox unavailable (%s); trying again in %d s", error, delay)
                self.stop.wait(delay)

    def _serve(self, mailbox: Mailbox) -> None:
        schedule = self.app.settings.schedule
        idle = mailbox.has_idle()
        log.info("watching %s with %s", self.app.settings.mailbox.folder, "IDLE" if idle else "polling")
        while not self.stop.is_set():
            report = pipeline.CycleReport()
            pipeline.intake(self.app, mailbox, report, should_stop=self.stop.is_set)
            self._renew_lease()
            if idle:
                self._idle(mailbox, renew_after=schedule.idle_renew_minutes * 60)
            else:
                self.stop.wait(schedule.poll_minutes * 60)
                mailbox.noop()

    def _idle(self, mailbox: Mailbox, *, renew_after: float) -> None:
        """Wait in IDLE until new mail, the renewal time, or a stop; check the stop flag every second."""
        client = mailbox._client()
        client.idle()
        started = time.monotonic()
        try:
            while not self.stop.is_set() and time.monotonic() - started < renew_after:
                responses = client.idle_check(timeout=1)
                if any(isinstance(r, tuple) and len(r) > 1 and r[1] in (b"EXISTS", b"RECENT") for r in responses):
                    return
        finally:
            client.idle_done()

    # --- delivery and housekeeping ------------------------------------------------------

    def deliver(self) -> None:
        try:
            pipeline.deliver_outbox(self.app)
        except Exception:  # delivery must keep running; the outbox keeps every reply
            log.exception("outbox delivery failed; will try again")

    def _renew_lease(self) -> None:
        lease.acquire(self.app.factory, self.app.lease_name, ttl=dt.timedelta(minutes=30), holder=self.holder)

    # --- lifecycle -----------------------------------------------------------------------

    def request_stop(self, signum: int, _frame: FrameType | None) -> None:
        log.info("received %s; stopping after the current message", signal.Signals(signum).name)
        self.stop.set()


def serve(app: App) -> int:
    """Run until SIGTERM or SIGINT; exit code 0 on a clean stop."""
    worker = Worker(app)
    lease.acquire(app.factory, app.lease_name, ttl=dt.timedelta(minutes=30), holder=worker.holder)
    pipeline.recover(app)
    previous = {sig: signal.signal(sig, worker.request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    scheduler = BackgroundScheduler(timezone=app.event.timezone)
    scheduler.add_job(worker.intake_loop, id="intake", max_instances=1)
    scheduler.add_job(worker.deliver, "interval", seconds=30, id="outbox", max_instances=1, coalesce=True)
    scheduler.start()
    try:
        while not worker.stop.is_set():
            worker.stop.wait(1)
    finally:
        scheduler.shutdown(wait=True)
        worker.deliver()
        lease.release(app.factory, app.lease_name, worker.holder)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    log.info("stopped cleanly")
    return 0
