"""THE path of a message: fetch → already recorded? → parse → judge → reply → record → send → mark.

The database commit of a decision (with its reply in the outbox) comes
before anything visible happens: the reply leaves afterwards from the
outbox (outbox.py), and the server-side mark comes last. A crash between
any two steps leaves a state the next run completes without deciding or
sending twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mailbot import followup, message, outbox
from mailbot.answer import reply_mail
from mailbot.app import App
from mailbot.core import decide as deciding
from mailbot.core.judge import Judgement
from mailbot.core.mail import Mail
from mailbot.core.model import Decision, Kind
from mailbot.core.text import OwnWords
from mailbot.imap import Envelope as ImapEnvelope
from mailbot.imap import FolderState, Mailbox
from mailbot.report import CycleReport
from mailbot.store import db, lease, repo

log = logging.getLogger("mailbot.pipeline")

Progress = Callable[[int, int], None]
T = TypeVar("T")


def run_once(app: App, *, progress: Progress | None = None) -> CycleReport:
    """One cycle: take every new message, decide and answer it, mark it. Raises MailboxError."""
    report = CycleReport()
    holder = lease.acquire(app.factory, app.lease_name, ttl=dt.timedelta(minutes=10))
    try:
        recover(app)
        with app.mailbox() as mailbox:
            intake(app, mailbox, report, progress=progress)
        # A run by hand tries every waiting reply once more, whatever its backoff.
        outbox.deliver(app, report, now=dt.datetime.max.replace(tzinfo=dt.UTC))
    finally:
        lease.release(app.factory, app.lease_name, holder)
    return report


def recover(app: App) -> None:
    """At start: sends cut off by a crash are uncertain; the coordinator sees them, nothing resends them."""
    with db.transaction(app.factory) as session:
        count = repo.sending_to_uncertain(session, app.event_pk)
    if count:
        log.warning("%d replies were being sent when mailbot stopped; listed as uncertain for the coordinator", count)


def intake(
    app: App,
    mailbox: Mailbox,
    report: CycleReport,
    *,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> None:
    """Every message not yet decided, in bounded batches; each batch answered and marked before the next."""
    state = mailbox.state or mailbox.select()
    limit = app.settings.mailbox.max_message_bytes
    with db.transaction(app.factory) as session:
        known = repo.known_uids(session, app.event_pk, state.folder, state.uidvalidity)
    new = [uid for uid in mailbox.candidate_uids() if uid not in known]
    if progress:
        progress(0, len(new))
    for done, batch in enumerate(chunks(new, app.settings.mailbox.batch_size), 1):
        if should_stop():
            break
        wanted = _not_yet_recorded(app, state, mailbox.envelopes(batch), report)
        for fetched in mailbox.fetch([e.uid for e in wanted if e.size <= limit]):
            if should_stop():
                break
            take(app, state, raw=fetched.raw, uid=fetched.uid, internaldate=fetched.internaldate, report=report)
        for envelope in wanted:
            if envelope.size > limit and not should_stop():
                take_oversized(app, state, mailbox, envelope, report)
        outbox.deliver(app, report)
        mark(app, mailbox, state)
        if progress:
            progress(min(done * app.settings.mailbox.batch_size, len(new)), len(new))
    mark(app, mailbox, state)


def _not_yet_recorded(
    app: App, state: FolderState, envelopes: list[ImapEnvelope], report: CycleReport
) -> list[ImapEnvelope]:
    """Drop second copies and messages of a rebuilt folder, remembering where they sit: one query a batch."""
    with db.transaction(app.factory) as session:
        recorded = repo.messages_by_ids(session, app.event_pk, [e.message_id for e in envelopes if e.message_id])
        wanted = []
        for envelope in envelopes:
            existing = recorded.get(envelope.message_id) if envelope.message_id else None
            if existing is None:
                wanted.append(envelope)
                continue
            arrival = repo.Arrival(
                message_id=envelope.message_id,
                folder=state.folder,
                uidvalidity=state.uidvalidity,
                uid=envelope.uid,
                internaldate=envelope.internaldate,
                size=envelope.size,
                raw=None,
            )
            repo.add_location(session, app.event_pk, existing, arrival)
            report.duplicates += 1
            log.info("already decided: %s (uid %d); not decided again", envelope.message_id, envelope.uid)
    return wanted


def take(app: App, state: FolderState, *, raw: bytes, uid: int, internaldate: dt.datetime, report: CycleReport) -> None:
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
    judgement = Judgement(
        deciding.review(
            Kind.UNRELATED, app.judge.municipality_of(mail), f"meddelandet är större än {limit} MB och har inte lästs"
        ),
        OwnWords(text=""),
    )
    _decide_and_record(app, mail, arrival, report, judgement=judgement)


def _decide_and_record(
    app: App, mail: Mail, arrival: repo.Arrival, report: CycleReport, *, judgement: Judgement | None = None
) -> None:
    """Read the stored state, decide, and write everything the decision changes: one transaction."""
    try:
        with db.transaction(app.factory) as session:
            decision_note = _decide_and_write(app, session, mail, arrival, judgement)
    except IntegrityError:
        # The same Message-ID was recorded meanwhile (two copies in one batch, or another worker).
        with db.transaction(app.factory) as session:
            existing = repo.message_by_id(session, app.event_pk, arrival.message_id)
            if existing is None:
                raise
            repo.add_location(session, app.event_pk, existing, arrival)
        report.duplicates += 1
        return
    decision, note = decision_note
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


def _decide_and_write(
    app: App, session: Session, mail: Mail, arrival: repo.Arrival, judgement: Judgement | None
) -> tuple[Decision, str]:
    municipality = app.judge.municipality_of(mail)
    recipient = (mail.reply_to or mail.from_address).lower()
    stored = repo.stored_state(session, app.event_pk, municipality, recipient, arrival.internaldate)
    if judgement is None:
        try:
            judgement = app.judge.judge(mail, arrival=arrival.internaldate, stored=stored)
        except Exception as error:  # a fault of ours must not stop the run or lose the message
            log.exception("could not decide %s; sent to review", mail.message_id)
            judgement = Judgement(
                deciding.review(
                    Kind.UNRELATED, municipality, f"mailbot kunde inte tolka meddelandet ({type(error).__name__})"
                ),
                OwnWords(text=""),
            )
    decision = judgement.decision
    note = ""
    reply = None
    if decision.needs_reply:
        if stored.replies_today >= app.settings.replies.max_per_sender_per_day:
            note = f"inget svar: {stored.replies_today} svar till avsändaren i dag (gräns för e-postslingor)"
        elif not recipient or recipient in app.judge.own_addresses:
            note = "inget svar: avsändaradressen saknas eller är mailbots egen"
        else:
            sequence = repo.next_sequence(session, app.event_pk, decision.municipality)
            reply = reply_mail(app, mail, decision, sequence=sequence)
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
    return decision, note


def mark(app: App, mailbox: Mailbox, state: FolderState) -> None:
    """Last step: tell the server what the database already knows."""
    with db.transaction(app.factory) as session:
        locations = repo.unmarked_locations(session, app.event_pk, state.folder, state.uidvalidity)
        pending = {location.id: location.uid for location in locations}
    for chunk in chunks(list(pending.items()), 500):
        mailbox.mark_done([uid for _, uid in chunk])
        with db.transaction(app.factory) as session:
            repo.set_marked(session, [location_id for location_id, _ in chunk])


def chunks(items: Sequence[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])
