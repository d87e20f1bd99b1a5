"""The model's passes over a whole article: each part of it in turn, every pass given what the analysis
found in that part, the answers gathered for assembly."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..accounting import RunRecord
from ..analysis import Analysis, Dated, Entity, dated_in, shown_as_is
from ..chunks import Window
from ..models import ActorKind
from . import Answers, EventAnswer, Progress, Said, Session

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
    chooses speakers or roles: measured, the model's were right too seldom to be shown."""
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
        _events(session, analysis, window, answers)
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


def _events(session: Session, analysis: Analysis, window: Window, answers: Answers) -> None:
    """The events pass: what happened at each time whose clause is not shown as the article has it."""
    text = analysis.text
    dated = dated_in(analysis, window.owns)
    asked = [i for i, d in enumerate(dated) if not shown_as_is(d, text)]
    told = session.events([(_clause(dated[i], text), dated[i].when.text) for i in asked]) if asked else []
    found = dict(zip(asked, _aligned([dated[i] for i in asked], told), strict=True))
    answers.events += [(found.get(i), d) for i, d in enumerate(dated)]


def _overview(session: Session, analysis: Analysis, entities: list[Entity], answers: Answers) -> None:
    """The overview pass: a headline and a summary, given the actors, the roles the article states and
    the lede."""
    lede = " ".join(analysis.text[s.start : s.end] for s in analysis.sentences[:1])
    stated = {e.name: e.role for e in entities if e.role is not None}
    actors = [e.names() for e in entities]
    answers.overview = session.overview(_facts(entities), lede, stated, _said(analysis), actors)


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
