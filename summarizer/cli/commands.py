"""The commands: ``summarizer brief``, ``story``, ``schema``, ``serve`` and ``eval``."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .. import __version__
from ..backends import identify
from ..config import ENGINE_SLOTS, Engine, Settings
from ..models import Brief
from ..render.formats import Format
from .articles import expand, output_paths
from .batch import Run, brief_concurrently
from .messages import error, say
from .options import (
    CONFIGURATION,
    ContextTokens,
    Dateline,
    FormatOption,
    ModelPath,
    Quiet,
    Threads,
    Verbose,
    command_group,
    with_settings,
)
from .output import Output, stdout_result, to_file, write_stdout
from .usage import BRIEF_EXAMPLES, EVAL_EXAMPLES, SERVE_EXAMPLES, STORY_EXAMPLES

if TYPE_CHECKING:
    from ..story import Story

__all__ = ["Document", "app", "schema_json"]

app = command_group(
    "Grounded, structured briefs of news articles, from a language model.",
    BRIEF_EXAMPLES,
    no_args_is_help=True,
)


class Document(StrEnum):
    """What a JSON output holds."""

    BRIEF = "brief"
    STORY = "story"


def schema_json(document: Document = Document.BRIEF) -> str:
    """The JSON Schema of a brief or a story, exactly as committed in schemas/<document>.schema.json."""
    from ..story import Story

    model = Brief if document is Document.BRIEF else Story
    return json.dumps(model.model_json_schema(mode="serialization"), indent=2, ensure_ascii=False) + "\n"


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


@app.command(epilog=BRIEF_EXAMPLES)
@with_settings
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
    fmt: FormatOption = Format.RICH,
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
    dateline: Dateline = None,
    verbose: Verbose = False,
    quiet: Quiet = False,
    concurrency: Annotated[
        int,
        typer.Option(
            "--concurrency",
            "-j",
            min=1,
            metavar="N",
            help="Articles briefed at once by the engine or a server (the in-process model takes one "
            "at a time).",
        ),
    ] = 1,
    *,
    settings: Settings,
) -> None:
    """Write the brief of each article: a note in the terminal, or Markdown, JSON or HTML."""
    articles, several = expand(paths)
    briefs = Output(fmt, output_paths(articles, output, fmt, several))
    if verbose:
        backend = identify(settings)
        say(f"summarizer: {backend.label} model {backend.model}; cache {settings.cache.value}")
    if concurrency > 1 and settings.embedded and settings.resolved_engine() is Engine.IN_PROCESS:
        say(
            "summarizer: the in-process model briefs one article at a time; --concurrency applies to the "
            "engine and to servers"
        )
        concurrency = 1
    run = Run(len(articles), verbose, quiet)
    with run.summarizer(settings) as summarizer:
        if concurrency > 1 and len(articles) > 1:
            import asyncio

            asyncio.run(brief_concurrently(run, summarizer, articles, dateline, briefs, concurrency))
        else:
            run.brief_each(summarizer, articles, dateline, briefs)
    if run.failed and len(articles) > 1 and not run.stdout_gone and not run.unconfigured:
        say(f"summarizer: {run.failed} of {len(articles)} articles failed")
    raise typer.Exit(run.status())


@app.command(epilog=STORY_EXAMPLES)
@with_settings
def story(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH",
            help="Two or more articles about one story (files, folders, globs).",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = Format.RICH,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to this file instead of stdout.", show_default=False
        ),
    ] = None,
    dateline: Dateline = None,
    verbose: Verbose = False,
    quiet: Quiet = False,
    from_archive: Annotated[
        bool,
        typer.Option(
            "--from-archive", help="Merge archived briefs (chosen by --search or --actor), with no model."
        ),
    ] = False,
    search: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="With --from-archive: the articles holding these words."),
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="With --from-archive: the articles naming this actor."),
    ] = None,
    *,
    settings: Settings,
) -> None:
    """One brief of a story from several articles: actors unified, one timeline, every quote with its
    article, and the points where the articles disagree."""
    from ..story import merge_briefs

    if from_archive or search or actor:
        from .queries import story_briefs

        if paths or not from_archive:
            raise typer.BadParameter(
                "give PATHs, or --from-archive with --search or --actor", param_hint="PATH"
            )
        _write_story(merge_briefs(story_briefs(settings.archive, search, actor)), fmt, output)
        return
    articles, _ = expand(paths or [])
    if len(articles) < 2:
        raise typer.BadParameter("a story needs at least two articles", param_hint="PATH")
    run = Run(len(articles), verbose, quiet)
    briefs: list[tuple[str, Brief]] = []
    with run.summarizer(settings) as summarizer:
        for article in articles:
            if (briefed := run.brief(summarizer, article, dateline)) is not None:
                briefs.append((article.origin, briefed[1]))
            elif run.stopped:
                raise typer.Exit(run.status())
    if len(briefs) < 2:
        error(f"a story needs at least two briefs; {len(briefs)} of {len(articles)} articles were briefed")
        raise typer.Exit(1)
    _write_story(merge_briefs(briefs), fmt, output)
    if run.failed:
        say(f"summarizer: {run.failed} of {len(articles)} articles failed; the story has {len(briefs)}")
        raise typer.Exit(1)


def _write_story(merged: Story, fmt: Format, output: Path | None) -> None:
    from ..render import render_story

    text = render_story(merged, fmt)
    if output is not None:
        try:
            to_file(text, output)
        except OSError as exc:
            error(f"cannot write {output}: {exc.strerror or exc}")
            raise typer.Exit(1) from None
        return
    with stdout_result():
        if fmt is Format.RICH:
            from ..render import print_story, terminal_console

            if (console := terminal_console()) is not None:
                print_story(merged, console)
                return
        write_stdout(text)


@app.command()
def schema(
    document: Annotated[
        Document, typer.Argument(help="brief (--format json of brief) or story.")
    ] = Document.BRIEF,
) -> None:
    """Print the JSON Schema of a brief (the shape of --format json), or of a story."""
    with stdout_result():
        write_stdout(schema_json(document))


@app.command(epilog=SERVE_EXAMPLES)
def serve(
    slots: Annotated[
        int, typer.Option(min=1, metavar="N", help="Requests answered at once (a batch's --concurrency).")
    ] = ENGINE_SLOTS,
    port: Annotated[
        int,
        typer.Option(min=0, max=65535, metavar="PORT", help="The port on 127.0.0.1; 0: a free one."),
    ] = 0,
    model_path: ModelPath = None,
    context_tokens: ContextTokens = None,
    threads: Threads = None,
) -> None:
    """Keep the local engine running, its model loaded, until Ctrl-C: every command on this machine that
    runs the embedded model uses it instead of starting its own."""
    from ..errors import ConfigError
    from .serve import keep_serving

    try:
        settings = Settings.from_env(model_path=model_path, context_tokens=context_tokens, threads=threads)
    except ConfigError as exc:
        error(str(exc))
        raise typer.Exit(CONFIGURATION) from None
    keep_serving(settings, slots=slots, port=port)


@app.command(name="eval", epilog=EVAL_EXAMPLES)
@with_settings
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold annotations: a .json or .jsonl file.")],
    limit: Annotated[int | None, typer.Option(min=1, help="Only the first N articles.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON for machines instead of tables.")] = False,
    verbose: Verbose = False,
    quiet: Quiet = False,
    *,
    settings: Settings,
) -> None:
    """Measure brief quality against gold annotations, beside a rule-based baseline."""
    from .evaluation import run_eval

    run_eval(gold, limit=limit, as_json=as_json, settings=settings, verbose=verbose, quiet=quiet)
