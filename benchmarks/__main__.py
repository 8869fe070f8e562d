"""`python -m benchmarks`: run the benchmarks, print their tables and a summary of the targets.

    python -m benchmarks                      # all four, full sizes (~20-30 min)
    python -m benchmarks --quick              # small sizes: a smoke run (~2 min)
    python -m benchmarks --only latency --json latency.json
    python -m benchmarks --only throughput --messages 2000 --profile /tmp/profile.txt

A missed target is reported, not raised: these are measurements. The exit status is
non-zero only when a benchmark could not run (an error, or Ctrl-C).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import _common

NAMES = ("throughput", "latency", "memory", "digest")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--only",
        action="append",
        choices=NAMES,
        metavar="NAME",
        help=f"run only these ({', '.join(NAMES)}); repeatable",
    )
    parser.add_argument(
        "--messages", type=int, default=None, help="backlog size for throughput (default 5000; 300 with --quick)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="small sizes for a smoke run (300 messages, 10 latency samples, ...)"
    )
    parser.add_argument("--json", type=Path, default=None, metavar="FILE", help="write every result to FILE as JSON")
    parser.add_argument("--seed", type=int, default=None, help="seed of the generated mail (default per benchmark)")
    parser.add_argument(
        "--profile",
        type=Path,
        default=None,
        metavar="FILE",
        help="also profile throughput's mailbot into FILE (pyinstrument if installed, else cProfile)",
    )
    return parser


def _plans(args: argparse.Namespace) -> dict[str, Callable[[], dict[str, Any]]]:
    from benchmarks import digest, latency, memory, throughput

    seed: dict[str, Any] = {"seed": args.seed} if args.seed is not None else {}
    messages = args.messages or (300 if args.quick else throughput.DEFAULT_MESSAGES)
    return {
        "throughput": lambda: throughput.run(messages, profile=args.profile, **seed),
        "latency": lambda: latency.run(10 if args.quick else latency.DEFAULT_SAMPLES, **seed),
        "memory": lambda: memory.run(memory.QUICK_SIZES if args.quick else memory.DEFAULT_SIZES, **seed),
        "digest": lambda: digest.run(digest.QUICK_SHAPES if args.quick else digest.DEFAULT_SHAPES),
    }


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }
    try:
        meminfo = Path("/proc/meminfo").read_text().split("\n", 1)[0]
        info["memory"] = " ".join(meminfo.split()[1:])
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return info


def summary(results: dict[str, dict[str, Any]]) -> list[tuple[str, str, bool | None]]:
    """(benchmark, target, met) for every target; met is None when the benchmark failed."""
    rows: list[tuple[str, str, bool | None]] = []
    for name, result in results.items():
        if "error" in result:
            first_line = str(result["error"]).splitlines()[0][:100]
            rows.append((name, f"did not run: {first_line}", None))
            continue
        for target, met in result.get("targets", {}).items():
            rows.append((name, target, bool(met)))
    return rows


def headline(name: str, result: dict[str, Any]) -> str:
    if "error" in result:
        return "error"
    if name == "throughput":
        return (
            f"mailbot {result['mailbot']['messages_per_s']} msg/s, floor {result['floor']['messages_per_s']} msg/s, "
            f"ratio {result['ratio']}, peak RSS {result['mailbot']['peak_rss_mb']} MB"
        )
    if name == "latency":
        return (
            f"p50 {result['p50_s'] * 1000:.0f} ms, p95 {result['p95_s'] * 1000:.0f} ms, "
            f"max {(result['max_s'] or 0) * 1000:.0f} ms "
            f"(server's IDLE notice p50 {(result['server_idle_notify_p50_s'] or 0) * 1000:.0f} ms)"
        )
    if name == "memory":
        return ", ".join(f"{r['messages']:,}: {r['peak_rss_mb']} MB" for r in result["sizes"])
    if name == "digest":
        return ", ".join(
            f"{s['municipalities']:,}x{s['participants_per_registration']}: median {s['median_s']} s"
            for s in result["shapes"]
        )
    return ""


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _common.install_signal_handlers()
    plans = _plans(args)
    chosen = [name for name in NAMES if not args.only or name in args.only]
    results: dict[str, dict[str, Any]] = {}
    durations: dict[str, float] = {}
    load: dict[str, list[float]] = {"start": [round(x, 2) for x in os.getloadavg()]}
    interrupted = False
    try:
        for name in chosen:
            _common.progress(f"=== {name} ===")
            began = time.perf_counter()
            try:
                results[name] = plans[name]()
            except KeyboardInterrupt:
                raise
            except Exception as error:  # one broken benchmark must not hide the others
                traceback.print_exc()
                results[name] = {"error": f"{type(error).__name__}: {error}"}
            finally:
                _common.kill_children()
            durations[name] = round(time.perf_counter() - began, 1)
            load[f"after {name}"] = [round(x, 2) for x in os.getloadavg()]
    except KeyboardInterrupt:
        interrupted = True
        _common.kill_children()
        print("\ninterrupted; servers, workers and temp dirs cleaned up", file=sys.stderr)

    rows = summary(results)
    width = max((len(f"{n}: {t}") for n, t, _ in rows), default=20)
    print("\nSummary" + (" (quick run: small sizes)" if args.quick else ""))
    print("=" * (width + 14))
    for name in results:
        print(f"  {name:<10} {headline(name, results[name])}  [{durations.get(name, 0):.0f} s]")
    print("-" * (width + 14))
    for name, target, met in rows:
        verdict = "MET" if met else ("MISSED" if met is not None else "ERROR")
        print(f"  {f'{name}: {target}'.ljust(width)}   {verdict}")
    print(f"  load average (1/5/15 min) at start and after each: {load}")
    print("=" * (width + 14))

    if args.json:
        document = {
            "machine": machine(),
            "quick": args.quick,
            "durations_s": durations,
            "load_average_1_5_15": load,
            "results": results,
            "targets": [{"benchmark": n, "target": t, "met": m} for n, t, m in rows],
        }
        args.json.write_text(
            json.dumps(_common.jsonable(document), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"results written to {args.json}")
    if interrupted:
        return 130
    return 1 if any(met is None for _, _, met in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
