"""The options the commands share, defined once: the backend's (which become the command's Settings), the
dateline, the format, --verbose and --quiet."""

from __future__ import annotations

import datetime as dt
import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from ..backends import check
from ..config import CacheMode, Engine, Settings, parse_dateline
from ..errors import ConfigError
from ..render.formats import Format
from .messages import error

__all__ = [
    "CONFIGURATION",
    "ArchiveOption",
    "ContextTokens",
    "Dateline",
    "FormatOption",
    "ModelPath",
    "Quiet",
    "Threads",
    "Verbose",
    "command_group",
    "parse_day",
    "with_settings",
]

CONFIGURATION = 2
"""The exit status of a usage or configuration error."""


def command_group(help: str, epilog: str, *, no_args_is_help: bool) -> typer.Typer:
    """A group of commands that behaves as every one of this command line does: -h as well as --help,
    rich markup in the help, no shell completion, and errors shown by our own handler, not typer's."""
    return typer.Typer(
        help=help,
        epilog=epilog,
        no_args_is_help=no_args_is_help,
        add_completion=False,
        rich_markup_mode="rich",
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        help=f"rich: a note for the terminal; or {', '.join(f for f in Format if f is not Format.RICH)}.",
    ),
]


def parse_day(value: str) -> dt.date | None:
    """A YYYY-MM-DD option's date, or a usage error."""
    try:
        return parse_dateline(value)
    except ConfigError as exc:
        raise typer.BadParameter(str(exc)) from None


Dateline = Annotated[
    dt.date | None,
    typer.Option(
        metavar="YYYY-MM-DD",
        parser=parse_day,
        help="Publication date, against which relative dates resolve (wins over the article's own).",
        show_default=False,
    ),
]
Verbose = Annotated[
    bool, typer.Option("--verbose", "-v", help="Per-pass timings, warnings and logs on stderr.")
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress display on stderr.")]
ArchiveOption = Annotated[
    Path | None,
    typer.Option(
        "--archive",
        metavar="FILE",
        dir_okay=False,
        help="The archive of briefs (default: SUMMARIZER_ARCHIVE, else archive.db in the user data folder).",
        show_default=False,
    ),
]
ModelPath = Annotated[
    Path | None,
    typer.Option(
        metavar="FILE",
        exists=True,
        dir_okay=False,
        help="A GGUF file for the embedded model (default: SUMMARIZER_MODEL_PATH).",
        show_default=False,
    ),
]
ContextTokens = Annotated[
    int | None,
    typer.Option(
        metavar="TOKENS",
        help="The model's context window; longer articles are read in overlapping parts (default: "
        "SUMMARIZER_CONTEXT_TOKENS, else 4096 for the embedded model, no limit for a server).",
        show_default=False,
    ),
]
Threads = Annotated[
    int | None,
    typer.Option(
        metavar="N",
        min=1,
        help="CPU threads of the embedded model (default: SUMMARIZER_THREADS, else every core to read "
        "the prompt and one fewer to write).",
        show_default=False,
    ),
]


def _backend_settings(
    *,
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
    model_path: ModelPath = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the response cache.")
    ] = False,
    context_tokens: ContextTokens = None,
    timeout: Annotated[
        float | None,
        typer.Option(
            metavar="SECONDS",
            help="The most one request to a server may take, its whole answer included (default: "
            "SUMMARIZER_TIMEOUT, else 120; 900 on the local engine).",
            show_default=False,
        ),
    ] = None,
    archive: ArchiveOption = None,
    no_archive: Annotated[bool, typer.Option("--no-archive", help="Archive no brief.")] = False,
    max_attempts: Annotated[
        int | None,
        typer.Option(
            metavar="N",
            help="Attempts at a request that meets a transient fault (429, 5xx, a dropped connection, a "
            "timeout) (default: SUMMARIZER_MAX_ATTEMPTS, else 3).",
            show_default=False,
        ),
    ] = None,
    engine: Annotated[
        Engine | None,
        typer.Option(
            help="What runs the embedded model: llama.cpp's server with parallel slots in a process of its "
            "own, or llama-cpp-python in this process (the default; SUMMARIZER_ENGINE).",
            show_default=False,
        ),
    ] = None,
    threads: Threads = None,
) -> Settings:
    """Settings from the environment and the backend's options, or exit 2 saying what is wrong with them,
    before any article is read."""
    try:
        settings = Settings.from_env(
            base_url=base_url,
            model=model,
            model_path=model_path,
            cache=CacheMode.OFF if no_cache else None,
            context_tokens=context_tokens,
            timeout=timeout,
            archive="off" if no_archive else archive,
            max_attempts=max_attempts,
            engine=engine,
            threads=threads,
        )
        check(settings)
    except ConfigError as exc:
        error(str(exc))
        raise typer.Exit(CONFIGURATION) from None
    return settings


_BACKEND_OPTIONS = tuple(inspect.signature(_backend_settings, eval_str=True).parameters.values())


def with_settings(command: Callable[..., None]) -> Callable[..., None]:
    """``command`` with the backend's options (--model, --base-url, --model-path, --no-cache,
    --context-tokens, --timeout, --archive, --no-archive, --max-attempts, --engine, --threads) added to its
    own, called with the ``settings`` they make.

    typer reads a command's options from its signature, so the signature shown to typer is the command's
    own parameters, less ``settings``, followed by the backend's.
    """

    @functools.wraps(command)
    def run(**arguments: Any) -> None:
        backend = {option.name: arguments.pop(option.name) for option in _BACKEND_OPTIONS}
        command(settings=_backend_settings(**backend), **arguments)

    own = inspect.signature(command, eval_str=True)
    parameters = [p for p in own.parameters.values() if p.name != "settings"] + list(_BACKEND_OPTIONS)
    run.__signature__ = own.replace(parameters=parameters)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in parameters}
    return run
