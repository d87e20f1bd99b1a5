"""Showing a brief: a Markdown briefing note, JSON, a self-contained HTML page, or a rich terminal view.
A story is shown by :mod:`.story` (Markdown, which the terminal shows through rich) and :mod:`.story_html`;
both kinds of HTML page are built of :mod:`.page`. The formats are listed once, in :mod:`.formats`.

rich is imported only when something is shown on a terminal.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, TextIO

from ..ingest import Source
from ..models import Brief
from .formats import FORMATS, Format, OutputFormat

if TYPE_CHECKING:
    from rich.console import Console

    from ..story import Story

__all__ = ["FORMATS", "Format", "print_brief", "print_story", "render", "render_story", "terminal_console"]


def render(brief: Brief, source: Source, fmt: Format | str, *, width: int = 80, color: bool = False) -> str:
    """The brief of ``source`` as text in the format ``fmt`` (:mod:`.formats`).

    - ``markdown``: a briefing note to paste anywhere, ending in a provenance section.
    - ``json``: the brief as indented JSON, fields in the model's order, ending in a newline.
    - ``html``: one self-contained page with the brief beside the article, every item's span highlighted.
    - ``rich``: the terminal view ``width`` columns wide; plain text, or with ANSI colors if ``color``.

    No control character of the article's or the model's reaches the text: see :mod:`.safe`.
    """
    return _format(fmt).brief(brief, source, width, color)


def render_story(story: Story, fmt: Format | str) -> str:
    """A story as text in the format ``fmt``; ``rich`` is its Markdown note, for :func:`print_story`."""
    return _format(fmt).story(story)


def _format(fmt: Format | str) -> OutputFormat:
    try:
        return FORMATS[Format(fmt)]
    except ValueError:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(Format)}") from None


def print_brief(brief: Brief, source: Source, console: Console) -> None:
    """Print the brief on a rich console, warnings included, at the console's width."""
    from .safe import printable_brief
    from .terminal import print_brief as _print

    _print(*printable_brief(brief, source), console)


def print_story(story: Story, console: Console) -> None:
    """Print a story's Markdown note on a rich console."""
    from rich.markdown import Markdown

    console.print(Markdown(render_story(story, Format.MARKDOWN)))


def terminal_console(*, stderr: bool = False) -> Console | None:
    """A rich console on stdout (briefs) or stderr (progress) that adds no colors or emoji of its own, if
    rich takes that stream for a terminal; else None."""
    stream = sys.stderr if stderr else sys.stdout
    # What rich would say without importing it (about 50 ms): no terminal, unless a variable it reads says
    # otherwise. A brief piped or written to a file then needs no rich at all.
    if not _isatty(stream) and not {"TTY_COMPATIBLE", "FORCE_COLOR"} & os.environ.keys():
        return None
    from rich.console import Console

    console = Console(stderr=stderr, highlight=False, emoji=False)
    return console if console.is_terminal else None


def _isatty(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except ValueError:  # closed
        return False
