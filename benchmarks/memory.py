"""Peak memory of the backlog run at several mailbox sizes: it should stay flat.

For each size the mailbox is emptied and filled with that many generated replies (the
throughput benchmark's generator, 5 % with a 2 MB attachment), and ``mailbot run --once``
runs over it with a fresh SQLite database. Peak RSS is the process's own ``ru_maxrss``
from ``wait4`` (not RUSAGE_CHILDREN, which keeps the largest of every child so far).
"""

from __future__ import annotations

import sys
import time
from typing import Any

from benchmarks._common import (
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
from benchmarks.throughput import DEFAULT_SEED, load, outcomes

DEFAULT_SIZES = (1000, 5000, 10000)
QUICK_SIZES = (300, 1000)
TARGET_MB = 250.0
TARGET_AT = 5000
FLAT_GROWTH = 0.20  # peak at the largest size at most 20 % above the peak at the smallest


def run(
    sizes: tuple[int, ...] = DEFAULT_SIZES, *, seed: int = DEFAULT_SEED, attachment_share: float = 0.05
) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    with temp_dir("mbbench-mem-") as tmp, servers() as (dovecot, sink):
        for size in sizes:
            progress(f"memory: {size} messages: generating and loading")
            spool_path = tmp / f"spool-{size}"
            spool = Spool(spool_path, size, seed=seed, attachment_share=attachment_share)
            load(dovecot, spool)
            sink.clear()
            progress(f"memory: {size} messages: mailbot run --once")
            env = mailbot_env(dovecot, sink, tmp / f"mailbot-{size}.db")
            log = tmp / f"mailbot-{size}.log"
            began = time.perf_counter()
            with child(mailbot_command("run", "--once"), env=env, log=log) as process:
                finished = process.wait(timeout=120 + size * 0.5)
            seconds = time.perf_counter() - began
            decided = outcomes(log.read_text(encoding="utf-8", errors="replace"))
            database = tmp / f"mailbot-{size}.db"
            rows.append(
                {
                    "messages": size,
                    "attachments_2mb": spool.attachments,
                    "mailbox_mb": round(spool.total_bytes / 2**20, 1),
                    "peak_rss_mb": round(finished.max_rss_mb, 1),
                    "seconds": round(seconds, 2),
                    "messages_per_s": round(size / seconds, 1),
                    "exit_code": finished.code,
                    "replies": outgoing_kinds(sink.messages).get("reply", 0),
                    "decided": sum(decided.values()),
                    "database_mb": round(database.stat().st_size / 2**20, 1) if database.exists() else None,
                }
            )
            sink.clear()
            spool_path.unlink()
            database.unlink(missing_ok=True)  # its raw copies of the mail take as much room as the mailbox

    peaks = [row["peak_rss_mb"] for row in rows]
    growth = (peaks[-1] - peaks[0]) / peaks[0] if len(peaks) > 1 and peaks[0] else 0.0
    at_target = next((row for row in rows if row["messages"] == TARGET_AT), rows[-1])
    result: dict[str, Any] = {
        "sizes": rows,
        "growth_smallest_to_largest": round(growth, 3),
        "targets": {
            f"peak < {TARGET_MB:.0f} MB at {at_target['messages']} messages": at_target["peak_rss_mb"] < TARGET_MB,
            f"flat: growth {rows[0]['messages']} -> {rows[-1]['messages']} <= {FLAT_GROWTH:.0%}": growth <= FLAT_GROWTH,
        },
    }
    print_table(
        "Peak RSS of mailbot run --once by mailbox size",
        [
            (
                f"{row['messages']:>6,} messages ({row['mailbox_mb']:,.0f} MB mailbox)",
                f"{row['peak_rss_mb']:7.1f} MB peak RSS   {row['seconds']:7.1f} s   "
                f"{row['messages_per_s']:5.1f} msg/s   {row['replies']:,} replies   exit {row['exit_code']}   "
                f"database {row['database_mb']} MB",
            )
            for row in rows
        ]
        + [("growth smallest -> largest", f"{growth:+.1%}")],
    )
    return result


if __name__ == "__main__":
    run(tuple(int(a) for a in sys.argv[1:]) or DEFAULT_SIZES)
