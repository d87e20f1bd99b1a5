"""Text helpers that need no trained pipeline: paragraphs, quoted passages, rough sentences, trimming.

The quoted-passage finder is this project's own: it pairs every kind of double quotation mark a news
page mixes, paragraph by paragraph, where spaCy-based finders give up on the first odd mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Span
from .lexicon import QUOTE_MARKS

__all__ = ["QuotedPassage", "find_quoted_passages", "paragraphs", "sentences", "trimmed"]

_QUOTE = re.compile(f"[{QUOTE_MARKS}]")
_PARAGRAPH = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z])|\n+")


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
            m.start()
            for m in _QUOTE.finditer(text, para.start, para.end)
            if not any(lo <= m.start() < hi for lo, hi in braces)
        ]
        # An unpaired mark (a quote running on into the next paragraph) leaves the last one unmatched.
        for open_at, close_at in zip(marks[0::2], marks[1::2], strict=False):
            inner = Span(start=open_at + 1, end=close_at)
            words = text[inner.start : inner.end]
            if not words.strip():
                continue
            found.append(QuotedPassage(text=words, span=inner, full=words.lstrip("(")[:1].isupper()))
    return found


def sentences(text: str, start: int = 0) -> list[Span]:
    """Rough sentence spans of ``text`` from ``start``, split on end punctuation and line breaks: for
    cutting windows and for the baseline, before any parse (the analysis has the parser's sentences)."""
    spans: list[Span] = []
    pos = start
    for match in _SENTENCE_END.finditer(text, start):
        if text[pos : match.start()].strip():
            spans.append(trimmed(text, pos, match.start()))
        pos = match.end()
    if text[pos:].strip():
        spans.append(trimmed(text, pos, len(text)))
    return spans


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


def paragraphs(text: str, start: int = 0) -> list[Span]:
    """Paragraph spans of ``text`` from ``start``, split at blank lines (blank ones included)."""
    spans, pos = [], start
    for match in _PARAGRAPH.finditer(text, start):
        spans.append(Span(start=pos, end=match.start()))
        pos = match.end()
    spans.append(Span(start=pos, end=len(text)))
    return spans


def trimmed(text: str, start: int, end: int) -> Span:
    """The span of ``text[start:end]`` without its leading and trailing whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start=start, end=end)
