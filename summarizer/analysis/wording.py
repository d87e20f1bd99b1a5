"""How the words a timeline entry keeps are written out (entries.py and trimming.py choose them)."""

from __future__ import annotations

import bisect
import math
from typing import TYPE_CHECKING

from ..models import Span
from .lexicon import QUOTE_MARKS
from .nlp import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["whole_quotations", "words_of"]


def words_of(
    doc: Doc, keep: set[int], added: dict[int, str], replaced: dict[int, str]
) -> tuple[str, list[Span]] | None:
    """The words of ``doc`` at ``keep`` written out: what ``added`` puts before a word and ``replaced``
    puts for one in brackets, each run of words left out marked "…", a comma or full stop that would
    dangle left off, the first letter capitalized; with the pieces of the article each run shows."""
    order = sorted(keep)
    if not order:
        return None
    first, last = order[0], order[-1]
    while (
        last > first
        and doc[last].is_punct
        and (
            doc[last].text not in ".!?" + QUOTE_MARKS + ")"
            or (doc[last].text in ".!?" and last - 1 not in keep)
        )
    ):
        last -= 1  # no trailing comma, nor a full stop after a cut
    out: list[str] = []
    pieces: list[Span] = []
    cut = False
    for i in range(first, last + 1):
        token = doc[i]
        # A comma that closes a name set beside a noun stays, a cut after it or not ("The board's
        # director, Daniel Smith, … said").
        closing = token.text == "," and i in keep and doc[i - 1].dep_ == "appos" and i - 1 in keep
        between = token.is_punct and ({i - 1, i + 1} <= keep or closing)
        dangling = token.is_punct and token.text in ",;:–—-" and not between
        if (i not in keep and not between) or dangling:
            cut = cut or (i not in keep and not token.is_punct and not token.is_space)
            out.append(" ")
            continue
        if cut and out:
            out.append(" … ")
        cut = False
        if i in added:
            out.append(f" {added[i]} ")
        out.append((replaced.get(i) or token.text) + token.whitespace_)
        if i in replaced:
            continue
        start, end = token.idx, token.idx + len(token.text)
        # A run goes on over the article's spacing, not over words the entry puts between ("signed [a
        # settlement] four years ago" shows two pieces).
        if pieces and i not in added and not text_of(doc)[pieces[-1].end : start].strip():
            pieces[-1] = Span(start=pieces[-1].start, end=end)
        else:
            pieces.append(Span(start=start, end=end))
    text = " ".join("".join(out).split())
    for mark in (" ,", " .", " …  …"):
        text = text.replace(mark, mark.strip()[:1] if mark != " …  …" else " …")
    # The first letter capitalized, also within brackets or a quotation: "[A declassified report] …".
    at = next((n for n, ch in enumerate(text) if ch.isalnum()), 0)
    return (text[:at] + text[at : at + 1].upper() + text[at + 1 :], pieces) if text else None


def whole_quotations(doc: Doc, keep: set[int], quoted: list[tuple[int, int]]) -> set[int]:
    """The words that show by whole sentences, with their marks, each quotation the words ``keep`` show
    part of (``quoted``: the quotations' offsets, in order, none overlapping)."""
    at = sorted(doc[i].idx for i in keep)
    if not at:
        return set()
    added: set[int] = set()
    # The quotations that may hold a word of the entry, by bisection: there may be thousands.
    first = max(0, bisect.bisect_left(quoted, (at[0], -1)) - 1)
    for lo, hi in quoted[first : bisect.bisect_right(quoted, (at[-1], math.inf))]:
        if hi <= at[0] or lo > at[-1]:
            continue
        inside = [i for i in keep if lo <= doc[i].idx < hi]
        words = doc.char_span(lo, hi, alignment_mode="expand")
        if not inside or words is None:
            continue
        sentences = {doc[i].sent.start for i in inside}
        for token in words:
            mark = token.is_punct and token.text in QUOTE_MARKS and token.idx in (lo, hi - 1)
            if mark or token.sent.start in sentences:
                added.add(token.i)
    return added
