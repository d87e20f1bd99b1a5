"""Scores of one brief against one gold article; the metrics are defined in docs/evaluation.md."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Brief, Event, Quote
from .gold import (
    _CALENDAR,
    GoldArticle,
    GoldEvent,
    GoldQuote,
    _actor_named,
    _brief_keys,
    _evidence_overlaps,
    _gold_keys,
    _keys,
    _quote_key,
    same_date,
)

# ---- scores --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ratio:
    """A share: ``hits`` out of ``total``. Totals add the counts, so totals are micro-averages."""

    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        """hits / total to 4 places, or None when there is nothing to count."""
        return round(self.hits / self.total, 4) if self.total else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.hits + other.hits, self.total + other.total)


@dataclass(frozen=True)
class ArticleScore:
    """The figures of one brief against its gold article."""

    id: str
    actor_precision: Ratio
    actor_recall: Ratio
    key_actor_recall: Ratio
    quote_precision: Ratio
    quote_recall: Ratio
    speaker_accuracy: Ratio
    date_accuracy: Ratio
    date_recall: Ratio
    grounding_rate: float | None
    """None when no brief was made."""
    schema_valid_first: bool
    schema_valid_final: bool
    reasks: int
    tokens: int
    seconds: float
    error: str | None = None
    """Why no brief was made (the model's answers kept failing validation)."""
    notes: dict[str, list[str]] = field(default_factory=dict)
    """What went wrong, item by item: missed_actors, extra_actors, missed_quotes, extra_quotes,
    wrong_speakers, missed_dates, wrong_dates."""


# Warnings that extract.py records when a pass ends without a fully valid answer (items dropped, no
# answer, an answer cut off): the brief then is not schema-valid even after its re-asks.
_FAILED_PASS = ("dropped from ", "no valid answer after", "cut off at the token limit")


def score(brief: Brief, gold: GoldArticle) -> ArticleScore:
    """Score ``brief`` against ``gold``; docs/evaluation.md defines each figure."""
    notes: dict[str, list[str]] = {}
    gold_keys = [_gold_keys(a) for a in gold.actors]
    ignored = _keys(gold.non_actors)
    hits = counted = 0
    for actor in brief.actors:
        keys = _brief_keys(actor)
        if any(keys & g for g in gold_keys):
            hits, counted = hits + 1, counted + 1
        elif not keys & ignored:
            counted += 1
            notes.setdefault("extra_actors", []).append(actor.name)
    found_keys = [_brief_keys(a) for a in brief.actors]
    found = [any(g & b for b in found_keys) for g in gold_keys]
    notes_missed = [a.name for a, ok in zip(gold.actors, found, strict=True) if not ok]
    if notes_missed:
        notes["missed_actors"] = notes_missed
    key_found = 0
    for name in gold.key_actors:
        known = _actor_named(name, gold.actors)
        keys = _gold_keys(known) if known else _keys([name])
        key_found += any(keys & b for b in found_keys)

    quotes, speakers = _match_quotes(brief, gold, notes)
    dates, dated = _match_dates(brief, gold, notes)
    failed = any(mark in warning for warning in brief.run.warnings for mark in _FAILED_PASS)
    return ArticleScore(
        id=gold.id,
        actor_precision=Ratio(hits, counted),
        actor_recall=Ratio(sum(found), len(gold.actors)),
        key_actor_recall=Ratio(key_found, len(gold.key_actors)),
        quote_precision=Ratio(quotes, len(brief.quotes)) if gold.quotes_complete else Ratio(),
        quote_recall=Ratio(quotes, len(gold.quotes)),
        speaker_accuracy=speakers,
        date_accuracy=dates,
        date_recall=Ratio(dates.hits, dated),
        grounding_rate=brief.grounding_rate,
        schema_valid_first=not failed and brief.run.reasks == 0,
        schema_valid_final=not failed,
        reasks=brief.run.reasks,
        tokens=brief.run.usage.prompt_tokens + brief.run.usage.completion_tokens,
        seconds=round(sum(brief.run.seconds.values()), 3),
        notes=notes,
    )


def _failure(gold: GoldArticle, error: str) -> ArticleScore:
    """The score of an article whose brief could not be made: its gold items all count as missed."""
    return ArticleScore(
        id=gold.id,
        actor_precision=Ratio(),
        actor_recall=Ratio(0, len(gold.actors)),
        key_actor_recall=Ratio(0, len(gold.key_actors)),
        quote_precision=Ratio(),
        quote_recall=Ratio(0, len(gold.quotes)),
        speaker_accuracy=Ratio(),
        date_accuracy=Ratio(),
        date_recall=Ratio(0, sum(_dated(e) for e in gold.events)),
        grounding_rate=None,
        schema_valid_first=False,
        schema_valid_final=False,
        reasks=0,
        tokens=0,
        seconds=0.0,
        error=error,
    )


def _match_quotes(brief: Brief, gold: GoldArticle, notes: dict[str, list[str]]) -> tuple[int, Ratio]:
    """Gold and brief quotes paired one to one by text, in gold order; returns the pairs' count and the
    speaker accuracy over the pairs whose gold speaker is known."""
    free: dict[str, list[Quote]] = {}
    for quote in brief.quotes:
        free.setdefault(_quote_key(quote.text), []).append(quote)
    pairs: list[tuple[GoldQuote, Quote]] = []
    for want in gold.quotes:
        waiting = free.get(_quote_key(want.text))
        if waiting:
            pairs.append((want, waiting.pop(0)))
        else:
            notes.setdefault("missed_quotes", []).append(want.text)
    if gold.quotes_complete:
        extra = [q.text for left in free.values() for q in left]
        if extra:
            notes["extra_quotes"] = extra
    right = judged = 0
    for want, got in pairs:
        if want.speaker is None:
            continue
        judged += 1
        actor = _actor_named(want.speaker, gold.actors)
        wanted = _keys([want.speaker, *want.speaker_aliases]) | (_gold_keys(actor) if actor else set())
        speaker = brief.actor(got.speaker)
        if speaker is not None and _brief_keys(speaker) & wanted:
            right += 1
        else:
            said = speaker.name if speaker else None
            notes.setdefault("wrong_speakers", []).append(f"{want.text!r}: {said} (gold: {want.speaker})")
    return len(pairs), Ratio(right, judged)


def _dated(event: GoldEvent) -> bool:
    return bool(_CALENDAR.fullmatch(event.date) and event.evidence.strip())


def _match_dates(brief: Brief, gold: GoldArticle, notes: dict[str, list[str]]) -> tuple[Ratio, int]:
    """Gold dated events paired one to one with brief events whose time expression overlaps the gold
    evidence; returns the accuracy over the pairs and the number of gold dated events."""
    free = [e for e in brief.events if e.when is not None]
    right = paired = total = 0
    for want in gold.events:
        if not _dated(want):
            continue
        total += 1
        near = [e for e in free if e.when and _evidence_overlaps(e.when.text, e.when.span, want)]
        if not near:
            notes.setdefault("missed_dates", []).append(f"{want.evidence} = {want.date}")
            continue
        # Of several brief events on the same words, the one with the right date is the pair.
        got = next((e for e in near if _value(e) and same_date(_value(e), want.date)), near[0])
        free.remove(got)
        paired += 1
        if same_date(_value(got), want.date):
            right += 1
        else:
            notes.setdefault("wrong_dates", []).append(f"{want.evidence} = {want.date}: {_value(got)}")
    return Ratio(right, paired), total


def _value(event: Event) -> str | None:
    return event.when.value if event.when else None
