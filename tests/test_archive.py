"""The archive through its Python API, on real SQLite files: archiving, no duplicates, the newest brief read,
search, quotes by any of a speaker's names, timelines across articles, export and import, and every way
the file can be wrong (damaged, not an archive, newer) reported and left as it is.

The briefs are the recorded ones of the example and of the story articles (tests/recordings)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE, RECORDINGS, ROOT, recorded_settings

from summarizer import Archive, ArchiveError, Brief, CacheMode, Settings, Source, Summarizer, read_path
from summarizer.archive.schema import SCHEMA_VERSION

STORY = sorted((ROOT / "tests" / "articles" / "story").glob("*.txt"))
Briefed = dict[str, tuple[Source, Brief]]


@pytest.fixture(scope="module")
def briefed() -> Briefed:
    """The example's brief and the story articles', from the recordings."""
    with Summarizer(recorded_settings(archive="off")) as summarizer:
        return {
            path.stem: (source, summarizer.summarize(source))
            for path in [EXAMPLE, *STORY]
            if (source := read_path(path))
        }


@pytest.fixture
def archive(tmp_path: Path, briefed: Briefed) -> Archive:
    """An archive of every recorded brief."""
    store = Archive(tmp_path / "briefs.db")
    for source, brief in briefed.values():
        store.add(source, brief)
    return store


def rows(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def example(briefed: Briefed) -> tuple[Source, Brief]:
    return briefed["russia-recalls-ambassador"]


def test_a_brief_is_kept_whole_and_one_row_per_item(tmp_path: Path, briefed: Briefed) -> None:
    source, brief = example(briefed)
    with Archive(tmp_path / "a.db") as store:
        brief_id = store.add(source, brief)
        assert store.brief(brief_id) == brief
    db = tmp_path / "a.db"
    assert rows(db, "articles") == 1
    assert rows(db, "quotes") == len(brief.quotes) == 18
    assert rows(db, "events") == len(brief.events)
    assert rows(db, "consequences") == len(brief.consequences)
    assert rows(db, "actors") == len(brief.actors)
    assert rows(db, "aliases") == sum(len({a.name, *a.aliases}) for a in brief.actors)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        quote = brief.quotes[0]
        found = conn.execute(
            "SELECT text, start, end, speaker, speaker_basis FROM quotes WHERE n = 0"
        ).fetchone()
    speaker = brief.actor(quote.speaker)
    assert speaker is not None and quote.speaker_basis is not None
    assert found == (
        quote.text,
        quote.spans[0].start,
        quote.spans[0].end,
        speaker.name,
        quote.speaker_basis.value,
    )
    assert source.text[found[1] : found[2]] == quote.text


def test_archiving_again_adds_nothing(archive: Archive, briefed: Briefed) -> None:
    source, brief = example(briefed)
    assert archive.add(source, brief) == archive.add(source, brief)
    assert rows(archive.path, "briefs") == len(briefed)
    assert rows(archive.path, "quotes") == sum(len(b.quotes) for _, b in briefed.values())


def test_a_new_prompt_version_adds_a_brief_and_queries_read_the_newest(
    archive: Archive, briefed: Briefed
) -> None:
    source, brief = example(briefed)
    before = archive.quotes(by="Peskov")
    newer = brief.model_copy(
        update={
            "run": brief.run.model_copy(update={"prompt_version": "99"}),
            "quotes": [q for q in brief.quotes if "wordy" not in q.text],
        }
    )
    archive.add(source, newer, archived_at=dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1))
    assert rows(archive.path, "briefs") == len(briefed) + 1
    assert rows(archive.path, "articles") == len(briefed)
    after = archive.quotes(by="Peskov")
    assert len(after) == len(before) - 1
    assert {found.article.brief_id for found in after} == {archive.briefs().pop().article.brief_id}
    listed = archive.briefs(limit=None)
    assert [entry.current for entry in listed].count(False) == 1


def test_search_finds_quotes_events_consequences_and_articles(archive: Archive) -> None:
    hits = archive.search("consultations")
    assert {hit.kind for hit in hits} == {"quote", "event", "consequence", "article"}
    quotes = [hit for hit in hits if hit.kind == "quote"]
    quote = next(hit for hit in quotes if hit.speaker == "Maria Zakharova")
    assert quote.article.dateline == dt.date(2021, 3, 18)
    assert [quote.text[m.start : m.end].lower() for m in quote.marks] == ["consultations"]
    assert quote.span is not None and EXAMPLE.read_text()[quote.span.start : quote.span.end] == quote.text
    # Stemmed, all words needed, only the kinds asked for, and within the dates given.
    assert archive.search("consultation", kinds=["quote"]) == quotes
    assert not archive.search("consultations Airbus")
    assert not archive.search("consultations", until=dt.date(2021, 3, 17))
    assert archive.search("Singapore", since=dt.date(2007, 10, 16))
    assert all(
        hit.article.dateline == dt.date(2007, 10, 17)
        for hit in archive.search("Singapore", since=dt.date(2007, 10, 16))
    )
    assert archive.search('"U.S." NOT') == archive.search("U.S. not")  # words, not query syntax


def test_quotes_by_any_of_a_speakers_names(archive: Archive, briefed: Briefed) -> None:
    _, brief = example(briefed)
    peskov = next(a for a in brief.actors if a.name == "Dmitry Peskov")
    said = [q.text for q in brief.quotes if q.speaker == peskov.id]
    for name in ("Peskov", "Dmitry Peskov", "peskov", "Mr. Peskov"):
        found = archive.quotes(by=name)
        assert [f.quote.text for f in found] == said, name
        assert all(f.speaker == peskov for f in found)
    assert not archive.quotes(by="Dmitry")  # a first name alone is no surname
    assert not archive.quotes(by="Peskov", since=dt.date(2021, 3, 19))
    assert len(archive.quotes(by="Peskov", until=dt.date(2021, 3, 18))) == len(said)
    last = archive.quotes(by="Peskov", limit=2)
    assert [f.quote.text for f in last] == said[-2:] and last.total == len(said)


def test_a_timeline_across_articles_in_date_order(archive: Archive) -> None:
    events = archive.timeline("Apple")
    origins = [Path(found.article.origin).name for found in events]
    assert set(origins) == {"iphone4-free-cases.txt", "iphone4-executive-leaves.txt"}
    days = [found.event.when.value for found in events if found.event.when and found.event.when.value]
    assert len(days) == len(events) and days == sorted(days)
    assert days[0] == "2008-11" and days[-1] == "2010-09-30"
    assert all(any(a.name == "Apple" for a in found.actors) for found in events)


def test_briefs_for_a_story(archive: Archive) -> None:
    about = archive.about(actor="Apple")
    assert [Path(ref.origin).name for ref, _ in about] == [
        "iphone4-free-cases.txt",
        "iphone4-executive-leaves.txt",
    ]
    assert {Path(ref.origin).name for ref, _ in archive.about(search="A380")} == {
        "a380-delivered.txt",
        "a380-in-service.txt",
    }


def test_export_then_import_gives_the_same_archive(archive: Archive, tmp_path: Path) -> None:
    exported = list(archive.export())
    assert len(exported) == len(archive.briefs(limit=None))
    with Archive(tmp_path / "copy.db") as copy:
        assert copy.load(exported) == len(exported)
        assert list(copy.export()) == exported
        assert copy.load(exported) == 0  # nothing twice
        assert copy.quotes(by="Peskov") == archive.quotes(by="Peskov")


def test_an_import_with_a_bad_line_imports_nothing(archive: Archive, tmp_path: Path) -> None:
    lines = list(archive.export())
    lines.insert(2, '{"brief": {"headline": 1}}')
    with Archive(tmp_path / "copy.db") as copy:
        with pytest.raises(ArchiveError, match=r"nothing was imported.*line 3"):
            copy.load(lines)
        assert not copy.briefs()


def test_two_processes_archiving_at_once_lose_nothing(tmp_path: Path, briefed: Briefed) -> None:
    """Each process archives 40 briefs of its own articles in the same file at the same time."""
    exported = tmp_path / "briefs.jsonl"
    with Archive(tmp_path / "seed.db") as seed:
        for source, brief in briefed.values():
            seed.add(source, brief)
        exported.write_text("\n".join(seed.export()))
    script = """
import json, sys
from pathlib import Path
from summarizer import Archive
lines = Path(sys.argv[2]).read_text().splitlines()
with Archive(sys.argv[1]) as archive:
    for n in range(40):
        record = json.loads(lines[n % len(lines)])
        record["text"] += f"\\n{sys.argv[3]} {n}"  # an article of its own
        archive.load([json.dumps(record)])
"""
    target = tmp_path / "shared.db"  # new: both writers create it at the same instant
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(target), str(exported), name],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("first", "second")
    ]
    try:
        errors = [writer.communicate(timeout=240)[1] for writer in writers]
    finally:
        for writer in writers:
            writer.kill()
    assert [writer.returncode for writer in writers] == [0, 0], errors
    assert rows(target, "briefs") == rows(target, "articles") == 80
    quotes_each = [len(b.quotes) for _, b in briefed.values()]
    assert rows(target, "quotes") == 2 * sum(quotes_each[n % len(quotes_each)] for n in range(40))


def test_a_damaged_file_is_reported_and_left_as_it_is(tmp_path: Path, briefed: Briefed) -> None:
    damaged = tmp_path / "archive.db"
    damaged.write_bytes(b"this is no SQLite database, but it holds someone's work\n" * 100)
    before = damaged.read_bytes()
    with pytest.raises(ArchiveError, match=r"is damaged \(file is not a database\).*left as it is"):
        Archive(damaged)
    assert damaged.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive.db"]


def test_a_truncated_archive_is_reported(archive: Archive, tmp_path: Path) -> None:
    archive.close()
    with sqlite3.connect(archive.path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    cut = tmp_path / "cut.db"
    cut.write_bytes(archive.path.read_bytes()[: archive.path.stat().st_size // 3])
    before = cut.read_bytes()
    with pytest.raises(ArchiveError, match="is damaged"), Archive(cut) as store:
        store.search("consultations")
        store.quotes(by="Peskov")
        list(store.export())
    assert cut.read_bytes() == before


def test_a_database_that_is_no_archive_is_left_alone(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    with pytest.raises(ArchiveError, match="not an archive of briefs"):
        Archive(other)
    with sqlite3.connect(other) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["notes"]


def test_an_archive_from_a_newer_summarizer_is_refused(tmp_path: Path) -> None:
    newer = tmp_path / "newer.db"
    with sqlite3.connect(newer) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(ArchiveError, match="newer summarizer"):
        Archive(newer)


def test_every_brief_is_archived_by_default_and_a_cached_one_too(tmp_path: Path) -> None:
    article = STORY[0]
    cache = tmp_path / "cache"
    shutil.copytree(RECORDINGS / "responses", cache / "responses")
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    with Summarizer(Settings.from_env(cache=CacheMode.USE, cache_dir=cache, archive=first)) as made:
        brief = made.summarize(read_path(article))
    # The brief is in the cache now; read from it, it is archived where it is not yet.
    with Summarizer(Settings.from_env(cache=CacheMode.USE, cache_dir=cache, archive=second)) as cached:
        assert cached.summarize(read_path(article)) == brief
    shutil.rmtree(cache)  # the archive is no cache: nothing in it goes with the cache
    for path in (first, second):
        with Archive(path) as store:
            assert [entry.article.headline for entry in store.briefs()] == [brief.headline]


def test_archive_off_archives_nothing(tmp_path: Path) -> None:
    with Summarizer(recorded_settings(archive="off")) as summarizer:
        summarizer.summarize(read_path(STORY[0]))
    assert not list(tmp_path.glob("**/*.db"))


def test_a_brief_is_returned_when_the_archive_is_damaged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    damaged = tmp_path / "archive.db"
    damaged.write_bytes(b"\x00garbage" * 1000)
    with caplog.at_level(logging.WARNING, "summarizer"), Summarizer(recorded_settings(archive=damaged)) as s:
        brief = s.summarize(read_path(STORY[0]))
    assert brief.headline
    assert "briefs are not archived" in caplog.text and "damaged" in caplog.text
    assert damaged.read_bytes() == b"\x00garbage" * 1000


def test_items_archived_by_an_older_summarizer_still_read(archive: Archive) -> None:
    """A field this code no longer knows (the brief's schema changes) is left out, not an error."""
    with sqlite3.connect(archive.path) as conn:
        conn.execute("UPDATE briefs SET json = json_set(json, '$.quotes[0].retired', 1, '$.retired', 2)")
    assert archive.quotes(by="Peskov")
    assert archive.brief(1).headline


def test_an_archive_whose_events_have_a_basis_opens_without_it(tmp_path: Path, briefed: Briefed) -> None:
    """An archive of schema version 3 (``events.what_basis``, kept until every timeline entry was the
    article's words) opens at the current version: the column goes, the entries in the article's words
    stay, and one in the model's words, which no format could now tell apart, goes from the rows, the
    timeline and the brief read back, its brief's JSON kept as archived."""
    source, brief = example(briefed)
    path = tmp_path / "v3.db"
    with Archive(path) as store:
        brief_id = store.add(source, brief)
    # The file as version 3 left it: the column, and the basis of each entry in its rows and its JSON.
    with sqlite3.connect(path) as conn:
        data = json.loads(conn.execute("SELECT json FROM briefs").fetchone()[0])
        for n, event in enumerate(data["events"]):
            event["what_basis"] = "model" if n == 0 else "stated"
        stored = json.dumps(data)
        conn.execute("UPDATE briefs SET json = ?", (stored,))
        conn.execute("ALTER TABLE events ADD COLUMN what_basis TEXT")
        conn.execute("UPDATE events SET what_basis = CASE n WHEN 0 THEN 'model' ELSE 'stated' END")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'v4'")
        conn.execute("PRAGMA user_version = 3")
    conn.close()
    first = brief.events[0]
    named = brief.actor(first.actors[0])
    assert named is not None
    with Archive(path) as reopened:
        assert reopened.brief(brief_id).events == brief.events[1:]
        assert first.what not in [found.event.what for found in reopened.timeline(named.name)]
        assert reopened.briefs()[0].events == len(brief.events) - 1
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert "what_basis" not in [r[1] for r in conn.execute("PRAGMA table_info(events)")]
        assert conn.execute("SELECT json FROM briefs").fetchone()[0] == stored
        assert conn.execute("SELECT min(n) FROM events").fetchone()[0] == 1
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    assert rows(path, "events") == rows(path, "events_fts") == len(brief.events) - 1
    assert rows(path, "event_actors") == sum(len(set(e.actors)) for e in brief.events[1:])


def test_settings_name_the_archive() -> None:
    assert Settings.from_env(archive="off").resolved_archive() is None
    assert Settings.from_env(archive="~/x.db").resolved_archive() == Path("~/x.db").expanduser()
    assert json.dumps(str(Settings.from_env().resolved_archive())).endswith('archive.db"')


def table(path: Path, name: str, leave_out: tuple[str, ...] = ()) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({name})") if r[1] not in leave_out]
        listed = ", ".join(f'"{c}"' for c in columns)
        return conn.execute(f"SELECT rowid, {listed} FROM {name} ORDER BY rowid").fetchall()


TABLES = [
    "briefs",
    "actors",
    "aliases",
    "quotes",
    "events",
    "event_actors",
    "consequences",
    "consequence_actors",
]


_EVENTS = {
    "events": "SELECT brief_id, article_id, what, when_text, when_value, precision, date, start, end "
    "FROM events ORDER BY id",
    "event_actors": "SELECT e.brief_id, e.what, x.actor_id, x.date FROM event_actors x "
    "JOIN events e ON e.id = x.event_id ORDER BY e.id, x.actor_id",
    "events_fts": "SELECT what, dateline FROM events_fts ORDER BY rowid",
}
"""The events' tables, as what they hold rather than by id."""


def _selected(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def test_an_archive_of_an_older_schema_version_is_migrated(tmp_path: Path) -> None:
    """tests/archives/archive-v1.db was written by the first version of the archive (these briefs): opened
    now, it gains what came since, filled in from what it holds, and loses nothing but its timeline
    entries in the model's words (v4): it is the archive that archiving its briefs today makes."""
    old = tmp_path / "old.db"
    shutil.copy(ROOT / "tests" / "archives" / "archive-v1.db", old)
    with sqlite3.connect(old) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1 < SCHEMA_VERSION
        worded = dict(conn.execute("SELECT what_basis, count(*) FROM events GROUP BY what_basis").fetchall())
    assert worded == {"stated": 16, "model": 15}
    before = {t: rows(old, t) for t in ("articles", "briefs", "actors", "aliases", "quotes")}
    before["events"] = worded["stated"]
    stored = table(old, "briefs", ("current",))
    with Archive(old) as migrated:
        assert len(migrated.quotes(by="Peskov")) == 4
        exported = list(migrated.export())
    with sqlite3.connect(old) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == [f"v{n}" for n in range(1, SCHEMA_VERSION + 1)]
    assert {t: rows(old, t) for t in before} == before
    assert table(old, "briefs", ("current",)) == stored  # each brief as it was archived, its JSON untouched
    fresh = tmp_path / "fresh.db"
    with Archive(fresh) as store:
        store.load(exported)
    for name in [t for t in TABLES[1:] if t not in _EVENTS] + ["quotes_fts", "consequences_fts"]:
        assert table(old, name) == table(fresh, name), name
    # The events left keep their ids and their places in their briefs' JSON; those of a fresh archive
    # are numbered without the gaps.
    for sql in _EVENTS.values():
        assert _selected(old, sql) == _selected(fresh, sql)
    # What the code of the day makes of a brief (its JSON, and so its key) and of an article's first line
    # (its title) may have changed since; the rest is as it was.
    assert table(old, "briefs", ("key", "json")) == table(fresh, "briefs", ("key", "json"))
    for name in ("articles", "articles_fts"):
        assert table(old, name, ("title",)) == table(fresh, name, ("title",)), name
    # The consequences' actors are filled in from the briefs it stored, which the code of the day may read
    # otherwise (a name it no longer takes for an actor); read as JSON, being no valid Brief of today's.
    with sqlite3.connect(old) as conn:
        kept = [json.loads(j) for (j,) in conn.execute("SELECT json FROM briefs")]
    assert rows(old, "consequence_actors") == sum(
        len(set(c["affected"]) & {a["id"] for a in brief["actors"]})
        for brief in kept
        for c in brief["consequences"]
    )
