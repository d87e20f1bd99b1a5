"""Datasette's metadata for an archive: labels, descriptions, facets, sort orders and search indexes that
make its tables readable in the browser (``summarizer archive browse`` passes it to Datasette). Datasette
finds the foreign keys, and the articles' full-text index, by itself; the items' indexes are named here
(they index the current briefs' items only, so a search in the browser reads the newest briefs too)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["metadata"]

_DATE = {"date": "dateline"}

_TABLES: dict[str, dict[str, Any]] = {
    "articles": {
        "description": "Each article briefed, once: its text, where it was read from and its dateline.",
        "label_column": "title",
        "sort_desc": "dateline",
        "facets": [_DATE],
    },
    "briefs": {
        "description": "Each brief of an article; `current` marks the newest, which queries read. `json` "
        "holds the whole brief.",
        "label_column": "headline",
        "sort_desc": "archived_at",
        "facets": ["current", "model", "prompt_version"],
    },
    "actors": {
        "description": "The people, organizations, countries and groups each brief names.",
        "label_column": "name",
        "facets": ["kind", "role_basis"],
        "columns": {"role_basis": "stated (the article's words) or model", "mentions": "how often named"},
    },
    "aliases": {
        "description": "Every name of each actor (`is_name`: its main name); `key` is the name as names "
        "are compared.",
        "label_column": "alias",
    },
    "quotes": {
        "fts_table": "quotes_fts",
        "fts_pk": "id",
        "description": "Words the articles put in quotation marks, and who the brief says spoke them.",
        "sort_desc": "dateline",
        "facets": ["speaker", _DATE, "speaker_basis"],
        "columns": {
            "speaker_basis": "analysis (the parse found the speech verb's subject) or model",
            "start": "offset in the article's text",
        },
    },
    "events": {
        "fts_table": "events_fts",
        "fts_pk": "id",
        "description": "Each brief's timeline: what happened, and when (`date`: the first day of "
        "`when_value`).",
        "sort": "date",
        "facets": ["precision"],
    },
    "consequences": {
        "fts_table": "consequences_fts",
        "fts_pk": "id",
        "description": "What follows from the news, how certain the article makes it, and who claims it.",
        "sort_desc": "dateline",
        "facets": ["certainty", "claimant", _DATE],
    },
    "event_actors": {"description": "The actors each event names."},
    "consequence_actors": {"description": "The actors each consequence falls on."},
}


def metadata(path: Path) -> dict[str, Any]:
    """Datasette's metadata for the archive at ``path`` (Datasette names a database by its file's stem)."""
    return {
        "title": "summarizer archive",
        "description": "Every brief summarizer made: articles, actors, quotes, events and consequences, "
        "each with its offsets in the article and how it is known.",
        "databases": {path.stem: {"tables": _TABLES}},
    }
