"""Benchmark one brief on the embedded model; prints JSON figures.

    .venv/bin/python benchmarks/brief.py examples/russia-recalls-ambassador.txt

wall_seconds is one brief with the model already loaded (loading is reported apart); overhead_ratio is
wall time over the time spent inside the model for the same requests.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from summarizer import CacheMode, Settings, Summarizer, read_path


def main(path: str) -> None:
    source = read_path(Path(path))
    with Summarizer(Settings.from_env(cache=CacheMode.OFF)) as summarizer:
        if not summarizer.settings.embedded:
            sys.exit("benchmarks/brief.py measures the embedded model: unset SUMMARIZER_BASE_URL")
        backend = summarizer.backend
        started = time.perf_counter()
        backend.count_tokens("warm up")  # loads (and on first use assembles) the weights
        load = time.perf_counter() - started
        started = time.perf_counter()
        brief = summarizer.summarize(source)
        wall = time.perf_counter() - started
        requests = backend.model_requests
        model = sum(r["seconds"] for r in requests)
    passes = list(brief.run.seconds)
    figures = {
        "article": path,
        "model": brief.run.model,
        "load_seconds": round(load, 2),
        "wall_seconds": round(wall, 2),
        "model_seconds": round(model, 2),
        "overhead_ratio": round(wall / model, 3) if model else None,
        "prompt_tokens": sum(int(r["prompt_tokens"]) for r in requests),
        "completion_tokens": sum(int(r["completion_tokens"]) for r in requests),
        "completion_tokens_per_second": round(sum(r["completion_tokens"] for r in requests) / model, 2)
        if model
        else None,
        "requests": [
            {"pass": passes[i] if i < len(passes) and len(requests) == len(passes) else None, **r}
            for i, r in enumerate(requests)
        ],
        "seconds_per_pass": brief.run.seconds,
        "reasks": brief.run.reasks,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "examples/russia-recalls-ambassador.txt")
