"""Benchmark: seconds to print a brief that is already in the cache (target: under 0.5 s), and seconds
from start to the preview of what the analysis found (target: under 2 s).

    .venv/bin/python benchmarks/startup.py

Fills a temporary cache from the tests' recordings, briefs the example once to cache the brief, then
times five fresh interpreters that print it; then five fresh interpreters that brief the example uncached
and stop at the preview (before the model's first pass); prints JSON.
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
# Stops at the preview: the model is never asked (the backend opens lazily, at the first pass).
PREVIEW = f"""
import pathlib, sys
from summarizer import CacheMode, Summarizer, read_path
def shown(brief):
    raise SystemExit(0)
article = read_path(pathlib.Path({str(EXAMPLE)!r}))
Summarizer(cache=CacheMode.OFF).summarize(article, preview=shown)
sys.exit("no preview")
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROOT / "tests" / "recordings" / "responses", Path(tmp) / "responses")
        # This checkout's code, whichever checkout the interpreter's editable install points at.
        env = {"SUMMARIZER_CACHE_DIR": tmp, "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
        command = [str(CLI), "brief", str(EXAMPLE), "--format", "markdown"]
        subprocess.run(command, env=env, check=True, capture_output=True)
        times = []
        for _ in range(5):
            started = time.perf_counter()
            subprocess.run(command, env=env, check=True, capture_output=True)
            times.append(time.perf_counter() - started)
        previews = []
        for _ in range(5):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", PREVIEW], env=env, check=True, capture_output=True)
            previews.append(time.perf_counter() - started)
    print(
        json.dumps(
            {
                "cached_brief_seconds_median": round(statistics.median(times), 3),
                "cached_brief_seconds_max": round(max(times), 3),
                "preview_seconds_median": round(statistics.median(previews), 3),
                "preview_seconds_max": round(max(previews), 3),
                "runs": len(times),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
