"""Intake latency: `mailbot run` (IDLE) answering messages as they arrive one by one.

The worker runs with a copy of config/mailbot.toml in which ``send_digest = false`` (and
``templates`` is the absolute path of ./templates). Once its log says "watching INBOX",
messages from ``benchmarks.corpus`` are APPENDed one at a time on one IMAP connection, at
random (seeded) intervals of 0.2–1.5 s. Each latency runs from the moment the APPEND
command is sent to the moment the SMTP sink accepted the reply whose In-Reply-To is the
message's Message-ID. Finally the worker gets SIGTERM and must exit 0.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

from imapclient.exceptions import IMAPClientError

from benchmarks._common import (
    CONFIG,
    TEMPLATES,
    PrivateDovecot,
    child,
    mailbot_command,
    mailbot_env,
    outgoing_kinds,
    percentile,
    print_table,
    progress,
    servers,
    temp_dir,
)
from benchmarks.corpus import generate

DEFAULT_SAMPLES = 50
DEFAULT_SEED = 20160826
TARGET_P50 = 0.3
TARGET_P95 = 1.0
READY_TIMEOUT = 60.0
REPLY_TIMEOUT = 30.0


def worker_config(folder: Path) -> Path:
    """config/mailbot.toml with the digest off and the templates found from anywhere."""
    text = CONFIG.read_text(encoding="utf-8")
    for old, new in (
        ("\nsend_digest = true", "\nsend_digest = false"),
        ('templates = "../templates"', f'templates = "{TEMPLATES}"'),
    ):
        if old not in text:
            raise RuntimeError(f"config/mailbot.toml no longer contains {old.strip()!r}; update benchmarks/latency.py")
        text = text.replace(old, new, 1)
    path = folder / "mailbot.toml"
    path.write_text(text, encoding="utf-8")
    return path


class IdleProbe(threading.Thread):
    """A second client in IDLE on INBOX: when the server itself announces each new message.

    Its EXISTS times are the server's share of the latency (Dovecot waits a moment after a
    change before it tells IDLE clients); the rest is mailbot's.
    """

    def __init__(self, dovecot: PrivateDovecot) -> None:
        super().__init__(name="idle-probe", daemon=True)
        self._client = dovecot.client(timeout=30)
        self._client.select_folder("INBOX", readonly=True)
        self._halt = threading.Event()
        self.exists: list[tuple[int, dt.datetime]] = []  # (message count, when announced)

    def run(self) -> None:
        client = self._client
        client.idle()
        try:
            while not self._halt.is_set():
                responses = client.idle_check(timeout=0.2)
                now = dt.datetime.now(dt.UTC)
                for response in responses:
                    if isinstance(response, tuple) and len(response) > 1 and response[1] == b"EXISTS":
                        self.exists.append((int(response[0]), now))
        finally:
            with contextlib.suppress(IMAPClientError, OSError):
                client.idle_done()
                client.logout()

    def announced(self, count: int) -> dt.datetime | None:
        """When the server first announced a mailbox of at least ``count`` messages."""
        return next((when for number, when in self.exists if number >= count), None)

    def close(self) -> None:
        self._halt.set()
        self.join(timeout=5)


def run(samples: int = DEFAULT_SAMPLES, *, seed: int = DEFAULT_SEED, attachment_share: float = 0.05) -> dict[str, Any]:
    rng = random.Random(seed)
    messages = [generate(i, samples, seed=seed, attachment_share=attachment_share) for i in range(samples)]
    appended: dict[str, tuple[dt.datetime, float, bool]] = {}  # Message-ID -> (sent at, APPEND seconds, attachment)
    with temp_dir("mbbench-lat-") as tmp, servers() as (dovecot, sink):
        env = mailbot_env(dovecot, sink, tmp / "mailbot.db", config=worker_config(tmp))
        log = tmp / "worker.log"
        with child(mailbot_command("run"), env=env, log=log) as worker:
            progress("latency: starting mailbot run (the IDLE worker)")
            deadline = time.monotonic() + READY_TIMEOUT
            while "watching INBOX" not in worker.text():
                if worker.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"mailbot run did not start watching INBOX:\n{worker.tail()}")
                time.sleep(0.02)
            ready_seconds = time.perf_counter() - worker.started
            progress(f"latency: APPENDing {samples} messages at 0.2-1.5 s intervals")
            probe = IdleProbe(dovecot)
            probe.start()
            try:
                with dovecot.raw_client(timeout=60) as imap:
                    for message in messages:
                        time.sleep(rng.uniform(0.2, 1.5))
                        sent_at = dt.datetime.now(dt.UTC)
                        began = time.perf_counter()
                        imap.append("INBOX", message.raw, message.internaldate)
                        appended[message.message_id] = (sent_at, time.perf_counter() - began, message.has_attachment)
                deadline = time.monotonic() + REPLY_TIMEOUT
                while outgoing_kinds(sink.messages).get("reply", 0) < samples and time.monotonic() < deadline:
                    sink.wait_for(len(sink.messages) + 1, timeout=max(0.0, deadline - time.monotonic()))
                received = sink.messages
            finally:
                probe.close()
            progress("latency: SIGTERM to the worker")
            worker.signal(signal.SIGTERM)
            stopped = worker.wait(timeout=30)
            text = worker.text()

    latencies: dict[str, float] = {}
    unmatched = 0
    others = outgoing_kinds(received)
    others.pop("reply", None)
    for reply in received:
        if outgoing_kinds([reply]).get("reply") != 1:
            continue  # a notice (e.g. a question forwarded to the contact), not a reply
        in_reply_to = str(reply.email.get("In-Reply-To", "")).strip()
        if in_reply_to in appended and in_reply_to not in latencies:
            latencies[in_reply_to] = (reply.received_at - appended[in_reply_to][0]).total_seconds()
        else:
            unmatched += 1
    values = list(latencies.values())
    order = {message.message_id: position for position, message in enumerate(messages, start=1)}
    server_share: list[float] = []  # APPEND -> the server's EXISTS to an IDLE client
    mailbot_share: list[float] = []  # that EXISTS -> the reply at the SMTP sink
    for key, latency in latencies.items():
        announced = probe.announced(order[key])
        if announced is not None:
            server = (announced - appended[key][0]).total_seconds()
            server_share.append(server)
            mailbot_share.append(latency - server)
    with_attachment = [v for key, v in latencies.items() if appended[key][2]]
    p50, p95 = percentile(values, 0.5), percentile(values, 0.95)
    result: dict[str, Any] = {
        "samples": samples,
        "seed": seed,
        "answered": len(values),
        "missing": samples - len(values),
        "unmatched_replies": unmatched,
        "other_outgoing": others,
        "with_2mb_attachment": sum(a for _, _, a in appended.values()),
        "p50_s": round(p50, 4),
        "p95_s": round(p95, 4),
        "max_s": round(max(values), 4) if values else None,
        "min_s": round(min(values), 4) if values else None,
        "mean_s": round(sum(values) / len(values), 4) if values else None,
        "server_idle_notify_p50_s": round(percentile(server_share, 0.5), 4) if server_share else None,
        "server_idle_notify_max_s": round(max(server_share), 4) if server_share else None,
        "mailbot_after_notify_p50_s": round(percentile(mailbot_share, 0.5), 4) if mailbot_share else None,
        "mailbot_after_notify_p95_s": round(percentile(mailbot_share, 0.95), 4) if mailbot_share else None,
        "attachment_messages_s": sorted(round(v, 4) for v in with_attachment),
        "over_1s": sum(v > 1.0 for v in values),
        "append_command_max_s": round(max(a for _, a, _ in appended.values()), 4),
        "worker_ready_s": round(ready_seconds, 3),
        "worker_exit_code": stopped.code,
        "worker_stopped_cleanly": "stopped cleanly" in text,
        "worker_peak_rss_mb": round(stopped.max_rss_mb, 1),
        "worker_log_tracebacks": text.count("Traceback"),
        "targets": {
            f"p50 < {TARGET_P50 * 1000:.0f} ms": bool(values) and p50 < TARGET_P50,
            f"p95 < {TARGET_P95 * 1000:.0f} ms": bool(values) and p95 < TARGET_P95,
            f"(mailbot's own share, after the server's IDLE notice) p50 < {TARGET_P50 * 1000:.0f} ms": bool(
                mailbot_share
            )
            and percentile(mailbot_share, 0.5) < TARGET_P50,
            "every message answered": len(values) == samples,
            "SIGTERM -> exit 0": stopped.code == 0,
        },
    }
    print_table(
        f"Intake latency: {samples} messages into a watching worker (APPEND -> reply at the SMTP server)",
        [
            ("answered / sent", f"{result['answered']} / {samples}"),
            ("other mail sent (not replies)", ", ".join(f"{v} {k}" for k, v in others.items()) or "none"),
            ("p50 ms", p50 * 1000),
            ("p95 ms", p95 * 1000),
            ("max ms", (result["max_s"] or 0) * 1000),
            ("min ms", (result["min_s"] or 0) * 1000),
            ("mean ms", (result["mean_s"] or 0) * 1000),
            ("over 1 s", result["over_1s"]),
            ("server share: APPEND -> IDLE EXISTS p50 ms", _ms(result["server_idle_notify_p50_s"])),
            ("server share: max ms", _ms(result["server_idle_notify_max_s"])),
            ("mailbot share: EXISTS -> reply p50 ms", _ms(result["mailbot_after_notify_p50_s"])),
            ("mailbot share: p95 ms", _ms(result["mailbot_after_notify_p95_s"])),
            ("with 2 MB attachment (s)", ", ".join(f"{v:.3f}" for v in result["attachment_messages_s"]) or "-"),
            ("worker start -> watching s", result["worker_ready_s"]),
            ("worker exit code (SIGTERM)", stopped.code),
            ("worker peak RSS MB", result["worker_peak_rss_mb"]),
        ],
    )
    return result


def _ms(seconds: float | None) -> float | str:
    return seconds * 1000 if seconds is not None else "-"


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SAMPLES)
