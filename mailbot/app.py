"""Composition root: builds the store, judge, renderer, mailbox and sender from the settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from mailbot.compose import Envelope
from mailbot.core.judge import Judge
from mailbot.core.model import Event
from mailbot.imap import Mailbox
from mailbot.render import Renderer
from mailbot.settings import Settings
from mailbot.smtp import Sender
from mailbot.store import db, repo


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class App:
    settings: Settings
    event: Event
    engine: Engine
    factory: sessionmaker[Session]
    event_pk: int
    judge: Judge
    renderer: Renderer
    envelope: Envelope
    clock: Callable[[], dt.datetime] = field(default=utc_now)

    def mailbox(self) -> Mailbox:
        return Mailbox(self.settings.mailbox)

    def sender(self) -> Sender:
        return Sender(self.settings.smtp, local_hostname=self.envelope.message_id_domain or "localhost")

    @property
    def lease_name(self) -> str:
        mailbox = self.settings.mailbox
        return f"worker:{mailbox.user}@{mailbox.host}/{mailbox.folder}"


def templates_folder(settings: Settings) -> Path:
    configured = Path(settings.replies.templates)
    if configured.is_absolute():
        return configured
    return (Path(settings.source).resolve().parent / configured).resolve()


def build(settings: Settings, *, clock: Callable[[], dt.datetime] = utc_now, create_schema: bool = True) -> App:
    """Everything one mailbot process needs; raises DatabaseError when the database is not usable."""
    event = settings.to_event()
    engine = db.connect(settings.database.url)
    if create_schema:
        db.ensure_current(engine)
    factory = db.sessions(engine)
    with db.transaction(factory) as session:
        event_pk = repo.event_id(session, event.slug, event.title)
    from_address = settings.smtp.from_address or event.coordinator.address
    envelope = Envelope(
        from_name=event.coordinator.name,
        from_address=from_address,
        message_id_domain=settings.smtp.message_id_domain or from_address.rpartition("@")[2],
    )
    return App(
        settings=settings,
        event=event,
        engine=engine,
        factory=factory,
        event_pk=event_pk,
        judge=Judge(event, own_addresses=frozenset({from_address.lower()})),
        renderer=Renderer(templates_folder(settings)),
        envelope=envelope,
        clock=clock,
    )
