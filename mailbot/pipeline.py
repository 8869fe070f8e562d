"""THE path of a message: fetch → already recorded? → parse → judge → reply → record → send → mark.

The database commit of a decision (with its reply in the outbox) comes
before anything visible happens: the reply leaves afterwards from the
outbox, and the server-side mark comes last. A crash between any two steps
leaves a state the next run completes without deciding or sending twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError

from mailbot import followup, ics, message
from mailbot.app import App
from mailbot.compose import compose
from mailbot.core import decide as deciding
from mailbot.core.judge import Judgement
from mailbot.core.ledger import Ledger
from mailbot.core.mail import Mail
from mailbot.core.model import Decision, Kind, Participant, Registration
from mailbot.core.replies import plan_reply
from mailbot.core.text import OwnWords
from mailbot.imap import Envelope as ImapEnvelope
from mailbot.imap import FolderState, Mailbox
from mailbot.smtp import Sender, SendError
from mailbot.store import db, lease, repo

log = logging.getLogger("mailbot.pipeline")

MAX_ATTEMPTS = 20


@dataclass
class CycleReport:
    decided: int = 0
    duplicates: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    sent: int = 0
    waiting: int = 0
    failed: int = 0
    uncertain: int = 0
    problems: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> None:
        self.decided += 1
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1


Progress = Callable[[int, int], None]


def run_once(app: App, *, progress: Progress | None = None) -> CycleReport:
    """One cycle: take every new message, decide and answer it, mark it. Raises MailboxError."""
    report = CycleReport()
    holder = lease.acquire(app.factory, app.lease_name, ttl=dt.timedelta(minutes=10))
    try:
        recover(app)
        with app.mailbox() as mailbox:
            intake(app, mailbox, report, progress=progress)
        # A run by hand tries every waiting reply once more, whatever its backoff.
        deliver_outbox(app, report, now=dt.datetime.max.replace(tzinfo=dt.UTC))
    finally:
        lease.release(app.factory, app.lease_name, holder)
    return report


def recover(app: App) -> None:
    """At start: sends cut off by a crash are uncertain; the coordinator sees them, nothing resends them."""
    with db.transaction(app.factory) as session:
        count = repo.sending_to_uncertain(session, app.event_pk)
    if count:
        log.warning(
            "%d replies were being sent when mailbot stopped; listed as uncertain for the coordinator",
            count,
        )


def intake(
    app: App,
    mailbox: Mailbox,
    report: CycleReport,
    *,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> None:
    state = mailbox.state or mailbox.select()
    with db.transaction(app.factory) as session:
        known = repo.known_uids(session, app.event_pk, state.folder, state.uidvalidity)
    new = [uid for uid in mailbox.candidate_uids() if uid not in known]
    done = 0
    if progress:
        progress(done, len(new))
    for batch in _chunks(new, app.settings.mailbox.batch_size):
        if should_stop():
            break
        envelopes = list(mailbox.envelopes(batch))
        wanted = [e for e in envelopes if not _already_recorded(app, state, e, report)]
        small = [e.uid for e in wanted if e.size <= app.settings.mailbox.max_message_bytes]
        dates = {e.uid: e for e in wanted}
        for fetched in mailbox.fetch(small):
            if should_stop():
                break
            take(
                app,
                state,
                raw=fetched.raw,
                uid=fetched.uid,
                internaldate=fetched.internaldate,
                report=report,
            )
        for envelope in wanted:
            if envelope.size > app.settings.mailbox.max_message_bytes and not should_stop():
                take_oversized(app, state, mailbox, dates[envelope.uid], report)
        deliver_outbox(app, report)
        mark(app, mailbox, state)
        done += len(batch)
        if progress:
            progress(done, len(new))
    mark(app, mailbox, state)


def _already_recorded(app: App, state: FolderState, envelope: ImapEnvelope, report: CycleReport) -> bool:
    """A second copy or a rebuilt folder: remember where it sits, decide nothing again."""
    if not envelope.message_id:
        return False
    arrival = repo.Arrival(
        message_id=envelope.message_id,
        folder=state.folder,
        uidvalidity=state.uidvalidity,
        uid=envelope.uid,
        internaldate=envelope.internaldate,
        size=envelope.size,
        raw=None,
    )
    with db.transaction(app.factory) as session:
        existing = repo.message_by_id(session, app.event_pk, envelope.message_id)
        if existing is None:
            return False
        repo.add_location(session, app.event_pk, existing, arrival)
    report.duplicates += 1
    log.info("already decided: %s (uid %d); not decided again", envelope.message_id, envelope.uid)
    return True


def take(
    app: App,
    state: FolderState,
    *,
    raw: bytes,
    uid: int,
    internaldate: dt.datetime,
    report: CycleReport,
) -> None:
    """Decide one message and record decision, state, audit and reply in one transaction."""
    mail = message.parse(raw)
    arrival = repo.Arrival(
        message_id=mail.message_id[:998],
        folder=state.folder,
        uidvalidity=state.uidvalidity,
        uid=uid,
        internaldate=internaldate,
        size=len(raw),
        raw=raw,
        sender=mail.from_address[:320],
        reply_to=mail.reply_to[:320],
        subject=mail.subject[:2000],
    )
    _decide_and_record(app, mail, arrival, report)


def take_oversized(app: App, state: FolderState, mailbox: Mailbox, envelope: ImapEnvelope, report: CycleReport) -> None:
    """A message over the size limit goes to review without being loaded whole."""
    header = mailbox.fetch_header(envelope.uid)
    mail = dataclasses.replace(message.parse(header), size=envelope.size)
    arrival = repo.Arrival(
        message_id=(envelope.message_id or mail.message_id)[:998],
        folder=state.folder,
        uidvalidity=state.uidvalidity,
        uid=envelope.uid,
        internaldate=envelope.internaldate,
        size=envelope.size,
        raw=header,
        sender=mail.from_address[:320],
        reply_to=mail.reply_to[:320],
        subject=mail.subject[:2000],
    )
    limit = app.settings.mailbox.max_message_bytes // (1024 * 1024)
    decision = deciding.review(
        Kind.UNRELATED,
        app.judge.municipality_of(mail),
        f"meddelandet är större än {limit} MB och har inte lästs",
    )
    _record(app, mail, arrival, Judgement(decision, OwnWords(text="")), report)


def _decide_and_record(app: App, mail: Mail, arrival: repo.Arrival, report: CycleReport) -> None:
    municipality = app.judge.municipality_of(mail)
    with db.transaction(app.factory) as session:
        stored = repo.stored_state(session, app.event_pk, municipality, _recipient(mail), arrival.internaldate)
    try:
        judgement = app.judge.judge(mail, arrival=arrival.internaldate, stored=stored)
    except Exception as error:  # a fault of ours must not stop the run or lose the message
        log.exception("could not decide %s; sent to review", mail.message_id)
        judgement = Judgement(
            deciding.review(
                Kind.UNRELATED,
                municipality,
                f"mailbot kunde inte tolka meddelandet ({type(error).__name__})",
            ),
            OwnWords(text=""),
        )
    _record(app, mail, arrival, judgement, report, replies_today=stored.replies_today)


def _record(
    app: App,
    mail: Mail,
    arrival: repo.Arrival,
    judgement: Judgement,
    report: CycleReport,
    *,
    replies_today: int = 0,
) -> None:
    decision = judgement.decision
    note = ""
    reply = None
    if decision.needs_reply:
        if replies_today >= app.settings.replies.max_per_sender_per_day:
            note = f"inget svar: {replies_today} svar till avsändaren i dag (gräns för e-postslingor)"
        elif not _recipient(mail) or _recipient(mail) in app.judge.own_addresses:
            note = "inget svar: avsändaradressen saknas eller är mailbots egen"
        else:
            reply = _reply(app, mail, decision)
    try:
        with db.transaction(app.factory) as session:
            repo.record(
                session,
                event=app.event_pk,
                arrival=arrival,
                decision=decision,
                own_words=judgement.own.text,
                reply=reply,
                reply_note=note,
                # A sender over the day's limit (a mail loop) sets nothing else in motion either.
                follow_up=None if note else followup.for_decision(app, mail, decision, judgement.own.text, arrival.raw),
            )
    except IntegrityError:
        # The same Message-ID was recorded meanwhile (two copies in one batch).
        with db.transaction(app.factory) as session:
            existing = repo.message_by_id(session, app.event_pk, arrival.message_id)
            if existing is None:
                raise
            repo.add_location(session, app.event_pk, existing, arrival)
        report.duplicates += 1
        return
    report.count(decision.outcome.value)
    log.info(
        "decided %s from=%s municipality=%s kind=%s outcome=%s violations=%s%s",
        mail.message_id,
        mail.from_address or "-",
        decision.municipality or "-",
        decision.kind.value,
        decision.outcome.value,
        ",".join(decision.violation_codes) or "-",
        f" ({note})" if note else "",
    )


def _recipient(mail: Mail) -> str:
    return (mail.reply_to or mail.from_address).lower()


def _reply(app: App, mail: Mail, decision: Decision) -> repo.OutgoingMail | None:
    with db.transaction(app.factory) as session:
        sequence = repo.next_sequence(session, app.event_pk, decision.municipality)
    plan = plan_reply(decision, mail, app.event, sequence=sequence)
    if plan is None:
        return None
    text, html = app.renderer.render(plan.template, plan.context)
    now = app.clock().astimezone(ZoneInfo(app.event.timezone))
    recipient = app.settings.replies.redirect_all_to or plan.to
    calendar = None
    if plan.calendar is not None:
        calendar = ics.calendar_bytes(
            plan.calendar,
            timezone=app.event.timezone,
            organiser_name=app.event.coordinator.name,
            organiser_address=app.envelope.from_address,
            attendee=plan.to,
            stamp=now,
        )
    email_message = compose(plan, text, html, envelope=app.envelope, now=now, calendar=calendar, recipient=recipient)
    return repo.OutgoingMail(
        purpose="reply",
        template=plan.template,
        sender=app.envelope.from_address,
        recipient=recipient,
        subject=plan.subject,
        rfc_message_id=str(email_message["Message-ID"]),
        raw=email_message.as_bytes(),
    )


def mark(app: App, mailbox: Mailbox, state: FolderState) -> None:
    """Last step: tell the server what the database already knows."""
    with db.transaction(app.factory) as session:
        locations = repo.unmarked_locations(session, app.event_pk, state.folder, state.uidvalidity)
        pending = {location.id: location.uid for location in locations}
    for chunk in _chunks(list(pending.items()), 500):
        mailbox.mark_done([uid for _, uid in chunk])
        with db.transaction(app.factory) as session:
            repo.set_marked(session, [location_id for location_id, _ in chunk])


def deliver_outbox(app: App, report: CycleReport | None = None, *, now: dt.datetime | None = None) -> CycleReport:
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
    try:
        for entry_id, from_address, recipient, raw, attempts in due:
            _deliver_one(app, sender, entry_id, from_address, recipient, raw, attempts, report)
    finally:
        sender.close()
    return report


def _deliver_one(
    app: App,
    sender: Sender,
    entry_id: int,
    from_address: str,
    recipient: str,
    raw: bytes,
    attempts: int,
    report: CycleReport,
) -> None:
    with db.transaction(app.factory) as session:
        if not repo.claim(session, entry_id, attempts=attempts + 1):
            return  # another delivery took it
    try:
        sender.send(raw, sender=from_address, recipients=[recipient])
    except SendError as error:
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
        return
    with db.transaction(app.factory) as session:
        repo.set_outbox_status(session, entry_id, "sent", sent_at=app.clock(), last_error="")
    report.sent += 1


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


T = TypeVar("T")


def _chunks(items: Sequence[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


Shown = Callable[[Mail, Decision, str], None]


def preview(app: App, show: Shown) -> int:
    """`run --once --dry-run`: decide new mail and show each reply; store, send and mark nothing."""
    ledger = _ledger_from_store(app)
    count = 0
    with app.mailbox() as mailbox:
        state = mailbox.state or mailbox.select()
        with db.transaction(app.factory) as session:
            known = repo.known_uids(session, app.event_pk, state.folder, state.uidvalidity)
        new = [uid for uid in mailbox.candidate_uids() if uid not in known]
        for batch in _chunks(new, app.settings.mailbox.batch_size):
            small = [e.uid for e in mailbox.envelopes(batch) if e.size <= app.settings.mailbox.max_message_bytes]
            for fetched in mailbox.fetch(small):
                mail = message.parse(fetched.raw)
                with db.transaction(app.factory) as session:
                    if repo.message_by_id(session, app.event_pk, mail.message_id) is not None:
                        continue
                municipality = app.judge.municipality_of(mail)
                decision = app.judge.judge(
                    mail, arrival=fetched.internaldate, stored=ledger.stored_for(municipality)
                ).decision
                ledger.apply(decision)
                plan = plan_reply(decision, mail, app.event)
                text = app.renderer.render(plan.template, plan.context)[0] if plan else ""
                show(mail, decision, text)
                count += 1
    return count


def _ledger_from_store(app: App) -> Ledger:
    ledger = Ledger()
    with db.transaction(app.factory) as session:
        for row in repo.registrations(session, app.event_pk):
            ledger.registrations[row.municipality] = Registration(
                row.municipality,
                row.session_date,
                tuple(Participant(p.name, p.party, p.role) for p in row.participants),
            )
        for attendee in repo.info_attendees(session, app.event_pk):
            ledger.info_meeting[attendee.municipality] = Participant(attendee.name, attendee.party, attendee.role)
    return ledger
