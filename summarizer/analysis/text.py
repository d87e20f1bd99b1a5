"""The text toolkit: what every stage needs of words and sentences, one function for each idea.

Before the parse (no trained pipeline: the first preview, the cutting of a long article, the baseline):
paragraphs, rough sentences, trimming. On the parse, for the article's text and the model's alike (the
same spaCy pipeline): sentences, and the words that carry content, as lemmas without spaCy's stop words.
And text compared as a reader compares it: quotation marks, dashes, case and spacing folded (with a map
back to the source's offsets), a name without its titles, every mention of a name.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from ..models import Span
from .lexicon import QUOTE_MARKS, TITLE_QUALIFIERS, TITLES

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = [
    "content_words",
    "covered",
    "mention_spans",
    "normalize",
    "paragraphs",
    "rough_sentences",
    "sentences",
    "sentences_back",
    "stop_words",
    "trimmed",
    "within",
    "without_titles",
]

_PARAGRAPH = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z])|\n+")
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


_TITLE_WORDS = frozenset(w.lower() for w in TITLES | TITLE_QUALIFIERS)


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` (the model's headline or summary), as the pipeline splits the article's:
    "Mr. Lee" or "the U.S. ambassador" end none, and a closing quotation mark stays with its sentence."""
    from .nlp import parse

    return [sentence.text.strip() for sentence in parse(text).sents if sentence.text.strip()]


@cache
def stop_words() -> frozenset[str]:
    """spaCy's English stop words: the words that carry no content of their own ("the", "would", "say")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def content_words(words: str | Iterable[Token]) -> set[str]:
    """The words that carry content: the lemmas, lowercased, of the tokens that are no stop word, no
    punctuation and no space ("recalled" is "recall", "said" goes). Text is parsed first (once: see
    _parsed_content_words); tokens of a parse are read as they are."""
    if isinstance(words, str):
        return set(_parsed_content_words(words))
    return _lemmas(words)


@lru_cache(maxsize=4096)
def _parsed_content_words(text: str) -> frozenset[str]:
    """content_words of a text, remembered: the checks of the model's words ask about the same article
    sentences and actor names at every pass and re-ask (361 parses of 52 texts for the example), and the
    parse of a text is always the same."""
    from .nlp import parse

    return frozenset(_lemmas(parse(text)))


def _lemmas(words: Iterable[Token]) -> set[str]:
    stop = stop_words()
    found = set()
    for token in words:
        lemma = token.lemma_.lower()
        if token.is_punct or token.is_space or token.is_stop or lemma in stop:
            continue
        if any(ch.isalnum() for ch in lemma):
            found.add(lemma)
    return found


def without_titles(name: str) -> str:
    """A name without the titles before it: "President Joe Biden" is "Joe Biden", "former Vice President
    Dick Cheney" "Dick Cheney"."""
    words = name.split()
    while len(words) > 1 and words[0].lower() in _TITLE_WORDS:
        words.pop(0)
    return " ".join(words)


def paragraphs(text: str, start: int = 0) -> list[Span]:
    """Paragraph spans of ``text`` from ``start``, split at blank lines (blank ones included)."""
    spans, pos = [], start
    for match in _PARAGRAPH.finditer(text, start):
        spans.append(Span(start=pos, end=match.start()))
        pos = match.end()
    spans.append(Span(start=pos, end=len(text)))
    return spans


def rough_sentences(text: str, start: int = 0) -> list[Span]:
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


def trimmed(text: str, start: int, end: int) -> Span:
    """The span of ``text[start:end]`` without its leading and trailing whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start=start, end=end)


def within(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether one of ``spans`` (in order, none overlapping) holds ``offset``: by bisection, for a scan of
    them all for each word or name is quadratic in a long article."""
    n = bisect.bisect_right(spans, (offset, math.inf)) - 1
    return n >= 0 and spans[n][0] <= offset < spans[n][1]


def covered(spans: Iterable[Span]) -> Callable[[int], bool]:
    """Whether one of ``spans`` (overlapping or not) holds an offset: by bisection over their starts,
    with the furthest end up to each, for a scan of them all for each word is quadratic in a long
    article."""
    ordered = sorted(spans, key=lambda s: s.start)
    starts = [s.start for s in ordered]
    reach = list(itertools.accumulate((s.end for s in ordered), max))

    def holds(offset: int) -> bool:
        n = bisect.bisect_right(starts, offset)
        return n > 0 and reach[n - 1] > offset

    return holds


def sentences_back(token: Token, n: int) -> SpacySpan:
    """The sentence ``n`` sentences before ``token``'s (the text's first, when there are fewer): where a
    search for what a pronoun stands for starts."""
    doc = token.doc
    first = token.sent
    for _ in range(n):
        if first.start == 0:
            break
        first = doc[first.start - 1].sent
    return first
