"""`run --once --dry-run`: decide new mail and show each reply; store, send and mark nothing."""

from __future__ import annotations

from collections.abc import Callable

from mailbot import message
from mailbot.app import App
from mailbot.core.ledger import Ledger
from mailbot.core.mail import Mail
from mailbot.core.model import Decision
from mailbot.core.replies import plan_reply
from mailbot.pipeline import chunks
from mailbot.store import db, repo, views

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
        for batch in chunks(new, app.settings.mailbox.batch_size):
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
        ledger.registrations = {r.municipality: r for r in views.active_registrations(session, app.event_pk)}
        ledger.info_meeting = views.info_meeting(session, app.event_pk)
    return ledger
