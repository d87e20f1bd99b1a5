"""The output formats, in one registry: each format's file suffix, how it shows a brief, and how a story.

Adding a format is one ``Format`` member and one ``FORMATS`` entry; the command line's ``--format``, the
names of the files it writes and the story command read them from here. Each renderer imports its module
on first use, so that naming a format costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from ..ingest import Source
from ..models import Brief
from .safe import json_safe, printable_brief

if TYPE_CHECKING:
    from ..story import Story

__all__ = ["FORMATS", "Format", "OutputFormat"]


class Format(StrEnum):
    """How a brief or a story is written."""

    RICH = "rich"
    MARKDOWN = "markdown"
    JSON = "json"
    HTML = "html"


@dataclass(frozen=True)
class OutputFormat:
    """What a format needs: its file suffix and its renderers."""

    suffix: str
    brief: Callable[[Brief, Source, int, bool], str]
    """The brief of an article as text, given the terminal's width and whether to color it."""
    story: Callable[[Story], str]


def _json(brief: Brief, source: Source, width: int, color: bool) -> str:
    return json_safe(brief.model_dump_json(indent=2)) + "\n"


def _markdown(brief: Brief, source: Source, width: int, color: bool) -> str:
    from .markdown import to_markdown

    return to_markdown(*printable_brief(brief, source))


def _html(brief: Brief, source: Source, width: int, color: bool) -> str:
    from .html import to_html

    return to_html(*printable_brief(brief, source))


def _rich(brief: Brief, source: Source, width: int, color: bool) -> str:
    from .terminal import to_text

    return to_text(*printable_brief(brief, source), width=width, color=color)


def _story_json(story: Story) -> str:
    return json_safe(story.model_dump_json(indent=2)) + "\n"


def _story_markdown(story: Story) -> str:
    from .story import story_markdown

    return story_markdown(story)


def _story_html(story: Story) -> str:
    from .story_html import story_html

    return story_html(story)


FORMATS: dict[Format, OutputFormat] = {
    # A story on a terminal is its Markdown note, which rich shows as such (render.print_story).
    Format.RICH: OutputFormat(".txt", _rich, _story_markdown),
    Format.MARKDOWN: OutputFormat(".md", _markdown, _story_markdown),
    Format.JSON: OutputFormat(".json", _json, _story_json),
    Format.HTML: OutputFormat(".html", _html, _story_html),
}
