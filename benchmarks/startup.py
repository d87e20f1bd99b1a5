"""Benchmark: seconds to print a brief that is already in the cache (target: under 0.5 s).

    .venv/bin/python benchmarks/startup.py

Fills a temporary cache from the tests' recordings, briefs the example once to cache the brief, then
times five fresh interpreters that print it; prints JSON.
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


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROOT / "tests" / "recordings" / "responses", Path(tmp) / "responses")
        env = {"SUMMARIZER_CACHE_DIR": tmp, "PATH": "/usr/bin:/bin"}
        command = [str(CLI), "brief", str(EXAMPLE), "--format", "markdown"]
        subprocess.run(command, env=env, check=True, capture_output=True)
        times = []
        for _ in range(5):
            started = time.perf_counter()
            subprocess.run(command, env=env, check=True, capture_output=True)
            times.append(time.perf_counter() - started)
    print(
        json.dumps(
            {
                "cached_brief_seconds_median": round(statistics.median(times), 3),
                "cached_brief_seconds_max": round(max(times), 3),
                "runs": len(times),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
