"""Edge helper: a session as an iCalendar entry that updates (or cancels) in the reader's calendar."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from mailbot.core.replies import CalendarPlan


def calendar_bytes(
    plan: CalendarPlan,
    *,
    timezone: str,
    organiser_name: str,
    organiser_address: str,
    attendee: str,
    stamp: dt.datetime,
) -> bytes:
    from icalendar import Calendar, Event, vCalAddress, vText  # only when a calendar is attached

    zone = ZoneInfo(timezone)
    session = plan.session
    calendar = Calendar()
    calendar.add("prodid", "-//mailbot//registration desk//SV")
    calendar.add("version", "2.0")
    calendar.add("method", plan.method)
    entry = Event()
    entry.add("uid", plan.uid)
    entry.add("sequence", plan.sequence)
    entry.add("dtstamp", stamp.astimezone(dt.UTC))
    entry.add("dtstart", dt.datetime.combine(session.date, session.start, zone))
    entry.add("dtend", dt.datetime.combine(session.date, session.end, zone))
    entry.add("summary", plan.summary)
    entry.add("location", vText(f"{session.room}, {session.address}"))
    organiser = vCalAddress(f"mailto:{organiser_address}")
    organiser.params["cn"] = vText(organiser_name)
    entry.add("organizer", organiser)
    guest = vCalAddress(f"mailto:{attendee}")
    guest.params["role"] = vText("REQ-PARTICIPANT")
    entry.add("attendee", guest)
    entry.add("status", "CANCELLED" if plan.method == "CANCEL" else "CONFIRMED")
    calendar.add_component(entry)
    return bytes(calendar.to_ical())
