"""Benchmark: seconds to print a brief that is already in the cache (target: under 0.5 s), seconds from
start to the first preview, of what the text shows (target: under 2 s), and to the second, of what the
analysis found once the article is parsed.

    .venv/bin/python benchmarks/startup.py

Fills a temporary cache from the tests' recordings, briefs the example once to cache the brief, then
times five fresh interpreters that print it; then five fresh interpreters that brief the example uncached
and stop at the second preview (before the model's first pass); prints JSON.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "russia-recalls-ambassador.txt"
CLI = Path(sys.executable).parent / "summarizer"
# Prints the wall-clock time of each preview and stops at the second: the model is never asked (the
# backend opens lazily, at the first pass).
PREVIEW = f"""
import pathlib, sys, time
from summarizer import CacheMode, Summarizer, read_path
def shown(found):
    print(time.time())
    if found.parsed:
        raise SystemExit(0)
article = read_path(pathlib.Path({str(EXAMPLE)!r}))
Summarizer(cache=CacheMode.OFF).summarize(article, preview=shown)
sys.exit("no preview")
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROOT / "tests" / "recordings" / "responses", Path(tmp) / "responses")
        # This checkout's code, whichever one the environment's editable install points at.
        # The archive too: a cached brief is archived (once) on its way out, as a user's is.
        env = {
            "SUMMARIZER_CACHE_DIR": tmp,
            "SUMMARIZER_ARCHIVE": str(Path(tmp) / "archive.db"),
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(ROOT),
        }
        command = [str(CLI), "brief", str(EXAMPLE), "--format", "markdown"]
        subprocess.run(command, env=env, check=True, capture_output=True)
        times = []
        for _ in range(5):
            started = time.perf_counter()
            subprocess.run(command, env=env, check=True, capture_output=True)
            times.append(time.perf_counter() - started)
        first, parsed = [], []
        for _ in range(5):
            started = time.time()  # the wall clock: the child stamps the previews with it
            done = subprocess.run(
                [sys.executable, "-c", PREVIEW], env=env, check=True, capture_output=True, text=True
            )
            text_shown, parse_shown = (float(line) - started for line in done.stdout.split())
            first.append(text_shown)
            parsed.append(parse_shown)
    print(
        json.dumps(
            {
                "cached_brief_seconds_median": round(statistics.median(times), 3),
                "cached_brief_seconds_max": round(max(times), 3),
                "first_preview_seconds_median": round(statistics.median(first), 3),
                "first_preview_seconds_max": round(max(first), 3),
                "analysis_preview_seconds_median": round(statistics.median(parsed), 3),
                "analysis_preview_seconds_max": round(max(parsed), 3),
                "runs": len(times),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
