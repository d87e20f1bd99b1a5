"""Quoted passages: the words between each pair of double quotation marks of an article.

The finder is this project's own: it pairs every kind of double quotation mark a news
page mixes, paragraph by paragraph, where spaCy-based finders give up on the first odd mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Span
from .lexicon import QUOTE_MARKS
from .text import paragraphs

__all__ = ["QuotedPassage", "find_quoted_passages"]

# Two apostrophes stand for a double mark in some typed text.
_QUOTE = re.compile(f"''|[{QUOTE_MARKS}]")
_OPENING = "“„«''"
_CLOSING = "”»"


@dataclass(frozen=True)
class QuotedPassage:
    """The words between one pair of quotation marks."""

    text: str
    span: Span
    full: bool
    """A whole utterance (starts with a capital) rather than a fragment woven into a sentence."""


def find_quoted_passages(text: str, start: int = 0) -> list[QuotedPassage]:
    """Every passage between a pair of double quotation marks, paragraph by paragraph, in order."""
    found: list[QuotedPassage] = []
    for para in paragraphs(text, start):
        # Quotation marks inside braces belong to JSON or code pasted into the article, not to speech.
        braces = _braced(text, para)
        marks = [
            m
            for m in _QUOTE.finditer(text, para.start, para.end)
            if not any(lo <= m.start() < hi for lo, hi in braces)
        ]
        for inner in _pairs(text, marks):
            words = text[inner.start : inner.end]
            if not words.strip():
                continue
            found.append(QuotedPassage(text=words, span=inner, full=words.lstrip("( \n")[:1].isupper()))
    return found


def _pairs(text: str, marks: list[re.Match[str]]) -> list[Span]:
    """The words between paired marks. Curly marks say which way they face, so one odd mark (an opening
    mark never closed, a closing one never opened) spoils no other pair; straight marks alternate. A
    mark left open at the paragraph's end (a quotation running on into the next one) pairs with none."""
    pairs: list[Span] = []
    opened: int | None = None
    for mark in marks:
        kind, before = mark.group(0), text[mark.start() - 1] if mark.start() else " "
        after = text[mark.end()] if mark.end() < len(text) else " "
        if opened is None:
            if kind in _CLOSING and not before.isspace():
                continue  # closes nothing
            opened = mark.end()
        elif kind in _OPENING and (before.isspace() or after.isalnum()):
            opened = mark.end()  # the one before never closed: the quotation starts again here
        else:
            pairs.append(Span(start=opened, end=mark.start()))
            opened = None
    return pairs


def _braced(text: str, para: Span) -> list[tuple[int, int]]:
    regions, depth, opened = [], 0, 0
    for i in range(para.start, para.end):
        if text[i] == "{":
            opened = i if depth == 0 else opened
            depth += 1
        elif text[i] == "}" and depth:
            depth -= 1
            if depth == 0:
                regions.append((opened, i + 1))
    return regions
