"""Alignment: finding an item's words in the source and saying how well they matched.

Small models copy with the wrong quotation marks, collapse whitespace and change case, so matching
goes in steps: exact, then normalized (with a map from normalized back to source offsets, so the span
always points at the source's own characters), then fuzzy with a score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from .analysis.lexicon import QUOTE_MARKS
from .analysis.text import sentences
from .models import Grounding, Span

__all__ = ["Located", "content_words", "locate", "mention_spans", "normalize"]

_FOLD = {
    **dict.fromkeys(QUOTE_MARKS, '"'),
    "‘": "'",
    "’": "'",
    "‛": "'",
    "`": "'",
    "…": "...",
    "–": "-",
    "—": "-",
    "[": "(",
    "]": ")",
}
_FUZZY_THRESHOLD = 0.85


@dataclass(frozen=True)
class Located:
    """Where an item was found, and how."""

    spans: list[Span]
    """Usually one; an item with an ellipsis ("we will ... win") stands in several pieces."""
    grounding: Grounding
    score: float | None = None


def normalize(text: str) -> tuple[str, list[int]]:
    """``text`` with quotation marks, dashes, ellipses and brackets folded ("[Putin]" reads as "(Putin)"),
    whitespace collapsed and case lowered, and for each normalized character the offset of the source
    character it came from."""
    out: list[str] = []
    where: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_space and out:
                out.append(" ")
                where.append(i)
            in_space = True
            continue
        in_space = False
        folded = _FOLD.get(ch, ch)
        for piece in folded:
            lowered = piece.lower()
            out.append(lowered[0] if len(lowered) > 1 else lowered)
            where.append(i)
    return "".join(out), where


def locate(needle: str, text: str, *, start: int = 0, fuzzy: bool = True) -> Located | None:
    """The first place at or after ``start`` where ``needle`` stands in ``text``, or None."""
    if not needle.strip():
        return None
    at = text.find(needle, start)
    if at >= 0:
        return Located([Span(start=at, end=at + len(needle))], Grounding.EXACT)
    hay, where = normalize(text[start:])
    pin = normalize(needle)[0].strip()
    at = hay.find(pin)
    if at >= 0:
        return Located(
            [Span(start=start + where[at], end=start + where[at + len(pin) - 1] + 1)], Grounding.NORMALIZED
        )
    # An ellipsis marks words left out: the pieces around it must stand in the source in order.
    pieces = [p.strip() for p in pin.split("...") if p.strip()] if "..." in pin else []
    spans: list[Span] = []
    at = 0
    for piece in pieces:
        at = hay.find(piece, at)
        if at < 0:
            break
        spans.append(Span(start=start + where[at], end=start + where[at + len(piece) - 1] + 1))
        at += len(piece)
    else:
        if spans:
            return Located(spans, Grounding.NORMALIZED)
    if not fuzzy:
        return None
    best: tuple[float, Span] | None = None
    for sentence in sentences(text, start):
        ratio = _partial_ratio(pin, normalize(text[sentence.start : sentence.end])[0])
        if best is None or ratio > best[0]:
            best = (ratio, sentence)
    if best is not None and best[0] >= _FUZZY_THRESHOLD:
        return Located([best[1]], Grounding.FUZZY, round(best[0], 3))
    return None


def mention_spans(names: list[str], text: str, *, start: int = 0) -> list[Span]:
    """Every whole-word occurrence of any of ``names`` after ``start``, longest names first, no overlaps."""
    taken: list[Span] = []
    for name in sorted({n for n in names if n.strip()}, key=len, reverse=True):
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        for match in pattern.finditer(text, start):
            span = Span(start=match.start(), end=match.end())
            if not any(span.start < t.end and t.start < span.end for t in taken):
                taken.append(span)
    return sorted(taken, key=lambda s: s.start)


def _partial_ratio(needle: str, hay: str) -> float:
    # The needle is usually shorter than the sentence it came from: score the best-aligned window.
    if not needle or not hay:
        return 0.0
    if len(needle) >= len(hay):
        return SequenceMatcher(None, needle, hay, autojunk=False).ratio()
    matcher = SequenceMatcher(None, needle, hay, autojunk=False)
    best = 0.0
    for block in matcher.get_matching_blocks():
        lo = max(0, block.b - block.a)
        window = hay[lo : lo + len(needle)]
        best = max(best, SequenceMatcher(None, needle, window, autojunk=False).ratio())
    return best


_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "for",
        "and",
        "or",
        "by",
        "with",
        "at",
        "from",
        "as",
        "that",
        "this",
        "is",
        "was",
        "were",
        "be",
        "has",
        "have",
        "had",
        "its",
        "it",
        "his",
        "her",
        "their",
        "he",
        "she",
        "they",
        "said",
        "says",
        "will",
        "would",
    ]
)


def content_words(text: str) -> set[str]:
    """The words of ``text`` that carry its content: normalized, without the commonest function words."""
    return {w for w in _WORD.findall(normalize(text)[0]) if w not in _STOP}
