"""Full-text search over the archive: the items' indexes (quotes, events, consequences: current briefs
only, each with its dateline) and the articles', read newest first up to a limit, and only the matches
shown read from their rows."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Sequence
from typing import Any, Literal

from ..models import Span
from .models import SearchHit
from .queries import Page, date_range, id_list, limit_of, refs
from .schema import ITEM_FTS

__all__ = ["KINDS", "Kind", "briefs_matching", "fts_query", "marked", "search"]

Kind = Literal["quote", "event", "consequence", "article"]
KINDS: tuple[Kind, ...] = ("quote", "event", "consequence", "article")
_TABLE: dict[Kind, str] = {
    "quote": "quotes",
    "event": "events",
    "consequence": "consequences",
    "article": "articles",
}
# Marks around the matched words in FTS5 snippets: control characters no article text keeps.
_OPEN, _CLOSE = "\x02", "\x03"
_SNIPPET_TOKENS = 32


def _matches(
    conn: sqlite3.Connection,
    kind: Kind,
    query: str,
    since: dt.date | None,
    until: dt.date | None,
    limit: int | None,
) -> tuple[list[int], int]:
    """The row ids of the ``kind`` items (or articles) that match, the latest archived first, and how many
    match in all: from the search index alone, unless dates bound an article search."""
    table = _TABLE[kind]
    if kind == "article":
        dates, args = date_range("a.dateline", since, until)
        source = f"articles_fts f JOIN articles a ON a.id = f.rowid WHERE articles_fts MATCH ?{dates}"
        if not dates:
            source = "articles_fts f WHERE articles_fts MATCH ?"
    else:
        dates, args = date_range("f.dateline", since, until)
        source = f"{table}_fts f WHERE {table}_fts MATCH ?{dates}"
    total = conn.execute(f"SELECT count(*) FROM {source}", (query, *args)).fetchone()[0]
    rows = conn.execute(
        f"SELECT f.rowid FROM {source} ORDER BY f.rowid DESC LIMIT ?", (query, *args, limit_of(limit))
    )
    return [row[0] for row in rows], total


def search(
    conn: sqlite3.Connection,
    text: str,
    kinds: Sequence[Kind],
    since: dt.date | None,
    until: dt.date | None,
    limit: int | None,
) -> Page[SearchHit]:
    """The items and articles holding all of ``text``'s words (stemmed), those of the briefs archived last
    first, up to ``limit``, shown in date order."""
    query = fts_query(text)
    if not query:
        return Page([], 0)
    found: list[tuple[int, int, int, Kind]] = []  # brief, kind's order, row, kind
    total = 0
    for order, kind in enumerate(kinds):
        rows, count = _matches(conn, kind, query, since, until, limit)
        total += count
        found += [(brief, -order, row, kind) for row, brief in _briefs_of(conn, kind, rows).items()]
    found.sort(reverse=True)
    chosen = found if limit is None else found[:limit]
    articles = refs(conn, (brief for brief, *_ in chosen))
    hits = []
    for kind in kinds:
        rows = [row for _, _, row, of in chosen if of == kind]
        for hit in _details(conn, kind, rows, query).values():
            article = articles[hit["brief_id"]]
            span = Span(start=hit["start"], end=hit["end"]) if hit["start"] is not None else None
            date = hit["day"] or (article.dateline.isoformat() if article.dateline else None)
            snippet = marked(hit["snippet"])
            hits.append(
                SearchHit(kind=kind, article=article, span=span, speaker=hit["who"], date=date, **snippet)
            )
    hits.sort(key=lambda h: (h.article.dateline or dt.date.min, h.article.brief_id, KINDS.index(h.kind)))
    return Page(hits, total)


def _briefs_of(conn: sqlite3.Connection, kind: Kind, rows: list[int]) -> dict[int, int]:
    """Each matching row's current brief, by row id."""
    if kind == "article":
        sql = (
            "SELECT article_id, id FROM briefs WHERE current = 1 "
            "AND article_id IN (SELECT value FROM json_each(?))"
        )
    else:
        sql = f"SELECT id, brief_id FROM {_TABLE[kind]} WHERE id IN (SELECT value FROM json_each(?))"
    return {row[0]: row[1] for row in conn.execute(sql, (id_list(rows),))}


def _details(conn: sqlite3.Connection, kind: Kind, rows: list[int], query: str) -> dict[int, dict[str, Any]]:
    """The matches shown: each one's words around the matched ones, and what its row says of it."""
    if not rows:
        return {}
    table = _TABLE[kind]
    if kind == "article":
        columns = "t.id AS row, b.id AS brief_id, NULL AS who, NULL AS start, NULL AS end, NULL AS day"
        source = "articles t JOIN briefs b ON b.article_id = t.id AND b.current = 1"
    else:
        who = {"quote": "t.speaker", "event": "NULL", "consequence": "t.claimant"}[kind]
        day = "t.when_value" if kind == "event" else "NULL"
        columns = f"t.id AS row, t.brief_id, {who} AS who, t.start, t.end, {day} AS day"
        source = f"{table} t"
    snippets = conn.execute(
        f"SELECT rowid, snippet({table}_fts, -1, char(2), char(3), '…', {_SNIPPET_TOKENS}) FROM {table}_fts "
        f"WHERE {table}_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))",
        (query, id_list(rows)),
    )
    snippet = {row[0]: row[1] for row in snippets}
    details = conn.execute(
        f"SELECT {columns} FROM {source} WHERE t.id IN (SELECT value FROM json_each(?))", (id_list(rows),)
    )
    return {row["row"]: {**dict(row), "snippet": snippet[row["row"]]} for row in details}


def briefs_matching(conn: sqlite3.Connection, text: str) -> list[int]:
    """The current briefs whose article, quotes, events or consequences hold all of ``text``'s words."""
    query = fts_query(text)
    if not query:
        return []
    found: set[int] = set()
    for table in ITEM_FTS:
        rows = conn.execute(
            f"SELECT DISTINCT t.brief_id FROM {table}_fts f JOIN {table} t ON t.id = f.rowid "
            f"WHERE {table}_fts MATCH ?",
            (query,),
        )
        found |= {row[0] for row in rows}
    rows = conn.execute(
        "SELECT b.id FROM articles_fts f JOIN briefs b ON b.article_id = f.rowid AND b.current = 1 "
        "WHERE articles_fts MATCH ?",
        (query,),
    )
    return sorted(found | {row[0] for row in rows})


def marked(snippet: str) -> dict[str, Any]:
    """A snippet's ``text`` without its marks, on one line, and the ``marks``: where the matched words stand
    in it."""
    snippet = re.sub(r"\s+", " ", snippet).strip()
    text: list[str] = []
    marks: list[Span] = []
    length = 0
    for piece in snippet.split(_OPEN):
        inside, _, after = piece.partition(_CLOSE) if _CLOSE in piece else ("", "", piece)
        if inside:
            marks.append(Span(start=length, end=length + len(inside)))
        text.append(inside + after)
        length += len(inside) + len(after)
    return {"text": "".join(text), "marks": marks}


def fts_query(text: str) -> str:
    """The words of ``text`` as an FTS5 query that needs them all, each quoted: a search is for words,
    and "U.S." or "NOT" are no query syntax."""
    words = [w.replace('"', "") for w in text.split()]
    return " ".join(f'"{w}"' for w in words if w.strip(".,;:!?()[]{}'‘’“”"))
