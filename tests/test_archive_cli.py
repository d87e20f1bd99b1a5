"""The archive's commands, on an archive the `brief` command filled from the recordings: the listing,
search, quotes by any name, timelines, stories from the archive, export and import, --no-archive, and a
damaged archive said in one line, the brief still written."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import EXAMPLE, RECORDINGS, ROOT
from typer.testing import CliRunner

from summarizer import Story
from summarizer.cli import app

STORY = sorted((ROOT / "tests" / "articles" / "story").glob("*.txt"))
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive of the example and the story articles, briefed by the command line from the recordings."""
    archive = tmp_path_factory.mktemp("archive") / "archive.db"
    env = {
        "SUMMARIZER_CACHE": "replay",
        "SUMMARIZER_CACHE_DIR": str(RECORDINGS),
        "SUMMARIZER_ARCHIVE": str(archive),
    }
    result = runner.invoke(
        app, ["brief", str(EXAMPLE), *map(str, STORY), "-f", "json", "-o", f"{archive.parent}/out/"], env=env
    )
    assert result.exit_code == 0, result.stderr
    return archive


@pytest.fixture(autouse=True)
def archive(filled: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SUMMARIZER_ARCHIVE", str(filled))
    return filled


def test_the_listing_shows_the_briefs_archived_last(archive: Path) -> None:
    code, out, _ = run("archive", "--json")
    assert code == 0
    listed = json.loads(out)
    assert [Path(entry["article"]["origin"]).name for entry in listed] == [
        EXAMPLE.name,
        *(p.name for p in STORY),
    ]
    assert all(entry["current"] for entry in listed)
    code, out, err = run("archive", "-n", "2")
    assert code == 0 and "iPhone 4" in out and out.count("\n") > 5
    assert "the latest 2 of 5 shown" in err


def test_quotes_by_a_surname(archive: Path) -> None:
    code, out, _ = run("quotes", "--by", "Peskov", "--json")
    assert code == 0
    found = json.loads(out)
    assert len(found) == 4 and {q["speaker"]["name"] for q in found} == {"Dmitry Peskov"}
    code, note, _ = run("quotes", "--by", "Dmitry Peskov", "--format", "markdown")
    assert note.startswith("# Quotes by Dmitry Peskov\n")
    assert note.count("> — **Dmitry Peskov**, ") == 4 and "## 2021-03-18 · " in note
    code, out, _ = run("quotes", "--by", "Peskov")
    assert code == 0 and "I will only say that these" in out and "found by analysis" in out
    code, _, err = run("quotes", "--by", "Peskov", "--since", "2021-03-19")
    assert code == 0 and "no quotes by 'Peskov'" in err
    code, _, err = run("quotes", "--by", "Peskov", "--since", "19 March")
    assert code == 2 and "YYYY-MM-DD" in err


def test_search_with_its_matches_highlighted(archive: Path) -> None:
    code, out, _ = run("search", "consultations", "--json")
    hits = json.loads(out)
    assert code == 0 and {hit["kind"] for hit in hits} == {"quote", "event", "consequence", "article"}
    for hit in hits:
        assert all(hit["text"][m["start"] : m["end"]].lower() == "consultations" for m in hit["marks"]), hit
    code, note, _ = run("search", "consultations", "--in", "quote", "-f", "markdown")
    assert "**quote** · Maria Zakharova: **consultations**" in note
    assert "**event**" not in note
    code, _, err = run("search", "consultations", "--in", "tweet")
    assert code == 2 and "tweet" in err


def test_a_timeline_across_articles(archive: Path) -> None:
    code, note, _ = run("timeline", "Apple", "-f", "markdown")
    assert code == 0
    days = [line.split("**")[1] for line in note.splitlines() if line.startswith("- **")]
    assert days[0] == "2008-11 (month)" and days[-1] == "2010-09-30 (day)"
    assert "iphone4-free-cases.txt" in note and "iphone4-executive-leaves.txt" in note


def test_a_story_from_the_archive_needs_no_model(archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(archive.parent / "empty-cache"))  # nothing to replay
    code, out, err = run("story", "--from-archive", "--actor", "Apple", "-f", "json")
    assert code == 0, err
    story = Story.model_validate_json(out)
    assert [Path(s.origin).name for s in story.sources] == [
        "iphone4-free-cases.txt",
        "iphone4-executive-leaves.txt",
    ]
    code, out, _ = run("story", "--from-archive", "--search", "A380", "-f", "markdown")
    assert code == 0 and "Singapore" in out
    code, _, err = run("story", "--from-archive")
    assert code == 2 and "say which briefs" in err
    code, _, err = run("story", "--from-archive", "--actor", "Nobody Atall")
    assert code == 1 and "the archive has 0 that match" in err


def test_export_and_import(archive: Path, tmp_path: Path) -> None:
    exported = tmp_path / "briefs.jsonl"
    code, _, _ = run("archive", "export", "-o", str(exported))
    assert code == 0 and len(exported.read_text().splitlines()) == 5
    copy = tmp_path / "copy.db"
    code, _, err = run("archive", "import", str(exported), "--archive", str(copy))
    assert code == 0 and "5 new briefs" in err
    code, out, _ = run("archive", "--archive", str(copy), "export")
    assert out == exported.read_text()
    exported.write_text("not json\n")
    code, _, err = run("archive", "import", str(exported), "--archive", str(copy))
    assert code == 1 and "line 1" in err


def test_no_archive_archives_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_CACHE", "replay")
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(RECORDINGS))
    elsewhere = tmp_path / "none.db"
    code, _, _ = run("brief", str(STORY[0]), "-f", "json", "--archive", str(elsewhere), "--no-archive")
    assert code == 0 and not elsewhere.exists()
    code, _, err = run("archive", "--archive", str(elsewhere))
    assert code == 1 and "no archive at" in err
    monkeypatch.setenv("SUMMARIZER_ARCHIVE", "off")
    code, _, err = run("quotes", "--by", "Peskov")
    assert code == 2 and "the archive is off" in err


def test_a_damaged_archive_is_said_and_the_brief_still_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = tmp_path / "archive.db"
    damaged.write_bytes(os.urandom(8192))
    before = damaged.read_bytes()
    monkeypatch.setenv("SUMMARIZER_ARCHIVE", str(damaged))
    monkeypatch.setenv("SUMMARIZER_CACHE", "replay")
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(RECORDINGS))
    code, out, err = run("brief", str(STORY[0]), "-f", "json")
    assert code == 0 and json.loads(out)["headline"]
    assert "briefs are not archived" in err and "damaged" in err
    for command in (["archive"], ["search", "A380"], ["quotes", "--by", "Airbus"], ["timeline", "Airbus"]):
        code, _, err = run(*command)
        assert code == 1, command
        assert (
            err.startswith("summarizer: error: the archive ") and "is damaged" in err and err.count("\n") == 1
        )
    assert damaged.read_bytes() == before
