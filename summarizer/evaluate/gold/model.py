"""The gold format: what an annotated article says a brief should hold (docs/evaluation.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...models import Span


@dataclass(frozen=True)
class GoldActor:
    """An actor the brief should name, under any of its names."""

    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str = "other"
    """An :class:`~summarizer.models.ActorKind` value; for a person, the surname alone also names it."""


@dataclass(frozen=True)
class GoldQuote:
    """A passage the article puts in quotation marks, and who it says spoke it."""

    text: str
    speaker: str | None
    speaker_aliases: list[str] = field(default_factory=list)
    """More names that count as the speaker: the speaker's other names, and in MEANTIME's own quote gold
    the speakers of the other speech events around the same passage ("Detik.com quoted Djamal as saying
    “…”")."""
    term: bool = False
    """A term, not speech: scare quotes, a title, a nickname, a product's name, a word mentioned as a
    word. It has no speaker; a brief need not list it, and must not give it a speaker."""
    span: Span | None = None
    """Where the passage stands in the article, when the gold says."""


@dataclass(frozen=True)
class GoldEvent:
    """A time expression of the article and what it dates: who did what then, as the article says."""

    description: str
    date: str | None
    """ISO value; its form gives the precision: 2021-03-17, 2021-W11, 2021-03 or 2011. None when the
    words cannot be resolved to a calendar value."""
    evidence: str
    """The time expression's words."""
    evidence_span: Span | None = None
    timeline: bool = True
    """False where the words date nothing that happened or will happen in the story ("today" meaning
    nowadays inside a quotation): a brief that shows it as an event shows something wrong."""


@dataclass(frozen=True)
class GoldConsequence:
    """Something that follows or may follow from the news, with the article's words that state it."""

    description: str
    kind: str = ""
    """E.g. "stated plan", "expected outcome", "threatened action", "conditional", "stated risk"."""
    certainty: str | None = None
    """A :class:`~summarizer.models.Certainty` value, when the gold gives one."""
    claimed_by: str | None = None
    """Who claims it (a name from the article); None when the article itself states it."""
    evidence: list[str] = field(default_factory=list)
    """The article's words that state it: the main ones first, then restatements elsewhere."""
    evidence_spans: list[Span] = field(default_factory=list)
    """Where ``evidence`` stands in the article (a brief consequence matches by overlapping one)."""
    source_unnamed: bool = False
    """No named claimant because an unnamed source states it ("analysts said"): not the article's own
    claim."""


@dataclass(frozen=True)
class GoldTimex:
    """A time expression of the article and its ISO value."""

    text: str
    value: str
    span: Span | None = None


@dataclass(frozen=True)
class GoldArticle:
    """One annotated article. Every list may be empty: a metric whose gold is empty is not scored."""

    id: str
    text: str
    dateline: dt.date | None
    actors: list[GoldActor] = field(default_factory=list)
    key_actors: list[str] = field(default_factory=list)
    """Names (of ``actors``) that a brief must not miss."""
    quotes: list[GoldQuote] = field(default_factory=list)
    events: list[GoldEvent] = field(default_factory=list)
    timex: list[GoldTimex] = field(default_factory=list)
    consequences: list[GoldConsequence] = field(default_factory=list)
    summary: str | None = None
    quotes_complete: bool = True
    """Whether ``quotes`` holds every quoted passage; quote precision is only scored when it does."""
    non_actors: list[str] = field(default_factory=list)
    """Names of entities the gold knows but does not count as actors (MEANTIME's places and products): a
    brief actor with one of these names is neither right nor wrong, and is left out of actor precision;
    with ``actors_complete``, it is a non-actor shown."""
    actors_complete: bool = False
    """Whether ``actors`` and ``non_actors`` list every proper name of the article (a reader's gold):
    then a brief actor that is none of its names is a broken name, one with a non-actor's name is a
    non-actor shown, and two brief actors of one gold actor are a duplicate."""
    consequences_complete: bool = False
    """Whether ``consequences`` lists every consequence the article states (an empty list included)."""
    events_complete: bool = False
    """Whether ``events`` holds every time expression of the body with what it dates (a reader's gold):
    then the timeline's entries are judged against it."""


EVAL_DIR = Path(__file__).resolve().parents[3] / "eval"
"""This project's own gold data (``eval/`` at the project root; eval/README.md)."""
MEANTIME_SPEAKERS = EVAL_DIR / "meantime-speakers.jsonl"
"""Every quoted passage of the 60 MEANTIME dev articles with its speaker, written by hand."""
MEANTIME_CONSEQUENCES = EVAL_DIR / "meantime-consequences.jsonl"
"""Every consequence each MEANTIME dev article states, with certainty and claimant, written by hand."""
MEANTIME_ACTORS = EVAL_DIR / "meantime-actors.jsonl"
"""Every proper name of each MEANTIME dev article, as an actor (with all its forms) or not."""
MEANTIME_EVENTS = EVAL_DIR / "meantime-events.jsonl"
"""Every time expression of each MEANTIME dev article's body, with its date and what it dates."""


def date_of(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(str(value)[:10]) if value else None


def span_of(value: Any) -> Span | None:
    """A gold span ``[start, end]``; ValueError for one that ends before it starts, or starts before 0."""
    if isinstance(value, list | tuple) and len(value) == 2:
        start, end = int(value[0]), int(value[1])
        if not 0 <= start <= end:
            raise ValueError(f"span {[start, end]} is no [start, end] of the text, with 0 <= start <= end")
        return Span(start=start, end=end)
    return None
