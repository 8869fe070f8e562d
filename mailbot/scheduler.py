"""Edge: `mailbot run`, an APScheduler worker: intake (IDLE or polling), outbox, digest, liveness.

One worker at a time leads a mailbox: it holds a lease row in the
database, renewed by a heartbeat. Others stand by (on PostgreSQL) and take
over within a minute when the leader's lease runs out; on SQLite a second
worker exits. Intake is one long-running job: it takes new mail, then waits
in IDLE (left at least once a minute and renewed well before servers drop
idle connections) or sleeps until the next poll; any network fault closes
the connection and it reconnects with backoff. SIGTERM/SIGINT stop the
worker after the current message.
"""

from __future__ import annotations

import datetime as dt
import imaplib
import logging
import signal
import threading
import time
from types import FrameType

from apscheduler.schedulers.background import BackgroundScheduler
from imapclient.exceptions import IMAPClientError

from mailbot import digest, material, notices, outbox, pipeline, retention
from mailbot.app import App
from mailbot.imap import Mailbox, MailboxError
from mailbot.report import CycleReport
from mailbot.store import lease

log = logging.getLogger("mailbot.worker")

SAFETY_CYCLE_SECONDS = 60.0
BUSY_CYCLE_SECONDS = 2.0
LEASE_TTL = dt.timedelta(seconds=45)
HEARTBEAT_SECONDS = 10
STANDBY_POLL_SECONDS = 5.0


def _announces_mail(responses: list[object]) -> bool:
    return any(isinstance(r, tuple) and len(r) > 1 and r[1] in (b"EXISTS", b"RECENT") for r in responses)


class Worker:
    def __init__(self, app: App) -> None:
        self.app = app
        self.stop = threading.Event()  # asked to end (signal)
        self.demoted = threading.Event()  # another worker took the lease
        self.holder = lease.this_process()
        self.last_ok = app.clock()
        self.last_error = ""

    def halted(self) -> bool:
        return self.stop.is_set() or self.demoted.is_set()

    # --- leadership ------------------------------------------------------------------

    def acquire(self, *, standby: bool) -> bool:
        """Become the leader; standing by, wait until possible. False if stopped while waiting."""
        announced = False
        while not self.stop.is_set():
            try:
                lease.acquire(self.app.factory, self.app.lease_name, ttl=LEASE_TTL, holder=self.holder)
                self.demoted.clear()
                return True
            except lease.LeaseHeld as held:
                if not standby:
                    raise
                if not announced:
                    log.info("another worker (%s) serves this mailbox; standing by to take over", held)
                    announced = True
                self.stop.wait(STANDBY_POLL_SECONDS)
        return False

    def heartbeat(self) -> None:
        try:
            lease.acquire(self.app.factory, self.app.lease_name, ttl=LEASE_TTL, holder=self.holder)
        except lease.LeaseHeld as held:
            log.error("another worker (%s) took over this mailbox; stepping down", held)
            self.demoted.set()
        except Exception:  # a database hiccup: try again at the next beat, the lease still has time
            log.exception("could not renew the worker lease")

    # --- intake --------------------------------------------------------------------

    def intake_loop(self) -> None:
        failures = 0
        while not self.halted():
            try:
                with self.app.mailbox() as mailbox:
                    failures = 0
                    self._serve(mailbox)
            except (MailboxError, IMAPClientError, imaplib.IMAP4.error, OSError) as error:
                self.last_error = str(error) or type(error).__name__
                failures += 1
                delay = min(5 * 2 ** min(failures - 1, 6), 300)
                log.warning("mailbox unavailable (%s); trying again in %d s", error, delay)
                self._pause(delay)

    def _serve(self, mailbox: Mailbox) -> None:
        schedule = self.app.settings.schedule
        idle = mailbox.has_idle()
        log.info("watching %s with %s", self.app.settings.mailbox.folder, "IDLE" if idle else "polling")
        while not self.halted():
            report = CycleReport()
            pipeline.intake(self.app, mailbox, report, should_stop=self.halted)
            self._succeeded()
            if mailbox.news_pending():
                continue
            if idle:
                # Right after work, mail that arrived while IDLE was being entered may not be
                # announced (Dovecot reports it only when IDLE ends): leave IDLE soon once.
                busy = report.decided or report.duplicates
                self._idle(mailbox, renew_after=BUSY_CYCLE_SECONDS if busy else schedule.idle_renew_minutes * 60)
            else:
                self._pause(schedule.poll_minutes * 60)
                mailbox.noop()

    def _idle(self, mailbox: Mailbox, *, renew_after: float) -> None:
        """Wait in IDLE until new mail, the renewal time, or a stop; check the stop flag every second.

        A message that arrives while other commands run is announced inside
        their responses (and kept aside by imaplib), and Dovecot does not
        repeat it when IDLE starts; so a NOOP comes first, and IDLE is left
        at least once a minute as a safety net.
        """
        _, responses = mailbox.noop()
        if _announces_mail(responses) or mailbox.news_pending():
            return
        client = mailbox._client()
        client.idle()
        started = time.monotonic()
        cycle = min(renew_after, SAFETY_CYCLE_SECONDS)
        try:
            while not self.halted() and time.monotonic() - started < cycle:
                responses = client.idle_check(timeout=1)
                if any(isinstance(r, tuple) and r and r[0] == b"BYE" for r in responses):
                    raise MailboxError("the IMAP server closed the connection")
                self._succeeded()
                if _announces_mail(responses):
                    return
        finally:
            _, pending = client.idle_done()
            if _announces_mail(pending):
                log.debug("new mail announced as IDLE ended")

    def _pause(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.halted() and time.monotonic() < deadline:
            self.stop.wait(min(1.0, deadline - time.monotonic()))

    def _succeeded(self) -> None:
        self.last_ok = self.app.clock()

    # --- delivery and housekeeping ------------------------------------------------------

    def deliver(self) -> None:
        if self.halted():
            return
        try:
            outbox.deliver(self.app)
        except Exception:  # delivery must keep running; the outbox keeps every reply
            log.exception("outbox delivery failed; will try again")

    def liveness(self) -> None:
        """One alarm when intake has failed for the configured time; one all-clear when it works again."""
        now = self.app.clock()
        limit = dt.timedelta(minutes=self.app.settings.schedule.alarm_after_minutes)
        try:
            if now - self.last_ok > limit:
                notices.intake_failed(self.app, since=self.last_ok, error=self.last_error or "okänt fel", now=now)
            else:
                notices.intake_recovered(self.app, now=now)
            outbox.deliver(self.app)
        except Exception:  # the watchdog must outlive its own faults
            log.exception("liveness check failed")

    def daily(self) -> None:
        try:
            daily_jobs(self.app, self.app.clock())
        except Exception:  # tomorrow is another day; the log says what went wrong
            log.exception("daily digest or reminders failed")

    # --- one term as leader ---------------------------------------------------------------

    def lead(self) -> None:
        pipeline.recover(self.app)
        self.last_ok = self.app.clock()
        scheduler = BackgroundScheduler(timezone=self.app.event.timezone)
        scheduler.add_job(self.heartbeat, "interval", seconds=HEARTBEAT_SECONDS, id="lease", max_instances=1)
        scheduler.add_job(self.intake_loop, id="intake", max_instances=1)
        scheduler.add_job(self.deliver, "interval", seconds=30, id="outbox", max_instances=1, coalesce=True)
        check_every = max(1.0, min(60.0, self.app.settings.schedule.alarm_after_minutes * 20))
        scheduler.add_job(self.liveness, "interval", seconds=check_every, id="liveness", max_instances=1, coalesce=True)
        # Every few minutes rather than a single cron time, so a worker started (or restarted)
        # after the digest time still sends today's digest; a marker keeps it to one a day.
        scheduler.add_job(
            self.daily,
            "interval",
            minutes=5,
            id="daily",
            max_instances=1,
            coalesce=True,
            next_run_time=dt.datetime.now(dt.UTC),
        )
        scheduler.start()
        try:
            while not self.halted():
                self.stop.wait(1)
        finally:
            scheduler.shutdown(wait=True)
            if not self.demoted.is_set():
                self.deliver()

    # --- lifecycle -----------------------------------------------------------------------

    def request_stop(self, signum: int, _frame: FrameType | None) -> None:
        log.info("received %s; stopping after the current message", signal.Signals(signum).name)
        self.stop.set()


def daily_jobs(app: App, now: dt.datetime) -> None:
    """The day's work besides answering mail; every part is once-only, so running it often is safe.

    The digest at its time of day, reminders to silent municipalities, the
    information-meeting reminder, material from the material folder, and
    the retention of personal data.
    """
    if app.settings.schedule.send_digest and digest.due(app, now):
        digest.send(app, now)
    notices.send_reminders(app, now=now, contacts=dict(app.settings.event.contacts))
    notices.info_meeting_reminders(app, now=now)
    material.from_folders(app, now)
    outbox.deliver(app)
    retention.apply(app, now)


def serve(app: App, *, standby: bool) -> int:
    """Run until SIGTERM or SIGINT; exit code 0 on a clean stop."""
    worker = Worker(app)
    previous = {sig: signal.signal(sig, worker.request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        while worker.acquire(standby=standby):
            worker.lead()
            if worker.stop.is_set():
                break
    finally:
        if not worker.demoted.is_set():
            lease.release(app.factory, app.lease_name, worker.holder)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    log.info("stopped cleanly")
    return 0
