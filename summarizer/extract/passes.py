"""The model's passes over a whole article: each part of it in turn, every pass given what the analysis
found in that part, the answers gathered for assembly."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..accounting import RunRecord
from ..analysis import Analysis, Entity
from ..chunks import Window
from ..models import ActorKind
from . import Answers, Progress, Said, Session
from .faithful import Checker

if TYPE_CHECKING:
    import instructor

__all__ = ["ask_passes", "may_be_a_thing", "with_curly_quotes"]


def ask_passes(
    client: instructor.Instructor,
    model: str,
    analysis: Analysis,
    parts: list[Window],
    dateline: dt.date | None,
    max_reasks: int,
    record: RunRecord,
    progress: Progress | None,
) -> Answers:
    """Every pass over every part of the analysed article, in this order (the things pass first: a name
    it judges a thing is no actor for the others); ``record`` keeps the requests' accounting. No pass
    chooses speakers or roles: measured, the model's were right too seldom to be shown. The timeline
    needs no pass: its entries are the article's words (analysis/entries.py)."""
    answers = Answers()
    for n, window in enumerate(parts):
        session = Session(
            client,
            model,
            article=with_curly_quotes(analysis.text[window.shown.start : window.shown.end]),
            dateline=dateline.strftime("%A %Y-%m-%d") if dateline else "date unknown",
            max_reasks=max_reasks,
            record=record,
            progress=_part_progress(progress, n, len(parts)),
        )
        _things(session, analysis, window, answers)
        entities = [e for e in analysis.entities if e.name not in answers.things]
        if n == 0:
            # The lede: news puts what matters first, so the first part carries the headline.
            _overview(session, analysis, entities, answers)
    return answers


def _things(session: Session, analysis: Analysis, window: Window, answers: Answers) -> None:
    """The things pass: which of the names the text leaves open are a product's, a service's, a place's
    or an event's."""
    asked = [
        e.name for e in analysis.entities if window.owns(e.mentions[0].start) and may_be_a_thing(e, analysis)
    ]
    if asked:
        kinds = session.kinds(asked)
        answers.things.update(name for name, kind in kinds.items() if kind == "thing")


def _overview(session: Session, analysis: Analysis, entities: list[Entity], answers: Answers) -> None:
    """The overview pass: a headline and a summary, given the actors, the roles the article states and
    the lede, each sentence held to the article's clauses."""
    lede = " ".join(analysis.text[s.start : s.end] for s in analysis.sentences[:1])
    stated = {e.name: e.role for e in entities if e.role is not None}
    actors = [e.names() for e in entities]
    answers.overview = session.overview(
        _facts(entities), lede, stated, _said(analysis), actors, Checker(analysis)
    )


def may_be_a_thing(entity: Entity, analysis: Analysis) -> bool:
    """Whether the text leaves open that a name is an actor's: an organization, a group or a person the
    NER labelled so, that never owns anything or acts as a passive's agent, with no role beside the
    name and no words of the article given to it."""
    if entity.kind not in (ActorKind.PERSON, ActorKind.ORGANIZATION, ActorKind.GROUP):
        return False
    if entity.role or entity.owns:
        return False
    return all(p.said.speaker is not entity for p in analysis.passages)


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
