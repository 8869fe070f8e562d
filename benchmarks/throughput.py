"""Backlog throughput: `mailbot run --once` over N waiting replies, against the floor.

The mailbox is filled with N generated registration replies (``benchmarks.corpus``), then
``python -m benchmarks.floor`` (the unavoidable work only) runs over it; the mailbox is
emptied and filled again with the same messages, and ``mailbot run --once`` runs over it
with a fresh SQLite database. Each is timed from process start to exit (mailbot delivers
its outbox before it exits, so every reply is at the SMTP sink by then; the time of the
last reply is reported too). Peak RSS is each process's own (``wait4``).
"""

from __future__ import annotations

import importlib.util
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks._common import (
    Exit,
    PipelinedAppender,
    PrivateDovecot,
    SmtpSink,
    child,
    mailbot_command,
    mailbot_env,
    outgoing_kinds,
    print_table,
    progress,
    servers,
    temp_dir,
)
from benchmarks.corpus import Spool

DEFAULT_MESSAGES = 5000
DEFAULT_SEED = 20160711
TARGET_RATIO = 0.7
SAMPLE_APPENDS = 100
DIGEST_NOW = "2016-08-27T07:00+02:00"

_SUMMARY = re.compile(r"decided (\d+) message\(s\) \(([^)]*)\); replies sent (\d+), waiting (\d+), failed (\d+)")


@dataclass(frozen=True)
class Measured:
    exit: Exit
    replies: int
    other_outgoing: dict[str, int]
    last_reply_seconds: float | None
    log_tail: str


def load(dovecot: PrivateDovecot, spool: Spool) -> float:
    """Empty INBOX and APPEND every spooled message on one pipelined connection; seconds taken."""
    dovecot.reset()
    started = time.perf_counter()
    with PipelinedAppender(dovecot) as appender:
        for raw, internaldate in spool:
            appender.append(raw, internaldate)
    return time.perf_counter() - started


def sample_append_rate(dovecot: PrivateDovecot, spool: Spool, count: int) -> float:
    """Messages/s of ``PrivateDovecot.append`` (one connection and login per message)."""
    dovecot.reset()
    started = time.perf_counter()
    done = 0
    for raw, internaldate in spool:
        if done == count:
            break
        dovecot.append(raw, internaldate)
        done += 1
    return done / (time.perf_counter() - started)


def measure(command: list[str], *, env: dict[str, str], log: Path, sink: SmtpSink, timeout: float) -> Measured:
    sink.clear()
    with child(command, env=env, log=log) as process:
        finished = process.wait(timeout=timeout)
        received = sink.messages
        last = max((m.received_at for m in received), default=None)
        kinds = outgoing_kinds(received)
        return Measured(
            exit=finished,
            replies=kinds.pop("reply", 0),
            other_outgoing=kinds,
            last_reply_seconds=(last - process.started_at).total_seconds() if last else None,
            log_tail=process.tail(),
        )


def outcomes(log_text: str) -> dict[str, int]:
    match = _SUMMARY.search(log_text)
    if not match:
        return {}
    counted: dict[str, int] = {}
    for part in match.group(2).split(", "):
        number, _, name = part.partition(" ")
        if number.isdigit():
            counted[name] = int(number)
    return counted


def _side(measured: Measured, messages: int) -> dict[str, Any]:
    seconds = measured.exit.seconds
    return {
        "exit_code": measured.exit.code,
        "seconds": round(seconds, 3),
        "messages_per_s": round(messages / seconds, 2) if seconds else None,
        "replies": measured.replies,
        "other_outgoing": measured.other_outgoing,
        "last_reply_after_s": round(measured.last_reply_seconds, 3) if measured.last_reply_seconds else None,
        "peak_rss_mb": round(measured.exit.max_rss_mb, 1),
        "cpu_user_s": round(measured.exit.user_seconds, 2),
        "cpu_system_s": round(measured.exit.system_seconds, 2),
    }


def run(
    messages: int = DEFAULT_MESSAGES,
    *,
    seed: int = DEFAULT_SEED,
    attachment_share: float = 0.05,
    profile: Path | None = None,
) -> dict[str, Any]:
    timeout = 120 + messages * 0.5
    with temp_dir("mbbench-tp-") as tmp, servers() as (dovecot, sink):
        progress(f"throughput: generating {messages} messages")
        began = time.perf_counter()
        spool = Spool(tmp / "spool", messages, seed=seed, attachment_share=attachment_share)
        generated = time.perf_counter() - began

        progress("throughput: APPEND rate, one login per message (PrivateDovecot.append) on a sample")
        per_login_rate = sample_append_rate(dovecot, spool, min(SAMPLE_APPENDS, messages))

        # Fixed costs (interpreter, imports, schema): both programs over an empty mailbox.
        dovecot.reset()
        empty_env = mailbot_env(dovecot, sink, tmp / "empty.db")
        mailbot_empty = measure(
            mailbot_command("run", "--once"), env=empty_env, log=tmp / "empty.log", sink=sink, timeout=60
        )
        floor_empty = measure(
            [sys.executable, "-m", "benchmarks.floor"],
            env=empty_env,
            log=tmp / "floor-empty.log",
            sink=sink,
            timeout=60,
        )

        progress(f"throughput: loading the mailbox for the floor ({spool.total_bytes / 2**20:.0f} MB)")
        append_seconds = load(dovecot, spool)
        progress("throughput: floor (python -m benchmarks.floor)")
        env = mailbot_env(dovecot, sink, tmp / "mailbot.db")
        floor = measure(
            [sys.executable, "-m", "benchmarks.floor"], env=env, log=tmp / "floor.log", sink=sink, timeout=timeout
        )
        if floor.exit.code != 0:
            progress(f"floor exited {floor.exit.code}:\n{floor.log_tail}")

        progress("throughput: reloading the mailbox for mailbot")
        load(dovecot, spool)
        progress("throughput: mailbot run --once")
        log = tmp / "mailbot.log"
        mailbot = measure(mailbot_command("run", "--once"), env=env, log=log, sink=sink, timeout=timeout)
        decided = outcomes(log.read_text(encoding="utf-8", errors="replace"))
        if mailbot.exit.code != 0:
            progress(f"mailbot exited {mailbot.exit.code}:\n{mailbot.log_tail}")
        warnings = _warnings(log)

        # What the coordinator's commands cost on the database this backlog left behind.
        progress("throughput: mailbot status and mailbot digest on the backlog's database")
        after = {
            "status": measure(mailbot_command("status"), env=env, log=tmp / "status.log", sink=sink, timeout=timeout),
            "digest": measure(
                mailbot_command("digest", "--now", DIGEST_NOW, "--xlsx", str(tmp / "digest.xlsx")),
                env=env,
                log=tmp / "digest.log",
                sink=sink,
                timeout=timeout,
            ),
        }
        database_mb = (tmp / "mailbot.db").stat().st_size / 2**20

        profile_note = None
        if profile is not None:
            profile_note = _profile(dovecot, sink, spool, tmp, profile, timeout)

    expected = sum(decided.values()) - decided.get("ignored", 0) if decided else messages
    mailbot_side = _side(mailbot, messages) | {
        "outcomes": decided,
        "expected_replies": expected,
        "empty_mailbox_seconds": round(mailbot_empty.exit.seconds, 3),
        "log_warnings": warnings,
    }
    floor_side = _side(floor, messages) | {"empty_mailbox_seconds": round(floor_empty.exit.seconds, 3)}
    ratio = (
        mailbot_side["messages_per_s"] / floor_side["messages_per_s"]
        if mailbot_side["messages_per_s"] and floor_side["messages_per_s"]
        else None
    )
    result: dict[str, Any] = {
        "messages": messages,
        "seed": seed,
        "attachments_2mb": spool.attachments,
        "mailbox_mb": round(spool.total_bytes / 2**20, 1),
        "generate_seconds": round(generated, 2),
        "append": {
            "one_login_per_message_msgs_per_s": round(per_login_rate, 1),
            "pipelined_msgs_per_s": round(messages / append_seconds, 1),
            "pipelined_seconds": round(append_seconds, 2),
        },
        "mailbot": mailbot_side,
        "floor": floor_side,
        "ratio": round(ratio, 3) if ratio is not None else None,
        "database_mb": round(database_mb, 1),
        "after_backlog": {
            name: {
                "exit_code": m.exit.code,
                "seconds": round(m.exit.seconds, 2),
                "peak_rss_mb": round(m.exit.max_rss_mb, 1),
            }
            for name, m in after.items()
        },
        "targets": {
            f"mailbot >= {TARGET_RATIO}x floor": ratio is not None and ratio >= TARGET_RATIO,
            "every expected reply sent": mailbot.replies == expected and mailbot.exit.code == 0,
        },
    }
    if profile_note:
        result["profile"] = profile_note
    _print(result)
    return result


def _warnings(log: Path) -> dict[str, int]:
    counted: dict[str, int] = {}
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        for level in (" WARNING ", " ERROR ", "Traceback"):
            if level in line:
                counted[level.strip()] = counted.get(level.strip(), 0) + 1
    return counted


def _profile(dovecot: PrivateDovecot, sink: SmtpSink, spool: Spool, tmp: Path, out: Path, timeout: float) -> str:
    """One more mailbot run, under pyinstrument (not timed: the profiler slows it down)."""
    progress(f"throughput: profiling mailbot run --once with pyinstrument -> {out}")
    load(dovecot, spool)
    env = mailbot_env(dovecot, sink, tmp / "profiled.db")
    # pyinstrument is not a dependency; without it (or for a .pstats file) the stdlib's cProfile.
    pyinstrument = importlib.util.find_spec("pyinstrument") is not None and not str(out).endswith(".pstats")
    command = (
        [sys.executable, "-m", "pyinstrument", "-r", "text", "-o", str(out), "-m", "mailbot"]
        if pyinstrument
        else [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "mailbot"]
    )
    measured = measure([*command, "run", "--once"], env=env, log=tmp / "profiled.log", sink=sink, timeout=timeout * 3)
    kind = "pyinstrument text report" if pyinstrument else "cProfile statistics (python -m pstats)"
    return f"{kind} in {out} (exit {measured.exit.code}, {measured.exit.seconds:.1f} s profiled)"


def _print(result: dict[str, Any]) -> None:
    mailbot, floor, append = result["mailbot"], result["floor"], result["append"]
    print_table(
        f"Backlog throughput: {result['messages']:,} messages ({result['attachments_2mb']} with 2 MB attachment, "
        f"{result['mailbox_mb']} MB)",
        [
            ("mailbot run --once: seconds", mailbot["seconds"]),
            ("mailbot: messages/s", mailbot["messages_per_s"]),
            ("mailbot: replies / expected", f"{mailbot['replies']} / {mailbot['expected_replies']}"),
            ("mailbot: other mail sent", ", ".join(f"{v} {k}" for k, v in mailbot["other_outgoing"].items()) or "none"),
            ("mailbot: outcomes", ", ".join(f"{v} {k}" for k, v in sorted(mailbot["outcomes"].items())) or "?"),
            ("mailbot: peak RSS MB", mailbot["peak_rss_mb"]),
            ("mailbot: CPU user / system s", f"{mailbot['cpu_user_s']} / {mailbot['cpu_system_s']}"),
            ("mailbot: empty mailbox s", mailbot["empty_mailbox_seconds"]),
            ("mailbot: log warnings/errors", mailbot["log_warnings"] or "none"),
            ("floor: seconds", floor["seconds"]),
            ("floor: messages/s", floor["messages_per_s"]),
            ("floor: replies", floor["replies"]),
            ("floor: peak RSS MB", floor["peak_rss_mb"]),
            ("floor: empty mailbox s", floor["empty_mailbox_seconds"]),
            ("ratio mailbot / floor", result["ratio"]),
            ("database after the run MB", result["database_mb"]),
            *(
                (
                    f"then `mailbot {name}`: s / peak RSS MB",
                    f"{m['seconds']} / {m['peak_rss_mb']} (exit {m['exit_code']})",
                )
                for name, m in result["after_backlog"].items()
            ),
            ("APPEND one login each: msg/s", append["one_login_per_message_msgs_per_s"]),
            ("APPEND pipelined: msg/s", append["pipelined_msgs_per_s"]),
        ],
    )


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_MESSAGES)
