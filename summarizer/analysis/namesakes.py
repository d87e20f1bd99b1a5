"""Which of two or more people of one surname the surname alone stands for ("Ortega said", where the
article names both Marisol Ortega and Luis Ortega): the one it named in full last before it, for news
names a person in full just before calling them by the surname alone. A father and son of one name
("Darnell Price", "Darnell Price Jr.") are told apart by the word before it ("the elder Price"); where
the article calls one of them so, the surname alone is the other one wherever it stands ("Price
scored" is the son after "the elder Price" is the father). Read by the grouping of names (aliases.py)
and the surnames the NER missed (entities.py)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .forms import plain
from .lexicon import ELDER, SUCCESSION, YOUNGER

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["meant", "told"]


def meant(
    at: int, before: str, people: Sequence[tuple[tuple[str, ...], Sequence[int]]], told: set[str]
) -> int:
    """The index of the one of ``people`` (each their fullest name's words, folded, and the starts of
    the mentions naming them in full, in order) that a surname alone at offset ``at`` stands for,
    ``before`` being the word before it and ``told`` the words before it anywhere in the article,
    folded."""
    names = [found for found, _ in people]
    if len(names) == 2 and names[0] != names[1] and plain(names[0]) == plain(names[1]):
        # The father: "Sr." after his name, or no such word where his son's has "Jr.".
        fathers = [n for n, found in enumerate(names) if "sr" in _succession(found)]
        fathers = fathers or [n for n, found in enumerate(names) if not _succession(found)]
        if len(fathers) == 1:
            father = fathers[0]
            if before in ELDER or (before not in YOUNGER and told & YOUNGER and not told & ELDER):
                return father
            if before in YOUNGER or told & ELDER:
                return 1 - father
    last = [starts[bisect.bisect_left(starts, at) - 1] if starts[0] < at else -1 for _, starts in people]
    if max(last) < 0:
        # Before any full mention (a lede's surname): the first named after it.
        firsts = [starts[0] for _, starts in people]
        return firsts.index(min(firsts))
    return last.index(max(last))


def told(doc: Doc, surname: str) -> set[str]:
    """The words, folded, before each place the article writes ``surname`` ("the elder Price")."""
    return {doc[t.i - 1].lower_ for t in doc[1:] if t.text == surname}


def _succession(found: tuple[str, ...]) -> list[str]:
    return [w.rstrip(".") for w in found if w.rstrip(".") in SUCCESSION]
