"""An article's entities looked up by where they are mentioned and by the words of their names: made once
for a list of entities (again when one is added to it), for a scan of them all for each word, subject or
pronoun is quadratic in a long article."""

from __future__ import annotations

import bisect
import itertools
import threading

from ..models import ActorKind
from .entities import Entity

__all__ = ["by_words", "holding", "mentions"]

_INDEX = threading.local()
_WORDS = threading.local()


def holding(offset: int, entities: list[Entity]) -> Entity | None:
    """The first of ``entities`` one of whose mentions holds ``offset``: the mentions before it are read
    back only as far as one reaches it."""
    starts, spans, reach = mentions(entities)
    held = []
    at = bisect.bisect_right(starts, offset) - 1
    while at >= 0 and reach[at] > offset:
        if spans[at][1] > offset:
            held.append(spans[at][2])
        at -= 1
    return entities[min(held)] if held else None


def mentions(entities: list[Entity]) -> tuple[list[int], list[tuple[int, int, int]], list[int]]:
    """Every mention of ``entities`` as (start, end, index of its entity), by start, their starts, and
    the furthest end up to each: made once for a list of entities (again when one is added to it), for a
    scan of every mention for each word or pronoun is quadratic in a long article."""
    made = getattr(_INDEX, "made", None)
    if made is None or made[0] is not entities or made[1] != len(entities):
        spans = sorted((s.start, s.end, n) for n, e in enumerate(entities) for s in e.mentions)
        reach = list(itertools.accumulate((s[1] for s in spans), max))
        made = _INDEX.made = (entities, len(entities), [s[0] for s in spans], spans, reach)
    return made[2], made[3], made[4]


def by_words(entities: list[Entity]) -> dict[tuple[str, str], list[Entity]]:
    """``entities`` by the last word of each of their names, lower case, and people by their first and
    last names, each in order: made once for a list of entities (again when one is added to it), for a
    scan of them all for each subject is quadratic in a long article."""
    made = getattr(_WORDS, "made", None)
    if made is None or made[0] is not entities or made[1] != len(entities):
        index: dict[tuple[str, str], list[Entity]] = {}
        for entity in entities:
            for where in {("last", n.lower().split()[-1]) for n in entity.names() if n.split()}:
                index.setdefault(where, []).append(entity)
            parts = entity.name.split()
            if entity.kind is ActorKind.PERSON and len(parts) > 1:
                index.setdefault(("surname", parts[-1]), []).append(entity)
                index.setdefault(("first name", parts[0]), []).append(entity)
        made = _WORDS.made = (entities, len(entities), index)
    found: dict[tuple[str, str], list[Entity]] = made[2]
    return found
