"""One story from several articles: their briefs merged, with the points where the sources disagree.

Nothing here asks a model: the briefs are already grounded, and the merge is code, so every item of a
story still points to the words of one article. Actors are unified by name across articles; events that
report the same thing (the same words, mostly) become one entry of the timeline with all their sources;
every quote is kept with its article; and where the sources give the same event different dates or
numbers, or the same words different speakers, the story says so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .entities import same_entity
from .ground import content_words, normalize
from .models import Actor, ActorKind, Brief, Certainty, Event, Span, When
from .timeline import first_day

__all__ = ["Disagreement", "Story", "StoryActor", "StoryEvent", "StoryQuote", "merge_briefs"]

_SAME_EVENT = 0.6
"""Share of the shorter description's content words the other must hold for two events to be one."""
_NUMBER = re.compile(r"\d[\d,.]*")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StorySource(_Model):
    """One article of the story."""

    id: str = Field(description='"s1", "s2", … in the order the articles were given.')
    origin: str = Field(description="The article's file name, URL or <stdin>.")
    headline: str
    dateline: dt.date | None


class Mention(_Model):
    """Where an item stands in one source: the source's id and spans into that article's text."""

    source: str
    spans: list[Span] = Field(default_factory=list)


class StoryActor(_Model):
    """One entity across the sources, with the id it has in each source's brief."""

    id: str
    name: str = Field(description="The fullest name any source gives.")
    aliases: list[str] = Field(default_factory=list)
    kind: ActorKind
    role: str | None = None
    in_sources: dict[str, str] = Field(description="Source id → the actor's id in that source's brief.")


class StoryEvent(_Model):
    """One entry of the timeline, reported by one source or several."""

    what: str
    when: When | None = Field(description="The date the first source to give one gives.")
    actors: list[str] = Field(default_factory=list, description="Story actor ids.")
    sources: list[Mention]


class StoryQuote(_Model):
    """A quote as one source gives it."""

    text: str
    speaker: str | None = Field(description="Story actor id, or null when the source could not tell.")
    source: Mention


class StoryConsequence(_Model):
    """What follows, as one source sees it."""

    what: str
    certainty: Certainty
    source: Mention


class Claim(_Model):
    source: str
    says: str


class Disagreement(_Model):
    """A point on which the sources differ."""

    about: Literal["date", "number", "speaker"]
    subject: str = Field(description="The event or the quoted words they differ on.")
    claims: list[Claim] = Field(description="What each source says.")


class Story(_Model):
    """Several articles about one story, merged."""

    headline: str = Field(description="The headline of the latest source.")
    summary: str = Field(description="The summary of the latest source.")
    sources: list[StorySource]
    actors: list[StoryActor]
    timeline: list[StoryEvent] = Field(description="Events in date order; undated ones last.")
    quotes: list[StoryQuote]
    consequences: list[StoryConsequence]
    disagreements: list[Disagreement]

    def actor(self, actor_id: str | None) -> StoryActor | None:
        """The actor with this id, or None."""
        return next((a for a in self.actors if a.id == actor_id), None)


def merge_briefs(briefs: Sequence[tuple[str, Brief]]) -> Story:
    """The story told by ``briefs``, each given with its article's origin, in the order given."""
    sources = [
        StorySource(id=f"s{n}", origin=origin, headline=brief.headline, dateline=brief.dateline)
        for n, (origin, brief) in enumerate(briefs, start=1)
    ]
    by_source = {source.id: brief for source, (_, brief) in zip(sources, briefs, strict=True)}
    actors, ids = _unify(by_source)
    timeline, disagreements = _timeline(by_source, ids)
    quotes = [
        StoryQuote(
            text=quote.text,
            speaker=ids.get((source, quote.speaker or "")),
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
            StoryConsequence(what=c.what, certainty=c.certainty, source=Mention(source=source, spans=c.spans))
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
        actors.append(
            StoryActor(
                id=story_id,
                name=main.name,
                aliases=[name for name in dict.fromkeys(names) if name != main.name],
                kind=main.kind,
                role=next((a.role for _, a in group if a.role), None),
                in_sources=in_sources,
            )
        )
    return actors, ids


def _same(one: Actor, other: Actor) -> bool:
    if one.kind is not other.kind:
        return False
    return same_entity(one, other) or any(
        normalize(alias)[0] == normalize(name)[0]
        for alias in one.aliases
        for name in (other.name, *other.aliases)
    )


def _timeline(
    by_source: dict[str, Brief], ids: dict[tuple[str, str], str]
) -> tuple[list[StoryEvent], list[Disagreement]]:
    # Each group holds the tellings of one event: (source id, event), at most one per source, since two
    # events of one brief are two events.
    groups: list[list[tuple[str, Event]]] = []
    for source, brief in by_source.items():
        for event in brief.events:
            home = next(
                (
                    g
                    for g in groups
                    if all(s != source for s, _ in g) and _same_event(g[0][1].what, event.what)
                ),
                None,
            )
            if home is None:
                groups.append([(source, event)])
            else:
                home.append((source, event))
    entries = [
        StoryEvent(
            what=group[0][1].what,
            when=next((e.when for _, e in group if e.when is not None), None),
            actors=list(dict.fromkeys(ids[(s, a)] for s, e in group for a in e.actors if (s, a) in ids)),
            sources=[Mention(source=s, spans=e.spans) for s, e in group],
        )
        for group in groups
    ]
    disagreements = [d for group in groups for d in _tellings_differ(group)]
    # Undated entries last; sorted() is stable, so entries of one day keep the sources' order.
    timeline = sorted(entries, key=lambda e: (first_day(e.when) is None, first_day(e.when) or dt.date.min))
    return timeline, disagreements


def _tellings_differ(group: list[tuple[str, Event]]) -> list[Disagreement]:
    """Where the sources telling one event give it different dates or different numbers."""
    subject = group[0][1].what
    found = []
    dated = [(s, e.when) for s, e in group if e.when is not None and e.when.value]
    values = [w.value for _, w in dated if w.value]
    if any(_dates_conflict(a, b) for a in values for b in values):
        claims = [Claim(source=s, says=f"{w.value} ({w.text})") for s, w in dated]
        found.append(Disagreement(about="date", subject=subject, claims=claims))
    numbered = [(s, e.what, frozenset(_NUMBER.findall(e.what))) for s, e in group]
    if len({n for _, _, n in numbered if n}) > 1:
        claims = [Claim(source=s, says=what) for s, what, n in numbered if n]
        found.append(Disagreement(about="number", subject=subject, claims=claims))
    return found


def _dates_conflict(one: str, other: str) -> bool:
    """Two ISO values that cannot both be right: 2021-03 and 2021-03-17 agree, 2021-03-16 and 2021-03-17
    do not. A week is compared with nothing (a week's days cross months)."""
    if "W" in one or "W" in other:
        return False
    return not (one.startswith(other) or other.startswith(one))


def _same_event(one: str, other: str) -> bool:
    mine, theirs = content_words(one), content_words(other)
    if not mine or not theirs:
        return False
    return len(mine & theirs) / min(len(mine), len(theirs)) >= _SAME_EVENT


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
