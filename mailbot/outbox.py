"""Edge: the outbox leaves over one SMTP connection; failures wait, or go to the coordinator.

Each entry is claimed (pending → sending) in its own committed transaction
before it is handed to the server, and recorded as sent after: a crash in
between leaves it "sending", which the next start turns into "uncertain"
for the coordinator rather than sending it twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

from sqlalchemy.orm import Session

from mailbot.app import App
from mailbot.report import CycleReport
from mailbot.smtp import SendError
from mailbot.store import db, repo

log = logging.getLogger("mailbot.outbox")

MAX_ATTEMPTS = 20


def deliver(app: App, report: CycleReport | None = None, *, now: dt.datetime | None = None) -> CycleReport:
    """Send what is due in the outbox over one SMTP connection; failures wait or go to the coordinator."""
    report = report or CycleReport()
    now = now or app.clock()
    with db.transaction(app.factory) as session:
        due = [(e.id, e.sender, e.recipient, e.raw, e.attempts) for e in repo.due_outbox(session, app.event_pk, now)]
    if not due:
        return report
    sender = app.sender()
    try:
        sender.connect()
    except SendError as error:
        _postpone_all(app, due, str(error), transient=error.transient)
        report.waiting += len(due)
        report.problems.append(str(error))
        return report
    sent: list[int] = []
    try:
        for entry_id, from_address, recipient, raw, attempts in due:
            # One transaction records the previous send and claims this one.
            with db.transaction(app.factory) as session:
                _record_sent(app, session, sent, report)
                if not repo.claim(session, entry_id, attempts=attempts + 1):
                    continue  # another delivery took it
            try:
                sender.send(raw, sender=from_address, recipients=[recipient])
            except SendError as error:
                _record_failure(app, entry_id, recipient, attempts, error, report)
                continue
            sent.append(entry_id)
    finally:
        sender.close()
        with db.transaction(app.factory) as session:
            _record_sent(app, session, sent, report)
    return report


def _record_sent(app: App, session: Session, sent: list[int], report: CycleReport) -> None:
    for entry_id in sent:
        repo.set_outbox_status(session, entry_id, "sent", sent_at=app.clock(), last_error="")
        report.sent += 1
    sent.clear()


def _record_failure(
    app: App, entry_id: int, recipient: str, attempts: int, error: SendError, report: CycleReport
) -> None:
    with db.transaction(app.factory) as session:
        if error.uncertain:
            repo.set_outbox_status(session, entry_id, "uncertain", last_error=str(error))
            report.uncertain += 1
        elif error.transient and attempts + 1 < MAX_ATTEMPTS:
            repo.set_outbox_status(
                session,
                entry_id,
                "pending",
                last_error=str(error),
                next_attempt_at=app.clock() + _backoff(attempts + 1),
            )
            report.waiting += 1
        else:
            repo.set_outbox_status(session, entry_id, "failed", last_error=str(error))
            report.failed += 1
    log.warning("reply to %s not sent: %s", recipient, error)


def _postpone_all(app: App, due: Sequence[tuple[int, str, str, bytes, int]], error: str, *, transient: bool) -> None:
    with db.transaction(app.factory) as session:
        for entry_id, _, _, _, attempts in due:
            if transient and attempts + 1 < MAX_ATTEMPTS:
                repo.set_outbox_status(
                    session,
                    entry_id,
                    "pending",
                    attempts=attempts + 1,
                    last_error=error,
                    next_attempt_at=app.clock() + _backoff(attempts + 1),
                )
            else:
                repo.set_outbox_status(session, entry_id, "failed", attempts=attempts + 1, last_error=error)


def _backoff(attempt: int) -> dt.timedelta:
    return dt.timedelta(seconds=min(30 * 2 ** (attempt - 1), 3600))
