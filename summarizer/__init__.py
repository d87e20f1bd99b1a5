"""summarizer: grounded, structured briefs of news articles.

>>> from summarizer import summarize, read_path
>>> brief = summarize(read_path(Path("article.txt")))
>>> brief.quotes[0].text, brief.actor(brief.quotes[0].speaker)

Each name is imported from its module on first use (PEP 562), so that ``import summarizer`` costs only
what is used: printing a cached brief needs neither the pipeline's stages nor the story's merge.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ._lazy import exports

if TYPE_CHECKING:
    from .archive import Archive
    from .config import CacheMode, ResponseFormat, Settings
    from .errors import (
        ArchiveError,
        BackendError,
        ConfigError,
        ExtractionError,
        InputError,
        MissingRecording,
        SummarizerError,
    )
    from .ingest import Source, read_path, source_from_bytes, source_from_html, source_from_text
    from .models import (
        Actor,
        ActorKind,
        Brief,
        Certainty,
        Consequence,
        Event,
        Precision,
        Preview,
        Quote,
        RunInfo,
        Span,
        When,
    )
    from .pipeline import Summarizer, asummarize, summarize
    from .story import Disagreement, Story, StoryActor, StoryEvent, StoryQuote, merge_briefs

__all__ = [
    "Actor",
    "ActorKind",
    "Archive",
    "ArchiveError",
    "BackendError",
    "Brief",
    "CacheMode",
    "Certainty",
    "ConfigError",
    "Consequence",
    "Disagreement",
    "Event",
    "ExtractionError",
    "InputError",
    "MissingRecording",
    "Precision",
    "Preview",
    "Quote",
    "ResponseFormat",
    "RunInfo",
    "Settings",
    "Source",
    "Span",
    "Story",
    "StoryActor",
    "StoryEvent",
    "StoryQuote",
    "Summarizer",
    "SummarizerError",
    "When",
    "asummarize",
    "merge_briefs",
    "read_path",
    "source_from_bytes",
    "source_from_html",
    "source_from_text",
    "summarize",
]

__version__ = "0.1.0"

# A library does not print: its records go where the program's logging sends them, and nowhere (not to
# Python's last-resort handler on stderr) in a program that configured none.
logging.getLogger(__name__).addHandler(logging.NullHandler())

if not TYPE_CHECKING:
    # Where each public name lives; the imports above say the same to type checkers.
    __getattr__, __dir__ = exports(
        __name__,
        {
            "archive": ["Archive"],
            "config": ["CacheMode", "ResponseFormat", "Settings"],
            "errors": [
                "ArchiveError",
                "BackendError",
                "ConfigError",
                "ExtractionError",
                "InputError",
                "MissingRecording",
                "SummarizerError",
            ],
            "ingest": ["Source", "read_path", "source_from_bytes", "source_from_html", "source_from_text"],
            "models": [
                "Actor",
                "ActorKind",
                "Brief",
                "Certainty",
                "Consequence",
                "Event",
                "Precision",
                "Preview",
                "Quote",
                "RunInfo",
                "Span",
                "When",
            ],
            "pipeline": ["Summarizer", "asummarize", "summarize"],
            "story": ["Disagreement", "Story", "StoryActor", "StoryEvent", "StoryQuote", "merge_briefs"],
        },
    )
