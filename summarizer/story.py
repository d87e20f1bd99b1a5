"""One story from several articles: their briefs merged, with the points where the sources disagree.

Nothing here asks a model: the briefs are already grounded, and the merge is code, so every item of a
story still points to the words of one article. Actors are unified by name across articles; events that
tell the same happening become one entry of the timeline with all their sources; every quote is kept with
its article; and where the sources give one event different dates or numbers, or the same words different
speakers, the story says so.

When two events are one happening
---------------------------------
Only events of different sources are compared: two events of one brief stay two events. For a pair:

- **Dates**: the days each resolved date covers (a day, an ISO week, a month, a year) are compared.
  They are the *same day* when both are that one day; *overlapping* when they share a day (2007-10-25
  lies in 2007-10, 2007-W43 and 2007); *conflicting* when both resolve, share no day and lie at most
  31 days apart; *apart* when farther; *unknown* when either is undated or unresolved.
- **Words**: the content words of the two ``what``, without time expressions, bare numbers and the
  words of the story's actor names (those are the next signal; kept when nothing else is left), each
  cut to a rough stem (a plural *s*, *-ed* or *-ing* dropped, then the first six letters: "delivered"
  and "delivery" are one word). A word counts ``1/n``, *n* the number of the story's events that use
  it, so the subject of the whole story ("A380" in an A380 story) weighs little and the words of one
  happening much. The *overlap* is the weight of the shared words over the weight of the lighter of the
  two descriptions, from 0 to 1; two words at least must be shared (one on the same day).
- **Actors**: whether the two events name a common story actor.

Two events are one happening when their overlap reaches a bar set by their dates: 0.25 on the same
day, 0.5 overlapping, 0.6 unknown, 0.75 conflicting, never when apart; naming a common actor lowers
the bar by 0.1. A date alone never merges anything: two happenings of one day need words in common.
Pairs are joined best first (highest overlap), an entry holding at most one event of each source.
A merged entry takes the first source's words and the most precise of the dates given, or the first
source's date where they conflict.

Where the tellings of one entry give conflicting dates, the story lists a date disagreement; where two
tellings both give numbers (outside the dates: "400 guests", not "October 25") and neither's numbers
include the other's, a number disagreement. Numbers written as words are not read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from itertools import combinations
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from .entities import same_entity
from .ground import content_words, normalize
from .models import Actor, ActorKind, Brief, Certainty, Event, Span, When
from .timeline import find_dates, first_day, in_date_order

__all__ = ["Disagreement", "Story", "StoryActor", "StoryEvent", "StoryQuote", "merge_briefs"]

_NUMBER = re.compile(r"(?<![\w:.,])\d+(?:[.,]\d+)*(?![\w:])")


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
    when: When | None = Field(
        description="The most precise date the sources give; the first source's where they conflict."
    )
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
    timeline, disagreements = _timeline(by_source, ids, actors)
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
    by_source: dict[str, Brief], ids: dict[tuple[str, str], str], actors: list[StoryActor]
) -> tuple[list[StoryEvent], list[Disagreement]]:
    names = frozenset(w for actor in actors for name in (actor.name, *actor.aliases) for w in _words(name))
    tellings = [
        _Telling(
            source,
            event,
            frozenset(ids[(source, a)] for a in event.actors if (source, a) in ids),
            _words(event.what, names),
        )
        for source, brief in by_source.items()
        for event in brief.events
    ]
    weigh = _weights(tellings)
    # Pairs of tellings of one happening, best first; each joins their two groups unless that would put
    # two events of one source in one group.
    pairs = sorted(
        (-overlap, i, j)
        for (i, one), (j, other) in combinations(enumerate(tellings), 2)
        if one.source != other.source and (overlap := _one_happening(one, other, weigh)) is not None
    )
    group_of = list(range(len(tellings)))
    members: dict[int, list[int]] = {n: [n] for n in group_of}
    for _, i, j in pairs:
        mine, theirs = group_of[i], group_of[j]
        if mine == theirs or _sources(tellings, members[mine]) & _sources(tellings, members[theirs]):
            continue
        home, away = sorted((mine, theirs))
        for n in members[away]:
            group_of[n] = home
        members[home] = sorted(members[home] + members.pop(away))
    groups = [[tellings[n] for n in members[g]] for g in sorted(members)]
    entries = [
        StoryEvent(
            what=group[0].event.what,
            when=_date_of(group),
            actors=list(
                dict.fromkeys(
                    ids[(t.source, a)] for t in group for a in t.event.actors if (t.source, a) in ids
                )
            ),
            sources=[Mention(source=t.source, spans=t.event.spans) for t in group],
        )
        for group in groups
    ]
    disagreements = [d for group in groups for d in _tellings_differ(group)]
    return in_date_order(entries, lambda e: e.when), disagreements


def _sources(tellings: list[_Telling], members: list[int]) -> set[str]:
    return {tellings[n].source for n in members}


class _Telling(NamedTuple):
    """One source's event, with the story actors it names and the words it is compared on."""

    source: str
    event: Event
    actors: frozenset[str]
    words: frozenset[str]


def _words(text: str, names: frozenset[str] = frozenset()) -> frozenset[str]:
    """The words of ``text`` an event is compared on: content words outside time expressions, not bare
    numbers, cut to a rough stem ("deliveries" and "delivered" are "delive"); without the words of the
    story's actor names, unless nothing else is left."""
    stems = set()
    for word in content_words(_without_dates(text)):
        if word.isdigit():
            continue
        if len(word) > 4:
            word = re.sub(r"(?:ing|ed|(?<!s)s)$", "", word)
        stems.add(word[:6])
    return frozenset(stems - names or stems)


def _weights(tellings: list[_Telling]) -> dict[str, float]:
    """Each word's weight: 1 / the number of the story's events that use it."""
    counts: dict[str, int] = {}
    for telling in tellings:
        for word in telling.words:
            counts[word] = counts.get(word, 0) + 1
    return {word: 1 / n for word, n in counts.items()}


_Relation = Literal["same day", "overlapping", "unknown", "conflicting", "apart"]
_BAR: dict[_Relation, float] = {"same day": 0.25, "overlapping": 0.5, "unknown": 0.6, "conflicting": 0.75}
"""The overlap two events' words need to be one happening, by how their dates relate; "apart" never."""
_SHARED_ACTOR = 0.1
"""How much lower the bar is for two events that name a common story actor."""
_NEAR = 31
"""Most days between two conflicting dates of one happening; farther apart, they are two."""


def _one_happening(one: _Telling, other: _Telling, weigh: dict[str, float]) -> float | None:
    """The overlap of two tellings' words if they tell one happening, else None."""
    relation = _dates_relate(one.event.when, other.event.when)
    if relation == "apart":
        return None
    shared = one.words & other.words
    # Two shared words at least, one on the very same day, all when a description has fewer.
    if not shared or len(shared) < min(1 if relation == "same day" else 2, len(one.words), len(other.words)):
        return None
    lighter = min(sum(weigh[w] for w in one.words), sum(weigh[w] for w in other.words))
    overlap = sum(weigh[w] for w in shared) / lighter
    bar = _BAR[relation] - (_SHARED_ACTOR if one.actors & other.actors else 0)
    return overlap if overlap >= bar else None


def _days(when: When | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a resolved date covers: a day, an ISO week, a month or a year."""
    start = first_day(when)
    if when is None or when.value is None or start is None:
        return None
    value = when.value.strip()
    if "W" in value:
        return start, start + dt.timedelta(days=6)
    if len(value) == 4:
        return start, dt.date(start.year, 12, 31)
    if len(value) == 7:
        following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return start, following - dt.timedelta(days=1)
    return start, start


def _dates_relate(one: When | None, other: When | None) -> _Relation:
    mine, theirs = _days(one), _days(other)
    if mine is None or theirs is None:
        return "unknown"
    if mine[0] <= theirs[1] and theirs[0] <= mine[1]:
        return "same day" if mine[0] == mine[1] == theirs[0] == theirs[1] else "overlapping"
    gap = max(theirs[0] - mine[1], mine[0] - theirs[1])
    return "conflicting" if gap.days <= _NEAR else "apart"


def _conflict(one: When | None, other: When | None) -> bool:
    return _dates_relate(one, other) in ("conflicting", "apart")


def _date_of(group: list[_Telling]) -> When | None:
    """The most precise date of the group's tellings, or the first source's where they conflict."""
    dated = [t.event.when for t in group if _days(t.event.when) is not None]
    if any(_conflict(a, b) for a in dated for b in dated):
        return next(t.event.when for t in group if t.event.when is not None)
    if dated:
        # The shortest span of days; min() keeps the first source's of equal ones.
        return min(dated, key=_span_length)
    return next((t.event.when for t in group if t.event.when is not None), None)


def _span_length(when: When | None) -> int:
    days = _days(when)
    return (days[1] - days[0]).days if days else 0


def _tellings_differ(group: list[_Telling]) -> list[Disagreement]:
    """Where the sources telling one event give it conflicting dates, or numbers that do not agree."""
    subject = group[0].event.what
    found = []
    dated = [(t.source, t.event.when) for t in group if t.event.when is not None and t.event.when.value]
    if any(_conflict(a, b) for _, a in dated for _, b in dated):
        claims = [Claim(source=s, says=f"{w.value} ({w.text})") for s, w in dated]
        found.append(Disagreement(about="date", subject=subject, claims=claims))
    numbered = [(t.source, t.event.what, _numbers(t.event.what)) for t in group]
    numbered = [(s, what, n) for s, what, n in numbered if n]
    if any(not (a <= b or b <= a) for _, _, a in numbered for _, _, b in numbered):
        claims = [Claim(source=s, says=what) for s, what, _ in numbered]
        found.append(Disagreement(about="number", subject=subject, claims=claims))
    return found


def _numbers(text: str) -> frozenset[str]:
    """The numbers a description gives, outside its time expressions and names like A380: "1,500" is
    1500."""
    return frozenset(n.replace(",", "") for n in _NUMBER.findall(_without_dates(text)))


def _without_dates(text: str) -> str:
    """``text`` with its time expressions blanked: the dates of events are compared as dates."""
    for when in sorted(find_dates(text, None), key=lambda w: -(w.span.start if w.span else 0)):
        if when.span is not None:
            text = text[: when.span.start] + " " + text[when.span.end :]
    return text


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
