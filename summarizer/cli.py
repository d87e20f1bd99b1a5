"""The command line: ``summarizer brief``, ``summarizer schema``, ``summarizer eval``.

stdout carries only briefs (and the schema, and eval's report); progress, timings and errors go to stderr.
Exit codes: 0 every brief written, 1 some article failed, 2 a usage error, 130 interrupted.

rich is imported only once a brief is on its way (typer imports it only to format help and usage
errors), and the client stack (openai, instructor, llama_cpp) only when the pipeline asks the model.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import glob
import itertools
import json
import logging
import os
import re
import sys
import time
import traceback
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from . import __version__
from .backends import identify
from .config import CacheMode, Settings
from .errors import ConfigError, SummarizerError
from .ingest import Source, read_path, source_from_bytes
from .models import Brief
from .pipeline import Summarizer

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID
    from rich.status import Status

__all__ = ["app", "schema_json"]

_EXAMPLES = """\
Examples:

  # a briefing note to read in the terminal
  summarizer brief article.txt

  # every article in a folder, one Markdown note each
  summarizer brief news/ --format markdown --output notes/

  # a page for the browser, every quote and name highlighted in the article
  summarizer brief page.html --format html --output brief.html

  # JSON for a pipeline, from stdin, with the publication date given
  cat article.txt | summarizer brief - --format json --dateline 2021-03-18

  # a glob (quoted: expanded here), JSON briefs into a folder
  summarizer brief 'news/*.txt' -f json -o briefs/

  # any OpenAI-compatible server instead of the embedded model
  summarizer brief article.txt --base-url http://gpu:8000/v1 --model qwen2.5

Exit status: 0 every brief written, 1 some article failed, 2 usage error, 130 interrupted.
"""

_ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
_GLOB_CHARS = re.compile(r"[*?\[]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_STDIN = "-"
_STDIN_ORIGIN = "<stdin>"
_INTERRUPTED = 130

app = typer.Typer(
    help="Grounded, structured briefs of news articles, from a language model.",
    epilog=_EXAMPLES,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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


class Document(StrEnum):
    """What a JSON output holds."""

    BRIEF = "brief"
    STORY = "story"


def schema_json(document: Document = Document.BRIEF) -> str:
    """The JSON Schema of a brief or a story, exactly as committed in schemas/<document>.schema.json."""
    from .story import Story

    model = Brief if document is Document.BRIEF else Story
    return json.dumps(model.model_json_schema(mode="serialization"), indent=2, ensure_ascii=False) + "\n"


# ---- the commands --------------------------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        typer.echo(f"summarizer {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Grounded, structured briefs of news articles: who did what, when, who said what, and what follows.

    Every name, quote and event in a brief points back to where the article says it.
    """


def _parse_dateline(value: str) -> dt.date:
    if not _ISO_DATE.fullmatch(value.strip()):
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a calendar date") from None


@app.command(epilog=_EXAMPLES)
def brief(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Articles (plain text, Markdown or HTML): files, folders (their *.txt, *.md, *.html, "
            "*.htm files), glob patterns, or - for stdin.",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="rich: a note for the terminal; or markdown, json, html.")
    ] = Format.RICH,
    output: Annotated[
        str | None,  # not a Path: that would drop the trailing "/" that marks a folder
        typer.Option(
            "--output",
            "-o",
            metavar="FILE|DIR",
            help="Write to this file (one article) or folder (one DIR/<name>.md|json|html|txt per "
            "article) instead of stdout.",
            show_default=False,
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="Model name (default: SUMMARIZER_MODEL).", show_default=False),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            metavar="URL",
            help="An OpenAI-compatible endpoint (default: SUMMARIZER_BASE_URL); without one the embedded "
            "model runs.",
            show_default=False,
        ),
    ] = None,
    model_path: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            exists=True,
            dir_okay=False,
            help="A GGUF file for the embedded model (default: SUMMARIZER_MODEL_PATH).",
            show_default=False,
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the response cache.")
    ] = False,
    dateline: Annotated[
        dt.date | None,
        typer.Option(
            metavar="YYYY-MM-DD",
            parser=_parse_dateline,
            help="Publication date, against which relative dates resolve (wins over the article's own).",
            show_default=False,
        ),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Per-pass timings, warnings and logs on stderr.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display on stderr.")] = False,
    concurrency: Annotated[
        int,
        typer.Option(
            "--concurrency",
            "-j",
            min=1,
            metavar="N",
            help="Articles briefed at once by a server (the embedded model takes one at a time).",
        ),
    ] = 1,
    context_tokens: Annotated[
        int | None,
        typer.Option(
            metavar="TOKENS",
            help="The model's context window; longer articles are read in overlapping parts (default: "
            "SUMMARIZER_CONTEXT_TOKENS, else 4096 for the embedded model, no limit for a server).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write the brief of each article: a note in the terminal, or Markdown, JSON or HTML."""
    articles, several = _expand(paths)
    targets = _targets(articles, output, fmt, several)
    settings = _settings(
        base_url=base_url,
        model=model,
        model_path=model_path,
        cache=CacheMode.OFF if no_cache else None,
        context_tokens=context_tokens,
    )
    if verbose:
        backend = identify(settings)
        _say(f"summarizer: {backend.label} model {backend.model}; cache {settings.cache.value}")
    if concurrency > 1 and settings.embedded:
        _say("summarizer: the embedded model briefs one article at a time; --concurrency applies to servers")
        concurrency = 1
    try:
        _brief_all(articles, targets, fmt, dateline, settings, concurrency, verbose, quiet)
    except KeyboardInterrupt:
        _say("summarizer: interrupted")
        raise typer.Exit(_INTERRUPTED) from None


def _brief_all(
    articles: list[_Article],
    targets: dict[str, Path] | None,
    fmt: Format,
    dateline: dt.date | None,
    settings: Settings,
    concurrency: int,
    verbose: bool,
    quiet: bool,
) -> None:
    run = _Run(fmt=fmt, targets=targets, verbose=verbose)
    display = _Display(len(articles), enabled=not quiet)
    try:
        with _logs(verbose), Summarizer(settings) as summarizer:
            if concurrency > 1 and len(articles) > 1:
                asyncio.run(_brief_concurrently(run, summarizer, articles, dateline, display, concurrency))
            else:
                for article in articles:
                    if not run.one(summarizer, article, dateline, display):
                        break
    except KeyboardInterrupt:
        display.stop()
        _say(f"summarizer: interrupted; {run.written} of {len(articles)} briefs written")
        raise typer.Exit(_INTERRUPTED) from None
    finally:
        display.stop()
    if run.failed:
        if len(articles) > 1 and not run.stdout_gone:
            _say(f"summarizer: {run.failed} of {len(articles)} articles failed")
        raise typer.Exit(1)


async def _brief_concurrently(
    run: _Run,
    summarizer: Summarizer,
    articles: list[_Article],
    dateline: dt.date | None,
    display: _Display,
    concurrency: int,
) -> None:
    """Up to ``concurrency`` articles in flight at once, each brief written as soon as it is done."""
    # The default executor has min(32, cores + 4) threads: on a small client machine that, and not the
    # server, would bound the batch.
    asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(max_workers=concurrency))
    slots = asyncio.Semaphore(concurrency)
    label = f"{len(articles)} articles, {concurrency} at a time"

    async def one(article: _Article) -> tuple[Source, Brief, float]:
        async with slots:
            started = time.perf_counter()
            source = _read(article, dateline)
            result = await summarizer.asummarize(source)
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


class StoryFormat(StrEnum):
    """How a story is written."""

    RICH = "rich"
    MARKDOWN = "markdown"
    JSON = "json"


@app.command()
def story(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Two or more articles about one story (files, folders, globs).",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        StoryFormat, typer.Option("--format", "-f", help="rich: a note for the terminal; or markdown, json.")
    ] = StoryFormat.RICH,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to this file instead of stdout.", show_default=False
        ),
    ] = None,
    model: Annotated[str | None, typer.Option(metavar="NAME", help="Model name (SUMMARIZER_MODEL).")] = None,
    base_url: Annotated[
        str | None, typer.Option(metavar="URL", help="An OpenAI-compatible endpoint (SUMMARIZER_BASE_URL).")
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the response cache.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Timings, warnings and logs on stderr.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display on stderr.")] = False,
) -> None:
    """One brief of a story from several articles: actors unified, one timeline, every quote with its
    article, and the points where the articles disagree."""
    from .story import merge_briefs

    articles, _ = _expand(paths)
    if len(articles) < 2:
        raise typer.BadParameter("a story needs at least two articles", param_hint="PATH")
    settings = _settings(base_url=base_url, model=model, cache=CacheMode.OFF if no_cache else None)
    run = _Run(fmt=Format.JSON, targets=None, verbose=verbose)
    display = _Display(len(articles), enabled=not quiet)
    briefs: list[tuple[str, Brief]] = []
    try:
        with _logs(verbose), Summarizer(settings) as summarizer:
            for article in articles:
                display.begin(article.name)
                try:
                    result = summarizer.summarize(_read(article, None), progress=display.step)
                except Exception as exc:
                    if not run.failure(exc, article, display):
                        raise typer.Exit(1) from None
                    continue
                display.pause()
                display.advance()
                briefs.append((article.origin, result))
    except KeyboardInterrupt:
        _say("summarizer: interrupted")
        raise typer.Exit(_INTERRUPTED) from None
    finally:
        display.stop()
    if len(briefs) < 2:
        _error(f"a story needs at least two briefs; {len(briefs)} of {len(articles)} articles were briefed")
        raise typer.Exit(1)
    merged = merge_briefs(briefs)
    if fmt is StoryFormat.JSON:
        text = merged.model_dump_json(indent=2) + "\n"
    else:
        from .render.story import story_markdown

        text = story_markdown(merged)
    if output is not None:
        try:
            _to_file(text, output)
        except OSError as exc:
            _error(f"cannot write {output}: {exc.strerror or exc}")
            raise typer.Exit(1) from None
    elif fmt is StoryFormat.RICH and (console := _stdout_console()).is_terminal:
        from rich.markdown import Markdown

        console.print(Markdown(text))
    else:
        _write_stdout(text)
    if run.failed:
        _say(f"summarizer: {run.failed} of {len(articles)} articles failed; the story has {len(briefs)}")
        raise typer.Exit(1)


@app.command()
def schema(
    document: Annotated[
        Document, typer.Argument(help="brief (--format json of brief) or story.")
    ] = Document.BRIEF,
) -> None:
    """Print the JSON Schema of a brief (the shape of --format json), or of a story."""
    _write_stdout(schema_json(document))


@app.command(name="eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold annotations: a .json or .jsonl file.")],
    limit: Annotated[int | None, typer.Option(help="Only the first N articles.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON for machines instead of tables.")] = False,
    model: Annotated[str | None, typer.Option(help="Model name (SUMMARIZER_MODEL).")] = None,
    base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible endpoint.")] = None,
) -> None:
    """Measure brief quality against gold annotations, beside a rule-based baseline."""
    from .evaluate import run_eval

    with Summarizer(_settings(base_url=base_url, model=model)) as summarizer:
        raise typer.Exit(run_eval(gold, limit=limit, as_json=as_json, summarizer=summarizer))


def _settings(**overrides: object) -> Settings:
    """Settings from the environment and the options, or exit 2 saying what is wrong with them."""
    try:
        settings = Settings.from_env(**overrides)
        identify(settings)
    except ConfigError as exc:
        _error(str(exc))
        raise typer.Exit(2) from None
    return settings


# ---- inputs and outputs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Article:
    """One article to brief, or a PATH argument that named none (``problem`` says why)."""

    name: str
    """The path as given or found, or ``-`` for stdin."""
    problem: str | None = None

    @property
    def origin(self) -> str:
        """The name in messages: as ``read_path`` reports it (``./a.txt`` is ``a.txt``)."""
        return _STDIN_ORIGIN if self.name == _STDIN else str(Path(self.name))


def _expand(paths: list[str]) -> tuple[list[_Article], bool]:
    """The articles that ``paths`` name: globs expanded (for shells that don't, and on Windows), folders
    listed, ``-`` kept for stdin; each file once. Also whether some argument named several articles."""
    found: list[_Article] = []
    several = False
    for path in paths:
        if path == _STDIN:
            found.append(_Article(_STDIN))
        elif Path(path).is_dir():
            several = True
            found += _folder(Path(path))
        elif _GLOB_CHARS.search(path) and not os.path.lexists(path):
            several = True
            matches = sorted(glob.glob(path, recursive=True))
            files = [_Article(m) for m in matches if not Path(m).is_dir()]
            for folder in (Path(m) for m in matches if Path(m).is_dir()):
                files += _folder(folder, quiet=True)
            found += files or [_Article(path, "no file matches this pattern")]
        else:
            found.append(_Article(path))  # reading it says what is wrong, if anything
    seen: set[str] = set()
    unique = []
    for article in found:
        key = article.name if article.name == _STDIN or article.problem else os.path.realpath(article.name)
        if key not in seen or article.name == _STDIN:
            seen.add(key)
            unique.append(article)
    return unique, several


def _folder(folder: Path, *, quiet: bool = False) -> list[_Article]:
    files = sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in _ARTICLE_SUFFIXES and not p.name.startswith(".") and p.is_file()
    )
    if not files and not quiet:
        kinds = ", ".join(f"*{s}" for s in _ARTICLE_SUFFIXES)
        return [_Article(str(folder), f"no articles found in this folder (looked for {kinds})")]
    return [_Article(str(p)) for p in files]


def _targets(
    articles: list[_Article], given: str | None, fmt: Format, several: bool
) -> dict[str, Path] | None:
    """Where each article's brief goes: None for stdout, else a path per article name.

    A folder gets one ``<stem>.<ext>`` per article (``<stem>.brief.<ext>`` where that would overwrite an
    input, ``<stem>-2.<ext>`` for a second article of the same name).
    """
    if given is None:
        return None
    output = Path(given)
    inputs = {os.path.realpath(a.name) for a in articles if a.name != _STDIN and not a.problem}
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
        stem = "stdin" if article.name == _STDIN else Path(article.name).stem
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


def _read(article: _Article, dateline: dt.date | None) -> Source:
    if article.problem:
        raise _Failure(article.problem)
    if article.name == _STDIN:
        if sys.stdin.isatty():
            _say("summarizer: reading an article from stdin (end it with Ctrl-D)")
        return source_from_bytes(sys.stdin.buffer.read(), origin=_STDIN_ORIGIN, dateline=dateline)
    try:
        return read_path(Path(article.name), dateline=dateline)
    except OSError as exc:
        raise _Failure(f"cannot read it: {exc.strerror or exc}") from None


def _render(result: Brief, source: Source, fmt: Format) -> str:
    from .render import render

    return render(result, source, _RENDERER[fmt], width=80, color=False)


def _to_stdout(result: Brief, source: Source, fmt: Format) -> None:
    if fmt is Format.RICH:
        console = _stdout_console()
        if console.is_terminal:
            from .render import print_brief

            print_brief(result, source, console)
            return
    _write_stdout(_render(result, source, fmt))  # plain text at 80 columns when stdout is not a terminal


def _to_file(text: str, target: Path) -> None:
    """Write ``text`` whole or not at all: a failed write never leaves half a brief behind."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        partial.write_bytes(text.encode("utf-8"))
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def _write_stdout(text: str) -> None:
    """UTF-8 bytes on stdout, whatever the console's code page, with no newline translation."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
    else:
        buffer.write(text.encode("utf-8"))
        buffer.flush()


# ---- one run over the articles -----------------------------------------------------------------------


class _Failure(Exception):
    """An article could not be briefed: the message says why (without the article's name)."""


@dataclass
class _Run:
    fmt: Format
    targets: dict[str, Path] | None
    verbose: bool
    written: int = 0
    failed: int = 0
    stdout_gone: bool = False
    """The reader of stdout went away (``| head``): the batch stops, quietly."""

    def one(
        self, summarizer: Summarizer, article: _Article, dateline: dt.date | None, display: _Display
    ) -> bool:
        """Brief one article and write it; report a failure and go on. False: stop the batch."""
        started = time.perf_counter()
        display.begin(article.name)
        try:
            source = _read(article, dateline)
            display.step("starting")
            result = summarizer.summarize(source, progress=display.step)
        except Exception as exc:
            return self.failure(exc, article, display)
        return self.success(result, source, article, time.perf_counter() - started, display)

    def failure(self, exc: Exception, article: _Article, display: _Display) -> bool:
        """Report why ``article`` has no brief. False: stop the batch."""
        display.pause()
        display.advance()
        self.failed += 1
        if isinstance(exc, ConfigError):
            # The backend, not the article: every other article would fail the same way.
            _error(str(exc))
            return False
        if isinstance(exc, SummarizerError | _Failure):
            _error(str(exc), article.origin)
            return True
        # A bug: say so, keep the other articles' briefs.
        _error(f"unexpected {type(exc).__name__}: {exc} (a bug; --verbose shows where)", article.origin)
        if self.verbose:
            traceback.print_exception(exc, file=sys.stderr)
        return True

    def success(
        self, result: Brief, source: Source, article: _Article, seconds: float, display: _Display
    ) -> bool:
        """Write the brief of ``article``. False: stop the batch (stdout is gone)."""
        display.pause()
        display.advance()
        if not self._write(result, source, article):
            return self.targets is not None  # stdout gone: nothing more can be written there
        self.written += 1
        if self.verbose:
            _report(result, article.origin, seconds)
        return True

    def _write(self, result: Brief, source: Source, article: _Article) -> bool:
        try:
            if self.targets is None:
                _to_stdout(result, source, self.fmt)
            else:
                target = self.targets[article.name]
                try:
                    _to_file(_render(result, source, self.fmt), target)
                except OSError as exc:
                    raise _Failure(f"cannot write {target}: {exc.strerror or exc}") from None
        except BrokenPipeError:
            self.failed += 1
            self.stdout_gone = True
            _silence_stdout()
            return False
        except (_Failure, OSError) as exc:
            self.failed += 1
            text = str(exc) if isinstance(exc, _Failure) else f"cannot write to stdout: {exc.strerror or exc}"
            _error(text, article.origin)
            return False
        return True


def _silence_stdout() -> None:
    """After the reader of stdout went away (``| head``), drop what is left instead of failing at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _error(message: str, origin: str | None = None) -> None:
    """``summarizer: error: <origin>: <what is wrong>`` on one line of stderr."""
    message = _one_line(message)
    if origin and not message.startswith(f"{origin}:"):
        message = f"{origin}: {message}"
    _say(f"summarizer: error: {message}")


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _report(result: Brief, origin: str, seconds: float) -> None:
    """--verbose: what answered, how long each pass took, and the brief's warnings."""
    run = result.run
    passes = ", ".join(f"{name} {s:.1f}s" for name, s in run.seconds.items()) or "no passes"
    _say(
        f"summarizer: {origin}: {passes}; {seconds:.1f}s in all; {run.model} ({run.backend}); "
        f"{run.usage.prompt_tokens}+{run.usage.completion_tokens} tokens, {run.reasks} re-asks, "
        f"{run.cached} cached"
    )
    for warning in run.warnings:
        _say(f"summarizer: warning: {origin}: {_one_line(warning)}")


@contextmanager
def _logs(verbose: bool) -> Iterator[None]:
    """Log records on stderr while the command runs, one line each: this package's warnings always; with
    --verbose also its INFO records and other libraries' warnings. Without it those are dropped: the
    errors behind them reach the user once, as the article's one-line error."""
    root = logging.getLogger()
    ours = logging.getLogger("summarizer")
    handler = _LogLines(verbose)
    level = ours.level
    root.addHandler(handler)  # the command owns the process: no "last resort" handler printing raw records
    if verbose:
        ours.setLevel(logging.INFO)
    try:
        yield
    finally:
        root.removeHandler(handler)
        ours.setLevel(level)


class _LogLines(logging.Handler):
    """``summarizer: log: <logger>: <level>: <message>`` on whatever sys.stderr is at the time (above a live
    display, which redirects it), never a traceback."""

    def __init__(self, verbose: bool) -> None:
        super().__init__()
        self._verbose = verbose

    def filter(self, record: logging.LogRecord) -> bool:
        ours = record.name == "summarizer" or record.name.startswith("summarizer.")
        return ours or (self._verbose and record.levelno >= logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = _one_line(record.getMessage())
            if record.exc_info and record.exc_info[1] is not None:
                text += f" ({type(record.exc_info[1]).__name__}: {_one_line(str(record.exc_info[1]))})"
            _say(f"summarizer: log: {record.name}: {record.levelname.lower()}: {text}")
        except Exception:
            self.handleError(record)


def _stdout_console() -> Console:
    from rich.console import Console

    return Console(highlight=False, emoji=False)


def _stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


class _Display:
    """While the model works, on stderr: a spinner naming the current pass for one article, a progress bar
    across a batch. Nothing when disabled (--quiet) or when stderr is not a terminal.

    It is paused whenever something is written (a brief on stdout, an error on stderr), so the live
    display never captures or garbles other output.
    """

    def __init__(self, total: int, *, enabled: bool) -> None:
        self._name = ""
        self._status: Status | None = None
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        if not enabled:
            return
        console = _stderr_console()
        if not console.is_terminal:
            return
        if total == 1:
            self._status = console.status("", spinner="dots")
            return
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}", markup=False),
            BarColumn(bar_width=20),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            redirect_stdout=False,  # paused before a brief goes to stdout
            redirect_stderr=True,  # log lines print above the bar
        )
        self._task = self._progress.add_task("", total=total)

    def begin(self, name: str) -> None:
        self._name = name
        self._show("reading")
        if self._status is not None:
            self._status.start()
        elif self._progress is not None:
            self._progress.start()

    def step(self, pass_name: str) -> None:
        self._show(pass_name)

    def _show(self, doing: str) -> None:
        label = f"{self._name}: {doing}"
        if self._status is not None:
            from rich.text import Text

            self._status.update(Text(label))
        elif self._progress is not None and self._task is not None:
            self._progress.update(self._task, description=label)

    def advance(self) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task)

    def pause(self) -> None:
        if self._status is not None:
            self._status.stop()
        elif self._progress is not None:
            self._progress.stop()

    stop = pause
