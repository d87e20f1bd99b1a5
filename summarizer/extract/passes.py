"""The model's passes over a whole article: each part of it in turn, every pass given what the analysis
found in that part, the answers gathered for assembly."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..accounting import RunRecord, count_usage
from ..analysis import Analysis, Dated, Entity, dated_in, shown_as_is
from ..analysis.text import within
from ..chunks import Window
from ..models import ActorKind
from . import Answers, EventAnswer, Progress, Said, Session
from .flight import IN_FLIGHT, InFlight

if TYPE_CHECKING:
    from ..backends.client import Backend

__all__ = ["ask_passes", "may_be_a_thing", "with_curly_quotes"]

_OPTIONS = 3
_MOST_KIND_QUESTIONS = 16
"""Names of a part asked what they are, at most: one question each (as many as the events pass asks)."""


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

    Each pass is asked as soon as what it needs is known, and its answers taken when they are needed: the
    things questions and the events at once; then the roles and the speakers (a name judged a thing is
    no actor for them); then the overview (it names the roles)."""
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
            things = _things(flight, session, analysis, window, answers)
            events = _events(flight, session, analysis, window, answers)
            things()
            entities = [e for e in analysis.entities if e.name not in answers.things]
            roles = _roles(flight, session, entities, window, answers)
            _speakers(flight, session, analysis, entities, window, answers)()
            roles()
            if n == 0:
                # The lede: news puts what matters first, so the first part carries the headline.
                _overview(flight, session, analysis, entities, answers)()
            events()
    return answers


Taken = Callable[[], None]
"""A pass asked: called, it waits for the answers and puts them in the brief's answers."""


def _nothing() -> None:
    """A pass with nothing to ask."""


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


def _roles(
    flight: InFlight, session: Session, entities: list[Entity], window: Window, answers: Answers
) -> Taken:
    """The roles pass: the role of each person the article names without stating one beside the name."""
    unnamed = [
        e.name
        for e in entities
        if window.owns(e.mentions[0].start) and e.kind is ActorKind.PERSON and e.role is None
    ]
    if not unnamed:
        return _nothing
    roles = flight.ask("roles", session.roles, unnamed)
    return lambda: answers.roles.update(roles.result())


def _speakers(
    flight: InFlight,
    session: Session,
    analysis: Analysis,
    entities: list[Entity],
    window: Window,
    answers: Answers,
) -> Taken:
    """The quotes pass: the speaker of each passage the parse left open, among the names near it."""
    open_passages = [
        i
        for i, p in enumerate(analysis.passages)
        if window.owns(p.quoted.span.start) and p.said.speaker is None and not p.said.term
    ]
    if not open_passages:
        return _nothing
    near = _Named(analysis, entities)
    options = [near.options(i) for i in open_passages]
    judged = flight.ask(
        "quotes", session.quotes, [analysis.passages[i].quoted.text for i in open_passages], options
    )

    def take() -> None:
        # Answers are matched by text: after a failed re-ask, the items that still failed are gone.
        by_text = {answer.text: answer.speaker for answer in judged.result()}
        answers.speakers.update({i: by_text.get(analysis.passages[i].quoted.text) for i in open_passages})

    return take


def _events(
    flight: InFlight, session: Session, analysis: Analysis, window: Window, answers: Answers
) -> Taken:
    """The events pass: what happened at each time whose clause is not shown as the article has it."""
    text = analysis.text
    dated = dated_in(analysis, window.owns)
    asked = [i for i, d in enumerate(dated) if not shown_as_is(d, text)]
    clauses = [(_clause(dated[i], text), dated[i].when.text) for i in asked]
    told = flight.ask("events", session.events, clauses) if asked else None

    def take() -> None:
        found = dict(
            zip(asked, _aligned([dated[i] for i in asked], told.result() if told else []), strict=True)
        )
        answers.events.extend((found.get(i), d) for i, d in enumerate(dated))

    return take


def _overview(
    flight: InFlight, session: Session, analysis: Analysis, entities: list[Entity], answers: Answers
) -> Taken:
    """The overview pass: a headline and a summary, given the actors, their roles and the lede."""
    lede = " ".join(analysis.text[s.start : s.end] for s in analysis.sentences[:1])
    stated = {e.name: e.role for e in entities if e.role is not None}
    actors = [e.names() for e in entities]
    overview = flight.ask(
        "overview", session.overview, _facts(entities, answers.roles), lede, stated, _said(analysis), actors
    )

    def take() -> None:
        answers.overview = overview.result()

    return take


def _clause(dated: Dated, text: str) -> str:
    """The words a time dates, shown to the model with their subject when it stands before them: "The
    A380 … will begin regular service on October 28", so that the model can say who."""
    clause = text[dated.clause.start : dated.clause.end]
    subject = dated.subject
    return f"{text[subject.start : subject.end]} … {clause}" if subject else clause


def _aligned(asked: list[Dated], told: list[EventAnswer]) -> list[EventAnswer | None]:
    """The model's account of each time asked, None where its answer was dropped: answers come in the
    order asked, each with its time, so a dropped one is a time that does not come next."""
    aligned: list[EventAnswer | None] = []
    at = 0
    for one in asked:
        answer = told[at] if at < len(told) and told[at].when == one.when.text else None
        at += answer is not None
        aligned.append(answer)
    return aligned


def may_be_a_thing(entity: Entity, analysis: Analysis) -> bool:
    """Whether the text leaves open that a name is an actor's: an organization, a group or a person the
    NER labelled so, that never owns anything or acts as a passive's agent, with no role beside the
    name and no words of the article given to it."""
    if entity.kind not in (ActorKind.PERSON, ActorKind.ORGANIZATION, ActorKind.GROUP):
        return False
    if entity.role or entity.owns:
        return False
    return not analysis.speaks(entity)


class _Named:
    """Where ``entities`` are named, outside quotations, and where the sentences end: found once, each
    passage's options then by bisection (a scan of every sentence, mention and quotation for each
    passage is quadratic in a long article)."""

    def __init__(self, analysis: Analysis, entities: list[Entity]) -> None:
        self._analysis = analysis
        quoted = sorted((p.quoted.span.start, p.quoted.span.end) for p in analysis.passages)
        self._mentions = sorted(
            (
                (span.start, entity)
                for entity in entities
                for span in entity.mentions
                if not within(quoted, span.start)
            ),
            key=lambda mention: mention[0],
        )
        self._starts = [start for start, _ in self._mentions]
        self._ends = [s.end for s in analysis.sentences]

    def options(self, index: int) -> list[str]:
        """Speaker options for a passage the parse left open: the people and bodies named nearest before
        it in its sentence and the one before, then the previous passage's speaker."""
        analysis = self._analysis
        passage = analysis.passages[index].quoted.span
        sentence = analysis.sentence_at(passage.start) or passage
        earlier = bisect.bisect_right(self._ends, sentence.start) - 1
        lo = analysis.sentences[earlier].start if earlier >= 0 else sentence.start
        near = sorted(
            (abs(start - passage.start), entity.kind is not ActorKind.PERSON, entity.name)
            for start, entity in self._mentions[
                bisect.bisect_left(self._starts, lo) : bisect.bisect_left(self._starts, sentence.end)
            ]
        )
        names = [name for _, _, name in near]
        previous = analysis.passages[index - 1].said.speaker if index else None
        if previous is not None:
            names.append(previous.name)
        return list(dict.fromkeys(names))[:_OPTIONS]


def _facts(entities: list[Entity], roles: dict[str, str]) -> str:
    """The actors and their roles, for the headline and summary to get right who is who."""
    lines = []
    for entity in entities[:10]:
        role = entity.role or roles.get(entity.name)
        lines.append(f"- {entity.name} ({entity.kind.value}{', ' + role if role else ''})")
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
