"""The archive's own commands: ``summarizer archive`` (the briefs archived last), ``archive export``,
``import`` and ``browse``; and what every archive command shares: opening the archive, the options, and
showing results (the queries are in :mod:`.queries`).

Like ``llm logs``: the latest ``-n`` results, oldest first; rich tables on a terminal, plain text in a
pipe, ``--format markdown`` for a note, ``--json`` for machines. stdout carries only the results.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from pydantic import BaseModel

from ..config import Settings
from ..errors import ArchiveError, ConfigError
from .commands import app
from .messages import error, say
from .options import CONFIGURATION, ArchiveOption, command_group, parse_day
from .output import stdout_result, to_file, write_stdout

if TYPE_CHECKING:
    from rich.table import Table

    from ..archive import Archive

__all__ = [
    "JsonFlag",
    "Limit",
    "Shown",
    "ShownOption",
    "Since",
    "Until",
    "archive_app",
    "opened",
    "show",
    "shown_as",
]

ARCHIVE_EXAMPLES = """\
Examples:

  # the 50 briefs archived last, as JSON
  summarizer archive -n 50 --json

  # an archive moved: every brief out, and into another file
  summarizer archive export -o briefs.jsonl
  summarizer archive import briefs.jsonl --archive elsewhere.db

  # tables to browse, facet and search, in Datasette on 127.0.0.1:8001
  summarizer archive browse

Exit status: 0 done, 1 no archive, a damaged one or a bad export line, 2 usage error.
"""

archive_app = command_group(
    "The archive of every brief. With no command: the briefs archived last, oldest first. Queries: "
    "summarizer search, quotes, timeline.",
    ARCHIVE_EXAMPLES,
    no_args_is_help=False,
)
app.add_typer(archive_app, name="archive")


class Shown(StrEnum):
    """How query results are written."""

    RICH = "rich"
    MARKDOWN = "markdown"
    JSON = "json"


ShownOption = Annotated[
    Shown, typer.Option("--format", "-f", help="rich: tables for the terminal; markdown: a note; or json.")
]
JsonFlag = Annotated[bool, typer.Option("--json", help="JSON for machines (--format json).")]
Limit = Annotated[
    int, typer.Option("--limit", "-n", min=0, metavar="N", help="The latest N results; 0: all.")
]
_DAY = {"metavar": "YYYY-MM-DD", "parser": parse_day, "show_default": False}
Since = Annotated[dt.date | None, typer.Option(help="Only articles dated on or after this day.", **_DAY)]
Until = Annotated[dt.date | None, typer.Option(help="Only articles dated on or before this day.", **_DAY)]


@contextlib.contextmanager
def opened(path: Path | str | None, *, create: bool = False) -> Iterator[Archive]:
    """The archive ``--archive`` or SUMMARIZER_ARCHIVE names (or the default), or exit saying why not: 2 for
    a setting, 1 for an archive that is missing (unless ``create``), damaged or busy."""
    try:
        file = Settings.from_env(archive=path).resolved_archive()
    except ConfigError as exc:
        error(str(exc))
        raise typer.Exit(CONFIGURATION) from None
    if file is None:
        error("the archive is off (SUMMARIZER_ARCHIVE=off): name one with --archive FILE")
        raise typer.Exit(CONFIGURATION)
    if not create and not file.exists():
        error(f"no archive at {file} yet: every brief made is archived there (`summarizer brief ARTICLE`)")
        raise typer.Exit(1)
    from ..archive import Archive

    try:
        with Archive(file) as archive:
            yield archive
    except ArchiveError as exc:
        error(str(exc))
        raise typer.Exit(1) from None


def show(
    fmt: Shown,
    found: Sequence[BaseModel],
    total: int,
    table: Callable[[], Table],
    markdown: Callable[[], str],
    nothing: str,
) -> None:
    with stdout_result():
        if fmt is Shown.JSON:
            from ..render.safe import json_safe

            data = [item.model_dump(mode="json") for item in found]
            write_stdout(json_safe(json.dumps(data, indent=2, ensure_ascii=False)) + "\n")
        elif fmt is Shown.MARKDOWN:
            write_stdout(markdown())
        elif found:
            _print_table(table())
        else:
            say(f"summarizer: {nothing}")
    if len(found) < total and fmt is not Shown.MARKDOWN:
        say(f"summarizer: the latest {len(found)} of {total:,} shown; -n 0 shows them all")


def _print_table(table: Table) -> None:
    from rich.console import Console

    from ..render import terminal_console

    console = terminal_console()
    if console is not None:
        console.print(table)
        return
    plain = Console(file=io.StringIO(), width=100, color_system=None, highlight=False, emoji=False)
    plain.print(table)
    write_stdout(plain.file.getvalue())  # type: ignore[attr-defined]


def shown_as(fmt: Shown, as_json: bool) -> Shown:
    return Shown.JSON if as_json else fmt


@archive_app.callback(invoke_without_command=True)
def archive(
    ctx: typer.Context,
    limit: Limit = 20,
    as_json: JsonFlag = False,
    path: ArchiveOption = None,
) -> None:
    """The briefs archived last, oldest first: each with its article, headline and what made it."""
    ctx.obj = path
    if ctx.invoked_subcommand is not None:
        return
    from ..render.archive import briefs_table

    with opened(path) as store:
        found = store.briefs(limit=limit or None)
    fmt = Shown.JSON if as_json else Shown.RICH
    show(fmt, found, found.total, lambda: briefs_table(found), str, "the archive holds no brief yet")


@archive_app.command()
def export(
    ctx: typer.Context,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout.")
    ] = None,
    path: ArchiveOption = None,
) -> None:
    """Every brief as JSON lines (its article, when archived, the brief), for `summarizer archive import`."""
    with opened(path or ctx.obj) as store:
        text = "".join(f"{line}\n" for line in store.export())
    if output is None:
        with stdout_result():
            write_stdout(text)
        return
    try:
        to_file(text, output)
    except OSError as exc:
        error(f"cannot write {output}: {exc.strerror or exc}")
        raise typer.Exit(1) from None


@archive_app.command(name="import")
def import_(
    ctx: typer.Context,
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="JSON lines of `summarizer archive export`; - for stdin.")
    ],
    path: ArchiveOption = None,
) -> None:
    """Archive the briefs of an export: all of them, or none if a line is not a brief."""
    try:
        lines = (
            sys.stdin.read().splitlines()
            if file == "-"
            else Path(file).read_text(encoding="utf-8").splitlines()
        )
    except (OSError, UnicodeDecodeError) as exc:
        error(f"cannot read {file}: {getattr(exc, 'strerror', None) or exc}")
        raise typer.Exit(1) from None
    with opened(path or ctx.obj, create=True) as store:
        added = store.load(lines)
        say(f"summarizer: {added} new briefs archived in {store.path}")


@archive_app.command()
def browse(
    ctx: typer.Context,
    port: Annotated[
        int, typer.Option(min=0, max=65535, help="The port on 127.0.0.1 (0: a free one).")
    ] = 8001,
    path: ArchiveOption = None,
) -> None:
    """Open the archive in Datasette on 127.0.0.1, its tables labelled, faceted and searchable (an optional
    extra: pip install 'summarizer\\[datasette]')."""
    import importlib.util
    import subprocess
    import tempfile

    from ..archive.datasette import metadata

    if importlib.util.find_spec("datasette") is None:
        error("Datasette is not installed: pip install 'summarizer[datasette]'")
        raise typer.Exit(1)
    with opened(path or ctx.obj) as store:
        file = store.path
    with tempfile.TemporaryDirectory() as folder:
        meta = Path(folder) / "metadata.json"
        meta.write_text(json.dumps(metadata(file)), encoding="utf-8")
        command = [sys.executable, "-m", "datasette", "serve", str(file), "--metadata", str(meta)]
        command += ["--host", "127.0.0.1", "--port", str(port), "--setting", "truncate_cells_html", "300"]
        say(f"summarizer: Datasette on the archive {file}; Ctrl-C stops it")
        try:
            status = subprocess.run(command, check=False).returncode
        except KeyboardInterrupt:
            status = 130
    raise typer.Exit(status)
