"""One command's pass over its articles with one Summarizer, for ``brief``, ``story`` and ``eval``: the live
display on stderr, log records as lines, each failure said on one line while the batch goes on, and
Ctrl-C ending the command (exit 130)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import time
import traceback
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import typer

from ..config import Settings
from ..errors import ConfigError, SummarizerError
from ..ingest import Source
from ..models import Brief
from ..pipeline import Summarizer
from ..render.progress import Display, weights_progress
from .articles import Article, Failure, read_article
from .messages import error, logs, report, say
from .options import CONFIGURATION
from .output import Output, silence_stdout

__all__ = ["Run", "brief_concurrently"]

_INTERRUPTED = 130


@dataclass
class Run:
    """One command's pass over ``total`` articles: its display, and how many briefs were written or
    failed."""

    total: int
    verbose: bool = False
    quiet: bool = False
    written: int = 0
    failed: int = 0
    stopped: bool = False
    """The batch ends early: the rest would fail the same way, or could not be written."""
    stdout_gone: bool = False
    """The reader of stdout went away (``| head``): the batch stops, quietly."""
    abandoned: bool = False
    """Interrupted with requests still in flight in worker threads, which nothing can stop."""
    unconfigured: bool = False
    """Stopped by a configuration error (exit 2): every article would have failed the same way."""
    display: Display = field(init=False)

    def __post_init__(self) -> None:
        self.display = Display(self.total, enabled=not self.quiet)

    @contextlib.contextmanager
    def summarizer(self, settings: Settings) -> Iterator[Summarizer]:
        """The command's one Summarizer, log records on stderr while it works. Ctrl-C ends the command
        (exit 130), saying how many briefs were written."""
        try:
            with logs(self.verbose), Summarizer(settings, weights_progress=weights_progress()) as summarizer:
                yield summarizer
        except KeyboardInterrupt:
            self.display.stop()
            say(f"summarizer: interrupted; {self.written} of {self.total} briefs written")
            if self.abandoned:
                # The interpreter would wait at exit for the worker threads, which wait on the server and
                # then retry. Every brief written is whole and every cache entry atomic: nothing is lost
                # by leaving.
                with contextlib.suppress(OSError, ValueError):
                    sys.stdout.flush()
                os._exit(_INTERRUPTED)
            raise typer.Exit(_INTERRUPTED) from None
        finally:
            self.display.stop()

    def status(self) -> int:
        """The exit status so far: 2 stopped by a configuration error, 1 some article failed, else 0."""
        return CONFIGURATION if self.unconfigured else 1 if self.failed else 0

    def brief(
        self, summarizer: Summarizer, article: Article, dateline: dt.date | None
    ) -> tuple[Source, Brief] | None:
        """Read and brief one article, its passes named on the display; None when it failed, which is said
        on stderr (and ``stopped`` says whether the batch ends)."""
        self.display.begin(article.name)
        try:
            source = read_article(article, dateline)
            self.display.step("starting")
            result = summarizer.summarize(source, progress=self.display.step, preview=self.display.preview)
        except Exception as exc:
            self.finished()
            self.failure(exc, article)
            return None
        self.finished()
        return source, result

    def finished(self) -> None:
        """One more article done: the display advanced, and paused so that what is written next (a brief,
        an error) is not garbled."""
        self.display.pause()
        self.display.advance()

    def failure(self, exc: Exception, article: Article) -> None:
        """Say why ``article`` has no brief."""
        self.failed += 1
        if isinstance(exc, ConfigError):
            # The backend, not the article: every other article would fail the same way.
            error(str(exc))
            self.unconfigured = self.stopped = True
        elif isinstance(exc, SummarizerError | Failure):
            error(str(exc), article.origin)
        else:
            # A bug: say so, keep the other articles' briefs.
            error(f"unexpected {type(exc).__name__}: {exc} (a bug; --verbose shows where)", article.origin)
            if self.verbose:
                traceback.print_exception(exc, file=sys.stderr)

    def write(self, source: Source, result: Brief, article: Article, output: Output, seconds: float) -> None:
        """Write the brief of ``article``, or say why it could not be written."""
        try:
            output.write(result, source, article.name)
        except BrokenPipeError:
            self.failed += 1
            self.stdout_gone = self.stopped = True
            silence_stdout()
            return
        except (Failure, OSError) as exc:
            self.failed += 1
            # Nothing more can be written to a stdout that fails; another file may still be written.
            self.stopped = output.targets is None
            text = str(exc) if isinstance(exc, Failure) else f"cannot write to stdout: {exc.strerror or exc}"
            error(text, article.origin)
            return
        except Exception as exc:  # a bug in rendering: said as one, and the other articles still briefed
            self.failure(exc, article)
            return
        self.written += 1
        if self.verbose:
            report(result, article.origin, seconds)

    def brief_each(
        self, summarizer: Summarizer, articles: list[Article], dateline: dt.date | None, output: Output
    ) -> None:
        """Brief and write the articles one after another, until done or stopped."""
        for article in articles:
            started = time.perf_counter()
            if (briefed := self.brief(summarizer, article, dateline)) is not None:
                self.write(*briefed, article, output, time.perf_counter() - started)
            if self.stopped:
                return


async def brief_concurrently(
    run: Run,
    summarizer: Summarizer,
    articles: list[Article],
    dateline: dt.date | None,
    output: Output,
    concurrency: int,
) -> None:
    """Up to ``concurrency`` articles in flight at once, each brief written as soon as it is done."""
    import asyncio  # not at import: the start of every command would pay for it

    # Its own threads: the default executor has min(32, cores + 4), which on a small client machine, and
    # not the server, would bound the batch; and its running work must be known when interrupted.
    pool = ThreadPoolExecutor(max_workers=concurrency)
    submitted: list[Future[Brief]] = []
    slots = asyncio.Semaphore(concurrency)
    label = f"{len(articles)} articles, {concurrency} at a time"

    async def one(article: Article) -> tuple[Source, Brief, float]:
        async with slots:
            started = time.perf_counter()
            source = read_article(article, dateline)
            submitted.append(pool.submit(summarizer.summarize, source))
            result = await asyncio.wrap_future(submitted[-1])
            return source, result, time.perf_counter() - started

    backend = summarizer.backend  # opened once, before the workers share it
    with contextlib.suppress(SummarizerError):  # the first brief says what is wrong
        if (served := backend.slots()) is not None and served < concurrency:
            at_once = "one request" if served == 1 else f"{served} requests"
            local = summarizer.settings.embedded
            more = (
                f"`summarizer serve --slots {concurrency}` keeps one with more" if local else "docs/scale.md"
            )
            say(
                f"summarizer: {'the local engine' if local else backend.label} answers {at_once} at a time: "
                f"--concurrency {concurrency} will not help beyond {served} ({more})"
            )
    pending = {asyncio.ensure_future(one(article)): article for article in articles}
    run.display.begin(label)
    try:
        while pending:
            done, _ = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                article = pending.pop(task)
                run.finished()
                failed = task.exception()
                if isinstance(failed, Exception):
                    run.failure(failed, article)
                elif failed is not None:
                    raise failed
                else:
                    source, result, seconds = task.result()
                    run.write(source, result, article, output, seconds)
                if run.stopped:
                    return
            run.display.begin(label)
    finally:
        for task in pending:
            task.cancel()
        pool.shutdown(wait=False, cancel_futures=True)
        run.abandoned = any(future.running() for future in submitted)
