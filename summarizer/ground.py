"""Text compared as a reader compares it: quotation marks, dashes, case and spacing folded (with a map
back to the source's offsets), the words that carry content, and every mention of a name."""

from __future__ import annotations

import re

from .analysis.lexicon import QUOTE_MARKS
from .models import Span

__all__ = ["content_words", "mention_spans", "normalize"]

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
