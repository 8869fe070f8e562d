"""Digest build time: ``mailbot.digest.build`` (text, HTML, .xlsx, CSV) over 10,000 registrations.

A synthetic event (a copy of config/mailbot.toml with 40 sessions and as many invented
municipalities as needed) and a fresh SQLite database, filled through mailbot's own store
(``repo.record``: message with its raw bytes (a generated reply of ordinary size, no
attachment), decision, registration, participants, audit; 500 messages per transaction).
Besides one registration per municipality there are changes (5 %), information-meeting
registrations (10 %), questions waiting for review (3 %) and cancellations (1 %). The
digest is built as the first one of the event (no earlier digest), so its list of changes
holds every change, the heaviest case.

Two shapes of "10,000 registrations" are measured: 10,000 municipalities with 3
participants each (30,000 people; the main figure), and 3,334 municipalities with 3 each
(≈10,000 people).
"""

from __future__ import annotations

import datetime as dt
import random
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from benchmarks._common import CONFIG, TEMPLATES, print_table, progress, temp_dir
from benchmarks.corpus import FIRST_NAMES, LAST_NAMES, PARTIES, _ascii, generate

SESSIONS = 40
RUNS = 5
TARGET_SECONDS = 1.0
DEFAULT_SHAPES = ((10_000, 3), (3_334, 3))
QUICK_SHAPES = ((1_000, 3),)
STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = dt.datetime(2016, 8, 27, 7, 0, tzinfo=STOCKHOLM)
FIRST = dt.datetime(2016, 7, 11, 8, 0, tzinfo=STOCKHOLM)
LAST = dt.datetime(2016, 8, 26, 18, 0, tzinfo=STOCKHOLM)

_PREFIXES = [
    "Norr",
    "Söder",
    "Väster",
    "Öster",
    "Ek",
    "Björk",
    "Lind",
    "Sjö",
    "Berg",
    "Strand",
    "Holm",
    "Mal",
    "Grän",
    "Hög",
    "Lång",
    "Stor",
    "Lill",
    "Kung",
    "Dal",
    "Sand",
    "Sten",
    "Hav",
    "Skog",
    "Äng",
    "Ljung",
    "Al",
    "Rosen",
    "Fager",
    "Vall",
    "Bro",
    "Kvarn",
    "Tall",
    "Gran",
    "Hassel",
    "Asp",
    "Vik",
    "Mo",
    "Ny",
    "Gam",
    "Ås",
]
_SUFFIXES = [
    "by",
    "köping",
    "torp",
    "hamn",
    "vik",
    "berg",
    "sund",
    "ö",
    "dal",
    "holm",
    "tuna",
    "stad",
    "fors",
    "näs",
    "åker",
    "inge",
    "lunda",
    "sta",
    "vall",
    "ryd",
    "boda",
    "mark",
    "bro",
    "hult",
    "tälje",
    "ås",
    "landa",
    "sjö",
]
_QUALIFIERS = ("", "Norra ", "Södra ", "Västra ", "Östra ", "Övre ", "Nedre ", "Stora ", "Lilla ", "Gamla ")


def invented_municipalities(count: int) -> list[tuple[str, str]]:
    """``count`` unique (name, mail domain) pairs such as ("Norra Ekby", "norra-ekby.se")."""
    names = [f"{q}{p}{s}" for q in _QUALIFIERS for p in _PREFIXES for s in _SUFFIXES]
    if count > len(names):
        names += [f"Kommun {n}" for n in range(count - len(names))]
    random.Random(7).shuffle(names)
    return [(name, _ascii(name).replace(".", "-") + ".se") for name in names[:count]]


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_config(folder: Path, towns: list[tuple[str, str]]) -> Path:
    """config/mailbot.toml with SESSIONS sessions and the invented municipalities."""
    text = CONFIG.read_text(encoding="utf-8")
    sessions = []
    for n in range(SESSIONS):
        day = dt.date(2016, 9, 1) + dt.timedelta(days=n)
        start, end = ("09:30", "11:30") if n % 2 else ("14:00", "16:00")
        sessions.append(
            f'[[event.sessions]]\ndate = {day.isoformat()}\nstart = "{start}"\nend = "{end}"\n'
            f'room = "Sal {n % 7 + 1}, Landstingshuset"\naddress = "Hantverkargatan 45, Stockholm"\ncapacity = 2000\n'
        )
    municipalities = "[event.municipalities]\n" + "".join(
        f"{_toml_string(n)} = [{_toml_string(d)}]\n" for n, d in towns
    )
    text, found_sessions = re.subn(
        r"\[\[event\.sessions\]\].*?(?=\[event\.info_meeting\])", "\n".join(sessions) + "\n", text, count=1, flags=re.S
    )
    text, found_towns = re.subn(
        r"\[event\.municipalities\]\n.*?(?=\n# Where reminders go|\n\[event\.contacts\])",
        municipalities,
        text,
        count=1,
        flags=re.S,
    )
    if not (found_sessions and found_towns):
        raise RuntimeError("config/mailbot.toml changed shape; update benchmarks/digest.py write_config")
    text = text.replace('templates = "../templates"', f'templates = "{TEMPLATES}"')
    path = folder / "mailbot.toml"
    path.write_text(text, encoding="utf-8")
    return path


@dataclass(frozen=True)
class Filled:
    messages: int
    registrations: int
    participants: int
    seconds: float


def fill(app: Any, towns: list[tuple[str, str]], per_town: int, *, seed: int = 1) -> Filled:
    """Decided messages for every municipality through repo.record, 500 per transaction."""
    from mailbot.core.model import Decision, Kind, Outcome, Participant
    from mailbot.store import db, repo

    rng = random.Random(seed)
    sessions = [s.date for s in app.event.sessions]
    codes = list(PARTIES)
    span = (LAST - FIRST).total_seconds()

    def people() -> tuple[Participant, ...]:
        chosen = rng.sample(codes, per_town)
        return tuple(Participant(f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", code) for code in chosen)

    planned: list[tuple[dt.datetime, str, str, Decision]] = []
    for name, domain in towns:
        when = FIRST + dt.timedelta(seconds=rng.random() * span * 0.8)
        registration = Decision(
            Kind.REGISTRATION,
            Outcome.CONFIRMED,
            name,
            session=rng.choice(sessions),
            participants=people(),
            store_registration=True,
        )
        planned.append((when, name, domain, registration))
        later = when + dt.timedelta(seconds=rng.random() * span * 0.2)
        roll = rng.random()
        if roll < 0.05:
            change = Decision(
                Kind.CHANGE,
                Outcome.CONFIRMED,
                name,
                session=rng.choice(sessions),
                participants=people(),
                store_registration=True,
            )
            planned.append((later, name, domain, change))
        elif roll < 0.08:
            question = Decision(Kind.QUESTION, Outcome.NEEDS_REVIEW, name, reasons=("meddelandet innehåller en fråga",))
            planned.append((later, name, domain, question))
        elif roll < 0.09:
            planned.append(
                (later, name, domain, Decision(Kind.CANCELLATION, Outcome.CONFIRMED, name, cancel_registration=True))
            )
        if rng.random() < 0.10:
            chair = Participant(f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", rng.choice(codes))
            info = Decision(Kind.INFO_MEETING, Outcome.CONFIRMED, name, info_attendee=chair, store_info_attendee=True)
            planned.append((when + dt.timedelta(minutes=5), name, domain, info))
    planned.sort(key=lambda item: item[0])

    began = time.perf_counter()
    for start in range(0, len(planned), 500):
        with db.transaction(app.factory) as session:
            for number, (when, name, domain, decision) in enumerate(planned[start : start + 500], start=start):
                sender = f"registrator@{domain}"
                raw = generate(number, len(planned), seed=seed, attachment_share=0).raw  # a plausible size
                arrival = repo.Arrival(
                    message_id=f"<digest-{number}@{domain}>",
                    folder="INBOX",
                    uidvalidity=1,
                    uid=number + 1,
                    internaldate=when,
                    size=len(raw),
                    raw=raw,
                    sender=sender,
                    subject=f"Anmälan {name}",
                )
                words = f"{name} anmäler sig. Går det bra att byta datum senare?"
                repo.record(
                    session, event=app.event_pk, arrival=arrival, decision=decision, own_words=words, reply=None
                )
    seconds = time.perf_counter() - began
    with db.transaction(app.factory) as session:
        rows = repo.registrations(session, app.event_pk)
        participants = sum(len(r.participants) for r in rows)
        registrations = len(rows)
    return Filled(len(planned), registrations, participants, seconds)


def measure_shape(towns_count: int, per_town: int, runs: int = RUNS) -> dict[str, Any]:
    from mailbot import digest, settings, spreadsheet
    from mailbot.app import build
    from mailbot.core.digest import digest_context
    from mailbot.store import db

    with temp_dir("mbbench-dig-") as tmp:
        towns = invented_municipalities(towns_count)
        config = write_config(tmp, towns)
        database = tmp / "digest.db"
        loaded = settings.load(config, environ={"MAILBOT_DATABASE_URL": f"sqlite:///{database}"})
        app = build(loaded)
        try:
            progress(f"digest: filling {towns_count:,} municipalities x {per_town} participants through repo.record")
            filled = fill(app, towns, per_town)
            progress(f"digest: building the digest {runs} times")
            times = []
            built = None
            for _ in range(runs):
                began = time.perf_counter()
                built = digest.build(app, NOW)
                times.append(time.perf_counter() - began)
            assert built is not None
            # Where the time goes: the same steps as digest.build, one by one.
            parts: dict[str, float] = {}
            began = time.perf_counter()
            with db.transaction(app.factory) as session:
                data = digest.gather(session, app, since=None, now=NOW)
            parts["gather (database)"] = time.perf_counter() - began
            began = time.perf_counter()
            context = digest_context(data, app.event, today=NOW.date())
            parts["digest_context"] = time.perf_counter() - began
            began = time.perf_counter()
            app.renderer.render("digest/daily", context)
            parts["render text+html"] = time.perf_counter() - began
            began = time.perf_counter()
            spreadsheet.participants_xlsx(context)
            parts["xlsx"] = time.perf_counter() - began
            began = time.perf_counter()
            spreadsheet.participants_csv(context)
            parts["csv"] = time.perf_counter() - began
        finally:
            app.engine.dispose()
    return {
        "municipalities": towns_count,
        "participants_per_registration": per_town,
        "sessions": SESSIONS,
        "messages_recorded": filled.messages,
        "active_registrations": filled.registrations,
        "participant_rows": filled.participants,
        "fill_seconds": round(filled.seconds, 2),
        "runs_s": [round(t, 4) for t in times],
        "min_s": round(min(times), 4),
        "median_s": round(statistics.median(times), 4),
        "breakdown_s": {k: round(v, 4) for k, v in parts.items()},
        "text_chars": len(built.text),
        "html_chars": len(built.html),
        "xlsx_bytes": len(built.xlsx),
        "csv_bytes": len(built.csv),
        "changes_listed": len(built.context["changes"]),
        "review_listed": len(built.context["review"]),
    }


def run(shapes: tuple[tuple[int, int], ...] = DEFAULT_SHAPES) -> dict[str, Any]:
    measured = [measure_shape(towns, per_town) for towns, per_town in shapes]
    main = measured[0]
    result: dict[str, Any] = {
        "choice": (
            f"main figure: {main['municipalities']:,} municipalities, one registration each with "
            f"{main['participants_per_registration']} participants; first digest of the event (all changes listed)"
        ),
        "shapes": measured,
        "targets": {
            f"median < {TARGET_SECONDS:.0f} s ({m['municipalities']:,} x {m['participants_per_registration']})": m[
                "median_s"
            ]
            < TARGET_SECONDS
            for m in measured
        },
    }
    for m in measured:
        print_table(
            f"Digest build: {m['active_registrations']:,} active registrations of "
            f"{m['municipalities']:,} municipalities, {m['participant_rows']:,} participants, {SESSIONS} sessions",
            [
                ("messages recorded (fill)", f"{m['messages_recorded']:,} in {m['fill_seconds']} s"),
                (f"digest.build x{len(m['runs_s'])}: min s", m["min_s"]),
                ("digest.build: median s", m["median_s"]),
                *((f"  {name} s", value) for name, value in m["breakdown_s"].items()),
                ("text / html chars", f"{m['text_chars']:,} / {m['html_chars']:,}"),
                ("xlsx / csv bytes", f"{m['xlsx_bytes']:,} / {m['csv_bytes']:,}"),
                ("changes / review items listed", f"{m['changes_listed']:,} / {m['review_listed']:,}"),
            ],
        )
    return result


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    run(((count, 3),))
