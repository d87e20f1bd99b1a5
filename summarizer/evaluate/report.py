"""Totals and the report: per-article scores of the model and of the baseline, as plain data."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import ExtractionError
from ..models import Brief
from .baseline import baseline_brief
from .gold import GoldArticle
from .scoring import ArticleScore, Ratio, _failure, score
from .wrong import WRONG

# ---- the report ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Metric:
    """A figure of the report."""

    name: str
    label: str
    kind: str
    """"extraction": higher is better and the model must beat the baseline; "validity": higher is better,
    but the baseline is valid by construction, so it is no bar; "wrong": what a reader sees wrong, as a
    share of what is shown (lower is better); "cost": lower is better."""
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
    *(Metric(name, label, "wrong") for name, label in WRONG),
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
    *(name for name, _ in WRONG),
)


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def _f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None or precision + recall == 0:
        return None
    return round(2 * precision * recall / (precision + recall), 4)


def totals(scores: Sequence[ArticleScore]) -> dict[str, float | None]:
    """Totals over articles: shares are micro-averaged (the counts summed, then divided), actor F1 is the
    harmonic mean of those actor precision and recall; the costs are means per brief made; schema-valid
    rates are shares of all articles."""
    out: dict[str, float | None] = {}
    for name in _RATIOS:
        summed = sum((s.ratio(name) for s in scores), Ratio())
        out[name] = summed.value
    out["actor_f1"] = _f1(out["actor_precision"], out["actor_recall"])
    made = [s for s in scores if s.error is None]
    out["schema_valid_first"] = _mean([float(s.schema_valid_first) for s in scores])
    out["schema_valid_final"] = _mean([float(s.schema_valid_final) for s in scores])
    out["reasks_per_brief"] = _mean([float(s.reasks) for s in made])
    out["tokens_per_brief"] = _mean([float(s.tokens) for s in made])
    out["seconds_per_brief"] = _mean([s.seconds for s in made])
    return {m.name: out[m.name] for m in METRICS}


def counts(scores: Sequence[ArticleScore]) -> dict[str, list[int]]:
    """Hits and totals of each share over articles, summed."""
    return {name: [(r := sum((s.ratio(name) for s in scores), Ratio())).hits, r.total] for name in _RATIOS}


def _row(s: ArticleScore) -> dict[str, Any]:
    row: dict[str, Any] = {name: s.ratio(name).value for name in _RATIOS}
    row["counts"] = {name: [s.ratio(name).hits, s.ratio(name).total] for name in _RATIOS}
    row.update(
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
