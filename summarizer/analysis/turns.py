"""Who speaks next: a person named since the previous quoted passage, where the parser made no subject of
them, whom a pronoun after them stands for rather than the previous speaker (referents.py)."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import TYPE_CHECKING

from .entities import Entity
from .indexed import Entities
from .text import within

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["named_since"]

_OBJECTS = frozenset(["dobj", "pobj", "dative", "poss", "attr", "oprd", "compound"])
"""Where a name is no one who acts in its sentence: an object, an owner, a name modifying a noun."""


def named_since(
    since: int,
    pronoun: Token,
    entities: Entities,
    quoted: list[tuple[int, int]],
    fits: Callable[[Entity], bool],
) -> Entity | None:
    """The person last named in full since the previous passage, outside quotation marks, before their
    sentence's main verb and no object: a subject the parser missed ("Luis Ortega, 64, …, said he …")."""
    starts, spans, _ = entities.mentions()
    named = []
    for start, end, n in spans[bisect.bisect_left(starts, since) : bisect.bisect_left(starts, pronoun.idx)]:
        words = pronoun.doc.char_span(start, end, alignment_mode="expand")
        if words is None or len(words) < 2 or not fits(entities[n]) or within(quoted, start):
            continue
        if words.root.dep_ not in _OBJECTS and words.root.i < words.root.sent.root.i:
            named.append(entities[n])
    return named[-1] if named else None
