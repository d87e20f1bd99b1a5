"""The archive: every brief kept in one SQLite file, searchable across articles ("who said what, when").

It belongs to no stage of the pipeline: it stores the briefs the pipeline makes. Each brief is kept
whole (its JSON) beside one row per actor, name, quote, event and consequence with their offsets and how
each is known, and full-text indexes over the articles, quotes, events and consequences
(docs/archive.md draws the schema). The parts:

- :mod:`.schema`: the tables, as migrations (sqlite-utils); :mod:`.rows`: which field goes in which column;
- :mod:`.store`: the file (WAL, atomic writes, errors as ArchiveError);
- :mod:`.queries`: the listing, a speaker's quotes, an actor's timeline; :mod:`.search`: full-text search;
- :mod:`.api`: :class:`Archive`, and the Summarizer's :class:`Archiver`; :mod:`.models`: what queries return.

Nothing here imports the command line or rendering.
"""

from __future__ import annotations

from .api import Archive, Archiver
from .models import ArchivedBrief, ArchivedEvent, ArchivedQuote, ArticleRef, SearchHit
from .queries import Page

__all__ = [
    "Archive",
    "ArchivedBrief",
    "ArchivedEvent",
    "ArchivedQuote",
    "Archiver",
    "ArticleRef",
    "Page",
    "SearchHit",
]
