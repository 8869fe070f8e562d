"""The retention setting, applied once a day by the worker."""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

from mailbot.app import App
from mailbot.store import db, repo
from mailbot.store.purge import purge_event

log = logging.getLogger("mailbot.retention")


def apply(app: App, now: dt.datetime) -> bool:
    """Erase the event's personal data once its retention time is over; True if it happened now."""
    days = app.settings.database.keep_days_after_event
    if not days:
        return False
    last = max(s.date for s in app.event.sessions)
    if now.astimezone(ZoneInfo(app.event.timezone)).date() <= last + dt.timedelta(days=days):
        return False
    with db.transaction(app.factory) as session:
        if not repo.add_marker(session, app.event_pk, "purged", {"after_days": days}):
            return False
        report = purge_event(session, app.event_pk)
    log.info("retention: erased the personal data of %s (%d messages)", app.event.title, report.messages)
    return True
