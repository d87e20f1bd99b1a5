"""The command line: ``summarizer brief``, ``summarizer schema``, ``summarizer eval``.

stdout carries only briefs (and the schema, and eval's report); progress, timings and errors go to stderr.
Exit codes: 0 every brief written, 1 some article failed, 2 a usage error, 130 interrupted.

rich is imported only once a brief is on its way (typer imports it only to format help and usage
errors), and the client stack (openai, instructor, llama_cpp) only when the pipeline asks the model.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Unpack

import typer

from . import __version__
from .backends import identify
from .batch import (
    Article,
    Format,
    Run,
    brief_concurrently,
    expand,
    output_paths,
    read_article,
    to_file,
    write_stdout,
)
from .config import CacheMode, Options, Settings, parse_dateline
from .errors import ConfigError
from .messages import error, logs, say
from .models import Brief
from .pipeline import Summarizer
from .render import rich_console
from .render.progress import Display, weights_progress
from .usage import BRIEF_EXAMPLES, EVAL_EXAMPLES, STORY_EXAMPLES, TIMEOUT_HELP

__all__ = ["app", "schema_json"]

_INTERRUPTED = 130
_CONFIGURATION = 2

app = typer.Typer(
    help="Grounded, structured briefs of news articles, from a language model.",
    epilog=BRIEF_EXAMPLES,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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


def _parse_dateline(value: str) -> dt.date | None:
    try:
        return parse_dateline(value)
    except ConfigError as exc:
        raise typer.BadParameter(str(exc)) from None


@app.command(epilog=BRIEF_EXAMPLES)
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
    timeout: Annotated[
        float | None, typer.Option(metavar="SECONDS", help=TIMEOUT_HELP, show_default=False)
    ] = None,
) -> None:
    """Write the brief of each article: a note in the terminal, or Markdown, JSON or HTML."""
    articles, several = expand(paths)
    targets = output_paths(articles, output, fmt, several)
    settings = _settings(
        base_url=base_url,
        model=model,
        model_path=model_path,
        cache=CacheMode.OFF if no_cache else None,
        context_tokens=context_tokens,
        timeout=timeout,
    )
    if verbose:
        backend = identify(settings)
        say(f"summarizer: {backend.label} model {backend.model}; cache {settings.cache.value}")
    if concurrency > 1 and settings.embedded:
        say("summarizer: the embedded model briefs one article at a time; --concurrency applies to servers")
        concurrency = 1
    try:
        _brief_all(articles, targets, fmt, dateline, settings, concurrency, verbose, quiet)
    except KeyboardInterrupt:
        say("summarizer: interrupted")
        raise typer.Exit(_INTERRUPTED) from None


def _brief_all(
    articles: list[Article],
    targets: dict[str, Path] | None,
    fmt: Format,
    dateline: dt.date | None,
    settings: Settings,
    concurrency: int,
    verbose: bool,
    quiet: bool,
) -> None:
    run = Run(fmt=fmt, targets=targets, verbose=verbose)
    display = Display(len(articles), enabled=not quiet)
    try:
        with logs(verbose), Summarizer(settings, weights_progress=weights_progress()) as summarizer:
            if concurrency > 1 and len(articles) > 1:
                import asyncio

                asyncio.run(brief_concurrently(run, summarizer, articles, dateline, display, concurrency))
            else:
                for article in articles:
                    if not run.one(summarizer, article, dateline, display):
                        break
    except KeyboardInterrupt:
        display.stop()
        say(f"summarizer: interrupted; {run.written} of {len(articles)} briefs written")
        if run.abandoned:
            # The interpreter would wait at exit for the worker threads, which wait on the server and then
            # retry. Every brief written is whole and every cache entry atomic: nothing is lost by leaving.
            with contextlib.suppress(OSError, ValueError):
                sys.stdout.flush()
            os._exit(_INTERRUPTED)
        raise typer.Exit(_INTERRUPTED) from None
    finally:
        display.stop()
    if run.unconfigured:
        raise typer.Exit(_CONFIGURATION)
    if run.failed:
        if len(articles) > 1 and not run.stdout_gone:
            say(f"summarizer: {run.failed} of {len(articles)} articles failed")
        raise typer.Exit(1)


class StoryFormat(StrEnum):
    """How a story is written."""

    RICH = "rich"
    MARKDOWN = "markdown"
    JSON = "json"
    HTML = "html"


@app.command(epilog=STORY_EXAMPLES)
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
        StoryFormat,
        typer.Option("--format", "-f", help="rich: a note for the terminal; or markdown, json, html."),
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
    timeout: Annotated[
        float | None, typer.Option(metavar="SECONDS", help=TIMEOUT_HELP, show_default=False)
    ] = None,
) -> None:
    """One brief of a story from several articles: actors unified, one timeline, every quote with its
    article, and the points where the articles disagree."""
    from .story import merge_briefs

    articles, _ = expand(paths)
    if len(articles) < 2:
        raise typer.BadParameter("a story needs at least two articles", param_hint="PATH")
    settings = _settings(
        base_url=base_url, model=model, cache=CacheMode.OFF if no_cache else None, timeout=timeout
    )
    run = Run(fmt=Format.JSON, targets=None, verbose=verbose)
    display = Display(len(articles), enabled=not quiet)
    briefs: list[tuple[str, Brief]] = []
    try:
        with logs(verbose), Summarizer(settings, weights_progress=weights_progress()) as summarizer:
            for article in articles:
                display.begin(article.name)
                try:
                    result = summarizer.summarize(read_article(article, None), progress=display.step)
                except Exception as exc:
                    if not run.failure(exc, article, display):
                        raise typer.Exit(_CONFIGURATION if run.unconfigured else 1) from None
                    continue
                display.pause()
                display.advance()
                briefs.append((article.origin, result))
    except KeyboardInterrupt:
        say("summarizer: interrupted")
        raise typer.Exit(_INTERRUPTED) from None
    finally:
        display.stop()
    if len(briefs) < 2:
        error(f"a story needs at least two briefs; {len(briefs)} of {len(articles)} articles were briefed")
        raise typer.Exit(1)
    merged = merge_briefs(briefs)
    if fmt is StoryFormat.JSON:
        from .render.safe import json_safe

        text = json_safe(merged.model_dump_json(indent=2)) + "\n"
    elif fmt is StoryFormat.HTML:
        from .render.story_html import story_html

        text = story_html(merged)
    else:
        from .render.story import story_markdown

        text = story_markdown(merged)
    if output is not None:
        try:
            to_file(text, output)
        except OSError as exc:
            error(f"cannot write {output}: {exc.strerror or exc}")
            raise typer.Exit(1) from None
    elif fmt is StoryFormat.RICH and (console := rich_console()).is_terminal:
        from rich.markdown import Markdown

        console.print(Markdown(text))
    else:
        write_stdout(text)
    if run.failed:
        say(f"summarizer: {run.failed} of {len(articles)} articles failed; the story has {len(briefs)}")
        raise typer.Exit(1)


@app.command()
def schema(
    document: Annotated[
        Document, typer.Argument(help="brief (--format json of brief) or story.")
    ] = Document.BRIEF,
) -> None:
    """Print the JSON Schema of a brief (the shape of --format json), or of a story."""
    write_stdout(schema_json(document))


@app.command(name="eval", epilog=EVAL_EXAMPLES)
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold annotations: a .json or .jsonl file.")],
    limit: Annotated[int | None, typer.Option(help="Only the first N articles.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON for machines instead of tables.")] = False,
    model: Annotated[str | None, typer.Option(help="Model name (SUMMARIZER_MODEL).")] = None,
    base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible endpoint.")] = None,
) -> None:
    """Measure brief quality against gold annotations, beside a rule-based baseline."""
    from .evaluate import run_eval

    with Summarizer(
        _settings(base_url=base_url, model=model), weights_progress=weights_progress()
    ) as summarizer:
        raise typer.Exit(run_eval(gold, limit=limit, as_json=as_json, summarizer=summarizer))


def _settings(**options: Unpack[Options]) -> Settings:
    """Settings from the environment and the options, or exit 2 saying what is wrong with them, before
    any article is read."""
    try:
        settings = Settings.from_env(**options)
        identify(settings)
    except ConfigError as exc:
        error(str(exc))
        raise typer.Exit(_CONFIGURATION) from None
    return settings
