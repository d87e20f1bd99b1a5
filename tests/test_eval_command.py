"""``summarizer eval``: the report as rich tables or JSON, and its exit codes. The rule-based baseline plays
the model, so nothing here runs one."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

import summarizer.cli.batch
from summarizer.cli import app
from summarizer.cli.evaluation import print_report
from summarizer.errors import BackendError, ExtractionError
from summarizer.evaluate import GoldActor, GoldArticle, baseline_brief, evaluate
from summarizer.ingest import Source
from summarizer.models import Brief

TEXT = "Acme Corp hired John Smith. “We will win,” Smith said on Monday, 3 June 2024."


class FakeSummarizer:
    """Stands in for summarizer.Summarizer: the baseline plays the model, or ``fail`` is raised."""

    seen: list[Source] = []  # noqa: RUF012
    fail: Exception | None = None

    def __init__(self, settings: Any, *, weights_progress: Any = None) -> None:
        pass

    def summarize(self, source: Source, *, progress: Callable[[str], None] | None = None) -> Brief:
        FakeSummarizer.seen.append(source)
        if progress:
            progress("actors")
        if FakeSummarizer.fail is not None:
            raise FakeSummarizer.fail
        return baseline_brief(source.text, source.dateline)

    def __enter__(self) -> FakeSummarizer:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


@pytest.fixture(autouse=True)
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    FakeSummarizer.seen, FakeSummarizer.fail = [], None
    monkeypatch.setattr(summarizer.cli.batch, "Summarizer", FakeSummarizer)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["eval", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def gold_file(tmp_path: Path, articles: int) -> Path:
    gold = tmp_path / "gold.json"
    rows = [
        {"id": str(n), "text": f"Acme Corp grew {n}%.", "dateline": "2024-01-02"} for n in range(articles)
    ]
    gold.write_text(json.dumps(rows), encoding="utf-8")
    return gold


def test_json_and_limit(tmp_path: Path) -> None:
    code, out, err = run(str(gold_file(tmp_path, 3)), "--limit", "2", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["articles"] == 2 and [row["id"] for row in data["per_article"]] == ["0", "1"]
    assert [s.dateline for s in FakeSummarizer.seen] == [dt.date(2024, 1, 2)] * 2
    assert data["totals"]["delta"]["actor_recall"] is None  # no gold actors: nothing to compare


def test_tables_by_default(tmp_path: Path) -> None:
    code, out, err = run(str(gold_file(tmp_path, 2)))
    assert code == 0, err
    assert "Totals over 2 articles" in out and "The model beats the baseline on" in out


def test_exit_codes(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path / "missing.json"), "--json")
    assert code == 2 and err.startswith("summarizer: error: ") and "cannot read" in err
    FakeSummarizer.fail = BackendError("the model endpoint did not answer in time")
    code, out, err = run(str(gold_file(tmp_path, 1)))
    assert code == 1 and out == ""
    assert err.splitlines() == ["summarizer: error: the model endpoint did not answer in time"]


def test_rich_report_shows_rows_totals_and_deltas() -> None:
    articles = [
        GoldArticle(id="one", text=TEXT, dateline=None, actors=[GoldActor("Acme Corp", [], "organization")]),
        GoldArticle(id="two", text=TEXT, dateline=None),
    ]

    def model(article: GoldArticle) -> Brief:
        if article.id == "two":
            raise ExtractionError("the model's answers kept failing validation")
        return baseline_brief(article.text, article.dateline)

    console = Console(record=True, width=160, color_system=None, file=io.StringIO())
    print_report(evaluate(articles, model, gold="g.json"), console)
    out = console.export_text()
    assert "Per article: g.json" in out and "Totals over 2 articles" in out
    assert "Δ" in out and "Speaker accuracy" in out and "model: rules (baseline)" in out
    assert "✗ two: the model's answers" in out
    assert "The model beats the baseline on" in out
