"""The archive's tables, as a list of migrations: each one a step from the schema before it.

An archive's schema version is the number of migrations applied to it (``PRAGMA user_version``; the
migrations' names are in sqlite-utils' ``_sqlite_migrations`` table). A migration, once released, is never
edited: a change to the schema is a new migration at the end of the list, and ``rows.py`` fills the new
columns. Every migration runs in the transaction that opens an archive behind an older version, so an
archive is at one version or the next, never between.

sqlite-utils is imported only here, and only when an archive needs migrating: its import probes for numpy
and pandas (about 0.4 s), which a cached brief cannot afford (tests/test_startup.py). The rest of the
archive speaks plain SQL through the standard library's sqlite3.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

__all__ = ["ITEM_FTS", "SCHEMA_VERSION", "migrate"]

ITEM_FTS = {"quotes": "text", "events": "what", "consequences": "what"}
"""The items with a full-text index of their own (``<table>_fts``, since version 3) and its column. It
indexes the items of current briefs only, each with its article's dateline: a search then reads the
index alone, newest first, and stops at its limit (store.py keeps it in step with ``current``)."""


def _v1(db: Database) -> None:
    """Articles, briefs, and one row per actor, name, quote, event and consequence of each brief."""
    db.table("articles").create(
        {
            "id": int,
            "hash": str,
            "title": str,
            "origin": str,
            "dateline": str,
            "chars": int,
            "text": str,
            "first_archived": str,
        },
        pk="id",
        not_null=["hash", "origin", "text", "first_archived"],
    )
    db.table("articles").create_index(["hash"], unique=True)
    db.table("briefs").create(
        {
            "id": int,
            "article_id": int,
            "key": str,
            "current": int,
            "archived_at": str,
            "headline": str,
            "summary": str,
            "dateline": str,
            "backend": str,
            "model": str,
            "prompt_version": str,
            "seconds": float,
            "warnings": int,
            "json": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
        not_null=["article_id", "key", "current", "archived_at", "json"],
    )
    db.table("briefs").create_index(["key"], unique=True)
    db.table("briefs").create_index(["article_id", "current"])
    db.table("briefs").create_index(["archived_at"])
    in_brief = {"id": int, "brief_id": int, "article_id": int, "n": int}
    of_brief = [("brief_id", "briefs", "id"), ("article_id", "articles", "id")]
    db.table("actors").create(
        {
            **in_brief,
            "actor": str,
            "name": str,
            "kind": str,
            "role": str,
            "role_basis": str,
            "role_start": int,
            "role_end": int,
            "mentions": int,
            "start": int,
            "end": int,
        },
        pk="id",
        foreign_keys=of_brief,
        not_null=["brief_id", "article_id", "n", "actor", "name"],
    )
    db.table("actors").create_index(["brief_id"])
    db.table("aliases").create(
        {"id": int, "actor_id": int, "brief_id": int, "alias": str, "is_name": int, "key": str, "last": str},
        pk="id",
        foreign_keys=[("actor_id", "actors", "id"), ("brief_id", "briefs", "id")],
        not_null=["actor_id", "brief_id", "alias", "is_name", "key", "last"],
    )
    db.table("aliases").create_index(["last"])
    db.table("aliases").create_index(["actor_id"])
    db.table("quotes").create(
        {
            **in_brief,
            "text": str,
            "speaker_id": int,
            "speaker": str,
            "speaker_basis": str,
            "cue": str,
            "full": int,
            "dateline": str,
            "start": int,
            "end": int,
            "cue_start": int,
            "cue_end": int,
        },
        pk="id",
        foreign_keys=[*of_brief, ("speaker_id", "actors", "id")],
        not_null=["brief_id", "article_id", "n", "text"],
    )
    db.table("quotes").create_index(["speaker_id"])
    db.table("quotes").create_index(["brief_id"])
    db.table("events").create(
        {
            **in_brief,
            "what": str,
            "what_basis": str,
            "when_text": str,
            "when_value": str,
            "precision": str,
            "date": str,
            "start": int,
            "end": int,
        },
        pk="id",
        foreign_keys=of_brief,
        not_null=["brief_id", "article_id", "n", "what"],
    )
    db.table("events").create_index(["brief_id"])
    db.table("event_actors").create(
        {"event_id": int, "actor_id": int},
        pk=("event_id", "actor_id"),
        foreign_keys=[("event_id", "events", "id"), ("actor_id", "actors", "id")],
    )
    db.table("event_actors").create_index(["actor_id"])
    db.table("consequences").create(
        {
            **in_brief,
            "what": str,
            "certainty": str,
            "claimant_id": int,
            "claimant": str,
            "claim_basis": str,
            "dateline": str,
            "start": int,
            "end": int,
        },
        pk="id",
        foreign_keys=[*of_brief, ("claimant_id", "actors", "id")],
        not_null=["brief_id", "article_id", "n", "what", "certainty"],
    )
    db.table("consequences").create_index(["brief_id"])
    fts = {"articles": ("title", "text"), "quotes": ("text",), "events": ("what",), "consequences": ("what",)}
    for name, columns in fts.items():
        db.table(name).enable_fts(columns, tokenize="porter", create_triggers=True)


def _v2(db: Database) -> None:
    """The actors each consequence falls on (``affected``), read back from the briefs already archived."""
    db.table("consequence_actors").create(
        {"consequence_id": int, "actor_id": int},
        pk=("consequence_id", "actor_id"),
        foreign_keys=[("consequence_id", "consequences", "id"), ("actor_id", "actors", "id")],
    )
    db.table("consequence_actors").create_index(["actor_id"])
    # Each affected actor id of each archived consequence, from the brief's JSON, matched to its row.
    db.execute(
        """INSERT OR IGNORE INTO consequence_actors (consequence_id, actor_id)
        SELECT c.id, a.id FROM consequences c
        JOIN briefs b ON b.id = c.brief_id
        JOIN json_each(b.json, '$.consequences[' || c.n || '].affected') affected
        JOIN actors a ON a.brief_id = c.brief_id AND a.actor = affected.value
        ORDER BY c.id, affected.key"""
    )


def _v3(db: Database) -> None:
    """Queries as fast on 10,000 briefs as on ten, reading indexes rather than rows.

    The items' full-text indexes hold only the current briefs' items, with their article's dateline, in
    the index's own table (FTS5 with content): a search needs no join and stops at its limit. An alias
    says whether its brief is current and its actor a person, a quote's speaker index holds its date, and
    an event's actors their event's date: a speaker's quotes and an actor's timeline are found in
    covering indexes."""
    for name, column in ITEM_FTS.items():
        db.table(name).disable_fts()
        db.execute(
            f"CREATE VIRTUAL TABLE {name}_fts USING fts5({column}, dateline UNINDEXED, tokenize='porter')"
        )
        db.execute(
            f"INSERT INTO {name}_fts (rowid, {column}, dateline) SELECT t.id, t.{column}, a.dateline "
            f"FROM {name} t JOIN briefs b ON b.id = t.brief_id AND b.current = 1 "
            "JOIN articles a ON a.id = t.article_id"
        )
    aliases = db.table("aliases")
    aliases.add_column("current", int, not_null_default=0)
    aliases.add_column("person", int, not_null_default=0)
    db.execute("UPDATE aliases SET current = (SELECT b.current FROM briefs b WHERE b.id = aliases.brief_id)")
    db.execute(
        "UPDATE aliases SET person = (SELECT a.kind = 'person' FROM actors a WHERE a.id = aliases.actor_id)"
    )
    db.execute("DROP INDEX idx_aliases_last")
    aliases.create_index(["last", "key", "current", "person", "actor_id"])
    aliases.create_index(["brief_id"])  # a brief made current, or no longer, marks its aliases
    db.execute("DROP INDEX idx_quotes_speaker_id")
    db.table("quotes").create_index(["speaker_id", "dateline", "brief_id", "n"])
    db.table("event_actors").add_column("date", str)
    db.execute(
        "UPDATE event_actors SET date = (SELECT e.date FROM events e WHERE e.id = event_actors.event_id)"
    )
    db.execute("DROP INDEX idx_event_actors_actor_id")
    db.table("event_actors").create_index(["actor_id", "date", "event_id"])


def _v4(db: Database) -> None:
    """Events lose ``what_basis``: every timeline entry is the article's words since prompt version 7.

    An entry an older summarizer wrote in the model's words could no longer be told from the article's,
    so its rows go (its brief's JSON keeps it; :func:`.models.brief_of` leaves it out too)."""
    model_words = "SELECT id FROM events WHERE what_basis != 'stated'"
    db.execute(f"DELETE FROM event_actors WHERE event_id IN ({model_words})")
    db.execute(f"DELETE FROM events_fts WHERE rowid IN ({model_words})")
    db.execute(f"DELETE FROM events WHERE id IN ({model_words})")
    db.table("events").transform(drop={"what_basis"})


_MIGRATIONS = [_v1, _v2, _v3, _v4]

SCHEMA_VERSION = len(_MIGRATIONS)
"""The version this code reads and writes."""


def migrate(conn: sqlite3.Connection) -> None:
    """Bring an archive to :data:`SCHEMA_VERSION`, inside the caller's transaction."""
    from sqlite_utils import Database, Migrations

    migrations = Migrations("summarizer-archive")
    for step in _MIGRATIONS:
        migrations(name=step.__name__.lstrip("_"))(step)
    migrations.apply(Database(conn, execute_plugins=False))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
