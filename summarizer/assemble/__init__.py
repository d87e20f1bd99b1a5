"""The assemble stage: the analysis and the model's answers made into a validated brief.

Every item points at the article's words; every speaker, role and claimant says how it is known
(stated in the text, found by analysis, or judged by the model), so that a reader can weigh it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from ..analysis import Analysis, Candidate, Dated, Entity
from ..analysis.text import normalize
from ..extract import Answers
from ..models import (
    Actor,
    ActorKind,
    Basis,
    Brief,
    Certainty,
    ClaimSource,
    Consequence,
    Event,
    Preview,
    Quote,
    RunInfo,
    Span,
)
from .checks import require_content
from .overview import overview

__all__ = ["assemble", "preliminary", "require_content"]

_ADDED = re.compile(r"\[([^\]:]+)(?: said:)?\]")
"""A name an entry adds in brackets ("[Steve Jobs] took six months off", "[Louis Gallois said:]")."""


def assemble(analysis: Analysis, answers: Answers, run: RunInfo, dateline: dt.date | None) -> Brief:
    """The brief of one article."""
    actors, ids = _actors([e for e in analysis.entities if e.name not in answers.things])
    told = overview(analysis, answers.overview)
    if told.warnings:
        run = run.model_copy(update={"warnings": [*run.warnings, *told.warnings]})
    return Brief(
        headline=told.headline,
        summary=" ".join(s.sentence for s in told.summary),
        headline_support=told.headline_support,
        summary_support=told.summary,
        dateline=dateline,
        actors=actors,
        quotes=_quotes(analysis, ids),
        events=_retellings_merged(_events(analysis, _Places(actors))),
        consequences=_consequences(analysis, analysis.candidates, ids, _Places(actors)),
        run=run,
    )


def preliminary(analysis: Analysis, dateline: dt.date | None) -> Preview:
    """The brief of the analysis alone, before any model answer: actors, quotes with the speakers the
    parse names, each time expression with what happened then in the article's words (of a skim: the
    quotes, and the times in their sentences)."""
    run = RunInfo(backend="analysis", model="spacy" if analysis.parsed else "-", prompt_version="-")
    return Preview(assemble(analysis, Answers(), run, dateline), parsed=analysis.parsed)


def _actors(entities: list[Entity]) -> tuple[list[Actor], dict[str, str]]:
    """The actors, each with the role the article states beside its name. A role the article does not
    state there is not shown: the model's were right 2 times in 3 (docs/evaluation.md), below the 0.9
    a shown fact needs."""
    actors: list[Actor] = []
    ids: dict[str, str] = {}
    for n, entity in enumerate(entities, start=1):
        actor_id = f"a{n}"
        for name in entity.names():
            ids.setdefault(normalize(name)[0], actor_id)
        actors.append(
            Actor(
                id=actor_id,
                name=entity.name,
                aliases=entity.aliases,
                kind=entity.kind,
                role=entity.role,
                role_basis=Basis.STATED if entity.role else None,
                role_span=entity.role_span,
                spans=entity.mentions,
            )
        )
    return actors, ids


def _id(name: str | None, ids: dict[str, str]) -> str | None:
    if name is None:
        return None
    return ids.get(normalize(name)[0])


def _quotes(analysis: Analysis, ids: dict[str, str]) -> list[Quote]:
    """Quotes in article order; terms set in quotation marks are not speech and are left out. A speaker
    the parse does not establish is unknown, with the actors named nearest as candidates: the model's
    choice among them was right 5 times in 18 on the example and far less often on held-out news than
    the 0.9 a shown speaker needs (docs/evaluation.md)."""
    quotes = []
    for n, passage in enumerate(analysis.passages):
        said, quoted = passage.said, passage.quoted
        if said.term:
            continue
        speaker = _id(said.speaker.name, ids) if said.speaker is not None else None
        near = [] if speaker else [i for e in analysis.names_near(n) if (i := _id(e.name, ids))]
        cue = analysis.text[said.cue.start : said.cue.end] if said.cue else None
        quotes.append(
            Quote(
                text=quoted.text,
                speaker=speaker,
                speaker_basis=Basis.ANALYSIS if speaker else None,
                candidates=list(dict.fromkeys(near)),
                full=quoted.full,
                cue=cue,
                cue_span=said.cue,
                spans=[quoted.span],
            )
        )
    return quotes


def _events(analysis: Analysis, places: _Places) -> list[Event]:
    """An event per time expression: what happened then, in the article's words (entries.py); a time the
    parse gives no clause, or one in a quotation nobody is named as speaking, is left out. A skim, not
    parsed yet, shows each time's sentence."""
    events = []
    for dated in analysis.dated:
        if dated.entry is None and analysis.parsed:
            continue
        what, spans = (dated.entry.text, dated.entry.pieces) if dated.entry else (_words(analysis, dated), [])
        named = _named_in_brackets(_ADDED.findall(what), places)
        events.append(
            Event(
                what=what,
                actors=list(dict.fromkeys([*named, *_named_in(dated.sentence, places, within=spans)]))[:3],
                when=dated.when,
                spans=spans or [dated.sentence],
            )
        )
    return events


def _named_in_brackets(added: list[str], places: _Places) -> list[str]:
    """The actors an entry's added words name ("[Apple's bumpers]" names Apple), by any of their names,
    as whole words."""
    found = {n for words in added for word in re.findall(r"\w+", words) for n in places.by_word.get(word, [])}
    return [
        a.id
        for a in (places.actors[n] for n in sorted(found | places.unworded))
        if any(
            re.search(rf"(?<!\w){re.escape(n)}(?!\w)", words) for n in (a.name, *a.aliases) for words in added
        )
    ]


def _words(analysis: Analysis, dated: Dated) -> str:
    return analysis.text[dated.sentence.start : dated.sentence.end]


def _retellings_merged(events: list[Event]) -> list[Event]:
    """Two times of one date whose entries are the same words (two times in one clause: "on Monday,
    March 3") are one event: kept once, with the evidence of each."""
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


class _Places:
    """The actors by where they are named and by the first word of each of their names, so that an
    event or a consequence looks up the few it names: a scan of every actor for each is quadratic in a
    long article."""

    def __init__(self, actors: list[Actor]) -> None:
        self.actors = actors
        self.spans = sorted((s.start, n, k) for n, a in enumerate(actors) for k, s in enumerate(a.spans))
        self.starts = [start for start, _, _ in self.spans]
        self.by_word: dict[str, list[int]] = {}
        self.unworded: set[int] = set()  # a name that starts with no word's letter: tried always
        for n, actor in enumerate(actors):
            for name in (actor.name, *actor.aliases):
                first = re.match(r"\w+", name)
                if first is None:
                    self.unworded.add(n)
                else:
                    self.by_word.setdefault(first.group(), []).append(n)


def _named_in(part: Span, places: _Places, most: int = 3, within: list[Span] | None = None) -> list[str]:
    """Ids of the actors named in a part of the text (in the pieces ``within`` it that an entry shows,
    when given), people first, in the order they appear."""
    pieces = within or [part]
    held = {
        found
        for p in pieces
        for found in places.spans[
            bisect.bisect_left(places.starts, p.start) : bisect.bisect_left(places.starts, p.end)
        ]
    }
    actors = places.actors
    # Of two at one place, in the actors' order, as a stable sort of them all would give.
    named = sorted(held, key=lambda h: (actors[h[1]].kind is not ActorKind.PERSON, h[0], h[1], h[2]))
    return list(dict.fromkeys(actors[n].id for _, n, _ in named))[:most]


def _consequences(
    analysis: Analysis, found: list[Candidate], ids: dict[str, str], places: _Places
) -> list[Consequence]:
    """Each consequence in the article's own words: the clause that states it, with its span, how
    certain its grammar makes it and the words that decided, and who states it."""
    out = []
    seen: set[Span] = set()
    text = analysis.text
    for candidate in found:
        if candidate.clause in seen:
            continue
        seen.add(candidate.clause)
        clause, claim, reading = candidate.clause, candidate.claim, candidate.reading
        claimant = _id(claim.entity.name, ids) if claim.entity else None
        source = claim.source
        if source is ClaimSource.ACTOR and claimant is None:
            source = ClaimSource.UNKNOWN  # an entity that is no actor (a thing): who, the brief cannot say
        attributed = claim.words or claim.cue
        out.append(
            Consequence(
                what=text[clause.start : clause.end],
                certainty=reading.certainty or Certainty.HAPPENED,
                certainty_cue=text[reading.cue.start : reading.cue.end] if reading.cue else None,
                certainty_span=reading.cue,
                affected=[a for a in _named_in(clause, places) if a != claimant],
                claim_source=source,
                claimed_by=claimant,
                claimant=text[claim.words.start : claim.words.end] if claim.words else None,
                claim_span=attributed,
                claim_basis=Basis.ANALYSIS if source is not ClaimSource.ARTICLE else None,
                spans=[clause],
            )
        )
    return out
