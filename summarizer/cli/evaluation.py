"""``summarizer eval``: the model's briefs and the baseline's scored against gold annotations, with the live
display on stderr, and the report on stdout as rich tables or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..config import Settings
from ..errors import InputError, SummarizerError
from ..evaluate import METRICS, GoldArticle, Report, evaluate, load_gold
from ..ingest import source_from_text
from ..models import Brief
from .batch import Run
from .messages import error
from .options import CONFIGURATION
from .output import stdout_result, write_stdout

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["print_report", "run_eval"]


def run_eval(
    gold: Path, *, limit: int | None, as_json: bool, settings: Settings, verbose: bool, quiet: bool
) -> None:
    """Score the briefs of the configured model (from the cache, unless it is off, when re-run) and of the
    baseline on the first ``limit`` articles of ``gold``; print rich tables or, with ``as_json``, the JSON
    report. Exits 1 when the backend failed, 2 when the gold file is unusable."""
    try:
        articles = load_gold(gold)[:limit]
    except InputError as exc:
        error(str(exc))
        raise typer.Exit(CONFIGURATION) from None
    run = Run(len(articles), verbose, quiet)
    with run.summarizer(settings) as summarizer:

        def summarize(article: GoldArticle) -> Brief:
            source = source_from_text(article.text, dateline=article.dateline)
            return summarizer.summarize(source, progress=run.display.step)

        def told(done: int, _total: int, current: str) -> None:
            if done:
                run.finished()
            if current:
                run.display.begin(current)

        try:
            report = evaluate(articles, summarize, told, gold=str(gold))
        except SummarizerError as exc:
            run.display.stop()
            error(str(exc))
            raise typer.Exit(1) from None
    with stdout_result():
        if as_json:
            write_stdout(report.to_json() + "\n")
        else:
            print_report(report)


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
            cell = Text(_figure(m.ratio(name).value, 2))
            cell.append("\n" + _figure(b.ratio(name).value, 2), style="dim")
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
        if metric.kind in ("extraction", "wrong") and delta is not None:
            better = delta > 0 if metric.kind == "extraction" else delta < 0
            style = "green" if better else "red" if delta else ""
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
