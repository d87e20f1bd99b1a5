"""Scoring briefs against annotated articles, beside a rule-based baseline.

``summarizer eval GOLD`` reads a gold file (:func:`load_gold`), makes the brief of every article with the
configured backend and with :func:`baseline_brief`, scores both (:func:`score`) and reports per-article
figures and totals (:class:`Report`), so that a change of model, prompt or strategy is judged by numbers.
The metrics are defined in docs/evaluation.md; the definitions here and there must agree.
"""

from .baseline import analysis_brief, baseline_brief
from .gold import load_gold
from .gold.matching import same_date
from .gold.model import GoldActor, GoldArticle, GoldConsequence, GoldEvent, GoldQuote, GoldTimex
from .report import (
    METRICS,
    Metric,
    ProgressCallback,
    Report,
    counts,
    evaluate,
    totals,
)
from .scoring import ArticleScore, Ratio, consequence_matches, score

__all__ = [
    "METRICS",
    "ArticleScore",
    "GoldActor",
    "GoldArticle",
    "GoldConsequence",
    "GoldEvent",
    "GoldQuote",
    "GoldTimex",
    "Metric",
    "ProgressCallback",
    "Ratio",
    "Report",
    "analysis_brief",
    "baseline_brief",
    "consequence_matches",
    "counts",
    "evaluate",
    "load_gold",
    "same_date",
    "score",
    "totals",
]
