"""Scores of one brief against one gold article; the metrics are defined in docs/evaluation.md."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..analysis.text import content_words
from ..models import Brief, Consequence, Event, Quote
from .gold.matching import (
    CALENDAR,
    actor_named,
    brief_actor_keys,
    evidence_overlaps,
    gold_actor_keys,
    name_keys,
    quote_key,
    same_date,
    shared_surnames,
)
from .gold.model import GoldArticle, GoldConsequence, GoldEvent, GoldQuote
from .wrong import WRONG, shown_wrong

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
    consequence_precision: Ratio
    consequence_recall: Ratio
    schema_valid_first: bool
    schema_valid_final: bool
    reasks: int
    tokens: int
    seconds: float
    error: str | None = None
    """Why no brief was made (the model's answers kept failing validation)."""
    notes: dict[str, list[str]] = field(default_factory=dict)
    wrong: dict[str, Ratio] = field(default_factory=dict)
    """The shown-wrong figures (:data:`~summarizer.evaluate.wrong.WRONG`) by name."""

    def ratio(self, name: str) -> Ratio:
        """A share of this score by its name: a field, or a shown-wrong figure (empty if not scored)."""
        if any(name == n for n, _ in WRONG):
            return self.wrong.get(name, Ratio())
        value = getattr(self, name)
        assert isinstance(value, Ratio)
        return value

    """What went wrong, item by item: missed_actors, extra_actors, missed_quotes, extra_quotes,
    wrong_speakers, missed_dates, wrong_dates, missed_consequences, extra_consequences, and one list for
    each shown-wrong figure (:data:`~summarizer.evaluate.wrong.WRONG`)."""


def score(brief: Brief, gold: GoldArticle) -> ArticleScore:
    """Score ``brief`` against ``gold``; docs/evaluation.md defines each figure."""
    notes: dict[str, list[str]] = {}
    gold_keys = [gold_actor_keys(a, gold.actors) for a in gold.actors]
    ignored = name_keys(gold.non_actors)
    hits = counted = 0
    for actor in brief.actors:
        keys = brief_actor_keys(actor)
        if any(keys & g for g in gold_keys):
            hits, counted = hits + 1, counted + 1
        elif not keys & ignored:
            counted += 1
            notes.setdefault("extra_actors", []).append(actor.name)
    found_keys = [brief_actor_keys(a) for a in brief.actors]
    found = [any(g & b for b in found_keys) for g in gold_keys]
    notes_missed = [a.name for a, ok in zip(gold.actors, found, strict=True) if not ok]
    if notes_missed:
        notes["missed_actors"] = notes_missed
    key_found = 0
    for name in gold.key_actors:
        known = actor_named(name, gold.actors)
        keys = gold_actor_keys(known, gold.actors) if known else name_keys([name])
        key_found += any(keys & b for b in found_keys)

    quotes, speakers, terms = _match_quotes(brief, gold, notes)
    dates, dated = _match_dates(brief, gold, notes)
    consequence_precision, consequence_recall = _match_consequences(brief, gold, notes)
    speech = [q for q in gold.quotes if not q.term]
    failed = bool(brief.run.failed_passes)
    wrong = shown_wrong(brief, gold, notes)
    return ArticleScore(
        id=gold.id,
        actor_precision=Ratio(hits, counted),
        actor_recall=Ratio(sum(found), len(gold.actors)),
        key_actor_recall=Ratio(key_found, len(gold.key_actors)),
        # A brief quote on a term passage is neither right nor wrong as a quote.
        quote_precision=Ratio(quotes, len(brief.quotes) - terms) if gold.quotes_complete else Ratio(),
        quote_recall=Ratio(quotes, len(speech)),
        speaker_accuracy=speakers,
        date_accuracy=dates,
        date_recall=Ratio(dates.hits, dated),
        consequence_precision=consequence_precision,
        consequence_recall=consequence_recall,
        schema_valid_first=not failed and brief.run.reasks == 0,
        schema_valid_final=not failed,
        reasks=brief.run.reasks,
        tokens=brief.run.usage.prompt_tokens + brief.run.usage.completion_tokens,
        seconds=round(sum(brief.run.seconds.values()), 3),
        notes=notes,
        wrong=wrong,
    )


def _failure(gold: GoldArticle, error: str) -> ArticleScore:
    """The score of an article whose brief could not be made: its gold items all count as missed."""
    return ArticleScore(
        id=gold.id,
        actor_precision=Ratio(),
        actor_recall=Ratio(0, len(gold.actors)),
        key_actor_recall=Ratio(0, len(gold.key_actors)),
        quote_precision=Ratio(),
        quote_recall=Ratio(0, sum(not q.term for q in gold.quotes)),
        speaker_accuracy=Ratio(),
        date_accuracy=Ratio(),
        date_recall=Ratio(0, sum(_dated(e) for e in gold.events)),
        consequence_precision=Ratio(),
        consequence_recall=Ratio(0, len(gold.consequences)),
        schema_valid_first=False,
        schema_valid_final=False,
        reasks=0,
        tokens=0,
        seconds=0.0,
        error=error,
    )


def _match_quotes(brief: Brief, gold: GoldArticle, notes: dict[str, list[str]]) -> tuple[int, Ratio, int]:
    """Gold and brief quotes paired one to one by text, in gold order. Returns the speech pairs' count,
    the speaker accuracy (over speech pairs whose gold speaker is known, and term pairs the brief gave a
    speaker: those are wrong), and the count of brief quotes paired with a term (left out of precision)."""
    free: dict[str, list[Quote]] = {}
    for quote in brief.quotes:
        free.setdefault(quote_key(quote.text), []).append(quote)
    pairs: list[tuple[GoldQuote, Quote]] = []
    for want in gold.quotes:
        waiting = free.get(quote_key(want.text))
        if waiting:
            pairs.append((want, waiting.pop(0)))
        elif not want.term:
            notes.setdefault("missed_quotes", []).append(want.text)
    if gold.quotes_complete:
        extra = [q.text for left in free.values() for q in left]
        if extra:
            notes["extra_quotes"] = extra
    right = judged = 0
    for want, got in pairs:
        speaker = brief.actor(got.speaker)
        said = speaker.name if speaker else None
        if want.term:
            if got.speaker is not None:
                judged += 1
                notes.setdefault("wrong_speakers", []).append(f"{want.text!r}: {said} (gold: a term)")
            continue
        if want.speaker is None:
            continue
        judged += 1
        actor = actor_named(want.speaker, gold.actors)
        wanted = name_keys([want.speaker, *want.speaker_aliases]) | (
            gold_actor_keys(actor, gold.actors) if actor else set()
        )
        wanted -= shared_surnames(gold.actors)
        if speaker is not None and brief_actor_keys(speaker) & wanted:
            right += 1
        else:
            notes.setdefault("wrong_speakers", []).append(f"{want.text!r}: {said} (gold: {want.speaker})")
    terms = sum(want.term for want, _ in pairs)
    return len(pairs) - terms, Ratio(right, judged), terms


def _dated(event: GoldEvent) -> bool:
    return bool(event.timeline and event.date and CALENDAR.fullmatch(event.date) and event.evidence.strip())


def _match_dates(brief: Brief, gold: GoldArticle, notes: dict[str, list[str]]) -> tuple[Ratio, int]:
    """Gold dated events paired one to one with brief events whose time expression overlaps the gold
    evidence; returns the accuracy over the pairs and the number of gold dated events."""
    free = [e for e in brief.events if e.when is not None]
    right = paired = total = 0
    for want in gold.events:
        if not _dated(want) or want.date is None:
            continue
        total += 1
        near = [e for e in free if e.when and evidence_overlaps(e.when.text, e.when.span, want)]
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


# ---- consequences --------------------------------------------------------------------------------

WORDS_NEEDED = 0.5
"""Share of a gold description's content words that a brief consequence must hold, when the gold has no
evidence to match by span."""


def consequence_matches(got: Consequence, want: GoldConsequence, text: str) -> bool:
    """Whether a brief consequence is the gold one: its evidence spans overlap the gold evidence's
    (when the gold has evidence spans), else at least half the gold description's content words are
    in the brief consequence's ``what`` and its evidence words."""
    if want.evidence_spans:
        return any(a.start < b.end and b.start < a.end for a in got.spans for b in want.evidence_spans)
    wanted = content_words(want.description)
    if not wanted:
        return False
    said = " ".join([got.what, *(text[s.start : s.end] for s in got.spans)])
    return len(wanted & content_words(said)) >= WORDS_NEEDED * len(wanted)


def _match_consequences(brief: Brief, gold: GoldArticle, notes: dict[str, list[str]]) -> tuple[Ratio, Ratio]:
    """Consequence precision and recall: gold and brief consequences paired one to one, as many pairs as
    possible (recall: paired gold ÷ gold); a brief consequence is right when it matches some gold one
    (precision). Nothing is scored on an article without gold consequences, unless its gold is complete:
    then every brief consequence is wrong."""
    if not gold.consequences:
        if gold.consequences_complete and brief.consequences:
            notes["extra_consequences"] = [c.what for c in brief.consequences]
            return Ratio(0, len(brief.consequences)), Ratio()
        return Ratio(), Ratio()
    found = brief.consequences
    fits = [[consequence_matches(got, want, gold.text) for got in found] for want in gold.consequences]
    paired = _pairs(fits)
    for n, want in enumerate(gold.consequences):
        if n not in paired:
            notes.setdefault("missed_consequences", []).append(want.description)
    right = [any(row[m] for row in fits) for m in range(len(found))]
    extra = [got.what for got, ok in zip(found, right, strict=True) if not ok]
    if extra:
        notes["extra_consequences"] = extra
    return Ratio(sum(right), len(found)), Ratio(len(paired), len(gold.consequences))


def _pairs(fits: list[list[bool]]) -> dict[int, int]:
    """A maximum one-to-one pairing of rows (gold) to columns (brief) where ``fits[row][column]``, by
    augmenting paths; returns {row: column}."""
    owner: dict[int, int] = {}  # column -> row

    def place(row: int, seen: set[int]) -> bool:
        for column, fit in enumerate(fits[row]):
            if fit and column not in seen:
                seen.add(column)
                if column not in owner or place(owner[column], seen):
                    owner[column] = row
                    return True
        return False

    for row in range(len(fits)):
        place(row, set())
    return {row: column for column, row in owner.items()}
