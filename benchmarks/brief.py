"""Benchmark one brief on the embedded model; prints JSON figures.

    .venv/bin/python benchmarks/brief.py [ARTICLE] [--engine server|in-process] [--threads N] [--busy]

wall_seconds is one brief with the model already loaded (loading, or starting the engine, is reported
apart); model_seconds is the time the model spent on the brief's requests, summed (with requests in
flight together it can exceed the wall time). ``--busy`` keeps one core busy (``yes > /dev/null``) from
before the model loads to the brief's end, as another program would. Each figure comes with the load
average before it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from summarizer import CacheMode, Settings, Summarizer, read_path
from summarizer.backends.threads import choose_threads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", default="examples/russia-recalls-ambassador.txt")
    parser.add_argument("--engine", choices=["server", "in-process"], default=None)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--busy", action="store_true", help="one core kept busy by `yes` during the brief")
    args = parser.parse_args()

    source = read_path(Path(args.article))
    settings = Settings.from_env(cache=CacheMode.OFF, engine=args.engine, threads=args.threads)
    if not settings.embedded:
        sys.exit("benchmarks/brief.py measures the embedded model: unset SUMMARIZER_BASE_URL")
    load_average = os.getloadavg()
    # The other program runs from before the model loads, as on a busy machine.
    busy = subprocess.Popen(["yes"], stdout=subprocess.DEVNULL) if args.busy else None
    try:
        threads = choose_threads(settings.threads)
        with Summarizer(settings) as summarizer:
            backend = summarizer.backend
            started = time.perf_counter()
            backend.load()  # the weights (assembled on first use), or the engine started
            load = time.perf_counter() - started
            started = time.perf_counter()
            brief = summarizer.summarize(source)
            wall = time.perf_counter() - started
            requests = backend.model_requests
            model = sum(r["seconds"] for r in requests)
            engine_peak = _engine_peak_mb(backend)
    finally:
        if busy is not None:
            busy.kill()
            busy.wait()
    figures = {
        "article": args.article,
        "model": brief.run.model,
        "engine": settings.resolved_engine().value,
        "threads": {"read": threads.read, "write": threads.write},
        "busy": args.busy,
        "load_average_before": [round(x, 2) for x in load_average],
        "load_seconds": round(load, 2),
        "wall_seconds": round(wall, 2),
        "model_seconds": round(model, 2),
        "prompt_tokens": sum(int(r["prompt_tokens"]) for r in requests),
        "completion_tokens": sum(int(r["completion_tokens"]) for r in requests),
        "seconds_per_pass": brief.run.seconds,
        "reasks": brief.run.reasks,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "engine_peak_rss_mb": engine_peak,
        "requests": requests,
    }
    print(json.dumps(figures, indent=2))


def _engine_peak_mb(backend: object) -> float | None:
    """The engine's peak memory (VmHWM), when this process started it."""
    pid = getattr(getattr(backend, "_embedded", None), "pid", None)
    if pid is None:
        return None
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None


if __name__ == "__main__":
    main()
