"""``summarizer.Archive``: the archive as a Python object, whose queries return the brief's own models."""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ArchiveError, InputError
from ..ingest import Source, source_from_text
from ..models import Brief
from . import queries
from . import search as fts
from .models import ArchivedBrief, ArchivedEvent, ArchivedQuote, ArticleRef, SearchHit, brief_of, read_brief
from .queries import Page
from .search import KINDS, Kind
from .store import Connection, add_brief, now

if TYPE_CHECKING:
    from ..config import Settings

__all__ = ["Archive", "Archiver"]

_log = logging.getLogger(__name__)


class Archive:
    """The briefs archived in one SQLite file, created (and its schema brought up to date) on opening.

    >>> with Archive("~/briefs.db") as archive:
    ...     for found in archive.quotes(by="Peskov", since=datetime.date(2021, 3, 1)):
    ...         print(found.article.dateline, found.speaker.name, found.quote.text)

    Queries read the newest brief of each article. A damaged file, or one that is no archive, is an
    ArchiveError and is left as it is. One Archive may be shared by threads; processes each open their own.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path).expanduser()
        self._db = Connection(self.path)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, source: Source, brief: Brief, *, archived_at: dt.datetime | None = None) -> int:
        """Archive ``brief`` of ``source``, atomically; the brief's id in the archive. The same brief of
        the same article is kept once: adding it again changes nothing."""
        return add_brief(self._db, source, brief, archived_at or now())

    def briefs(self, *, limit: int | None = 20) -> Page[ArchivedBrief]:
        """The ``limit`` briefs archived last (None: all), oldest first."""
        with self._db.reading() as conn:
            return queries.recent(conn, limit)

    def brief(self, brief_id: int) -> Brief:
        """The brief with this id; ArchiveError if there is none."""
        with self._db.reading() as conn:
            row = conn.execute("SELECT json FROM briefs WHERE id = ?", (brief_id,)).fetchone()
        if row is None:
            raise ArchiveError(f"the archive {self.path} has no brief {brief_id}")
        return read_brief(row[0])

    def search(
        self,
        text: str,
        *,
        kinds: Sequence[Kind] = KINDS,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = 100,
    ) -> Page[SearchHit]:
        """Quotes, events, consequences and article texts holding all of ``text``'s words (stemmed: "sanction"
        finds "sanctions"), the newest ``limit`` of them, oldest first; ``since``/``until`` bound the
        article's dateline."""
        with self._db.reading() as conn:
            return fts.search(conn, text, kinds, since, until, limit)

    def quotes(
        self, *, by: str, since: dt.date | None = None, until: dt.date | None = None, limit: int | None = 100
    ) -> Page[ArchivedQuote]:
        """What ``by`` was quoted saying, across articles, under any of the names a brief gives them
        ("Peskov" finds "Dmitry Peskov"); the newest ``limit`` quotes, oldest first."""
        with self._db.reading() as conn:
            return queries.quotes_by(conn, by, since, until, limit)

    def timeline(self, name: str, *, limit: int | None = 100) -> Page[ArchivedEvent]:
        """Every dated event naming ``name``'s actor, across articles, in date order (the latest
        ``limit``)."""
        with self._db.reading() as conn:
            return queries.timeline(conn, name, limit)

    def about(self, *, search: str | None = None, actor: str | None = None) -> list[tuple[ArticleRef, Brief]]:
        """The newest brief of each article that mentions ``search``'s words or names ``actor``, in
        dateline order: the briefs a story from the archive merges."""
        with self._db.reading() as conn:
            ids: set[int] = set()
            if search is not None:
                ids |= set(fts.briefs_matching(conn, search))
            if actor is not None:
                ids |= set(queries.briefs_naming(conn, actor))
            articles = queries.refs(conn, ids)
            rows = conn.execute(
                "SELECT id, json FROM briefs WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(sorted(ids)),),
            ).fetchall()
        found = [(articles[row["id"]], read_brief(row["json"])) for row in rows]
        return sorted(found, key=lambda pair: (pair[0].dateline or dt.date.min, pair[0].brief_id))

    def export(self) -> Iterator[str]:
        """Every brief, in the order archived, as lines of JSON (with no newline): its article (text,
        origin, dateline), when it was archived, and the brief. :meth:`load` reads them back."""
        with self._db.reading() as conn:
            rows = conn.execute(
                "SELECT a.text, a.origin, a.dateline, b.archived_at, b.json FROM briefs b "
                "JOIN articles a ON a.id = b.article_id ORDER BY b.archived_at, b.id"
            ).fetchall()
        for row in rows:
            head = {"archived_at": row["archived_at"], "origin": row["origin"], "dateline": row["dateline"]}
            record = {**head, "text": row["text"], "brief": json.loads(row["json"])}
            yield json.dumps(record, ensure_ascii=False)

    def load(self, lines: Iterable[str]) -> int:
        """Archive the briefs of an export's lines (blank lines skipped): all of them, or, when a line is
        not one, none (ArchiveError naming the lines). How many were new."""
        records, problems = [], []
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                records.append(_record(json.loads(line)))
            except (ValueError, TypeError, KeyError, InputError) as exc:
                problems.append(f"line {number}: {_first_line(exc)}")
        if problems:
            more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
            raise ArchiveError(
                "nothing was imported: not a brief of `summarizer archive export` at "
                + "; ".join(problems[:5])
                + more
            )
        with self._db.reading() as conn:
            before = conn.execute("SELECT count(*) FROM briefs").fetchone()[0]
        for source, brief, archived_at in records:
            self.add(source, brief, archived_at=archived_at)
        with self._db.reading() as conn:
            return int(conn.execute("SELECT count(*) FROM briefs").fetchone()[0] - before)


def _record(data: Any) -> tuple[Source, Brief, dt.datetime]:
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    day = data.get("dateline")
    dateline = dt.date.fromisoformat(day) if day else None
    # Read as the article was: its "date YYYY-MM-DD" line, if any, is no part of its title.
    source = source_from_text(
        str(data["text"]), dateline=dateline, origin=str(data.get("origin") or "<import>")
    )
    archived_at = dt.datetime.fromisoformat(data["archived_at"])
    if archived_at.tzinfo is None:
        archived_at = archived_at.replace(tzinfo=dt.UTC)
    return source, brief_of(data["brief"]), archived_at


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return f"missing {exc}" if isinstance(exc, KeyError) else text[0] if text else type(exc).__name__


class Archiver:
    """A Summarizer's archive: opened at the first brief; a brief that cannot be archived is said in a
    warning and still returned, never lost (and an archive that cannot be opened is not tried again)."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._archive: Archive | None = None
        self._failed = False
        self._opening = threading.Lock()

    def keep(self, source: Source, brief: Brief) -> None:
        """Archive ``brief``, unless the archive is off or cannot be opened."""
        archive = self._open()
        if archive is None:
            return
        try:
            archive.add(source, brief)
        except ArchiveError as exc:
            _log.warning("%s: not archived: %s", source.origin, exc)

    def _open(self) -> Archive | None:
        with self._opening:
            if self._archive is None and not self._failed:
                path = self._settings.resolved_archive()
                if path is None:
                    self._failed = True
                    return None
                try:
                    self._archive = Archive(path)
                except ArchiveError as exc:
                    self._failed = True
                    _log.warning("briefs are not archived: %s", exc)
            return self._archive

    def close(self) -> None:
        if self._archive is not None:
            self._archive.close()
            self._archive = None
