"""The story's timeline: the events of several briefs, one entry per happening with every telling of it,
and the dates and numbers the tellings of one happening disagree on.

When two events are one happening
---------------------------------
Two events of different sources are compared; so are two events of one source that fall on the very
same day and name a common story actor, since an article may tell its main happening more than once, in
its lede and again in its details ("Apple Inc. announced Friday that it will give … a free case", then
"Jobs said yesterday that Apple will offer a free case"). The words cannot tell such a retelling from a
second happening of that day that is about the first one ("the State Department says it is aware of
Russia's decision to recall the ambassador" would join "Russia recalls its ambassador"); two happenings
of one day that share only their day and a word stay apart. For a pair:

- **Dates**: the days each resolved date covers (a day, an ISO week, a month, a year) are compared.
  They are the *same day* when both are that one day; *overlapping* when they share a day (2007-10-25
  lies in 2007-10, 2007-W43 and 2007); *conflicting* when both resolve, share no day and lie at most
  31 days apart; *apart* when farther; *unknown* when either is undated or unresolved.
- **Words**: the content words of the two ``what`` (their lemmas without spaCy's English stop words:
  "delivered" is "deliver", "deliveries" "delivery"), without time expressions, bare numbers and the
  words of the story's actor names (those are the next signal; kept when nothing else is left). A word
  counts ``1/n``, *n* the number of the story's events that use it, so the subject of the whole story
  ("A380" in an A380 story) weighs little and the words of one happening much. The *overlap* is the
  weight of the shared words over the weight of the lighter of the two descriptions, from 0 to 1; two
  words at least must be shared (one when two sources give the same day).
- **Actors**: whether the two events name a common story actor.

Two events are one happening when their overlap reaches a bar set by their dates: 0.25 on the same
day, 0.5 overlapping, 0.6 unknown, 0.75 conflicting, never when apart; naming a common actor lowers
the bar by 0.1. A date alone never merges anything: two happenings of one day need words in common.

Pairs are joined best first (highest overlap). An entry holds several events of one source only when
each two of them are one happening by themselves: a telling of another source that passes for two
events of one article (a month, "in October", covers both of its flights; "a July 16 press conference,
Jobs said … a free case" fits both the conference and its announcement) joins one of them, not both.
A merged entry takes the words of its first event (in the order of the sources and of each brief) and
the most precise of the dates given, or the first source's date where they conflict; it lists each
source once, with the spans of each of its tellings.

Where the tellings of one entry give conflicting dates, the story lists a date disagreement; where two
sources both give numbers for it (outside the dates: "400 guests", not "October 25") and neither's
numbers include the other's, a number disagreement. Numbers written as words are not read.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import combinations
from typing import Literal, NamedTuple

from ..analysis.text import content_words
from ..models import Brief, Event, When
from ..timeline import find_dates, first_day, in_date_order
from .models import Claim, Disagreement, Mention, StoryActor, StoryEvent

__all__ = ["story_timeline"]

_NUMBER = re.compile(r"(?<![\w:.,])\d+(?:[.,]\d+)*(?![\w:])")


class _Telling(NamedTuple):
    """One source's event, with the story actors it names and the words it is compared on."""

    source: str
    event: Event
    actors: frozenset[str]
    words: frozenset[str]


def story_timeline(
    by_source: dict[str, Brief], ids: dict[tuple[str, str], str], actors: list[StoryActor]
) -> tuple[list[StoryEvent], list[Disagreement]]:
    """One entry per happening the briefs tell, in ``in_date_order``, and where its tellings disagree.
    ``ids`` maps (source id, actor id in its brief) to story actor ids."""
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
    pairs = sorted(
        (-overlap, i, j)
        for (i, one), (j, other) in combinations(enumerate(tellings), 2)
        if (overlap := _one_happening(one, other, weigh)) is not None
    )
    # Two events of one source share an entry only as a pair that is one happening by itself: a telling of
    # another source that passes for each of them does not make them one.
    retold = {(i, j) for _, i, j in pairs if tellings[i].source == tellings[j].source}
    group_of = list(range(len(tellings)))
    members: dict[int, list[int]] = {n: [n] for n in group_of}
    for _, i, j in pairs:
        mine, theirs = group_of[i], group_of[j]
        together = sorted(members[mine] + members[theirs])
        if mine == theirs or not all(
            (m, n) in retold for m, n in combinations(together, 2) if tellings[m].source == tellings[n].source
        ):
            continue
        home, away = sorted((mine, theirs))
        for n in members[away]:
            group_of[n] = home
        members[home] = together
        del members[away]
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
            sources=[
                Mention(source=source, spans=[s for t in group if t.source == source for s in t.event.spans])
                for source in dict.fromkeys(t.source for t in group)
            ],
        )
        for group in groups
    ]
    disagreements = [d for group in groups for d in _tellings_differ(group)]
    return in_date_order(entries, lambda e: e.when), disagreements


def _words(text: str, names: frozenset[str] = frozenset()) -> frozenset[str]:
    """The words of ``text`` an event is compared on: its content words (lemmas: "deliveries" and
    "delivered" are "delivery" and "deliver") outside time expressions, not bare numbers; without the
    words of the story's actor names, unless nothing else is left."""
    # A bare number is no word of the happening.
    words = {w for w in content_words(_without_dates(text)) if not w.replace(",", "").isdigit()}
    return frozenset(words - names or words)


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
    alike = one.source == other.source
    if alike and (relation != "same day" or not one.actors & other.actors):
        return None
    shared = one.words & other.words
    # Two shared words at least, all when a description has fewer; one is enough when two articles give
    # the same day, but not within one article, whose events share its main day (and a word, as the
    # delivery and the delivery ceremony do) more often than they tell one happening.
    least = 1 if relation == "same day" and not alike else 2
    if not shared or len(shared) < min(least, len(one.words), len(other.words)):
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
    # The tellings of one source fall on one day: the first of them gives its source's date.
    dated: dict[str, When] = {}
    for telling in group:
        if telling.event.when is not None and telling.event.when.value:
            dated.setdefault(telling.source, telling.event.when)
    if any(_conflict(a, b) for a in dated.values() for b in dated.values()):
        claims = [Claim(source=s, says=f"{w.value} ({w.text})") for s, w in dated.items()]
        found.append(Disagreement(about="date", subject=subject, claims=claims))
    numbered: dict[str, tuple[list[str], frozenset[str]]] = {}
    for telling in group:
        if numbers := _numbers(telling.event.what):
            said, known = numbered.get(telling.source, ([], frozenset()))
            numbered[telling.source] = ([*said, telling.event.what], known | numbers)
    if any(not (a <= b or b <= a) for _, a in numbered.values() for _, b in numbered.values()):
        claims = [Claim(source=s, says=" / ".join(said)) for s, (said, _) in numbered.items()]
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
