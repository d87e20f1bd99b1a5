"""The model's passes over a whole article: each part of it in turn, every pass given what the analysis
found in that part, the answers gathered for assembly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..accounting import RunRecord, count_usage
from ..analysis import Analysis, Entity
from ..chunks import Window
from ..models import ActorKind
from . import Answers, Progress, Said, Session
from .faithful import Checker
from .flight import IN_FLIGHT, InFlight

if TYPE_CHECKING:
    from ..backends.client import Backend

__all__ = ["ask_passes", "may_be_a_thing", "with_curly_quotes"]

_MOST_KIND_QUESTIONS = 16
"""Names of a part asked what they are, at most: one question each."""


def ask_passes(
    backend: Backend,
    analysis: Analysis,
    parts: list[Window],
    dateline: dt.date | None,
    max_reasks: int,
    record: RunRecord,
    progress: Progress | None,
) -> Answers:
    """Every pass over every part of the analysed article, as many requests in flight at once as the
    backend answers at once; ``record`` keeps the requests' accounting.

    The things questions are asked at once; then the overview, which names the actors (a name judged a
    thing is none). No pass chooses speakers or roles: measured, the model's were right too seldom to be
    shown. The timeline needs no pass: its entries are the article's words (analysis/entries.py)."""
    client, slots = backend.instructor(), backend.slots() or IN_FLIGHT
    count_usage(client, record)
    model = backend.model
    answers = Answers()
    for n, window in enumerate(parts):
        session = Session(
            client,
            model,
            article=with_curly_quotes(analysis.text[window.shown.start : window.shown.end]),
            dateline=dateline.strftime("%A %Y-%m-%d") if dateline else "date unknown",
            max_reasks=max_reasks,
            record=record,
        )
        with InFlight(slots, record, _part_progress(progress, n, len(parts))) as flight:
            _things(flight, session, analysis, window, answers)()
            if n == 0:
                # The lede: news puts what matters first, so the first part carries the headline.
                entities = [e for e in analysis.entities if e.name not in answers.things]
                _overview(flight, session, analysis, entities, answers)()
    return answers


Taken = Callable[[], None]
"""A pass asked: called, it waits for the answers and puts them in the brief's answers."""


def _things(
    flight: InFlight, session: Session, analysis: Analysis, window: Window, answers: Answers
) -> Taken:
    """The things pass: which of the names the text leaves open are a product's, a service's, a place's
    or an event's (one question a name)."""
    asked = [
        e.name for e in analysis.entities if window.owns(e.mentions[0].start) and may_be_a_thing(e, analysis)
    ]
    # One question a name: the most mentioned first (the analysis's order), no more than a part's worth.
    asked = asked[:_MOST_KIND_QUESTIONS]
    kinds = [flight.ask("things", session.kind, name) for name in asked]

    def take() -> None:
        answers.things.update(
            name for name, kind in zip(asked, kinds, strict=True) if kind.result() == "thing"
        )

    return take


def _overview(
    flight: InFlight, session: Session, analysis: Analysis, entities: list[Entity], answers: Answers
) -> Taken:
    """The overview pass: a headline and a summary, given the actors, the roles the article states and
    the lede, each sentence held to the article's clauses."""
    lede = " ".join(analysis.text[s.start : s.end] for s in analysis.sentences[:1])
    stated = {e.name: e.role for e in entities if e.role is not None}
    actors = [e.names() for e in entities]
    overview = flight.ask(
        "overview",
        session.overview,
        _facts(entities),
        lede,
        stated,
        _said(analysis),
        actors,
        Checker(analysis),
    )

    def take() -> None:
        answers.overview = overview.result()

    return take


def may_be_a_thing(entity: Entity, analysis: Analysis) -> bool:
    """Whether the text leaves open that a name is an actor's: an organization, a group or a person the
    NER labelled so, that never owns anything or acts as a passive's agent, with no role beside the
    name and no words of the article given to it."""
    if entity.kind not in (ActorKind.PERSON, ActorKind.ORGANIZATION, ActorKind.GROUP):
        return False
    if entity.role or entity.owns:
        return False
    return not analysis.speaks(entity)


def _facts(entities: list[Entity]) -> str:
    """The actors and the roles the article states, for the headline and summary to get right who is
    who."""
    lines = []
    for entity in entities[:10]:
        role = f", {entity.role}" if entity.role else ""
        lines.append(f"- {entity.name} ({entity.kind.value}{role})")
    return "\n".join(lines)


def _said(analysis: Analysis) -> list[Said]:
    """The article's sentences whose speaker the parse names, for the summary to give their words to."""
    said = []
    for passage in analysis.passages:
        sentence = analysis.sentence_at(passage.quoted.span.start)
        if passage.said.speaker is not None and sentence is not None:
            words = analysis.text[sentence.start : sentence.end]
            said.append(Said(words, passage.quoted.text, passage.said.speaker.names()))
    return said


def _part_progress(progress: Progress | None, n: int, total: int) -> Progress | None:
    if progress is None or total == 1:
        return progress
    return lambda name: progress(f"part {n + 1}/{total}: {name}")


def with_curly_quotes(text: str) -> str:
    """``text`` with every straight double quotation mark curled, opening or closing by what precedes it."""
    # A straight quote inside a JSON string ends it early when a small model copies it; curly quotes
    # of the same length keep every offset valid.
    out, opening = [], True
    for i, ch in enumerate(text):
        if ch == '"':
            prev = text[i - 1] if i else " "
            opening = prev.isspace() or prev in "([{—-"
            out.append("“" if opening else "”")
        else:
            out.append(ch)
    return "".join(out)
