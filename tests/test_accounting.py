"""What a brief's run reports about itself: its own cache hits, however many briefs run at once, and the
passes that failed, read from the warnings' kinds."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from conftest import EXAMPLE, ROOT

from summarizer import Brief, Source, Summarizer, read_path
from summarizer.accounting import RunRecord, RunWarning, WarningKind, run_info
from summarizer.models import RunInfo

ARTICLES = [EXAMPLE, ROOT / "tests" / "articles" / "no-quotes.txt"]


def test_each_brief_counts_its_own_cache_hits_under_concurrency_2(recorded: Summarizer) -> None:
    sources = [read_path(path) for path in ARTICLES]
    alone = [recorded.summarize(source).run.cached for source in sources]
    assert all(alone), "every recorded answer is a cache hit"
    # Both briefs wait for each other at their first pass and again before their last, so that each one's
    # requests fall between the other's first and last: a count of all the cache's hits would be off.
    meet = threading.Barrier(2, timeout=60)

    def brief(source: Source) -> Brief:
        started = False

        def step(name: str) -> None:
            nonlocal started
            if not started:
                started = True
                meet.wait()
            if name == "overview":
                meet.wait()

        return recorded.summarize(source, progress=step)

    with ThreadPoolExecutor(max_workers=2) as pool:
        together = [b.run.cached for b in pool.map(brief, sources)]
    assert together == alone


def test_failed_passes_come_from_the_warnings_kinds(recorded: Summarizer) -> None:
    record = RunRecord()
    record.warnings += [
        RunWarning(WarningKind.DROPPED, "quotes", "dropped from quotes: 'x' is not a passage"),
        RunWarning(
            WarningKind.UNSUPPORTED, "overview", "headline and summary name what the article does not: X"
        ),
        RunWarning(WarningKind.NO_ANSWER, "events", "events: no valid answer after 2 attempts"),
        RunWarning(
            WarningKind.CUT_OFF, "quotes", "quotes: the answer was cut off at the token limit and dropped"
        ),
    ]
    run = run_info(recorded.backend, record, 0, parts=1, context=None, dated=False)
    assert run.failed_passes == ["quotes", "events"]
    assert run.warnings == [w.text for w in record.warnings] + [
        'no dateline: relative dates ("Wednesday", "last month") stay unresolved'
    ]
    # The brief's JSON keeps them: a brief read back from the brief cache scores as the one made.
    assert RunInfo.model_validate_json(run.model_dump_json()) == run
