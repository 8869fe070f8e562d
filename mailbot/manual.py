"""The coordinator's own hand: register, change or cancel for a municipality, and close reviewed messages.

Every action is audited with the coordinator as actor and, unless told
otherwise, sends the same reply mailbot would have sent: threaded to the
message it settles when one is named.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailbot import message, outbox
from mailbot.answer import reply_mail
from mailbot.app import App
from mailbot.core.mail import Mail
from mailbot.core.model import Decision, Kind, Outcome, Participant, StoredState
from mailbot.core.understand.parties import PartyLexicon
from mailbot.store import db, repo
from mailbot.store.models import DecisionRow, InboundMessage, RegistrationRow


class ManualError(Exception):
    """The action cannot be done as asked; the message says why."""


@dataclass(frozen=True)
class ReviewEntry:
    message_id: str
    sender: str
    subject: str
    arrival: dt.datetime
    municipality: str | None
    kind: str
    why: str
    own_words: str
    closed: bool


def review_items(app: App, *, include_closed: bool = False) -> list[ReviewEntry]:
    with db.transaction(app.factory) as session:
        return [
            ReviewEntry(
                m.message_id,
                m.sender,
                m.subject,
                m.internaldate,
                d.municipality,
                d.kind,
                "; ".join(d.reasons) or ", ".join(d.violations) or d.kind,
                d.own_words,
                d.closed_at is not None,
            )
            for m, d in repo.decided_messages(session, app.event_pk)
            if d.outcome == "needs_review" and (include_closed or d.closed_at is None)
        ]


def parse_person(text: str, lexicon: PartyLexicon) -> Participant:
    """ "Anna Andersson (S)" or "Anna Andersson, S" → a participant; the party must be known."""
    found = re.fullmatch(r"\s*(.+?)\s*(?:\((.+)\)|,\s*(.+))\s*", text)
    if not found:
        raise ManualError(f'{text!r}: write a participant as "Name (PARTY)", e.g. "Anna Andersson (S)"')
    name, party = found.group(1), found.group(2) or found.group(3)
    code = lexicon.resolve(party)
    if code is None:
        raise ManualError(f"{text!r}: {party!r} is not a configured party")
    return Participant(" ".join(name.split()), code)


def register(
    app: App,
    municipality: str,
    *,
    session_date: dt.date | None,
    participants: tuple[Participant, ...],
    info_attendee: Participant | None = None,
    message_id: str | None = None,
    to: str | None = None,
    send_reply: bool = True,
) -> Decision:
    """Store a registration (or change it) as the coordinator decided; rules are the coordinator's call."""
    _known_municipality(app, municipality)
    stored = _stored(app, municipality)
    before = stored.registration
    if session_date is None and before is not None:
        session_date = before.session
    if participants == () and before is not None:
        participants = before.participants
    if session_date is None and info_attendee is None:
        raise ManualError("give --session (one of the sessions) or --info for the information meeting")
    if session_date is not None and app.event.session_on(session_date) is None:
        sessions = ", ".join(s.date.isoformat() for s in app.event.sessions)
        raise ManualError(f"{session_date} is not a session; the sessions are {sessions}")
    dialog = session_date is not None and bool(participants)
    if dialog:
        kind = Kind.CHANGE if before is not None else Kind.REGISTRATION
        if info_attendee is not None and before is None:
            kind = Kind.BOTH
    else:
        kind = Kind.INFO_MEETING
    decision = Decision(
        kind=kind,
        outcome=Outcome.CONFIRMED,
        municipality=municipality,
        session=session_date if dialog else None,
        participants=participants if dialog else (),
        info_attendee=info_attendee,
        previous=before,
        store_registration=dialog,
        store_info_attendee=info_attendee is not None,
        reasons=("registrerad för hand",),
    )
    _carry_out(app, decision, message_id=message_id, to=to, send_reply=send_reply)
    return decision


def cancel(
    app: App,
    municipality: str,
    *,
    info_meeting: bool = False,
    message_id: str | None = None,
    to: str | None = None,
    send_reply: bool = True,
) -> Decision:
    _known_municipality(app, municipality)
    stored = _stored(app, municipality)
    if info_meeting:
        if stored.info_attendee is None:
            raise ManualError(f"{municipality} has nobody registered for the information meeting")
        decision = Decision(Kind.CANCELLATION, Outcome.CONFIRMED, municipality, cancel_info_attendee=True)
    else:
        if stored.registration is None:
            raise ManualError(f"{municipality} has no dialog registration to cancel")
        decision = Decision(
            Kind.CANCELLATION, Outcome.CONFIRMED, municipality, previous=stored.registration, cancel_registration=True
        )
    _carry_out(app, decision, message_id=message_id, to=to, send_reply=send_reply and not info_meeting)
    return decision


def close(app: App, message_id: str, *, note: str = "") -> None:
    """Mark a reviewed message as settled; it leaves the review queue and the digest."""
    with db.transaction(app.factory) as session:
        row = session.scalar(
            select(DecisionRow)
            .join(InboundMessage, InboundMessage.id == DecisionRow.message_pk)
            .where(InboundMessage.event_id == app.event_pk, InboundMessage.message_id == message_id)
        )
        if row is None:
            raise ManualError(f"no message {message_id} is known (see `mailbot review` for the ids)")
        row.closed_at = dt.datetime.now(dt.UTC)
        if note:
            row.reasons = [*row.reasons, f"avslutad: {note}"]


def _carry_out(app: App, decision: Decision, *, message_id: str | None, to: str | None, send_reply: bool) -> None:
    with db.transaction(app.factory) as session:
        inbound = repo.message_by_id(session, app.event_pk, message_id) if message_id else None
        if message_id and inbound is None:
            raise ManualError(f"no message {message_id} is known (see `mailbot review` for the ids)")
        contact = _contact(session, app, decision.municipality or "")
        mail = _mail_for(inbound, to or contact)
        sequence = repo.next_sequence(session, app.event_pk, decision.municipality)
        reply = (
            reply_mail(app, mail, decision, sequence=sequence, purpose="manual")
            if send_reply and mail.from_address
            else None
        )
        repo.apply_decision(
            session,
            event=app.event_pk,
            decision=decision,
            message_pk=inbound.id if inbound else None,
            contact=mail.from_address or contact,
            actor="coordinator",
        )
        if reply is not None:
            repo.queue(session, event=app.event_pk, mail=reply, message_pk=None)
        if inbound is not None and inbound.decision is not None:
            inbound.decision.closed_at = dt.datetime.now(dt.UTC)
    if send_reply:
        outbox.deliver(app)


def _mail_for(inbound: InboundMessage | None, address: str) -> Mail:
    if inbound is not None and inbound.raw:
        parsed = message.parse(inbound.raw)
        if parsed.reply_to or parsed.from_address:
            return parsed
        return dataclasses.replace(parsed, from_address=address)
    return Mail(message_id="", from_address=address, subject="Din anmälan")


def _stored(app: App, municipality: str) -> StoredState:
    with db.transaction(app.factory) as session:
        return repo.stored_state(session, app.event_pk, municipality, "", dt.datetime.now(dt.UTC))


def _contact(session: Session, app: App, municipality: str) -> str:
    row = session.scalar(
        select(RegistrationRow).where(
            RegistrationRow.event_id == app.event_pk, RegistrationRow.municipality == municipality
        )
    )
    return (row.contact if row else "") or app.settings.event.contacts.get(municipality, "")


def _known_municipality(app: App, municipality: str) -> None:
    if app.event.municipality_named(municipality) is None:
        names = ", ".join(m.name for m in app.event.municipalities)
        raise ManualError(f"{municipality!r} is not an invited municipality ({names})")
