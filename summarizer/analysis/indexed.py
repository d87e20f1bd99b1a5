"""An article's entities, with the indexes their lookups read: by where they are mentioned and by the
words of their names. The list owns them, made at the first lookup and added to as it grows (a speaker the
NER missed): a scan of every entity for each word, subject or pronoun is quadratic in a long article."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from ..models import ActorKind
from .entities import Entity

__all__ = ["Entities"]


class Entities(list[Entity]):
    """An article's entities, in order; a list that only grows (``append``), read by the one thread
    that analyzes its article."""

    def __init__(self, entities: Iterable[Entity] = ()) -> None:
        super().__init__(entities)
        self._starts: list[int] = []
        self._spans: list[tuple[int, int, int]] = []
        self._longest = 0
        self._words: dict[tuple[str, str], list[Entity]] = {}
        self._indexed = 0

    def holding(self, offset: int) -> Entity | None:
        """The first entity one of whose mentions holds ``offset``: of the mentions that start before it,
        those as near as the longest mention is long."""
        starts, spans, longest = self.mentions()
        near = spans[bisect.bisect_right(starts, offset - longest) : bisect.bisect_right(starts, offset)]
        held = [n for _, end, n in near if end > offset]
        return self[min(held)] if held else None

    def mentions(self) -> tuple[list[int], list[tuple[int, int, int]], int]:
        """Every mention as (start, end, index of its entity), by start, their starts, and the longest's
        length."""
        self._grow()
        return self._starts, self._spans, self._longest

    def by_words(self) -> dict[tuple[str, str], list[Entity]]:
        """The entities by the last word of each of their names, lower case, and people by their first
        and last names, each in order."""
        self._grow()
        return self._words

    def _grow(self) -> None:
        for n in range(self._indexed, len(self)):
            self._index(n, self[n])
        self._indexed = len(self)

    def _index(self, n: int, entity: Entity) -> None:
        for s in entity.mentions:
            at = bisect.bisect_left(self._spans, (s.start, s.end, n))
            self._spans.insert(at, (s.start, s.end, n))
            self._starts.insert(at, s.start)
            self._longest = max(self._longest, s.end - s.start)
        for where in {("last", name.lower().split()[-1]) for name in entity.names() if name.split()}:
            self._words.setdefault(where, []).append(entity)
        parts = entity.name.split()
        if entity.kind is ActorKind.PERSON and len(parts) > 1:
            self._words.setdefault(("surname", parts[-1]), []).append(entity)
            self._words.setdefault(("first name", parts[0]), []).append(entity)
