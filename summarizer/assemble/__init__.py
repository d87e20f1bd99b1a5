"""The assemble stage: the analysis and the model's answers made into a validated brief.

Every item points at the article's words; every speaker, role and claimant says how it is known
(stated in the text, found by analysis, or judged by the model), so that a reader can weigh it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from ..analysis import Analysis, Candidate, Dated, Entity, dated_in
from ..analysis.certainty import certainty_of
from ..analysis.text import content_words, normalize, sentences
from ..extract import UNKNOWN, Answers, EventAnswer
from ..models import (
    Actor,
    ActorKind,
    Basis,
    Brief,
    Consequence,
    Event,
    Preview,
    Quote,
    RunInfo,
    Span,
    Support,
)
from .checks import require_content

__all__ = ["assemble", "preliminary", "require_content", "support"]

_SUPPORTED = 0.5
"""Share of a summary sentence's content words its best article sentences must hold to be shown as its
support; below it the sentence is listed with no support, for the reader to check."""


def assemble(analysis: Analysis, answers: Answers, run: RunInfo, dateline: dt.date | None) -> Brief:
    """The brief of one article."""
    actors, ids = _actors([e for e in analysis.entities if e.name not in answers.things], answers.roles)
    return Brief(
        headline=answers.overview.headline if answers.overview else "",
        summary=answers.overview.summary if answers.overview else "",
        summary_support=support(answers.overview.summary, analysis) if answers.overview else [],
        dateline=dateline,
        actors=actors,
        quotes=_quotes(analysis, answers.speakers, ids),
        events=_retellings_merged(_events(analysis.text, answers.events, actors)),
        consequences=_consequences(analysis, analysis.candidates, ids, actors),
        run=run,
    )


def preliminary(analysis: Analysis, dateline: dt.date | None) -> Preview:
    """The brief of the analysis alone, before any model answer: actors, quotes with the speakers the
    parse names, each time expression with the clause it dates (of a skim: the quotes and the times in
    their sentences)."""
    events: list[tuple[EventAnswer | None, Dated]] = [(None, d) for d in dated_in(analysis, lambda _: True)]
    run = RunInfo(backend="analysis", model="spacy" if analysis.parsed else "-", prompt_version="-")
    return Preview(assemble(analysis, Answers(events=events), run, dateline), parsed=analysis.parsed)


def _actors(entities: list[Entity], roles: dict[str, str]) -> tuple[list[Actor], dict[str, str]]:
    actors: list[Actor] = []
    ids: dict[str, str] = {}
    for n, entity in enumerate(entities, start=1):
        actor_id = f"a{n}"
        for name in entity.names():
            ids.setdefault(normalize(name)[0], actor_id)
        stated = entity.role is not None
        role = entity.role if stated else roles.get(entity.name)
        actors.append(
            Actor(
                id=actor_id,
                name=entity.name,
                aliases=entity.aliases,
                kind=entity.kind,
                role=role,
                role_basis=(Basis.STATED if stated else Basis.MODEL) if role else None,
                role_span=entity.role_span,
                spans=entity.mentions,
            )
        )
    return actors, ids


def _id(name: str | None, ids: dict[str, str]) -> str | None:
    if name is None or name == UNKNOWN:
        return None
    return ids.get(normalize(name)[0])


def _quotes(analysis: Analysis, judged: dict[int, str | None], ids: dict[str, str]) -> list[Quote]:
    """Quotes in article order; terms set in quotation marks are not speech and are left out."""
    quotes = []
    for n, passage in enumerate(analysis.passages):
        said, quoted = passage.said, passage.quoted
        if said.term:
            continue
        basis: Basis | None = Basis.ANALYSIS
        if said.speaker is not None:
            speaker = _id(said.speaker.name, ids)
        else:
            speaker = _id(judged.get(n), ids)
            basis = Basis.MODEL if speaker else None
        cue = analysis.text[said.cue.start : said.cue.end] if said.cue else None
        quotes.append(
            Quote(
                text=quoted.text,
                speaker=speaker,
                speaker_basis=basis,
                full=quoted.full,
                cue=cue,
                cue_span=said.cue,
                spans=[quoted.span],
            )
        )
    return quotes


def _events(text: str, told: list[tuple[EventAnswer | None, Dated]], actors: list[Actor]) -> list[Event]:
    """An event per time expression. The model's words where it gave them, unless it gave one sentence's
    times the same words: then each time gets the clause of the sentence that belongs to it."""
    same = Counter((dated.sentence, normalize(answer.what)[0]) for answer, dated in told if answer)
    events = []
    for answer, dated in told:
        when = dated.when
        if answer is None or same[(dated.sentence, normalize(answer.what)[0])] > 1:
            what, basis = text[dated.clause.start : dated.clause.end], Basis.STATED
        else:
            what, basis = answer.what, Basis.MODEL
        events.append(
            Event(
                what=what,
                what_basis=basis,
                actors=_named_in(dated.clause, actors) or _named_in(dated.sentence, actors),
                # A server that ignores the schema's fixed times may answer about another time: undated.
                when=when if answer is None or answer.when == when.text else None,
                spans=[dated.sentence],
            )
        )
    return events


def _retellings_merged(events: list[Event]) -> list[Event]:
    """Events the model described in the same words on the same date are one event told twice: kept
    once, with the evidence of each telling."""
    kept: dict[tuple[str, str | None], Event] = {}
    for event in events:
        key = (normalize(event.what)[0].strip(" ."), event.when.value if event.when else None)
        if key in kept:
            first = kept[key]
            kept[key] = first.model_copy(
                update={
                    "spans": [*first.spans, *event.spans],
                    "actors": list(dict.fromkeys([*first.actors, *event.actors])),
                }
            )
        else:
            kept[key] = event
    return list(kept.values())


def _named_in(part: Span, actors: list[Actor], most: int = 3) -> list[str]:
    """Ids of the actors named in a part of the text, people first, in the order they appear."""
    named = sorted(
        (
            (span.start, actor)
            for actor in actors
            for span in actor.spans
            if part.start <= span.start < part.end
        ),
        key=lambda pair: (pair[1].kind is not ActorKind.PERSON, pair[0]),
    )
    return list(dict.fromkeys(actor.id for _, actor in named))[:most]


def _consequences(
    analysis: Analysis, found: list[Candidate], ids: dict[str, str], actors: list[Actor]
) -> list[Consequence]:
    """Each consequence in the article's own words: the clause that states it, with its span, and how
    certain its words make it."""
    out = []
    seen: set[Span] = set()
    for candidate in found:
        if candidate.clause in seen:
            continue
        seen.add(candidate.clause)
        claimant = _id(candidate.claimed_by.name, ids) if candidate.claimed_by else None
        clause = candidate.clause
        what = analysis.text[clause.start : clause.end]
        out.append(
            Consequence(
                what=what,
                certainty=certainty_of(what),
                affected=[a for a in _named_in(clause, actors) if a != claimant],
                claimed_by=claimant,
                claim_basis=Basis.ANALYSIS if claimant else None,
                spans=[clause],
            )
        )
    return out


def support(summary: str, analysis: Analysis) -> list[Support]:
    """Each sentence of the summary with the one or two article sentences that hold most of its content
    words: a reader checks a summary sentence against them."""
    out = []
    bodies = [(s, _words(analysis, s)) for s in analysis.sentences]
    for sentence in sentences(summary):
        words = content_words(sentence)
        if not words:
            continue
        ranked = sorted(bodies, key=lambda b: len(words & b[1]), reverse=True)
        best = ranked[:1]
        if len(ranked) > 1 and words & ranked[1][1] - ranked[0][1]:
            best.append(ranked[1])  # a second sentence that adds words the first lacks
        covered = set().union(*(b[1] for b in best)) & words if best else set()
        score = round(len(covered) / len(words), 3)
        spans = sorted((b[0] for b in best), key=lambda s: s.start) if score >= _SUPPORTED else []
        out.append(Support(sentence=sentence, spans=spans, score=score))
    return out


def _words(analysis: Analysis, sentence: Span) -> set[str]:
    """The content words of an article sentence, read off the article's parse."""
    doc = analysis.doc
    tokens = doc.char_span(sentence.start, sentence.end, alignment_mode="expand") if doc else None
    return content_words(tokens if tokens is not None else analysis.text[sentence.start : sentence.end])
