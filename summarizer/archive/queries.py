"""The archive's queries, over the newest brief of each article (``current``), and what they share with
the search (:mod:`.search`).

Each query finds the rows it returns from compact tables and indexes alone (the search indexes hold only
current items; aliases say whether their brief is current), newest first and up to its limit, and only
then reads those rows' items from their briefs' JSON: a query on 10,000 briefs reads no more JSON than one on
ten. Results come back oldest first, as a chronology reads.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel

from ..models import Actor, Event, Quote
from .models import ArchivedBrief, ArchivedEvent, ArchivedQuote, ArticleRef, readable
from .rows import name_key

__all__ = [
    "Page",
    "actor_ids",
    "briefs_naming",
    "date_range",
    "id_list",
    "limit_of",
    "quotes_by",
    "recent",
    "refs",
    "timeline",
]

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


class Page(list[T]):
    """A query's rows, and how many there are in all (``total``, more than ``len`` when a limit cut it)."""

    total: int

    def __init__(self, rows: Iterable[T], total: int) -> None:
        super().__init__(rows)
        self.total = total


def id_list(values: Iterable[int]) -> str:
    """Ids as one SQL parameter: ``IN (SELECT value FROM json_each(?))``."""
    return json.dumps(sorted(set(values)))


def limit_of(limit: int | None) -> int:
    return -1 if limit is None else limit


def refs(conn: sqlite3.Connection, brief_ids: Iterable[int]) -> dict[int, ArticleRef]:
    """Each brief's article, by brief id."""
    rows = conn.execute(
        "SELECT a.id, a.origin, a.title, a.dateline, b.id AS brief_id, b.headline FROM briefs b "
        "JOIN articles a ON a.id = b.article_id WHERE b.id IN (SELECT value FROM json_each(?))",
        (id_list(brief_ids),),
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
            "SELECT id, json FROM briefs WHERE id IN (SELECT value FROM json_each(?))", (id_list(brief_ids),)
        )
        self._briefs: dict[int, dict[str, Any]] = {row[0]: json.loads(row[1]) for row in rows}

    def get(self, model: type[M], brief_id: int, field: str, n: int) -> M:
        return readable(model, self._briefs[brief_id][field][n])


def date_range(column: str, since: dt.date | None, until: dt.date | None) -> tuple[str, list[str]]:
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
        # Rows, not the JSON: an entry in the model's words of an older brief is no longer shown.
        "(SELECT count(*) FROM events e WHERE e.brief_id = briefs.id) AS events, "
        "json_array_length(json, '$.consequences') AS consequences "
        "FROM briefs ORDER BY archived_at DESC, id DESC LIMIT ?",
        (limit_of(limit),),
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
    from ..story.merge import names_match  # with name_key's rules, not at import

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
        (id_list(actor_ids(conn, name)),),
    )
    return [row[0] for row in rows]


def quotes_by(
    conn: sqlite3.Connection, name: str, since: dt.date | None, until: dt.date | None, limit: int | None
) -> Page[ArchivedQuote]:
    dates, args = date_range("dateline", since, until)
    where = f"FROM quotes WHERE speaker_id IN (SELECT value FROM json_each(?)){dates}"
    ids = id_list(actor_ids(conn, name))
    total = conn.execute(f"SELECT count(*) {where}", (ids, *args)).fetchone()[0]
    rows = conn.execute(
        f"SELECT brief_id, n, speaker_id {where} ORDER BY dateline DESC, id DESC LIMIT ?",
        (ids, *args, limit_of(limit)),
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
        f"SELECT id, n FROM {table} WHERE id IN (SELECT value FROM json_each(?))", (id_list(ids),)
    )
    return {row[0]: row[1] for row in rows}


def timeline(conn: sqlite3.Connection, name: str, limit: int | None) -> Page[ArchivedEvent]:
    where = "FROM event_actors WHERE actor_id IN (SELECT value FROM json_each(?)) AND date IS NOT NULL"
    ids = id_list(actor_ids(conn, name))
    total = conn.execute(f"SELECT count(DISTINCT event_id) {where}", (ids,)).fetchone()[0]
    chosen = conn.execute(
        f"SELECT DISTINCT event_id, date {where} ORDER BY date DESC, event_id DESC LIMIT ?",
        (ids, limit_of(limit)),
    ).fetchall()
    events = {
        row["id"]: row
        for row in conn.execute(
            "SELECT id, brief_id, n FROM events WHERE id IN (SELECT value FROM json_each(?))",
            (id_list(row[0] for row in chosen),),
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
