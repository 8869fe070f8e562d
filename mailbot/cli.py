"""Edge: the `mailbot` command. Every fault becomes one readable sentence and a non-zero exit."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from mailbot import settings as settings_module
from mailbot.app import App, build
from mailbot.imap import MailboxError
from mailbot.render import TemplateMissing
from mailbot.settings import ConfigError, Settings
from mailbot.smtp import SendError
from mailbot.store.db import DatabaseError
from mailbot.store.lease import LeaseHeld

EXIT_CONFIG = 2
EXIT_SERVER = 3
EXIT_DATABASE = 4
EXIT_BUSY = 5


class Failure(click.ClickException):
    """A fault the user can fix: one line on stderr, a distinct exit code, no traceback."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.exit_code = code  # type: ignore[misc]  # click declares it on the class; per instance is intended

    def show(self, file: Any = None) -> None:
        click.echo(f"mailbot: {self.message}", err=True)


@contextmanager
def plain_errors() -> Iterator[None]:
    """Known faults as one sentence each; no traceback for anything a user can fix."""
    try:
        yield
    except ConfigError as error:
        raise Failure(f"configuration error:\n{error}", EXIT_CONFIG) from None
    except DatabaseError as error:
        raise Failure(str(error), EXIT_DATABASE) from None
    except MailboxError as error:
        raise Failure(str(error), EXIT_SERVER) from None
    except SendError as error:
        raise Failure(str(error), EXIT_SERVER) from None
    except TemplateMissing as error:
        raise Failure(str(error), EXIT_CONFIG) from None
    except LeaseHeld as error:
        raise Failure(
            f"another mailbot worker ({error}) is already serving this mailbox with this database; "
            "stop it first, or wait for it to finish",
            EXIT_BUSY,
        ) from None


def _settings(ctx: click.Context) -> Settings:
    loaded: Settings = ctx.obj["load"]()
    return loaded


def _app(ctx: click.Context) -> App:
    return build(_settings(ctx))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Configuration file (default: $MAILBOT_CONFIG or config/mailbot.toml).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log more detail.")
@click.pass_context
def main(ctx: click.Context, config_file: str | None, verbose: bool) -> None:
    """mailbot: a registration desk in a mailbox."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("imapclient", "sqlalchemy", "alembic", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # mail-parser warns about every part type it does not render; mailbot reads those parts itself.
    logging.getLogger("mailparser").setLevel(logging.ERROR)

    def load() -> Settings:
        with plain_errors():
            return settings_module.load(config_file)

    ctx.obj = {"load": load}


@main.command()
@click.option("--once", is_flag=True, help="One cycle (intake, decide, reply), then exit.")
@click.option("--dry-run", is_flag=True, help="With --once: decide and show each reply; send, store and mark nothing.")
@click.option(
    "--standby/--no-standby",
    default=None,
    help="When another worker serves the mailbox: wait to take over (default on PostgreSQL) or exit (SQLite).",
)
@click.pass_context
def run(ctx: click.Context, once: bool, dry_run: bool, standby: bool | None) -> None:
    """Watch the mailbox and answer every registration."""
    from mailbot import dryrun, pipeline, scheduler

    if dry_run and not once:
        raise Failure("--dry-run works with --once (one cycle that changes nothing)", EXIT_CONFIG)
    with plain_errors():
        app = _app(ctx)
        if dry_run:
            shown = dryrun.preview(app, _show_decision)
            click.echo(f"dry run: {shown} new message(s) decided; nothing was sent, stored or marked")
            return
        if not once:
            if standby is None:
                standby = app.engine.dialect.name == "postgresql"
            sys.exit(scheduler.serve(app, standby=standby))
        with _progress() as progress:
            report = pipeline.run_once(app, progress=progress)
    summary = ", ".join(f"{n} {o}" for o, n in sorted(report.outcomes.items())) or "nothing new"
    click.echo(
        f"decided {report.decided} message(s) ({summary}); replies sent {report.sent}, waiting {report.waiting}, "
        f"failed {report.failed}, uncertain {report.uncertain}"
    )
    if report.problems:
        raise Failure(
            f"{report.problems[0]}; the replies wait in the outbox and are sent on the next run",
            EXIT_SERVER,
        )


def _show_decision(mail: Any, decision: Any, reply: str) -> None:
    violations = ", ".join(decision.violation_codes) or "-"
    click.echo(f"== {mail.from_address or '?'}: {mail.subject}")
    click.echo(
        f"   {decision.municipality or '(unknown sender)'}: {decision.kind.value} → {decision.outcome.value} "
        f"[{violations}]"
    )
    if reply:
        for line in reply.strip().splitlines():
            click.echo(f"   > {line}")
    else:
        click.echo("   (no reply)")
    click.echo("")


@contextmanager
def _progress() -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on a terminal; plain log lines otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("Läser meddelanden", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total or None)

        yield update


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write to this file instead of standard output.",
)
@click.pass_context
def export_command(ctx: click.Context, fmt: str, output: str | None) -> None:
    """Registrations, information meeting, every message's decision and the change history."""
    from mailbot import export

    with plain_errors():
        data = export.snapshot(_app(ctx))
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n" if fmt == "json" else export.participants_csv(data)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@main.command()
@click.option("--all", "include_closed", is_flag=True, help="Also the messages already settled.")
@click.pass_context
def review(ctx: click.Context, include_closed: bool) -> None:
    """The messages a person must read, with the sender's own words."""
    from zoneinfo import ZoneInfo

    from mailbot import manual

    with plain_errors():
        app = _app(ctx)
        items = manual.review_items(app, include_closed=include_closed)
    if not items:
        click.echo("Nothing waits for review.")
    zone = ZoneInfo(app.event.timezone)
    for number, item in enumerate(items, 1):
        closed = " (settled)" if item.closed else ""
        click.echo(f"{number}. {item.arrival.astimezone(zone):%Y-%m-%d %H.%M}  {item.sender}  {item.subject}{closed}")
        click.echo(f"   id: {item.message_id}")
        click.echo(f"   municipality: {item.municipality or '(unknown sender)'}; kind: {item.kind}; why: {item.why}")
        for line in (item.own_words or "(no own words)").splitlines():
            click.echo(f"   | {line}")
        click.echo("")
    if items:
        click.echo(
            "Settle one with `mailbot register …`, `mailbot cancel …` (with --message ID) or `mailbot close ID`."
        )


def _manual_reply_options(command: Callable[..., Any]) -> Callable[..., Any]:
    command = click.option(
        "--message",
        "message_id",
        default=None,
        help="The Message-ID this settles (the reply is threaded to it; see `mailbot review`).",
    )(command)
    command = click.option("--to", "to", default=None, help="Send the reply to this address.")(command)
    command = click.option("--no-reply", is_flag=True, help="Record it without mailing anyone.")(command)
    return command


@main.command()
@click.argument("municipality")
@click.option("--session", "session_date", default=None, help="Session date, e.g. 2016-09-19.")
@click.option("--participant", "participants", multiple=True, help='"Name (PARTY)"; repeat for each person.')
@click.option("--info", "info", default=None, help='Information-meeting attendee, "Name (PARTY)".')
@_manual_reply_options
@click.pass_context
def register(
    ctx: click.Context,
    municipality: str,
    session_date: str | None,
    participants: tuple[str, ...],
    info: str | None,
    message_id: str | None,
    to: str | None,
    no_reply: bool,
) -> None:
    """Register (or change) MUNICIPALITY by hand; the reply is sent unless --no-reply."""
    _register(ctx, municipality, session_date, participants, info, message_id, to, no_reply, must_exist=False)


@main.command()
@click.argument("municipality")
@click.option("--session", "session_date", default=None, help="New session date, e.g. 2016-09-26.")
@click.option("--participant", "participants", multiple=True, help='"Name (PARTY)"; the whole delegation.')
@click.option("--info", "info", default=None, help='Information-meeting attendee, "Name (PARTY)".')
@_manual_reply_options
@click.pass_context
def change(
    ctx: click.Context,
    municipality: str,
    session_date: str | None,
    participants: tuple[str, ...],
    info: str | None,
    message_id: str | None,
    to: str | None,
    no_reply: bool,
) -> None:
    """Change MUNICIPALITY's stored registration by hand (session, delegation or both)."""
    _register(ctx, municipality, session_date, participants, info, message_id, to, no_reply, must_exist=True)


def _register(
    ctx: click.Context,
    municipality: str,
    session_date: str | None,
    participants: tuple[str, ...],
    info: str | None,
    message_id: str | None,
    to: str | None,
    no_reply: bool,
    *,
    must_exist: bool,
) -> None:
    import datetime as dt

    from mailbot import manual
    from mailbot.core.understand.parties import PartyLexicon

    with plain_errors():
        app = _app(ctx)
        try:
            lexicon = PartyLexicon(app.event.parties)
            people = tuple(manual.parse_person(p, lexicon) for p in participants)
            attendee = manual.parse_person(info, lexicon) if info else None
            day = dt.date.fromisoformat(session_date) if session_date else None
            if must_exist:
                from mailbot.store import db, repo

                with db.transaction(app.factory) as session:
                    stored = repo.stored_state(session, app.event_pk, municipality, "", dt.datetime.now(dt.UTC))
                if stored.registration is None:
                    raise manual.ManualError(f"{municipality} has no registration to change; use `mailbot register`")
            decision = manual.register(
                app,
                municipality,
                session_date=day,
                participants=people,
                info_attendee=attendee,
                message_id=message_id,
                to=to,
                send_reply=not no_reply,
            )
        except ValueError as error:
            raise Failure(f"--session: {error}", EXIT_CONFIG) from None
        except manual.ManualError as error:
            raise Failure(str(error), EXIT_CONFIG) from None
    click.echo(f"{municipality}: {decision.kind.value} recorded" + ("" if no_reply else "; reply queued and sent"))


@main.command()
@click.argument("municipality")
@click.option("--info-meeting", is_flag=True, help="Cancel the information-meeting registration instead.")
@_manual_reply_options
@click.pass_context
def cancel(
    ctx: click.Context, municipality: str, info_meeting: bool, message_id: str | None, to: str | None, no_reply: bool
) -> None:
    """Cancel MUNICIPALITY's registration by hand."""
    from mailbot import manual

    with plain_errors():
        try:
            manual.cancel(
                _app(ctx),
                municipality,
                info_meeting=info_meeting,
                message_id=message_id,
                to=to,
                send_reply=not no_reply,
            )
        except manual.ManualError as error:
            raise Failure(str(error), EXIT_CONFIG) from None
    click.echo(f"{municipality}: cancelled")


@main.command("close")
@click.argument("message_id")
@click.option("--note", default="", help="Why it is settled (kept with the message).")
@click.pass_context
def close_command(ctx: click.Context, message_id: str, note: str) -> None:
    """Mark a reviewed message as settled (it leaves the review list and the digest)."""
    from mailbot import manual

    with plain_errors():
        try:
            manual.close(_app(ctx), message_id, note=note)
        except manual.ManualError as error:
            raise Failure(str(error), EXIT_CONFIG) from None
    click.echo(f"{message_id}: settled")


@main.command()
@click.pass_context
def status(ctx: click.Context) -> None:
    """Sessions, registrations, information meeting, review queue and outbox."""
    from rich.console import Console

    from mailbot import status as status_module

    with plain_errors():
        status_module.show(_app(ctx), Console(width=max(100, Console().width)))


@main.command("digest")
@click.option("--print", "print_", is_flag=True, help="Print the digest as text.")
@click.option("--send", is_flag=True, help="Send it to the coordinator now (even if today's was sent).")
@click.option("--html", "html_file", type=click.Path(dir_okay=False, writable=True), help="Write the HTML here.")
@click.option("--xlsx", "xlsx_file", type=click.Path(dir_okay=False, writable=True), help="Write the spreadsheet here.")
@click.option(
    "--now", "now_text", default=None, help="The digest's sense of now (ISO-8601), e.g. 2016-08-20T07:00+02:00."
)
@click.pass_context
def digest_command(
    ctx: click.Context, print_: bool, send: bool, html_file: str | None, xlsx_file: str | None, now_text: str | None
) -> None:
    """The coordinator's daily digest, by hand."""
    import datetime as dt

    from mailbot import digest as digest_module

    with plain_errors():
        app = _app(ctx)
        now = _parse_now(now_text, app.event.timezone)
        built = digest_module.build(app, now or dt.datetime.now(dt.UTC))
        if print_ or not (send or html_file or xlsx_file):
            click.echo(built.text, nl=False)
        if html_file:
            Path(html_file).write_text(built.html, encoding="utf-8")
            click.echo(f"HTML written to {html_file}", err=True)
        if xlsx_file:
            Path(xlsx_file).write_bytes(built.xlsx)
            click.echo(f"spreadsheet written to {xlsx_file}", err=True)
        if send:
            digest_module.send(app, now or app.clock(), force=True)
            click.echo(f"digest sent to {app.event.coordinator.address}", err=True)


def _parse_now(text: str | None, timezone: str) -> Any:
    """--now as an aware time; without an offset it is local time of the event."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    if text is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise Failure(f"--now {text!r} is not an ISO-8601 time such as 2016-08-20T07:00+02:00", EXIT_CONFIG) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=ZoneInfo(timezone))


@main.command()
@click.option("--now", "now_text", default=None, help="The sense of now (ISO-8601), e.g. 2016-08-29T07:00.")
@click.pass_context
def daily(ctx: click.Context, now_text: str | None) -> None:
    """The day's jobs without a running worker (for cron): digest, reminders, material, retention."""
    from mailbot import scheduler

    with plain_errors():
        app = _app(ctx)
        scheduler.daily_jobs(app, _parse_now(now_text, app.event.timezone) or app.clock())
    click.echo("daily jobs done")


@main.group("material")
def material_group() -> None:
    """Background material for the delegations of a session."""


@material_group.command("send")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--session", "session_date", default=None, help="Only this session (e.g. 2016-09-02).")
@click.option("--now", "now_text", default=None, help="The sense of now for the lead time (ISO-8601).")
@click.option("--dry-run", is_flag=True, help="Show who would get it; send and store nothing.")
@click.pass_context
def material_send(
    ctx: click.Context, files: tuple[Path, ...], session_date: str | None, now_text: str | None, dry_run: bool
) -> None:
    """Send FILES to every confirmed delegation of the sessions within the lead time (once each, ever)."""
    import datetime as dt

    from mailbot import material, outbox

    with plain_errors():
        app = _app(ctx)
        now = _parse_now(now_text, app.event.timezone) or app.clock()
        only = None
        if session_date:
            try:
                only = dt.date.fromisoformat(session_date)
            except ValueError:
                raise Failure(f"--session {session_date!r} is not a date such as 2016-09-02", EXIT_CONFIG) from None
            if app.event.session_on(only) is None:
                raise Failure(f"{only} is not a session of {app.event.title}", EXIT_CONFIG)
        due = material.sessions_due(app, now, only)
        if not due:
            raise Failure(
                f"no session starts within {app.settings.material.lead_days} days of {now:%Y-%m-%d}; "
                "use --session DATE",
                EXIT_CONFIG,
            )
        report = material.send(app, now, only=only, dry_run=dry_run, files=files)
        if not dry_run:
            outbox.deliver(app)
    for municipality, day, address in report.queued:
        click.echo(f"{day} {municipality}: {'would send' if dry_run else 'sent'} to {address}")
    click.echo(
        f"{len(report.queued)} delegation(s) for {', '.join(str(d) for d in report.sessions)}"
        + (" (dry run: nothing sent or stored)" if dry_run else "")
    )


@main.group()
def templates() -> None:
    """The texts mailbot sends (templates/)."""


@templates.command("preview")
@click.argument("name", required=False)
@click.option(
    "--html",
    "html_file",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Also write the HTML version to this file, to open in a browser.",
)
@click.pass_context
def templates_preview(ctx: click.Context, name: str | None, html_file: str | None) -> None:
    """Print template NAME (e.g. reply/confirmation) rendered with sample data; without NAME, list them."""
    from mailbot.app import templates_folder
    from mailbot.preview import sample_context
    from mailbot.render import Renderer

    loaded = _settings(ctx)
    renderer = Renderer(templates_folder(loaded))
    if not name:
        for known in renderer.names():
            click.echo(known)
        return
    with plain_errors():
        text, html = renderer.render(name, sample_context(name, loaded.to_event()))
    click.echo(text, nl=False)
    if html_file:
        Path(html_file).write_text(html, encoding="utf-8")
        click.echo(f"(HTML written to {html_file})", err=True)


@main.command("check-config")
@click.option("--connect", is_flag=True, help="Also log in to the IMAP and SMTP servers and report each.")
@click.pass_context
def check_config(ctx: click.Context, connect: bool) -> None:
    """Validate the configuration and the templates (and, with --connect, the servers)."""
    from mailbot.app import templates_folder
    from mailbot.render import Renderer

    loaded = _settings(ctx)
    event = loaded.to_event()
    with plain_errors():
        renderer = Renderer(templates_folder(loaded))
        missing = [
            f"{name}.{ext}"
            for name in (
                "reply/confirmation",
                "reply/change",
                "reply/cancellation",
                "reply/info_meeting",
                "reply/rejection",
                "reply/review",
            )
            for ext in ("txt", "html")
            if not (renderer.folder / f"{name}.{ext}").exists()
        ]
    if missing:
        raise Failure(f"templates missing in {renderer.folder}: {', '.join(missing)}", EXIT_CONFIG)
    click.echo(f"{loaded.source}: ok")
    click.echo(f"  event: {event.title} ({len(event.sessions)} sessions, deadline {event.deadline})")
    click.echo(f"  municipalities: {len(event.municipalities)}; parties: {', '.join(p.code for p in event.parties)}")
    click.echo(
        f"  mailbox: {loaded.mailbox.user} at {loaded.mailbox.host}:{loaded.mailbox.port} "
        f"({loaded.mailbox.security}), folder {loaded.mailbox.folder}"
    )
    click.echo(f"  smtp: {loaded.smtp.host}:{loaded.smtp.port} ({loaded.smtp.security})")
    click.echo(f"  database: {_safe_url(loaded.database.url)}")
    click.echo(f"  templates: {renderer.folder}")
    if connect and not _check_servers(loaded):
        raise Failure("a server could not be used (see above)", EXIT_SERVER)


def _check_servers(loaded: Settings) -> bool:
    from mailbot.imap import Mailbox
    from mailbot.smtp import Sender

    ok = True
    try:
        with Mailbox(loaded.mailbox) as mailbox:
            state = mailbox.state
            assert state is not None
            idle = "IDLE" if mailbox.has_idle() else "no IDLE (polling)"
            keywords = (
                "keeps keywords" if state.keeps_keywords else "keeps no keywords (the database records decisions)"
            )
            count = len(mailbox.candidate_uids())
        click.echo(f"IMAP ok: logged in, folder {state.folder} ({count} messages not yet marked), {idle}, {keywords}")
    except MailboxError as error:
        click.echo(f"IMAP FAILED: {error}")
        ok = False
    try:
        sender = Sender(loaded.smtp)
        sender.connect()
        sender.close()
        login = f"logged in as {loaded.smtp.user}" if loaded.smtp.user else "no login configured"
        click.echo(f"SMTP ok: connected to {loaded.smtp.host}:{loaded.smtp.port} ({loaded.smtp.security}), {login}")
    except SendError as error:
        click.echo(f"SMTP FAILED: {error}")
        ok = False
    return ok


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparseable URL is reported by the commands that use it
        return "(invalid url)"


@main.command()
@click.option("--before", "before", required=True, help="Erase events whose last session was before this date.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def purge(ctx: click.Context, before: str, yes: bool) -> None:
    """Erase raw messages and personal data (names, parties, addresses) of a finished event; keep the counts."""
    import datetime as dt

    from mailbot.store import db as database
    from mailbot.store.purge import purge_event

    try:
        cutoff = dt.date.fromisoformat(before)
    except ValueError:
        raise Failure(f"--before {before!r} is not a date such as 2016-12-31", EXIT_CONFIG) from None
    with plain_errors():
        app = _app(ctx)
        last = max(s.date for s in app.event.sessions)
        if last >= cutoff:
            raise Failure(f"{app.event.title} lasts until {last}; it is not finished before {cutoff}", EXIT_CONFIG)
        if not yes:
            click.confirm(f"Erase the personal data of {app.event.title!r} (last session {last})?", abort=True)
        with database.transaction(app.factory) as session:
            report = purge_event(session, app.event_pk)
    click.echo(
        f"erased: {report.messages} messages, {report.people} participants' names and parties, "
        f"{report.mails} sent mails; the counts remain"
    )


@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
@click.pass_context
def db_upgrade(ctx: click.Context) -> None:
    """Bring the database schema to this version of mailbot (back it up first)."""
    from mailbot.store import db as database

    loaded = _settings(ctx)
    with plain_errors():
        engine = database.connect(loaded.database.url)
        before = database.current_revision(engine)
        database.upgrade(engine)
        after = database.current_revision(engine)
    click.echo(f"database schema: {before or 'empty'} -> {after}")


@main.command("eval")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--min-outcome",
    type=float,
    default=1.0,
    show_default=True,
    help="Lowest acceptable outcome accuracy.",
)
@click.option(
    "--min-all",
    type=float,
    default=0.0,
    show_default=True,
    help="Lowest share of messages right in every field.",
)
@click.option("--max-wrong-confirmed", type=int, default=0, show_default=True)
@click.option("--require-final-state/--no-require-final-state", default=True, show_default=True)
@click.option("--quiet", is_flag=True, help="Only the scores and the messages that are wrong.")
@click.pass_context
def eval_command(
    ctx: click.Context,
    directory: Path,
    min_outcome: float,
    min_all: float,
    max_wrong_confirmed: int,
    require_final_state: bool,
    quiet: bool,
) -> None:
    """Decide a labelled corpus offline (FORMAT.md) and compare with its truth."""
    from mailbot.evaluate import FIELDS, evaluate

    loaded = _settings(ctx)
    report = evaluate(directory, loaded.to_event())
    for result in report.results:
        if quiet and result.right:
            continue
        status = "ok " if result.right else "BAD"
        click.echo(
            f"{status} {result.file:<10} {result.expected.get('outcome', ''):<13} {result.got['outcome']:<13} "
            f"{result.got['kind']:<26} {result.got['municipality'] or '-':<15} {','.join(result.got['violations'])}"
        )
        for name in result.wrong_fields:
            click.echo(f"      {name}: expected {result.expected.get(name)!r}, got {result.got.get(name)!r}")
    scores = {name: report.score(name) for name in (*FIELDS, "all")}
    click.echo("scores: " + ", ".join(f"{k} {v:.3f}" for k, v in scores.items()))
    click.echo(
        f"messages: {len(report.results)}; "
        f"wrongly confirmed: {len(report.wrongly_confirmed)} {report.wrongly_confirmed}"
    )
    if report.final_state_matches is not None:
        click.echo(f"final state: {'matches' if report.final_state_matches else 'DIFFERS'}")
        for line in report.final_state_diff:
            click.echo(f"  {line}")
    failed = (
        scores["outcome"] < min_outcome
        or scores["all"] < min_all
        or len(report.wrongly_confirmed) > max_wrong_confirmed
        or (require_final_state and report.final_state_matches is False)
    )
    if failed:
        raise Failure("the corpus is not decided well enough (see above)", 1)


if __name__ == "__main__":  # pragma: no cover
    main()
