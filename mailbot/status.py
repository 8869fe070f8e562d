"""`mailbot status`: where everything stands, as tables for the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from mailbot.app import App
from mailbot.core.replies import long_date
from mailbot.store import db, repo, views


def show(app: App, console: Console) -> None:
    event = app.event
    with db.transaction(app.factory) as session:
        registrations = views.active_registrations(session, app.event_pk)
        info = views.info_meeting(session, app.event_pk)
        decided = repo.decided_messages(session, app.event_pk)
        outbox = repo.outbox_entries(session, app.event_pk, statuses=("pending", "failed", "uncertain"))
        for session_config in event.sessions:
            table = Table(
                title=f"{long_date(session_config.date)} kl. {session_config.start:%H.%M}, {session_config.room}",
                title_justify="left",
            )
            table.add_column("Kommun")
            table.add_column("Deltagare")
            here = [r for r in registrations if r.session == session_config.date]
            for registration in here:
                table.add_row(
                    registration.municipality,
                    ", ".join(f"{p.name} ({p.party or '?'})" for p in registration.participants),
                )
            heads = sum(len(r.participants) for r in here)
            capacity = f" av {session_config.capacity}" if session_config.capacity else ""
            table.caption = f"{len(here)} {'kommun' if len(here) == 1 else 'kommuner'}, {heads}{capacity} deltagare"
            console.print(table)
        if event.info_meeting:
            table = Table(title=f"Informationsmöte {long_date(event.info_meeting.date)}", title_justify="left")
            table.add_column("Kommun")
            table.add_column("Deltagare")
            for municipality, attendee in info.items():
                table.add_row(municipality, f"{attendee.name} ({attendee.party or '?'})")
            console.print(table)
        answered = {d.municipality for _, d in decided if d.municipality and d.outcome != "ignored"}
        silent = [m.name for m in event.municipalities if m.name not in answered]
        console.print(f"Inte svarat ännu ({len(silent)}): {', '.join(silent) or '–'}")
        review = [(m, d) for m, d in decided if d.outcome == "needs_review" and d.closed_at is None]
        table = Table(title=f"Att granska ({len(review)})", title_justify="left")
        for column in ("Från", "Ämne", "Varför"):
            table.add_column(column)
        for message, decision in review:
            why = "; ".join(decision.reasons) or ", ".join(decision.violations) or decision.kind
            table.add_row(message.sender, message.subject, why)
        console.print(table)
        table = Table(title=f"Utkorgen: svar som inte har gått iväg ({len(outbox)})", title_justify="left")
        for column in ("Till", "Ämne", "Status", "Fel"):
            table.add_column(column)
        for entry in outbox:
            table.add_row(entry.recipient, entry.subject, entry.status, entry.last_error)
        console.print(table)
