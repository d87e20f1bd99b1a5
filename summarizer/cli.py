"""The command line: `summarizer brief`, `summarizer schema`, `summarizer eval`.

stdout carries only briefs (and the schema, and eval's report); progress and errors go to stderr.
Exit codes: 0 every brief written, 1 some article failed, 2 a usage error.
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from . import __version__
from .config import CacheMode, Settings
from .errors import SummarizerError
from .ingest import Source, read_path, source_from_bytes
from .models import Brief

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["app", "brief_schema_json"]

_EXAMPLES = """
Examples:

\b
  summarizer brief article.txt
  summarizer brief news/ --format markdown --output notes/
  summarizer brief page.html --format html --output brief.html
  cat article.txt | summarizer brief - --format json
  summarizer brief article.txt --base-url http://localhost:8000/v1 --model qwen2.5
  summarizer eval ../shared/eval/seed-gold.json
"""
_ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")

app = typer.Typer(
    help="Grounded, structured briefs of news articles.",
    epilog=_EXAMPLES,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class Format(StrEnum):
    RICH = "rich"
    MARKDOWN = "markdown"
    JSON = "json"
    HTML = "html"


_SUFFIX = {Format.RICH: ".txt", Format.MARKDOWN: ".md", Format.JSON: ".json", Format.HTML: ".html"}


def brief_schema_json() -> str:
    """The JSON Schema of a brief, as committed in schemas/brief.schema.json."""
    return json.dumps(Brief.model_json_schema(mode="serialization"), indent=2, ensure_ascii=False) + "\n"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"summarizer {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Grounded, structured briefs of news articles."""


def _dateline(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@app.command(epilog=_EXAMPLES)
def brief(
    paths: Annotated[list[str], typer.Argument(help="Article files, folders, globs, or - for stdin.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="How to write the brief.")] = Format.RICH,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="A file, or a folder for one file per article.")
    ] = None,
    model: Annotated[str | None, typer.Option(help="Model name (SUMMARIZER_MODEL).")] = None,
    base_url: Annotated[
        str | None, typer.Option(help="OpenAI-compatible endpoint (SUMMARIZER_BASE_URL); none: embedded.")
    ] = None,
    model_path: Annotated[
        Path | None, typer.Option(help="A GGUF file for the embedded model (SUMMARIZER_MODEL_PATH).")
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache.")] = False,
    dateline: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD, if the article lacks one.")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Timings and warnings on stderr.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")] = False,
) -> None:
    """Write the brief of each article."""
    from rich.console import Console

    when = _dateline(dateline)
    errors = Console(stderr=True, highlight=False)
    inputs = _expand(paths)
    if not inputs:
        _fail("no articles found in " + ", ".join(paths))
        raise typer.Exit(1)
    to_folder = output is not None and (output.is_dir() or len(inputs) > 1 or str(output).endswith("/"))
    settings = Settings.from_env(
        base_url=base_url, model=model, model_path=model_path, cache=CacheMode.OFF if no_cache else None
    )
    from .pipeline import Summarizer

    failed = 0
    with Summarizer(settings) as summarizer:
        progress = _Progress(errors, len(inputs), quiet=quiet)
        with progress:
            for name in inputs:
                progress.start(name)
                try:
                    source = _read(name, when)
                    result = summarizer.summarize(source, progress=progress.step)
                    _write(result, source, fmt, output, to_folder, name)
                except (SummarizerError, OSError) as exc:
                    failed += 1
                    _fail(str(exc), name)
                else:
                    if verbose:
                        _report(result)
                progress.done()
    if failed:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a brief."""
    sys.stdout.write(brief_schema_json())


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
    from .pipeline import Summarizer

    with Summarizer(Settings.from_env(base_url=base_url, model=model)) as summarizer:
        raise typer.Exit(run_eval(gold, limit=limit, as_json=as_json, summarizer=summarizer))


def _expand(paths: list[str]) -> list[str]:
    """Files to read: globs expanded (for shells that don't), folders listed, ``-`` kept for stdin."""
    found: list[str] = []
    for path in paths:
        if path == "-" or Path(path).is_file():
            found.append(path)
        elif Path(path).is_dir():
            found += sorted(str(p) for p in Path(path).iterdir() if p.suffix.lower() in _ARTICLE_SUFFIXES)
        elif any(c in path for c in "*?[") and (matches := sorted(glob.glob(path))):
            found += matches
        else:
            found.append(path)  # reading it reports what is wrong
    return found


def _read(name: str, dateline: dt.date | None) -> Source:
    if name == "-":
        return source_from_bytes(sys.stdin.buffer.read(), origin="<stdin>", dateline=dateline)
    return read_path(Path(name), dateline=dateline)


def _write(
    result: Brief, source: Source, fmt: Format, output: Path | None, to_folder: bool, name: str
) -> None:
    from .render import print_brief, render

    kind: Any = fmt.value  # one of render's formats, by construction of Format
    if output is None:
        if fmt is Format.RICH:
            from rich.console import Console

            print_brief(result, source, Console())
        else:
            sys.stdout.write(render(result, source, kind))
        return
    target = output
    if to_folder:
        output.mkdir(parents=True, exist_ok=True)
        target = output / ((Path(name).stem if name != "-" else "stdin") + _SUFFIX[fmt])
    target.write_text(render(result, source, kind), encoding="utf-8")


def _fail(message: str, name: str | None = None) -> None:
    where = f"{name}: " if name and not message.startswith(name) else ""
    print(f"summarizer: error: {where}{message}", file=sys.stderr)


def _report(result: Brief) -> None:
    run = result.run
    timings = ", ".join(f"{k} {v:.1f}s" for k, v in run.seconds.items())
    print(
        f"summarizer: {run.model} ({run.backend}): {timings}; {run.usage.prompt_tokens}+"
        f"{run.usage.completion_tokens} tokens, {run.reasks} re-asks, {run.cached} cached",
        file=sys.stderr,
    )
    for warning in run.warnings:
        print(f"summarizer: warning: {warning}", file=sys.stderr)


class _Progress:
    """A spinner naming the current pass, and a bar across a batch; silent when quiet."""

    def __init__(self, console: Console, total: int, *, quiet: bool) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

        self._quiet = quiet or not console.is_terminal
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            *([BarColumn(), MofNCompleteColumn()] if total > 1 else []),
            console=console,
            transient=True,
        )
        self._task = self._progress.add_task("", total=total)
        self._name = ""

    def __enter__(self) -> _Progress:
        if not self._quiet:
            self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if not self._quiet:
            self._progress.stop()

    def start(self, name: str) -> None:
        self._name = name
        self._progress.update(self._task, description=f"{name}: reading")

    def step(self, pass_name: str) -> None:
        self._progress.update(self._task, description=f"{self._name}: {pass_name}")

    def done(self) -> None:
        self._progress.advance(self._task)
