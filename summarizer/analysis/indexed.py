"""An article's entities looked up by where they are mentioned and by the words of their names: made once
for a list of entities and added to as it grows, for a scan of them all for each word, subject or pronoun
is quadratic in a long article."""

from __future__ import annotations

import bisect
import threading
from collections.abc import Callable
from typing import Protocol, TypeVar

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
    the longest's length."""
    index = _grown(_INDEX, entities, _Mentions)
    return index.starts, index.spans, index.longest


class _Mentions:
    def __init__(self) -> None:
        self.starts: list[int] = []
        self.spans: list[tuple[int, int, int]] = []
        self.longest = 0

    def add(self, n: int, entity: Entity) -> None:
        for s in entity.mentions:
            at = bisect.bisect_left(self.spans, (s.start, s.end, n))
            self.spans.insert(at, (s.start, s.end, n))
            self.starts.insert(at, s.start)
            self.longest = max(self.longest, s.end - s.start)


def by_words(entities: list[Entity]) -> dict[tuple[str, str], list[Entity]]:
    """``entities`` by the last word of each of their names, lower case, and people by their first and
    last names, each in order."""
    return _grown(_WORDS, entities, _Words).index


class _Words:
    def __init__(self) -> None:
        self.index: dict[tuple[str, str], list[Entity]] = {}

    def add(self, n: int, entity: Entity) -> None:
        for where in {("last", name.lower().split()[-1]) for name in entity.names() if name.split()}:
            self.index.setdefault(where, []).append(entity)
        parts = entity.name.split()
        if entity.kind is ActorKind.PERSON and len(parts) > 1:
            self.index.setdefault(("surname", parts[-1]), []).append(entity)
            self.index.setdefault(("first name", parts[0]), []).append(entity)


class _Index(Protocol):
    def add(self, n: int, entity: Entity) -> None: ...


_I = TypeVar("_I", bound=_Index)


def _grown(local: threading.local, entities: list[Entity], make: Callable[[], _I]) -> _I:
    """The index ``make`` builds of ``entities``, kept for that list (in this thread) and added to as the
    list grows (a speaker the NER missed): made again for each lookup, or each entity added, it is
    quadratic in a long article."""
    made = getattr(local, "made", None)
    if made is None or made[0] is not entities or made[1] > len(entities):
        made = local.made = [entities, 0, make()]
    index: _I = made[2]
    for n in range(made[1], len(entities)):
        index.add(n, entities[n])
    made[1] = len(entities)
    return index
