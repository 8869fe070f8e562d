"""Background material before each session: once to every confirmed delegation, later registrants included.

The files are kept in the database with the session they belong to, so a
delegation confirmed after the send (or moved to that session) gets the
same files, and a marker per delegation and file set means nobody gets the
same material twice, across runs, restarts and workers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailbot.app import App
from mailbot.compose import as_bytes, compose_notice
from mailbot.core.replies import describe_event, describe_session
from mailbot.store import db, repo
from mailbot.store.models import Material, RegistrationRow

log = logging.getLogger("mailbot.material")


@dataclass
class MaterialReport:
    sessions: list[dt.date] = field(default_factory=list)
    queued: list[tuple[str, dt.date, str]] = field(default_factory=list)  # municipality, session, address


def add_files(session: Session, event: int, session_date: dt.date, files: list[Path]) -> int:
    """Keep the files as the session's material; a file already kept is not added twice."""
    added = 0
    for path in files:
        content = path.read_bytes()
        digest = hashlib.sha256(content).hexdigest()
        exists = session.scalar(
            select(Material.id).where(
                Material.event_id == event, Material.session_date == session_date, Material.sha256 == digest
            )
        )
        if exists is None:
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            session.add(
                Material(
                    event_id=event,
                    session_date=session_date,
                    filename=path.name,
                    content_type=kind,
                    content=content,
                    sha256=digest,
                )
            )
            session.flush()
            added += 1
    return added


def sessions_due(app: App, now: dt.datetime, only: dt.date | None = None) -> list[dt.date]:
    """Sessions that start within the lead time (or the one asked for)."""
    if only is not None:
        return [only]
    today = now.astimezone(ZoneInfo(app.event.timezone)).date()
    lead = dt.timedelta(days=app.settings.material.lead_days)
    return [s.date for s in app.event.sessions if today <= s.date <= today + lead]


def send(
    app: App, now: dt.datetime, *, only: dt.date | None = None, dry_run: bool = False, files: tuple[Path, ...] = ()
) -> MaterialReport:
    """Keep `files` for the due sessions and queue their material for every delegation that has not had it.

    A dry run does the same in a transaction it then rolls back: nothing is stored or sent.
    """
    report = MaterialReport()
    for session_date in sessions_due(app, now, only):
        report.sessions.append(session_date)
        with db.transaction(app.factory) as session:
            add_files(session, app.event_pk, session_date, list(files))
            delegations = session.scalars(
                select(RegistrationRow).where(
                    RegistrationRow.event_id == app.event_pk,
                    RegistrationRow.session_date == session_date,
                    RegistrationRow.status == "active",
                )
            ).all()
            for registration in delegations:
                queued = queue_for(app, session, registration, now)
                if queued:
                    report.queued.append((registration.municipality, session_date, queued))
            if dry_run:
                session.rollback()
    return report


def queue_for(
    app: App, session: Session, registration: RegistrationRow, now: dt.datetime, *, dry_run: bool = False
) -> str:
    """Queue one delegation's material in the caller's transaction; the address, or "" if nothing to send."""
    files = list(
        session.scalars(
            select(Material)
            .where(Material.event_id == app.event_pk, Material.session_date == registration.session_date)
            .order_by(Material.id)
        )
    )
    address = registration.contact
    if not files or not address:
        return ""
    fingerprint = hashlib.sha256("".join(f.sha256 for f in files).encode()).hexdigest()[:16]
    name = f"material:{registration.session_date.isoformat()}:{registration.municipality}:{fingerprint}"
    if not repo.add_marker(session, app.event_pk, name, {"to": address, "files": [f.filename for f in files]}):
        return ""
    event_session = app.event.session_on(registration.session_date)
    assert event_session is not None
    practical = describe_session(event_session)
    context = {
        "event": describe_event(app.event),
        "municipality": registration.municipality,
        "session": practical,
        "participants": [{"name": p.name, "party": p.party} for p in registration.participants],
    }
    text, html = app.renderer.render("notice/material", context)
    to = app.settings.replies.redirect_all_to or address
    message = compose_notice(
        to=to,
        subject=f"Underlag inför dialogen {practical['date']}",
        text=text,
        html=html,
        envelope=app.envelope,
        now=now.astimezone(ZoneInfo(app.event.timezone)),
        kind="notice/material",
        attachments=tuple((f.filename, *_kind(f.content_type), f.content) for f in files),
    )
    repo.queue(
        session,
        event=app.event_pk,
        mail=repo.OutgoingMail(
            "material",
            "notice/material",
            app.envelope.from_address,
            to,
            str(message["Subject"]),
            str(message["Message-ID"]),
            as_bytes(message),
        ),
        message_pk=None,
    )
    log.info("material for %s queued to %s (%s)", registration.session_date, registration.municipality, address)
    return address


def _kind(content_type: str) -> tuple[str, str]:
    maintype, _, subtype = content_type.partition("/")
    return maintype or "application", subtype or "octet-stream"


def from_folders(app: App, now: dt.datetime) -> None:
    """`mailbot run`: take material from <material.folder>/<session date>/ for the due sessions, and send it."""
    folder = app.settings.material.folder
    if not folder:
        return
    root = Path(folder)
    if not root.is_absolute():
        root = (Path(app.settings.source).resolve().parent / root).resolve()
    for session_date in sessions_due(app, now):
        files = tuple(sorted(p for p in (root / session_date.isoformat()).glob("*") if p.is_file()))
        if files:
            send(app, now, only=session_date, files=files)
