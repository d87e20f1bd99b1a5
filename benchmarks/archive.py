"""Benchmark: the archive with 10,000 briefs. Milliseconds to archive one brief (target: ≤ 20), to search and
to find a speaker's quotes (targets: ≤ 100), and the database's size per brief.

    .venv/bin/python benchmarks/archive.py [--briefs N]

No model runs: the briefs are the recorded ones (the example and the story articles, replayed from
tests/recordings), varied so that the archive holds 10,000 different articles: each is a recorded article
with a paragraph of its own appended (sentences drawn from all of them), its own dateline (spread over
three years), its people renamed (a tenth keep their names, the rest take one of 272), and one
word of each quote changed. Archiving is timed over the last 500 briefs, queries on the full archive
(each run 20 times, the median and the 95th percentile); also the whole command (a fresh
interpreter, `summarizer quotes --by ... --json`) for what a user waits, beside `summarizer --version`
for the start-up every command pays. Prints JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from summarizer import Archive, Brief, CacheMode, Settings, Source, Summarizer, read_path
from summarizer.models import ActorKind

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = [
    ROOT / "examples" / "russia-recalls-ambassador.txt",
    *sorted((ROOT / "tests/articles/story").glob("*.txt")),
]
FIRST = (
    "Anna Boris Carla Dmitri Elena Farid Grace Hiro Ines Jonas Kofi Lena Marco Nadia Omar Priya Quinn".split()
)
LAST = (
    "Abbott Baranov Castillo Dubois Eriksen Fontaine Gupta Haddad Ivanova Jensen Kowalski Lindqvist Moreau "
    "Nakamura Okafor Petrov"
).split()
TIMED_ADDS = 500
QUERY_RUNS = 20


def recorded() -> list[tuple[Source, Brief]]:
    """The recorded briefs of the example and the story articles, with no model (the recordings replay)."""
    settings = Settings.from_env(
        cache=CacheMode.REPLAY, cache_dir=ROOT / "tests" / "recordings", archive="off"
    )
    with Summarizer(settings) as summarizer:
        return [(source, summarizer.summarize(source)) for source in map(read_path, ARTICLES)]


def varied(base: list[tuple[Source, Brief]], n: int, rng: random.Random) -> tuple[Source, Brief]:
    """The ``n``-th brief of the archive: a recorded one, varied."""
    source, brief = base[n % len(base)]
    sentences = [
        s for text in (src.text for src, _ in base) for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 40
    ]
    words = sorted({w for s in sentences for w in s.split() if w.isalpha() and len(w) > 4})
    dateline = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
    text = f"{source.text}\n\n{' '.join(rng.sample(sentences, 4))}"
    renamed = {}
    actors = []
    for actor in brief.actors:
        if actor.kind is ActorKind.PERSON and rng.random() > 0.1:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            renamed[actor.id] = name
            actor = actor.model_copy(update={"name": name, "aliases": [name.split()[-1]]})
        actors.append(actor)
    quotes = []
    for quote in brief.quotes:
        parts = quote.text.split()
        parts[rng.randrange(len(parts))] = rng.choice(words)
        quotes.append(quote.model_copy(update={"text": " ".join(parts)}))
    brief = brief.model_copy(update={"dateline": dateline, "actors": actors, "quotes": quotes})
    return Source(text=text, dateline=dateline, origin=f"bench/{n:05}-{Path(source.origin).name}"), brief


def timed(call: Callable[[], object], runs: int = QUERY_RUNS) -> dict[str, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--briefs", type=int, default=10_000)
    count = parser.parse_args().briefs
    rng = random.Random(30)
    base = recorded()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "archive.db"
        adds = []
        started = time.perf_counter()
        with Archive(path) as archive:
            for n in range(count):
                source, brief = varied(base, n, rng)
                began = time.perf_counter()
                archive.add(source, brief)
                adds.append((time.perf_counter() - began) * 1000)
            filled = time.perf_counter() - started
            last = sorted(adds[-TIMED_ADDS:])
            queries = {
                "search 'consultations'": timed(lambda: archive.search("consultations", limit=50)),
                "search 'Apple antenna'": timed(lambda: archive.search("Apple antenna", limit=50)),
                "search 'Singapore'": timed(lambda: archive.search("Singapore", limit=50)),
                "quotes --by 'Peskov'": timed(lambda: archive.quotes(by="Peskov")),
                "quotes --by 'Dmitry Peskov'": timed(lambda: archive.quotes(by="Dmitry Peskov")),
                "quotes --by 'Moreau'": timed(lambda: archive.quotes(by="Moreau")),
                "timeline 'Apple'": timed(lambda: archive.timeline("Apple")),
            }
            found = {
                "search 'consultations'": archive.search("consultations", limit=50).total,
                "quotes --by 'Peskov'": archive.quotes(by="Peskov").total,
                "quotes --by 'Moreau'": archive.quotes(by="Moreau").total,
                "timeline 'Apple'": archive.timeline("Apple").total,
            }
        sizes = {p.name: p.stat().st_size for p in Path(tmp).iterdir()}
        env = {**os.environ, "SUMMARIZER_ARCHIVE": str(path), "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-m", "summarizer", "quotes", "--by", "Peskov", "--json"]
        whole = timed(lambda: subprocess.run(command, env=env, check=True, capture_output=True), runs=5)
        search = [sys.executable, "-m", "summarizer", "search", "consultations", "--json"]
        whole_search = timed(lambda: subprocess.run(search, env=env, check=True, capture_output=True), runs=5)
        # What any command costs before it does anything: the interpreter and the command line's imports.
        version = [sys.executable, "-m", "summarizer", "--version"]
        startup = timed(lambda: subprocess.run(version, env=env, check=True, capture_output=True), runs=5)
    print(
        json.dumps(
            {
                "briefs": count,
                "recorded_briefs": len(base),
                "fill_seconds": round(filled, 1),
                "archive_one_ms": {
                    "median_ms": round(statistics.median(last), 2),
                    "p95_ms": round(last[int(0.95 * (len(last) - 1))], 2),
                    "max_ms": round(last[-1], 2),
                    "over": f"the last {TIMED_ADDS} of {count}",
                },
                "queries": queries,
                "results_in_all": found,
                "command_wall_ms": {
                    "quotes --by Peskov --json": whole,
                    "search consultations --json": whole_search,
                    "--version (start-up alone)": startup,
                },
                "bytes": sizes,
                "bytes_per_brief": round(sum(sizes.values()) / count),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
