"""Benchmark articles of megabytes against a fake server on 127.0.0.1; prints JSON figures.

    .venv/bin/python benchmarks/long_article.py [--mb 1 2 5]

A long web page is made of this project's own articles, one after another until the size is reached,
each copy's names made its own ("Bidena", "Bidenb", …) so that the actors grow with the length as a
long page's do. Each size is briefed in a process of its own (its peak memory its own) by the library,
as the command line would, against a fault server that answers every pass at once: the overview with a
headline and summary the article supports, every other pass with an answer that fails validation (its
items dropped), so that the figures are the code's time and not a model's. Twice: with the default
request limit (2 MB: a longer article is refused before any work) and with it raised to 20 MB (every
size briefed, to show that the time grows with the length and no faster).
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import resource
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RAISED = 20_000_000
OVERVIEW = {
    "headline": "Russia recalls its ambassador to the United States",
    "summary": "Russia recalled its ambassador to the United States. The Kremlin called it very bad.",
}
# Words kept as they are in every copy: the dates.
_KEEP = {
    *"Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(),
    *"January February March April May June July August September October November December".split(),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[1, 2, 5])
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # a child: brief this article
    parser.add_argument("--limit", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(_brief(args.one, args.limit)))
        return
    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.mb:
            article = Path(tmp) / f"page-{mb:g}MB.txt"
            article.write_text(page(int(mb * 1_000_000)), encoding="utf-8")
            for limit in (None, RAISED):
                command = [sys.executable, __file__, "--one", str(article)]
                command += [] if limit is None else ["--limit", str(limit)]
                done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=3600)
                figures.append(
                    {"mb": mb, "request_limit_mb": (limit or 2_000_000) / 1e6, **json.loads(done.stdout)}
                )
                print(json.dumps(figures[-1]), file=sys.stderr)
    print(json.dumps(figures, indent=1))


def page(size: int) -> str:
    """About ``size`` bytes of articles, each copy's names made its own."""
    texts = [
        re.sub(r"\A\s*date \S+\s*", "", p.read_text(encoding="utf-8")).strip()
        for p in sorted([*ROOT.glob("examples/*.txt"), *ROOT.glob("tests/articles/**/*.txt")])
    ]
    out, length = [], 0
    for n, text in enumerate(itertools.cycle(texts)):
        copy = re.sub(r"(?<=[a-z,] )([A-Z][a-z]{3,})\b", _renamed(_tag(n // len(texts))), text)
        out.append(copy)
        length += len(copy.encode("utf-8")) + 2
        if length >= size:
            break
    return "date 2021-03-18\n" + "\n\n".join(out)


def _renamed(tag: str) -> Any:
    """A name (a capitalised word after a lower-case one) with ``tag`` after it, a date as it is."""
    return lambda m: m[1] if m[1] in _KEEP else m[1] + tag


def _tag(n: int) -> str:
    letters = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = string.ascii_lowercase[r] + letters
    return letters


def _brief(article: Path, limit: int | None) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "tests"))
    from faultserver import Behaviour, FaultServer, ok

    from summarizer import SummarizerError, read_path, summarize

    class Answers(Behaviour):
        def act(self, handler: Any) -> None:
            (ok(OVERVIEW) if b'"headline"' in handler.received.body else ok({})).act(handler)

    options: dict[str, Any] = {"model": "m", "cache": "off"}
    if limit is not None:
        options["max_request_bytes"] = limit
    with FaultServer(otherwise=Answers(), max_requests=1000, lifetime=3600) as server:
        started = time.perf_counter()
        try:
            brief = summarize(read_path(article), base_url=server.base_url, **options)
            outcome = (
                f"a brief: {len(brief.actors)} actors, {len(brief.quotes)} quotes, {len(brief.events)} events"
            )
        except SummarizerError as exc:
            outcome = f"{type(exc).__name__}: {' '.join(str(exc).split()[1:12])} …"
        seconds = time.perf_counter() - started
        sent = sum(len(r.body) for r in server.requests)
    return {
        "bytes": article.stat().st_size,
        "seconds": round(seconds, 1),
        "outcome": outcome,
        "requests": len(server.requests),
        "sent_mb": round(sent / 1e6, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


if __name__ == "__main__":
    main()
