"""An article's entities looked up by where they are mentioned and by the words of their names: made once
for a list of entities (again when one is added to it), for a scan of them all for each word, subject or
pronoun is quadratic in a long article."""

from __future__ import annotations

import bisect
import threading

from ..models import ActorKind
from .entities import Entity

__all__ = ["by_words", "holding", "mentions"]

_INDEX = threading.local()
_WORDS = threading.local()


def holding(offset: int, entities: list[Entity]) -> Entity | None:
    """The first of ``entities`` one of whose mentions holds ``offset``: of the mentions that start
    before it, those as near as the longest mention is long."""
    starts, spans, longest = mentions(entities)
    near = spans[bisect.bisect_right(starts, offset - longest) : bisect.bisect_right(starts, offset)]
    held = [n for _, end, n in near if end > offset]
    return entities[min(held)] if held else None


def mentions(entities: list[Entity]) -> tuple[list[int], list[tuple[int, int, int]], int]:
    """Every mention of ``entities`` as (start, end, index of its entity), by start, their starts, and
    the longest's length. Made once for a list of entities; one added to it (a speaker the NER missed) is
    put in its place, not the whole made again: that is quadratic in a long article, as a scan of every
    mention for each word or pronoun is."""
    made = getattr(_INDEX, "made", None)
    if made is None or made[0] is not entities or made[1] > len(entities):
        made = _INDEX.made = [entities, 0, [], [], 0]
    _, count, starts, spans, longest = made
    for n in range(count, len(entities)):
        for s in entities[n].mentions:
            at = bisect.bisect_left(spans, (s.start, s.end, n))
            spans.insert(at, (s.start, s.end, n))
            starts.insert(at, s.start)
            longest = max(longest, s.end - s.start)
    made[1], made[4] = len(entities), longest
    return starts, spans, longest


def by_words(entities: list[Entity]) -> dict[tuple[str, str], list[Entity]]:
    """``entities`` by the last word of each of their names, lower case, and people by their first and
    last names, each in order: made once for a list of entities (and added to with it), for a scan of
    them all for each subject is quadratic in a long article."""
    made = getattr(_WORDS, "made", None)
    if made is None or made[0] is not entities or made[1] > len(entities):
        made = _WORDS.made = [entities, 0, {}]
    index: dict[tuple[str, str], list[Entity]] = made[2]
    for entity in entities[made[1] :]:
        for where in {("last", n.lower().split()[-1]) for n in entity.names() if n.split()}:
            index.setdefault(where, []).append(entity)
        parts = entity.name.split()
        if entity.kind is ActorKind.PERSON and len(parts) > 1:
            index.setdefault(("surname", parts[-1]), []).append(entity)
            index.setdefault(("first name", parts[0]), []).append(entity)
    made[1] = len(entities)
    return index
