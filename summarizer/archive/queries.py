"""The archive's queries, in SQL over the rows of the newest brief of each article (``briefs.current``).

Each query first finds the rows it returns, newest first, up to its limit, and only then reads their items
from the briefs' JSON (``json_extract``, in SQLite): the JSON of every match is never parsed, only that
of the rows shown. Results come back oldest first, as a chronology reads.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Literal, TypeVar

from pydantic import BaseModel

from ..models import Actor, Event, Quote, Span
from .models import ArchivedBrief, ArchivedEvent, ArchivedQuote, ArticleRef, SearchHit, readable
from .rows import name_key

__all__ = [
    "KINDS",
    "REF",
    "Kind",
    "Page",
    "actor_ids",
    "article_ref",
    "briefs_matching",
    "briefs_naming",
    "quotes_by",
    "recent",
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

REF = "a.id AS article_id, a.origin, a.title, a.dateline AS article_dateline, b.id AS brief_id, b.headline"
_CURRENT = "JOIN briefs b ON b.id = t.brief_id AND b.current = 1 JOIN articles a ON a.id = t.article_id"

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


class Page(list[T]):
    """A query's rows, and how many there are in all (``total``, more than ``len`` when a limit cut it)."""

    total: int

    def __init__(self, rows: Iterable[T], total: int) -> None:
        super().__init__(rows)
        self.total = total


def article_ref(row: sqlite3.Row) -> ArticleRef:
    day = row["article_dateline"]
    return ArticleRef(
        id=row["article_id"],
        origin=row["origin"],
        title=row["title"] or "",
        dateline=dt.date.fromisoformat(day) if day else None,
        brief_id=row["brief_id"],
        headline=row["headline"] or "",
    )


def _dates(column: str, since: dt.date | None, until: dt.date | None) -> tuple[str, list[str]]:
    """SQL that keeps rows whose ``column`` date is within ``since`` and ``until`` (inclusive)."""
    sql, args = "", []
    if since is not None:
        sql, args = f" AND {column} >= ?", [since.isoformat()]
    if until is not None:
        # A date compares as text: '2021-03-18' < '2021-03-18x', so the whole last day is in.
        sql, args = f"{sql} AND {column} < ?", [*args, until.isoformat() + "x"]
    return sql, args


def _item(conn: sqlite3.Connection, model: type[M], brief_id: int, path: str) -> M:
    text = conn.execute("SELECT json_extract(json, ?) FROM briefs WHERE id = ?", (path, brief_id)).fetchone()[
        0
    ]
    return readable(model, json.loads(text))


def recent(conn: sqlite3.Connection, limit: int | None) -> Page[ArchivedBrief]:
    total = conn.execute("SELECT count(*) FROM briefs").fetchone()[0]
    rows = conn.execute(
        f"SELECT {REF}, b.archived_at, b.backend, b.model, b.prompt_version, b.current, "
        "json_array_length(b.json, '$.actors') AS actors, json_array_length(b.json, '$.quotes') AS quotes, "
        "json_array_length(b.json, '$.events') AS events, "
        "json_array_length(b.json, '$.consequences') AS consequences "
        "FROM briefs b JOIN articles a ON a.id = b.article_id ORDER BY b.archived_at DESC, b.id DESC LIMIT ?",
        (-1 if limit is None else limit,),
    ).fetchall()
    found = [
        ArchivedBrief(
            article=article_ref(row),
            archived_at=dt.datetime.fromisoformat(row["archived_at"]),
            backend=row["backend"],
            model=row["model"],
            prompt_version=row["prompt_version"],
            current=bool(row["current"]),
            actors=row["actors"],
            quotes=row["quotes"],
            events=row["events"],
            consequences=row["consequences"],
        )
        for row in reversed(rows)
    ]
    return Page(found, total)


def actor_ids(conn: sqlite3.Connection, name: str) -> list[int]:
    """The actors of current briefs that ``name`` names, merged as a brief merges names: any of their
    names equal once titles are dropped, or for people one the end of the other ("Peskov", "Dmitry
    Peskov")."""
    from ..entities import names_match  # with name_key's rules

    key, last = name_key(name)
    if not key:
        return []
    wanted = key.split()
    rows = conn.execute(
        "SELECT al.actor_id, al.key, ac.kind FROM aliases al JOIN actors ac ON ac.id = al.actor_id "
        "JOIN briefs b ON b.id = al.brief_id AND b.current = 1 WHERE al.last = ?",
        (last,),
    )
    return sorted(
        {
            row["actor_id"]
            for row in rows
            if names_match(wanted, row["key"].split(), people=row["kind"] == "person")
        }
    )


def briefs_naming(conn: sqlite3.Connection, name: str) -> list[int]:
    """The current briefs with an actor that ``name`` names."""
    ids = json.dumps(actor_ids(conn, name))
    rows = conn.execute(
        "SELECT DISTINCT brief_id FROM actors WHERE id IN (SELECT value FROM json_each(?))", (ids,)
    )
    return [row[0] for row in rows]


def briefs_matching(conn: sqlite3.Connection, text: str) -> list[int]:
    """The current briefs whose article, quotes, events or consequences hold all of ``text``'s words."""
    query = fts_query(text)
    if not query:
        return []
    found: set[int] = set()
    for kind in KINDS:
        table = _TABLE[kind]
        rows = conn.execute(
            f"SELECT DISTINCT b.id FROM {table}_fts f JOIN {table} t ON t.rowid = f.rowid {_joins(kind)} "
            f"WHERE {table}_fts MATCH ?",
            (query,),
        )
        found |= {row[0] for row in rows}
    return sorted(found)


def _joins(kind: Kind) -> str:
    """The joins from an item ``t`` to its article ``a`` and the current brief ``b``."""
    if kind == "article":
        return "JOIN briefs b ON b.article_id = t.id AND b.current = 1 JOIN articles a ON a.id = t.id"
    return _CURRENT


def quotes_by(
    conn: sqlite3.Connection, name: str, since: dt.date | None, until: dt.date | None, limit: int | None
) -> Page[ArchivedQuote]:
    ids = json.dumps(actor_ids(conn, name))
    dates, args = _dates("t.dateline", since, until)
    where = (
        f"FROM quotes t {_CURRENT} JOIN actors s ON s.id = t.speaker_id "
        f"WHERE t.speaker_id IN (SELECT value FROM json_each(?)){dates}"
    )
    total = conn.execute(f"SELECT count(*) {where}", (ids, *args)).fetchone()[0]
    rows = conn.execute(
        f"SELECT {REF}, t.n, s.n AS speaker_n {where} ORDER BY t.dateline DESC, t.id DESC LIMIT ?",
        (ids, *args, -1 if limit is None else limit),
    ).fetchall()
    found = []
    for row in reversed(rows):
        quote = _item(conn, Quote, row["brief_id"], f"$.quotes[{row['n']}]")
        speaker = _item(conn, Actor, row["brief_id"], f"$.actors[{row['speaker_n']}]")
        found.append(ArchivedQuote(article=article_ref(row), quote=quote, speaker=speaker))
    return Page(found, total)


def timeline(conn: sqlite3.Connection, name: str, limit: int | None) -> Page[ArchivedEvent]:
    ids = json.dumps(actor_ids(conn, name))
    where = (
        "FROM events t JOIN event_actors ea ON ea.event_id = t.id "
        f"{_CURRENT} WHERE ea.actor_id IN (SELECT value FROM json_each(?)) AND t.date IS NOT NULL"
    )
    total = conn.execute(f"SELECT count(DISTINCT t.id) {where}", (ids,)).fetchone()[0]
    rows = conn.execute(
        f"SELECT DISTINCT {REF}, t.id, t.n, t.date {where} "
        "ORDER BY t.date DESC, a.dateline DESC, t.id DESC LIMIT ?",
        (ids, -1 if limit is None else limit),
    ).fetchall()
    found = []
    for row in reversed(rows):
        event = _item(conn, Event, row["brief_id"], f"$.events[{row['n']}]")
        named = conn.execute(
            "SELECT ac.n FROM event_actors ea JOIN actors ac ON ac.id = ea.actor_id "
            "WHERE ea.event_id = ? ORDER BY ac.n",
            (row["id"],),
        ).fetchall()
        actors = [_item(conn, Actor, row["brief_id"], f"$.actors[{a['n']}]") for a in named]
        found.append(ArchivedEvent(article=article_ref(row), event=event, actors=actors))
    return Page(found, total)


def search(
    conn: sqlite3.Connection,
    text: str,
    kinds: Sequence[Kind],
    since: dt.date | None,
    until: dt.date | None,
    limit: int | None,
) -> Page[SearchHit]:
    """Every match of ``text``'s words (all of them, any order, stemmed) in the kinds of item asked."""
    query = fts_query(text)
    if not query:
        return Page([], 0)
    hits: list[tuple[str, int, SearchHit]] = []
    total = 0
    for kind in kinds:
        table = _TABLE[kind]
        dates, args = _dates("a.dateline", since, until)
        where = (
            f"FROM {table}_fts f JOIN {table} t ON t.rowid = f.rowid {_joins(kind)} "
            f"WHERE {table}_fts MATCH ?{dates}"
        )
        total += conn.execute(f"SELECT count(*) {where}", (query, *args)).fetchone()[0]
        rows = conn.execute(
            f"SELECT {REF}, t.rowid AS row_id, coalesce(a.dateline, '') AS day {where} "
            "ORDER BY day DESC, t.rowid DESC LIMIT ?",
            (query, *args, -1 if limit is None else limit),
        ).fetchall()
        for row in rows:
            hits.append((row["day"], KINDS.index(kind), _hit(conn, kind, row, query)))
    hits.sort(key=lambda h: (h[0], -h[1]), reverse=True)
    chosen = hits if limit is None else hits[:limit]
    return Page([hit for _, _, hit in reversed(chosen)], total)


def _hit(conn: sqlite3.Connection, kind: Kind, row: sqlite3.Row, query: str) -> SearchHit:
    table = _TABLE[kind]
    details = {
        "quote": "t.speaker AS who, t.start, t.end, NULL AS day",
        "event": "NULL AS who, t.start, t.end, t.when_value AS day",
        "consequence": "t.claimant AS who, t.start, t.end, NULL AS day",
        "article": "NULL AS who, NULL AS start, NULL AS end, NULL AS day",
    }[kind]
    found = conn.execute(
        f"SELECT snippet({table}_fts, -1, char(2), char(3), '…', {_SNIPPET_TOKENS}) AS snippet, {details} "
        f"FROM {table}_fts f JOIN {table} t ON t.rowid = f.rowid WHERE {table}_fts MATCH ? AND f.rowid = ?",
        (query, row["row_id"]),
    ).fetchone()
    text, marks = marked(found["snippet"])
    span = Span(start=found["start"], end=found["end"]) if found["start"] is not None else None
    ref = article_ref(row)
    return SearchHit(
        kind=kind,
        article=ref,
        text=text,
        marks=marks,
        span=span,
        speaker=found["who"],
        date=found["day"] or (ref.dateline.isoformat() if ref.dateline else None),
    )


def marked(snippet: str) -> tuple[str, list[Span]]:
    """A snippet's text without its marks, and where the marked words stand in it."""
    text: list[str] = []
    marks: list[Span] = []
    length = 0
    for piece in snippet.split(_OPEN):
        inside, _, after = piece.partition(_CLOSE) if _CLOSE in piece else ("", "", piece)
        if inside:
            marks.append(Span(start=length, end=length + len(inside)))
        text.append(inside + after)
        length += len(inside) + len(after)
    return "".join(text), marks


def fts_query(text: str) -> str:
    """The words of ``text`` as an FTS5 query that needs them all, each quoted: a search is for words,
    and "U.S." or "NOT" are no query syntax."""
    words = [w.replace('"', "") for w in text.split()]
    return " ".join(f'"{w}"' for w in words if w.strip(".,;:!?()[]{}'‘’“”"))
