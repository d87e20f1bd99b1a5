"""The archive's queries, over the newest brief of each article (``current``).

Each query finds the rows it returns from compact tables and indexes alone (the search indexes hold only
current items; actors say whether they are current), newest first and up to its limit, and only then
reads those rows' items from their briefs' JSON: a query on 10,000 briefs reads no more JSON than one on
ten. Results come back oldest first, as a chronology reads.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any, Literal, TypeVar

from pydantic import BaseModel

from ..models import Actor, Event, Quote, Span
from .models import ArchivedBrief, ArchivedEvent, ArchivedQuote, ArticleRef, SearchHit, readable
from .rows import name_key
from .schema import ITEM_FTS

__all__ = [
    "KINDS",
    "Kind",
    "Page",
    "actor_ids",
    "briefs_matching",
    "briefs_naming",
    "quotes_by",
    "recent",
    "refs",
    "search",
    "timeline",
]

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

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


class Page(list[T]):
    """A query's rows, and how many there are in all (``total``, more than ``len`` when a limit cut it)."""

    total: int

    def __init__(self, rows: Iterable[T], total: int) -> None:
        super().__init__(rows)
        self.total = total


def _ids(values: Iterable[int]) -> str:
    """Ids as one SQL parameter: ``IN (SELECT value FROM json_each(?))``."""
    return json.dumps(sorted(set(values)))


def _limit(limit: int | None) -> int:
    return -1 if limit is None else limit


def refs(conn: sqlite3.Connection, brief_ids: Iterable[int]) -> dict[int, ArticleRef]:
    """Each brief's article, by brief id."""
    rows = conn.execute(
        "SELECT a.id, a.origin, a.title, a.dateline, b.id AS brief_id, b.headline FROM briefs b "
        "JOIN articles a ON a.id = b.article_id WHERE b.id IN (SELECT value FROM json_each(?))",
        (_ids(brief_ids),),
    )
    return {
        row["brief_id"]: ArticleRef(
            id=row["id"],
            origin=row["origin"],
            title=row["title"] or "",
            dateline=dt.date.fromisoformat(row["dateline"]) if row["dateline"] else None,
            brief_id=row["brief_id"],
            headline=row["headline"] or "",
        )
        for row in rows
    }


class _Items:
    """Items of briefs, read from the briefs' JSON, each brief's parsed once."""

    def __init__(self, conn: sqlite3.Connection, brief_ids: Iterable[int]) -> None:
        rows = conn.execute(
            "SELECT id, json FROM briefs WHERE id IN (SELECT value FROM json_each(?))", (_ids(brief_ids),)
        )
        self._briefs: dict[int, dict[str, Any]] = {row[0]: json.loads(row[1]) for row in rows}

    def get(self, model: type[M], brief_id: int, field: str, n: int) -> M:
        return readable(model, self._briefs[brief_id][field][n])


def _dates(column: str, since: dt.date | None, until: dt.date | None) -> tuple[str, list[str]]:
    """SQL that keeps rows whose ``column`` date is within ``since`` and ``until`` (inclusive)."""
    sql, args = "", []
    if since is not None:
        sql, args = f" AND {column} >= ?", [since.isoformat()]
    if until is not None:
        # Dates compare as text: '2021-03-18' < '2021-03-18x', so the whole last day is in.
        sql, args = f"{sql} AND {column} < ?", [*args, until.isoformat() + "x"]
    return sql, args


def recent(conn: sqlite3.Connection, limit: int | None) -> Page[ArchivedBrief]:
    total = conn.execute("SELECT count(*) FROM briefs").fetchone()[0]
    rows = conn.execute(
        "SELECT id, archived_at, backend, model, prompt_version, current, "
        "json_array_length(json, '$.actors') AS actors, json_array_length(json, '$.quotes') AS quotes, "
        "json_array_length(json, '$.events') AS events, "
        "json_array_length(json, '$.consequences') AS consequences "
        "FROM briefs ORDER BY archived_at DESC, id DESC LIMIT ?",
        (_limit(limit),),
    ).fetchall()
    articles = refs(conn, (row["id"] for row in rows))
    found = [
        ArchivedBrief(
            article=articles[row["id"]],
            archived_at=dt.datetime.fromisoformat(row["archived_at"]),
            current=bool(row["current"]),
            **{
                k: row[k]
                for k in ("backend", "model", "prompt_version", "actors", "quotes", "events", "consequences")
            },
        )
        for row in reversed(rows)
    ]
    return Page(found, total)


def actor_ids(conn: sqlite3.Connection, name: str) -> list[int]:
    """The current briefs' actors that ``name`` names, merged as a brief merges names: any of their names
    equal once titles are dropped, or for people one the end of the other ("Peskov", "Dmitry Peskov")."""
    from ..entities import names_match  # with name_key's rules, not at import

    key, last = name_key(name)
    if not key:
        return []
    wanted = key.split()
    # The few distinct names sharing the last word, and then their actors, from one covering index.
    keys = [row[0] for row in conn.execute("SELECT DISTINCT key FROM aliases WHERE last = ?", (last,))]
    people = [k for k in keys if k != key and names_match(wanted, k.split(), people=True)]
    rows = conn.execute(
        "SELECT DISTINCT actor_id FROM aliases WHERE last = ? AND current = 1 "
        "AND (key = ? OR (person = 1 AND key IN (SELECT value FROM json_each(?))))",
        (last, key, json.dumps(people)),
    )
    return [row[0] for row in rows]


def briefs_naming(conn: sqlite3.Connection, name: str) -> list[int]:
    """The current briefs with an actor that ``name`` names."""
    rows = conn.execute(
        "SELECT DISTINCT brief_id FROM actors WHERE id IN (SELECT value FROM json_each(?))",
        (_ids(actor_ids(conn, name)),),
    )
    return [row[0] for row in rows]


def quotes_by(
    conn: sqlite3.Connection, name: str, since: dt.date | None, until: dt.date | None, limit: int | None
) -> Page[ArchivedQuote]:
    dates, args = _dates("dateline", since, until)
    where = f"FROM quotes WHERE speaker_id IN (SELECT value FROM json_each(?)){dates}"
    ids = _ids(actor_ids(conn, name))
    total = conn.execute(f"SELECT count(*) {where}", (ids, *args)).fetchone()[0]
    rows = conn.execute(
        f"SELECT brief_id, n, speaker_id {where} ORDER BY dateline DESC, id DESC LIMIT ?",
        (ids, *args, _limit(limit)),
    ).fetchall()
    briefs = [row["brief_id"] for row in rows]
    articles, items = refs(conn, briefs), _Items(conn, briefs)
    speaker = _places(conn, "actors", (row["speaker_id"] for row in rows))
    found = [
        ArchivedQuote(
            article=articles[row["brief_id"]],
            quote=items.get(Quote, row["brief_id"], "quotes", row["n"]),
            speaker=items.get(Actor, row["brief_id"], "actors", speaker[row["speaker_id"]]),
        )
        for row in reversed(rows)
    ]
    return Page(found, total)


def _places(conn: sqlite3.Connection, table: str, ids: Iterable[int]) -> dict[int, int]:
    """Where each row's item stands in its brief's list (its ``n``), by row id."""
    rows = conn.execute(
        f"SELECT id, n FROM {table} WHERE id IN (SELECT value FROM json_each(?))", (_ids(ids),)
    )
    return {row[0]: row[1] for row in rows}


def timeline(conn: sqlite3.Connection, name: str, limit: int | None) -> Page[ArchivedEvent]:
    where = "FROM event_actors WHERE actor_id IN (SELECT value FROM json_each(?)) AND date IS NOT NULL"
    ids = _ids(actor_ids(conn, name))
    total = conn.execute(f"SELECT count(DISTINCT event_id) {where}", (ids,)).fetchone()[0]
    chosen = conn.execute(
        f"SELECT DISTINCT event_id, date {where} ORDER BY date DESC, event_id DESC LIMIT ?",
        (ids, _limit(limit)),
    ).fetchall()
    events = {
        row["id"]: row
        for row in conn.execute(
            "SELECT id, brief_id, n FROM events WHERE id IN (SELECT value FROM json_each(?))",
            (_ids(row[0] for row in chosen),),
        )
    }
    briefs = [row["brief_id"] for row in events.values()]
    articles, items = refs(conn, briefs), _Items(conn, briefs)
    found = []
    for event_id, _ in reversed(chosen):
        row = events[event_id]
        named = conn.execute(
            "SELECT ac.n FROM event_actors ea JOIN actors ac ON ac.id = ea.actor_id WHERE ea.event_id = ? "
            "ORDER BY ac.n",
            (event_id,),
        )
        found.append(
            ArchivedEvent(
                article=articles[row["brief_id"]],
                event=items.get(Event, row["brief_id"], "events", row["n"]),
                actors=[items.get(Actor, row["brief_id"], "actors", actor[0]) for actor in named],
            )
        )
    return Page(found, total)


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
        dates, args = _dates("a.dateline", since, until)
        source = f"articles_fts f JOIN articles a ON a.id = f.rowid WHERE articles_fts MATCH ?{dates}"
        if not dates:
            source = "articles_fts f WHERE articles_fts MATCH ?"
    else:
        dates, args = _dates("f.dateline", since, until)
        source = f"{table}_fts f WHERE {table}_fts MATCH ?{dates}"
    total = conn.execute(f"SELECT count(*) FROM {source}", (query, *args)).fetchone()[0]
    rows = conn.execute(
        f"SELECT f.rowid FROM {source} ORDER BY f.rowid DESC LIMIT ?", (query, *args, _limit(limit))
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
    return {row[0]: row[1] for row in conn.execute(sql, (_ids(rows),))}


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
        (query, _ids(rows)),
    )
    snippet = {row[0]: row[1] for row in snippets}
    details = conn.execute(
        f"SELECT {columns} FROM {source} WHERE t.id IN (SELECT value FROM json_each(?))", (_ids(rows),)
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
