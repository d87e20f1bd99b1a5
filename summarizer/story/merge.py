"""Merging the briefs of one story: actors unified across them, quotes kept with their articles, and the
same words given to different speakers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ..analysis.text import normalize, without_titles
from ..models import Actor, ActorKind, Brief
from .events import story_timeline
from .models import (
    Claim,
    Disagreement,
    Mention,
    Story,
    StoryActor,
    StoryConsequence,
    StoryQuote,
    StorySource,
)

__all__ = ["bare", "merge_briefs", "names_match"]

# A company's legal form, which one article gives and another leaves out: "Apple Inc." is "Apple".
_LEGAL_FORM = re.compile(r",?\s+(?:Inc|Corp|Co|Ltd|LLC|plc|PLC|AG|SA|NV|GmbH)\.?$")


def merge_briefs(briefs: Sequence[tuple[str, Brief]]) -> Story:
    """The story told by ``briefs``, each given with its article's origin, in the order given."""
    sources = [
        StorySource(id=f"s{n}", origin=origin, headline=brief.headline, dateline=brief.dateline)
        for n, (origin, brief) in enumerate(briefs, start=1)
    ]
    by_source = {source.id: brief for source, (_, brief) in zip(sources, briefs, strict=True)}
    actors, ids = _unify(by_source)
    timeline, disagreements = story_timeline(by_source, ids, actors)
    quotes = [
        StoryQuote(
            text=quote.text,
            speaker=ids.get((source, quote.speaker or "")),
            speaker_basis=quote.speaker_basis,
            candidates=[i for c in quote.candidates if (i := ids.get((source, c))) is not None],
            full=quote.full,
            cue=quote.cue,
            source=Mention(source=source, spans=quote.spans),
        )
        for source, brief in by_source.items()
        for quote in brief.quotes
    ]
    latest = max(enumerate(sources), key=lambda pair: (pair[1].dateline or dt.date.min, pair[0]))[1]
    return Story(
        headline=by_source[latest.id].headline,
        summary=by_source[latest.id].summary,
        sources=sources,
        actors=actors,
        timeline=timeline,
        quotes=quotes,
        consequences=[
            StoryConsequence(
                what=c.what,
                certainty=c.certainty,
                certainty_cue=c.certainty_cue,
                claim_source=c.claim_source,
                claimed_by=ids.get((source, c.claimed_by or "")),
                claimant=c.claimant,
                claim_basis=c.claim_basis,
                source=Mention(source=source, spans=c.spans),
            )
            for source, brief in by_source.items()
            for c in brief.consequences
        ],
        disagreements=disagreements + _speakers_differ(quotes, actors),
    )


def _unify(by_source: dict[str, Brief]) -> tuple[list[StoryActor], dict[tuple[str, str], str]]:
    """Story actors, and (source id, actor id in its brief) → story actor id."""
    everyone = [(source, actor) for source, brief in by_source.items() for actor in brief.actors]
    order = {key: n for n, key in enumerate((s, a.id) for s, a in everyone)}
    groups: list[list[tuple[str, Actor]]] = []
    # Longest names first, so that "Biden" joins "Joe Biden" rather than founding a group of its own.
    for source, actor in sorted(everyone, key=lambda pair: -len(pair[1].name)):
        home = next((g for g in groups if any(_same(actor, other) for _, other in g)), None)
        if home is None:
            groups.append([(source, actor)])
        else:
            home.append((source, actor))
    groups.sort(key=lambda g: min(order[(s, a.id)] for s, a in g))
    actors: list[StoryActor] = []
    ids: dict[tuple[str, str], str] = {}
    for n, group in enumerate(groups, start=1):
        story_id = f"a{n}"
        main = group[0][1]
        names = [main.name, *(name for _, a in group for name in (a.name, *a.aliases))]
        in_sources: dict[str, str] = {}
        for source, actor in sorted(group, key=lambda pair: order[(pair[0], pair[1].id)]):
            in_sources.setdefault(source, actor.id)
            ids[(source, actor.id)] = story_id
        role = next((a for _, a in group if a.role), None)
        actors.append(
            StoryActor(
                id=story_id,
                name=main.name,
                aliases=[name for name in dict.fromkeys(names) if name != main.name],
                kind=main.kind,
                role=role.role if role else None,
                role_basis=role.role_basis if role else None,
                in_sources=in_sources,
            )
        )
    return actors, ids


def _same(one: Actor, other: Actor) -> bool:
    if one.kind is not other.kind:
        return False
    return _same_entity(one, other) or any(
        _key(alias) == _key(name)
        for alias in (one.name, *one.aliases)
        for name in (other.name, *other.aliases)
    )


def bare(name: str, *, person: bool = True) -> list[str]:
    """The words of a name without its titles, normalized: "President Joe Biden" → ["joe", "biden"]. A
    title is stripped only from a person's name: "General Motors" is no general's."""
    return normalize(without_titles(name.strip()) if person else name.strip())[0].split()


def names_match(one: list[str], other: list[str], *, people: bool) -> bool:
    """Whether two bare names name one entity: equal, or for people, one the end of the other (a surname
    alone, or a name without its first name). The archive matches a speaker's names by it too."""
    short, long = sorted((one, other), key=len)
    if not short:
        return False
    return short == long or (people and long[-len(short) :] == short)


def _same_entity(one: Actor, other: Actor) -> bool:
    """Whether two actors are one entity, by their names and kinds."""
    people = one.kind is ActorKind.PERSON and other.kind is ActorKind.PERSON
    return names_match(bare(one.name, person=people), bare(other.name, person=people), people=people)


def _key(name: str) -> str:
    """A name as names are compared across articles: normalized, without a company's legal form."""
    return normalize(_LEGAL_FORM.sub("", name.strip()))[0]


def _speakers_differ(quotes: list[StoryQuote], actors: list[StoryActor]) -> list[Disagreement]:
    said: dict[str, list[StoryQuote]] = {}
    for quote in quotes:
        if quote.speaker is not None:
            said.setdefault(normalize(quote.text)[0].strip(), []).append(quote)
    names = {a.id: a.name for a in actors}
    return [
        Disagreement(
            about="speaker",
            subject=group[0].text,
            claims=[Claim(source=q.source.source, says=names[q.speaker or ""]) for q in group],
        )
        for group in said.values()
        if len({q.speaker for q in group}) > 1
    ]
