"""Totals, the report, its rendering, and the `summarizer eval` command."""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ExtractionError, InputError, SummarizerError
from ..ingest import source_from_text
from ..messages import error
from ..models import Brief

if TYPE_CHECKING:
    from rich.console import Console

    from ..pipeline import Summarizer
from .baseline import baseline_brief
from .gold import GoldArticle, load_gold
from .scoring import ArticleScore, Ratio, _failure, score

# ---- the report ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Metric:
    """A figure of the report."""

    name: str
    label: str
    kind: str
    """"extraction": higher is better and the model must beat the baseline; "validity": higher is better,
    but the baseline is grounded and valid by construction, so it is no bar; "cost": lower is better."""
    digits: int = 3


METRICS: tuple[Metric, ...] = (
    Metric("actor_precision", "Actor precision", "extraction"),
    Metric("actor_recall", "Actor recall", "extraction"),
    Metric("actor_f1", "Actor F1", "extraction"),
    Metric("key_actor_recall", "Key-actor recall", "extraction"),
    Metric("quote_precision", "Quote precision", "extraction"),
    Metric("quote_recall", "Quote recall", "extraction"),
    Metric("speaker_accuracy", "Speaker accuracy", "extraction"),
    Metric("date_accuracy", "Date accuracy", "extraction"),
    Metric("date_recall", "Date recall", "extraction"),
    Metric("consequence_precision", "Consequence precision", "extraction"),
    Metric("consequence_recall", "Consequence recall", "extraction"),
    Metric("grounding_rate", "Grounding rate", "validity"),
    Metric("schema_valid_first", "Schema-valid, 1st attempt", "validity"),
    Metric("schema_valid_final", "Schema-valid, after re-asks", "validity"),
    Metric("reasks_per_brief", "Re-asks per brief", "cost", 2),
    Metric("tokens_per_brief", "Tokens per brief", "cost", 0),
    Metric("seconds_per_brief", "Seconds per brief", "cost", 1),
)
_RATIOS = (
    "actor_precision",
    "actor_recall",
    "key_actor_recall",
    "quote_precision",
    "quote_recall",
    "speaker_accuracy",
    "date_accuracy",
    "date_recall",
    "consequence_precision",
    "consequence_recall",
)


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def _f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None or precision + recall == 0:
        return None
    return round(2 * precision * recall / (precision + recall), 4)


def totals(scores: Sequence[ArticleScore]) -> dict[str, float | None]:
    """Totals over articles: shares are micro-averaged (the counts summed, then divided), actor F1 is the
    harmonic mean of those actor precision and recall; grounding rate and the costs are means per brief
    made; schema-valid rates are shares of all articles."""
    out: dict[str, float | None] = {}
    for name in _RATIOS:
        summed = sum((getattr(s, name) for s in scores), Ratio())
        out[name] = summed.value
    out["actor_f1"] = _f1(out["actor_precision"], out["actor_recall"])
    made = [s for s in scores if s.error is None]
    out["grounding_rate"] = _mean([s.grounding_rate for s in made if s.grounding_rate is not None])
    out["schema_valid_first"] = _mean([float(s.schema_valid_first) for s in scores])
    out["schema_valid_final"] = _mean([float(s.schema_valid_final) for s in scores])
    out["reasks_per_brief"] = _mean([float(s.reasks) for s in made])
    out["tokens_per_brief"] = _mean([float(s.tokens) for s in made])
    out["seconds_per_brief"] = _mean([s.seconds for s in made])
    return {m.name: out[m.name] for m in METRICS}


def counts(scores: Sequence[ArticleScore]) -> dict[str, list[int]]:
    """Hits and totals of each share over articles, summed."""
    return {name: [(r := sum((getattr(s, name) for s in scores), Ratio())).hits, r.total] for name in _RATIOS}


def _row(s: ArticleScore) -> dict[str, Any]:
    row: dict[str, Any] = {name: getattr(s, name).value for name in _RATIOS}
    row["counts"] = {name: [getattr(s, name).hits, getattr(s, name).total] for name in _RATIOS}
    row.update(
        grounding_rate=s.grounding_rate,
        schema_valid_first=s.schema_valid_first,
        schema_valid_final=s.schema_valid_final,
        reasks=s.reasks,
        tokens=s.tokens,
        seconds=s.seconds,
        error=s.error,
        notes=s.notes,
    )
    return row


def _delta(a: float | None, b: float | None) -> float | None:
    return round(a - b, 4) if a is not None and b is not None else None


@dataclass
class Report:
    """Per-article scores of the model's briefs and of the baseline's, on the same gold articles."""

    gold: str
    model: list[ArticleScore]
    baseline: list[ArticleScore]
    run: dict[str, str] = field(default_factory=dict)
    """Backend, model and prompt version of the model's briefs."""
    created: str = field(default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    wall_seconds: float = 0.0
    """Wall time of the whole evaluation (a re-run served from the cache is fast; seconds_per_brief keeps
    the time of the run that made each brief)."""

    def totals(self) -> dict[str, dict[str, float | None]]:
        """Totals of the model, of the baseline, and the model's lead (model minus baseline)."""
        model, baseline = totals(self.model), totals(self.baseline)
        return {
            "model": model,
            "baseline": baseline,
            "delta": {k: _delta(model[k], baseline[k]) for k in model},
        }

    def beaten(self) -> tuple[int, int]:
        """On how many extraction metrics the model beats the baseline, out of how many both have."""
        both = self.totals()
        deltas = [both["delta"][m.name] for m in METRICS if m.kind == "extraction"]
        known = [d for d in deltas if d is not None]
        return sum(d > 0 for d in known), len(known)

    def to_dict(self) -> dict[str, Any]:
        """The report as plain data (the shape docs/evaluation.md describes)."""
        won, of = self.beaten()
        return {
            "gold": self.gold,
            "created": self.created,
            "articles": len(self.model),
            "run": self.run,
            "wall_seconds": round(self.wall_seconds, 1),
            "metrics": {m.name: {"label": m.label, "kind": m.kind} for m in METRICS},
            "beats_baseline": {"metrics": won, "of": of},
            "totals": self.totals(),
            "counts": {"model": counts(self.model), "baseline": counts(self.baseline)},
            "per_article": [
                {"id": m.id, "model": _row(m), "baseline": _row(b)}
                for m, b in zip(self.model, self.baseline, strict=True)
            ],
        }

    def to_json(self) -> str:
        """:meth:`to_dict` as indented JSON."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)


ProgressCallback = Callable[[int, int, str], None]
"""Told (articles done, articles in all, id of the article being worked on; "" at the end)."""


def evaluate(
    articles: Sequence[GoldArticle],
    summarize: Callable[[GoldArticle], Brief],
    progress: ProgressCallback | None = None,
    *,
    baseline: Callable[[GoldArticle], Brief] | None = None,
    gold: str = "",
) -> Report:
    """Make and score the brief of every article with ``summarize`` and with the baseline (by default
    :func:`baseline_brief`). An article whose brief fails validation for good (ExtractionError) scores as
    a failure; any other error stops the run."""
    make_baseline = baseline or (lambda a: baseline_brief(a.text, a.dateline))
    started = time.perf_counter()
    model: list[ArticleScore] = []
    rules: list[ArticleScore] = []
    run: dict[str, str] = {}
    for n, article in enumerate(articles):
        if progress:
            progress(n, len(articles), article.id)
        try:
            brief = summarize(article)
        except ExtractionError as exc:
            model.append(_failure(article, str(exc)))
        else:
            run = run or {
                "backend": brief.run.backend,
                "model": brief.run.model,
                "prompt_version": brief.run.prompt_version,
            }
            model.append(score(brief, article))
        rules.append(score(make_baseline(article), article))
    if progress:
        progress(len(articles), len(articles), "")
    return Report(gold, model, rules, run=run, wall_seconds=time.perf_counter() - started)


# ---- rendering and the command -------------------------------------------------------------------


def _figure(value: float | None, digits: int) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}" if digits == 0 else f"{value:.{digits}f}"


_ARTICLE_COLUMNS = (
    ("actor_precision", "Actor\nP"),
    ("actor_recall", "Actor\nR"),
    ("quote_precision", "Quote\nP"),
    ("quote_recall", "Quote\nR"),
    ("speaker_accuracy", "Spea-\nker"),
    ("date_accuracy", "Date\nacc"),
    ("date_recall", "Date\nR"),
    ("consequence_precision", "Cons\nP"),
    ("consequence_recall", "Cons\nR"),
)


def print_report(report: Report, console: Console | None = None) -> None:
    """Print the report as rich tables: per-article rows (model above, baseline dimmed below), then the
    totals with the model's lead over the baseline, and the articles whose brief failed."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = console or Console()
    # Narrow enough for 80 columns (ids up to 18 characters); tokens and seconds per article are in the JSON.
    rows = Table(
        title=f"Per article: {report.gold}",
        caption="each cell: model, baseline below (dim); – nothing to score; valid: ✓ first time, "
        "↻ after re-asks (with their count), ~ items dropped, ✗ failed",
        box=box.SIMPLE_HEAD,
        padding=(0, 0),
        pad_edge=False,
    )
    # The box's column separator is the only space between columns.
    rows.add_column("Article", no_wrap=True, overflow="ellipsis", max_width=18)
    for _, label in _ARTICLE_COLUMNS:
        rows.add_column(label, justify="right", no_wrap=True, min_width=5)
    rows.add_column("Val-\nid", justify="center", no_wrap=True, min_width=4)
    for m, b in zip(report.model, report.baseline, strict=True):
        cells: list[Text] = [Text(m.id)]
        for name, _ in _ARTICLE_COLUMNS:
            cell = Text(_figure(getattr(m, name).value, 2))
            cell.append("\n" + _figure(getattr(b, name).value, 2), style="dim")
            cells.append(cell)
        if m.error is not None:
            valid = Text("✗", style="red")
        elif not m.schema_valid_final:
            valid = Text("~", style="yellow")
        else:
            valid = Text("✓" if m.schema_valid_first else "↻", style="green")
        if m.reasks:
            valid.append(str(m.reasks))
        cells.append(valid)
        rows.add_row(*cells)
    console.print(rows)

    both = report.totals()
    table = Table(
        title=f"Totals over {len(report.model)} articles",
        caption=f"model: {report.run.get('model', '?')} ({report.run.get('backend', '?')}), prompts "
        f"{report.run.get('prompt_version', '?')}; baseline: rules",
        box=box.SIMPLE_HEAD,
    )
    for label, justify in (("Metric", "left"), ("Model", "right"), ("Baseline", "right"), ("Δ", "right")):
        table.add_column(label, justify=justify)  # type: ignore[arg-type]
    for metric in METRICS:
        model, base, delta = (both[side][metric.name] for side in ("model", "baseline", "delta"))
        style = ""
        if metric.kind == "extraction" and delta is not None:
            style = "green" if delta > 0 else "red" if delta < 0 else ""
        shown = _figure(delta, metric.digits)
        if delta is not None and delta > 0 and shown.strip("0.,"):
            shown = "+" + shown
        table.add_row(
            metric.label,
            _figure(model, metric.digits),
            _figure(base, metric.digits),
            Text(shown, style=style),
        )
    console.print(table)
    won, of = report.beaten()
    console.print(f"The model beats the baseline on {won} of {of} extraction metrics.")
    for failed in (m for m in report.model if m.error is not None):
        console.print(Text(f"✗ {failed.id}: {failed.error}", style="red"))


def run_eval(gold: Path, *, limit: int | None, as_json: bool, summarizer: Summarizer) -> int:
    """``summarizer eval GOLD``: score the briefs of ``summarizer`` (its cache on, a re-run costs
    nothing) and of the baseline on the first ``limit`` articles of ``gold``; print rich tables or, with
    ``as_json``, the JSON report on stdout. Progress goes to stderr. Returns the exit code: 0, 1 when the
    backend failed, 2 when the gold file is unusable."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    errors = Console(stderr=True)
    try:
        articles = load_gold(gold)
    except InputError as exc:
        error(str(exc))
        return 2
    articles = articles[:limit] if limit is not None else articles
    bar = Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=errors,
        transient=True,
    )
    task = bar.add_task("evaluating", total=len(articles))

    def told(done: int, total: int, current: str) -> None:
        bar.update(task, completed=done, description=current or "done")

    def summarize(article: GoldArticle) -> Brief:
        def on_pass(name: str) -> None:
            bar.update(task, description=f"{article.id} · {name}")

        return summarizer.summarize(
            source_from_text(article.text, dateline=article.dateline), progress=on_pass
        )

    try:
        with bar:
            report = evaluate(articles, summarize, told, gold=str(gold))
    except SummarizerError as exc:
        error(str(exc))
        return 1
    if as_json:
        sys.stdout.write(report.to_json() + "\n")
    else:
        print_report(report)
    return 0
