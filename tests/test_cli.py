"""The command line, from recordings: every format, batches, stdin, and every error path."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import EXAMPLE, RECORDINGS, ROOT
from typer.testing import CliRunner

from summarizer import Brief, __version__
from summarizer.cli import app, brief_schema_json

runner = CliRunner()


@pytest.fixture(autouse=True)
def replay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_CACHE", "replay")
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(RECORDINGS))


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_rich_note_fits_80_columns() -> None:
    code, out, err = run("brief", str(EXAMPLE))
    assert code == 0, err
    assert "Russia" in out and "Actors" in out and "Quotes" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "\x1b[" not in out, "plain text when stdout is not a terminal"


def test_markdown_json_html() -> None:
    code, out, _ = run("brief", str(EXAMPLE), "--format", "markdown")
    assert code == 0 and out.startswith("# ")
    code, out, _ = run("brief", str(EXAMPLE), "--format", "json")
    assert code == 0
    brief = Brief.model_validate_json(out)
    jsonschema.validate(json.loads(out), json.loads((ROOT / "schemas" / "brief.schema.json").read_text()))
    assert len(brief.quotes) == 18
    code, out, _ = run("brief", str(EXAMPLE), "--format", "html")
    assert code == 0 and "<mark" in out and out.lstrip().lower().startswith("<!doctype html")


def test_stdin_and_output_file(tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    code, out, _ = run("brief", "-", "-f", "markdown", "-o", str(target), stdin=EXAMPLE.read_bytes())
    assert code == 0 and out == ""
    assert target.read_text().startswith("# ")


def test_a_batch_writes_what_it_can_and_says_what_failed(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    out_dir = tmp_path / "notes"
    code, _, err = run("brief", str(empty), str(EXAMPLE), "-f", "json", "-o", str(out_dir))
    assert code == 1
    assert "empty.txt: the article is empty" in err
    assert (out_dir / "russia-recalls-ambassador.json").exists()
    assert not (out_dir / "empty.json").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"\x00\x01binary", "binary"),
        (b"\xff\xfe not utf8", "UTF-8"),
        (b"<html><body><nav>menu</nav></body></html>", "no article text"),
        (b"date 2021-03-18 Nobody recorded this article.", "make record"),
    ],
)
def test_bad_articles_fail_cleanly(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    code, out, err = run("brief", str(path))
    assert code == 1 and out == ""
    assert err.startswith("summarizer: error: ") and message in err


def test_paths_that_are_not_articles(tmp_path: Path) -> None:
    code, _, err = run("brief", str(tmp_path / "missing.txt"))
    assert code == 1 and "no such file" in err
    code, _, err = run("brief", str(tmp_path))
    assert code == 1 and "no articles found" in err


def test_usage_errors_exit_2() -> None:
    assert run("brief", str(EXAMPLE), "--dateline", "2021-13-01")[0] == 2
    assert run("brief", str(EXAMPLE), "--format", "pdf")[0] == 2
    assert run("brief")[0] == 2


def test_schema_version_help() -> None:
    code, out, _ = run("schema")
    assert code == 0 and out == brief_schema_json()
    assert run("--version")[1].strip() == f"summarizer {__version__}"
    code, out, _ = run("brief", "--help")
    assert code == 0 and "Examples" in out
