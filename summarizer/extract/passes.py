"""The model's passes over a whole article: each part of it in turn, every pass given what the analysis
found in that part, the answers gathered for assembly."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..analysis import Analysis, Dated, Entity
from ..assemble import Answers, dated_in, shown_as_is
from ..chunks import Window
from ..models import ActorKind
from . import EventAnswer, Extraction, Progress, Said, Session
from .flight import InFlight

if TYPE_CHECKING:
    import instructor

__all__ = ["ask_passes", "shown", "unsure"]

_OPTIONS = 3


def ask_passes(
    client: instructor.Instructor,
    model: str,
    analysis: Analysis,
    parts: list[Window],
    dateline: dt.date | None,
    max_reasks: int,
    record: Extraction,
    progress: Progress | None,
    width: int = 1,
) -> Answers:
    """Every pass over every part of the analysed article, up to ``width`` requests in flight at once;
    ``record`` keeps the requests' accounting."""
    text = analysis.text
    answers = Answers()
    for n, window in enumerate(parts):
        session = Session(
            client,
            model,
            article=shown(text[window.shown.start : window.shown.end]),
            dateline=dateline.strftime("%A %Y-%m-%d") if dateline else "date unknown",
            max_reasks=max_reasks,
            record=record,
        )
        with InFlight(width, record, _part_progress(progress, n, len(parts))) as flight:
            _ask_part(flight, session, analysis, window, answers, first=n == 0)
    return answers


def _ask_part(
    flight: InFlight, session: Session, analysis: Analysis, window: Window, answers: Answers, *, first: bool
) -> None:
    """The passes over one part, each request sent once what it needs is known: the things questions and
    the events at once, then the roles and quotes (they leave out the things), then the overview (it names
    the roles)."""
    text = analysis.text
    owned = [e for e in analysis.entities if window.owns(e.mentions[0].start)]
    asked_kind = [e.name for e in owned if unsure(e, analysis)]
    kinds = [flight.ask("things", session.kind, name) for name in asked_kind]
    dated = dated_in(analysis, window.owns)
    asked = [i for i, d in enumerate(dated) if not shown_as_is(d, text)]
    clauses = [(_clause(dated[i], text), dated[i].when.text) for i in asked]
    told = flight.ask("events", session.events, clauses) if asked else None

    answers.things.update(
        name for name, kind in zip(asked_kind, kinds, strict=True) if kind.result() == "thing"
    )
    entities = [e for e in analysis.entities if e.name not in answers.things]
    owned = [e for e in owned if e.name not in answers.things]
    unnamed = [e.name for e in owned if e.kind is ActorKind.PERSON and e.role is None]
    roles = flight.ask("roles", session.roles, unnamed) if unnamed else None
    open_passages = [
        i
        for i, p in enumerate(analysis.passages)
        if window.owns(p.quoted.span.start) and p.said.speaker is None and not p.said.term
    ]
    if open_passages:
        options = [_options(analysis, entities, i) for i in open_passages]
        quoted = [analysis.passages[i].quoted.text for i in open_passages]
        judged = flight.ask("quotes", session.quotes, quoted, options)
        # Answers are matched by text: after a failed re-ask, the items that still failed are gone.
        by_text = {answer.text: answer.speaker for answer in judged.result()}
        answers.speakers.update({i: by_text.get(analysis.passages[i].quoted.text) for i in open_passages})
    answers.roles.update(roles.result() if roles else {})
    if first:
        # The lede: news puts what matters first, so the first part carries the headline.
        lede = " ".join(text[s.start : s.end] for s in analysis.sentences[:1])
        stated = {e.name: e.role for e in entities if e.role is not None}
        actors = [e.names() for e in entities]
        facts = _facts(entities, answers.roles)
        answers.overview = flight.ask(
            "overview", session.overview, facts, lede, stated, _said(analysis), actors
        ).result()
    found = dict(zip(asked, _aligned([dated[i] for i in asked], told.result() if told else []), strict=True))
    answers.events += [(found.get(i), d) for i, d in enumerate(dated)]


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


def unsure(entity: Entity, analysis: Analysis) -> bool:
    """Whether the text leaves open that a name is an actor's: an organization, a group or a person the
    NER labelled so, that never owns anything or acts as a passive's agent, with no role beside the
    name and no words of the article given to it."""
    if entity.kind not in (ActorKind.PERSON, ActorKind.ORGANIZATION, ActorKind.GROUP):
        return False
    if entity.role or entity.owns:
        return False
    return all(p.said.speaker is not entity for p in analysis.passages)


def _options(analysis: Analysis, entities: list[Entity], index: int) -> list[str]:
    """Speaker options for a passage the parse left open: the people and bodies named nearest before it
    in its sentence and the one before, then the previous passage's speaker."""
    passage = analysis.passages[index].quoted.span
    sentence = analysis.sentence_at(passage.start) or passage
    earlier = [s for s in analysis.sentences if s.end <= sentence.start][-1:]
    lo = earlier[0].start if earlier else sentence.start
    quoted = [p.quoted.span for p in analysis.passages]
    near = sorted(
        (abs(span.start - passage.start), entity.kind is not ActorKind.PERSON, entity.name)
        for entity in entities
        for span in entity.mentions
        if lo <= span.start < sentence.end and not any(q.start <= span.start < q.end for q in quoted)
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


def shown(text: str) -> str:
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
