"""Writing: a brief rendered for stdout (rich on a terminal, plain text elsewhere) or for a file, and text
written whole, as UTF-8, to a file or to stdout."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import typer

from ..ingest import Source
from ..models import Brief
from ..render import terminal_console
from ..render.formats import Format
from .articles import Failure
from .messages import error

__all__ = ["Output", "silence_stdout", "stdout_result", "to_file", "write_stdout"]


def _render_as(result: Brief, source: Source, fmt: Format) -> str:
    from ..render import render

    return render(result, source, fmt, width=80, color=False)


def _to_stdout(result: Brief, source: Source, fmt: Format) -> None:
    if fmt is Format.RICH and (console := terminal_console()) is not None:
        from ..render import print_brief

        print_brief(result, source, console)
        return
    write_stdout(_render_as(result, source, fmt))  # plain text at 80 columns when stdout is not a terminal


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


def silence_stdout() -> None:
    """After the reader of stdout went away (``| head``), drop what is left instead of failing at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


@contextmanager
def stdout_result() -> Iterator[None]:
    """Around writing a command's one result (a story, the schema, eval's report) to stdout: when stdout
    fails, one error line and exit 1, never a traceback; a reader gone away (``| head``) ends it quietly."""
    try:
        yield
    except OSError as exc:
        silence_stdout()  # else the interpreter fails again flushing what is left at exit
        if not isinstance(exc, BrokenPipeError):
            error(f"cannot write to stdout: {exc.strerror or exc}")
        raise typer.Exit(1) from None


@dataclass(frozen=True)
class Output:
    """Where the briefs of a command go: stdout, or a file per article (by its name), in one format."""

    fmt: Format
    targets: dict[str, Path] | None

    def write(self, result: Brief, source: Source, name: str) -> None:
        """Write the brief of the article ``name``: Failure when its file cannot be written, OSError
        (BrokenPipeError when the reader went away) when stdout cannot."""
        if self.targets is None:
            _to_stdout(result, source, self.fmt)
            return
        target = self.targets[name]
        try:
            to_file(_render_as(result, source, self.fmt), target)
        except OSError as exc:
            raise Failure(f"cannot write {target}: {exc.strerror or exc}") from None
