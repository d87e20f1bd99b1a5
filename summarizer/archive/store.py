"""The archive's file: opening it (WAL, the schema brought up to date), writing a brief atomically, and every
SQLite error said as an ArchiveError that tells what to do.

Writes take SQLite's write lock at their start (``BEGIN IMMEDIATE``) and wait for another writer up to
:data:`BUSY_SECONDS`: two processes archiving at once take turns, and neither meets "database is locked".
A file that is not an archive, or a damaged one, is reported and left exactly as it is.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from tenacity import Retrying, retry_if_exception, stop_after_delay, wait_random

from ..errors import ArchiveError
from ..ingest import Source
from ..models import Brief
from .rows import article_hash, article_row, brief_key, brief_row, brief_rows
from .schema import ITEM_FTS, SCHEMA_VERSION, migrate

__all__ = ["BUSY_SECONDS", "Connection", "now"]

BUSY_SECONDS = 60.0
"""How long a write waits for another process's write to end before giving up."""


def _locked(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Connection:
    """One archive file's connection, shared by the threads of one process (one at a time)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.RLock()
        if path.is_dir():
            raise ArchiveError(f"{path} is a folder: the archive is a file (--archive, SUMMARIZER_ARCHIVE)")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            message = f"cannot create the archive's folder {path.parent}: {exc.strerror or exc}"
            raise ArchiveError(message) from None
        with self.errors():
            # Transactions are begun and ended here, explicitly (isolation_level=None): SQLite's own
            # busy handler then waits for the write lock at BEGIN IMMEDIATE.
            self.conn = sqlite3.connect(
                path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False
            )
        self.conn.row_factory = sqlite3.Row
        try:
            with self.errors():
                self._open()
        except BaseException:
            self.conn.close()
            raise

    def _open(self) -> None:
        version = self.version()  # the first read of the file: a file that is no database fails here
        if version > SCHEMA_VERSION:
            raise ArchiveError(
                f"the archive {self.path} is at schema version {version}, made by a newer summarizer than "
                f"this one (which reads version {SCHEMA_VERSION}): upgrade summarizer to use it"
            )
        self._into_wal()
        # WAL's own safe setting: a commit survives a crash of the process, and costs no fsync.
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.execute("PRAGMA foreign_keys = ON")
        if version < SCHEMA_VERSION:
            with self.writing():
                self._migrate()

    def _into_wal(self) -> None:
        """The file's journal made WAL. Two processes opening a new archive at the same instant can each
        hold a read lock while waiting for the lock that switches the journal: SQLite's busy handler then
        waits out the whole timeout and one of them fails (about one opening in 60 in a stress run). So
        each try waits only briefly, at a random pause, and reads the file again first: the other
        process's switch is then seen and nothing is left to do."""
        self.conn.execute("PRAGMA busy_timeout = 50")
        try:
            for attempt in Retrying(
                retry=retry_if_exception(_locked),
                wait=wait_random(0.01, 0.1),
                stop=stop_after_delay(BUSY_SECONDS),
                reraise=True,
            ):
                with attempt:
                    self.version()  # a read: it sees a journal another process has just switched
                    if self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                        self.conn.execute("PRAGMA journal_mode = WAL")
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")

    def _migrate(self) -> None:
        version = self.version()  # again, under the write lock: another process may have migrated
        if version == 0 and self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise ArchiveError(
                f"{self.path} is a SQLite database but not an archive of briefs; it was left as it is: "
                "give the archive another file (--archive, SUMMARIZER_ARCHIVE)"
            )
        if version < SCHEMA_VERSION:
            migrate(self.conn)

    def version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    @contextlib.contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """A write transaction holding SQLite's write lock from its start: committed whole, or not at all."""
        with self.lock, self.errors():
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """The connection for queries: its SQLite errors said as ArchiveErrors."""
        with self.lock, self.errors():
            yield self.conn

    @contextlib.contextmanager
    def errors(self) -> Iterator[None]:
        """SQLite's errors about the file as ArchiveErrors; an IntegrityError or a ProgrammingError is this
        code's bug, and stays one."""
        try:
            yield
        except (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError):
            raise
        except sqlite3.OperationalError as exc:
            raise ArchiveError(self._operational(exc)) from None
        except sqlite3.DatabaseError as exc:
            raise ArchiveError(
                f"the archive {self.path} is damaged ({exc}); it was left as it is. Move it aside to start "
                f"a new one (`summarizer archive import` reloads an export), or try to recover it with "
                f"`sqlite3 {self.path} .recover`"
            ) from None

    def _operational(self, exc: sqlite3.OperationalError) -> str:
        text = str(exc)
        if "locked" in text or "busy" in text:
            return (
                f"the archive {self.path} stayed locked by another process for {BUSY_SECONDS:.0f} s; "
                "nothing was written: try again once it is done"
            )
        if "unable to open" in text:
            return f"cannot open the archive {self.path}: check that it can be written there ({text})"
        return f"the archive {self.path} cannot be used: {text}"


def add_brief(db: Connection, source: Source, brief: Brief, archived_at: dt.datetime) -> int:
    """Archive ``brief`` of ``source`` in one transaction; its id. A brief already there is not added
    again."""
    article = article_hash(source)
    key = brief_key(article, brief)
    with db.reading() as conn:  # the common case (a cached brief) needs no write lock
        if (found := conn.execute("SELECT id FROM briefs WHERE key = ?", (key,)).fetchone()) is not None:
            return int(found[0])
    at = archived_at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    with db.writing() as conn:
        if (found := conn.execute("SELECT id FROM briefs WHERE key = ?", (key,)).fetchone()) is not None:
            return int(found[0])
        _insert(conn, "articles", [article_row(source, at)], conflict="ON CONFLICT(hash) DO NOTHING")
        article_id, dateline = conn.execute(
            "SELECT id, dateline FROM articles WHERE hash = ?", (article,)
        ).fetchone()
        json_text = brief.model_dump_json()
        brief_id = _insert(
            conn,
            "briefs",
            [brief_row(brief, article_id=article_id, key=key, archived_at=at, json_text=json_text)],
        )
        first = {
            t: conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {t}").fetchone()[0]
            for t in ("actors", "events", "consequences")
        }
        rows = brief_rows(
            brief, brief_id=brief_id, article_id=article_id, article_dateline=dateline, first_ids=first
        )
        for table, table_rows in rows.tables.items():
            _insert(conn, table, table_rows)
        _make_current(conn, article_id)
    return brief_id


def _make_current(conn: sqlite3.Connection, article_id: int) -> None:
    """Mark the newest brief of the article the one queries read, its items alone in the search indexes."""
    before = conn.execute(
        "SELECT id FROM briefs WHERE article_id = ? AND current = 1", (article_id,)
    ).fetchone()
    newest = conn.execute(
        "SELECT id FROM briefs WHERE article_id = ? ORDER BY archived_at DESC, id DESC LIMIT 1", (article_id,)
    ).fetchone()[0]
    if before is not None and before[0] == newest:
        return
    if before is not None:
        _index(conn, before[0], current=False)
    _index(conn, newest, current=True)


def _index(conn: sqlite3.Connection, brief_id: int, *, current: bool) -> None:
    conn.execute("UPDATE briefs SET current = ? WHERE id = ?", (int(current), brief_id))
    conn.execute("UPDATE aliases SET current = ? WHERE brief_id = ?", (int(current), brief_id))
    for table, column in ITEM_FTS.items():
        if current:
            conn.execute(
                f"INSERT INTO {table}_fts (rowid, {column}, dateline) SELECT t.id, t.{column}, a.dateline "
                f"FROM {table} t JOIN articles a ON a.id = t.article_id WHERE t.brief_id = ?",
                (brief_id,),
            )
        else:
            conn.execute(
                f"DELETE FROM {table}_fts WHERE rowid IN (SELECT id FROM {table} WHERE brief_id = ?)",
                (brief_id,),
            )


def _insert(conn: sqlite3.Connection, table: str, rows: list[dict[str, object]], conflict: str = "") -> int:
    """Insert ``rows`` (all with the same columns) into ``table``; the id of a row inserted alone."""
    columns = list(rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join(f":{c}" for c in columns)
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks}) {conflict}"
    if len(rows) > 1:
        conn.executemany(sql, rows)
        return 0
    return int(conn.execute(sql, rows[0]).lastrowid or 0)
