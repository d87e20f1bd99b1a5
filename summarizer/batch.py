"""The articles a command names and one run over them: each read, briefed and written whole, a failure
reported on one line while the batch goes on."""

from __future__ import annotations

import datetime as dt
import glob
import itertools
import os
import re
import sys
import time
import traceback
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import typer

from .errors import ConfigError, SummarizerError
from .ingest import Source, read_path, source_from_bytes
from .messages import error, report, say
from .models import Brief
from .render import rich_console

if TYPE_CHECKING:
    from .pipeline import Summarizer
    from .render.progress import Display

_ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
_GLOB_CHARS = re.compile(r"[*?\[]")
STDIN = "-"
STDIN_ORIGIN = "<stdin>"


class Format(StrEnum):
    """How a brief is written."""

    RICH = "rich"
    MARKDOWN = "markdown"
    JSON = "json"
    HTML = "html"


_RENDERER: dict[Format, Literal["rich", "markdown", "json", "html"]] = {
    Format.RICH: "rich",
    Format.MARKDOWN: "markdown",
    Format.JSON: "json",
    Format.HTML: "html",
}
_SUFFIX = {Format.RICH: ".txt", Format.MARKDOWN: ".md", Format.JSON: ".json", Format.HTML: ".html"}


@dataclass(frozen=True)
class Article:
    """One article to brief, or a PATH argument that named none (``problem`` says why)."""

    name: str
    """The path as given or found, or ``-`` for stdin."""
    problem: str | None = None

    @property
    def origin(self) -> str:
        """The name in messages: as ``read_path`` reports it (``./a.txt`` is ``a.txt``)."""
        return STDIN_ORIGIN if self.name == STDIN else str(Path(self.name))


def expand(paths: list[str]) -> tuple[list[Article], bool]:
    """The articles that ``paths`` name: globs expanded (for shells that don't, and on Windows), folders
    listed, ``-`` kept for stdin; each file once. Also whether some argument named several articles."""
    found: list[Article] = []
    several = False
    for path in paths:
        if path == STDIN:
            found.append(Article(STDIN))
        elif Path(path).is_dir():
            several = True
            found += _folder(Path(path))
        elif _GLOB_CHARS.search(path) and not os.path.lexists(path):
            several = True
            matches = sorted(glob.glob(path, recursive=True))
            files = [Article(m) for m in matches if _is_article(Path(m))]
            for folder in (Path(m) for m in matches if Path(m).is_dir()):
                files += _folder(folder, quiet=True)
            found += files or [Article(path, "no file matches this pattern")]
        else:
            found.append(Article(path))  # reading it says what is wrong, if anything
    seen: set[str] = set()
    unique = []
    for article in found:
        key = article.name if article.name == STDIN or article.problem else os.path.realpath(article.name)
        if key not in seen or article.name == STDIN:
            seen.add(key)
            unique.append(article)
    return unique, several


def _folder(folder: Path, *, quiet: bool = False) -> list[Article]:
    files = sorted(p for p in folder.iterdir() if _is_article(p))
    if not files and not quiet:
        kinds = ", ".join(f"*{s}" for s in _ARTICLE_SUFFIXES)
        return [Article(str(folder), f"no articles found in this folder (looked for {kinds})")]
    return [Article(str(p)) for p in files]


def _is_article(path: Path) -> bool:
    """An article file of a folder or a pattern: a README there tells about the articles, it is not one."""
    return (
        path.suffix.lower() in _ARTICLE_SUFFIXES
        and not path.name.startswith(".")
        and path.stem.lower() != "readme"
        and path.is_file()
    )


def output_paths(
    articles: list[Article], given: str | None, fmt: Format, several: bool
) -> dict[str, Path] | None:
    """Where each article's brief goes: None for stdout, else a path per article name.

    A folder gets one ``<stem>.<ext>`` per article (``<stem>.brief.<ext>`` where that would overwrite an
    input, ``<stem>-2.<ext>`` for a second article of the same name).
    """
    if given is None:
        return None
    output = Path(given)
    inputs = {os.path.realpath(a.name) for a in articles if a.name != STDIN and not a.problem}
    to_folder = output.is_dir() or given.endswith(("/", os.sep)) or len(articles) > 1 or several
    if not to_folder:
        if os.path.realpath(output) in inputs:
            raise typer.BadParameter(
                f"{output} is the article itself: it would be overwritten", param_hint="--output"
            )
        return {articles[0].name: output} if articles else {}
    if output.exists() and not output.is_dir():
        raise typer.BadParameter(
            f"{output} is a file, but {len(articles)} articles need a folder for their briefs",
            param_hint="--output",
        )
    targets: dict[str, Path] = {}
    taken: set[str] = set()
    for article in articles:
        stem = "stdin" if article.name == STDIN else Path(article.name).stem
        suffix = _SUFFIX[fmt]
        if os.path.realpath(output / f"{stem}{suffix}") in inputs:
            stem += ".brief"
        numbered = (f"{stem}-{n}{suffix}" for n in itertools.count(2))
        name = next(
            name
            for name in itertools.chain([f"{stem}{suffix}"], numbered)
            if name.lower() not in taken and os.path.realpath(output / name) not in inputs
        )
        taken.add(name.lower())
        targets[article.name] = output / name
    return targets


def read_article(article: Article, dateline: dt.date | None) -> Source:
    if article.problem:
        raise Failure(article.problem)
    if article.name == STDIN:
        if sys.stdin.isatty():
            say("summarizer: reading an article from stdin (end it with Ctrl-D)")
        return source_from_bytes(sys.stdin.buffer.read(), origin=STDIN_ORIGIN, dateline=dateline)
    try:
        return read_path(Path(article.name), dateline=dateline)
    except OSError as exc:
        raise Failure(f"cannot read it: {exc.strerror or exc}") from None


def render_as(result: Brief, source: Source, fmt: Format) -> str:
    from .render import render

    return render(result, source, _RENDERER[fmt], width=80, color=False)


def to_stdout(result: Brief, source: Source, fmt: Format) -> None:
    if fmt is Format.RICH:
        console = rich_console()
        if console.is_terminal:
            from .render import print_brief

            print_brief(result, source, console)
            return
    write_stdout(render_as(result, source, fmt))  # plain text at 80 columns when stdout is not a terminal


def to_file(text: str, target: Path) -> None:
    """Write ``text`` whole or not at all: a failed write never leaves half a brief behind."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        partial.write_bytes(text.encode("utf-8"))
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def write_stdout(text: str) -> None:
    """UTF-8 bytes on stdout, whatever the console's code page, with no newline translation."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
    else:
        buffer.write(text.encode("utf-8"))
        buffer.flush()


class Failure(Exception):
    """An article could not be briefed: the message says why (without the article's name)."""


@dataclass
class Run:
    """One command's pass over its articles: where briefs go, and how many were written or failed."""

    fmt: Format
    targets: dict[str, Path] | None
    verbose: bool
    written: int = 0
    failed: int = 0
    stdout_gone: bool = False
    """The reader of stdout went away (``| head``): the batch stops, quietly."""
    abandoned: bool = False
    """Interrupted with requests still in flight in worker threads, which nothing can stop."""
    unconfigured: bool = False
    """Stopped by a configuration error (exit 2): every article would have failed the same way."""

    def one(
        self, summarizer: Summarizer, article: Article, dateline: dt.date | None, display: Display
    ) -> bool:
        """Brief one article and write it; report a failure and go on. False: stop the batch."""
        started = time.perf_counter()
        display.begin(article.name)
        try:
            source = read_article(article, dateline)
            display.step("starting")
            result = summarizer.summarize(source, progress=display.step)
        except Exception as exc:
            return self.failure(exc, article, display)
        return self.success(result, source, article, time.perf_counter() - started, display)

    def failure(self, exc: Exception, article: Article, display: Display) -> bool:
        """Report why ``article`` has no brief. False: stop the batch."""
        display.pause()
        display.advance()
        self.failed += 1
        if isinstance(exc, ConfigError):
            # The backend, not the article: every other article would fail the same way.
            error(str(exc))
            self.unconfigured = True
            return False
        if isinstance(exc, SummarizerError | Failure):
            error(str(exc), article.origin)
            return True
        # A bug: say so, keep the other articles' briefs.
        error(f"unexpected {type(exc).__name__}: {exc} (a bug; --verbose shows where)", article.origin)
        if self.verbose:
            traceback.print_exception(exc, file=sys.stderr)
        return True

    def success(
        self, result: Brief, source: Source, article: Article, seconds: float, display: Display
    ) -> bool:
        """Write the brief of ``article``. False: stop the batch (stdout is gone)."""
        display.pause()
        display.advance()
        if not self._write(result, source, article):
            return self.targets is not None  # stdout gone: nothing more can be written there
        self.written += 1
        if self.verbose:
            report(result, article.origin, seconds)
        return True

    def _write(self, result: Brief, source: Source, article: Article) -> bool:
        try:
            if self.targets is None:
                to_stdout(result, source, self.fmt)
            else:
                target = self.targets[article.name]
                try:
                    to_file(render_as(result, source, self.fmt), target)
                except OSError as exc:
                    raise Failure(f"cannot write {target}: {exc.strerror or exc}") from None
        except BrokenPipeError:
            self.failed += 1
            self.stdout_gone = True
            _silence_stdout()
            return False
        except (Failure, OSError) as exc:
            self.failed += 1
            text = str(exc) if isinstance(exc, Failure) else f"cannot write to stdout: {exc.strerror or exc}"
            error(text, article.origin)
            return False
        return True


def _silence_stdout() -> None:
    """After the reader of stdout went away (``| head``), drop what is left instead of failing at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


async def brief_concurrently(
    run: Run,
    summarizer: Summarizer,
    articles: list[Article],
    dateline: dt.date | None,
    display: Display,
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

    _ = summarizer.backend  # opened once, before the workers share it
    pending = {asyncio.ensure_future(one(article)): article for article in articles}
    display.begin(label)
    try:
        while pending:
            done, _ = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                article = pending.pop(task)
                error = task.exception()
                if isinstance(error, Exception):
                    going = run.failure(error, article, display)
                elif error is not None:
                    raise error
                else:
                    source, result, seconds = task.result()
                    going = run.success(result, source, article, seconds, display)
                if not going:
                    return
            display.begin(label)
    finally:
        for task in pending:
            task.cancel()
        pool.shutdown(wait=False, cancel_futures=True)
        run.abandoned = any(future.running() for future in submitted)
