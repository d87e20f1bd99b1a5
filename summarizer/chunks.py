"""Windows over an article too long for the model's context: cut at paragraph ends, overlapping.

Each window is shown to the model whole; the items it reports are kept only where they start in the
window's own part, so that the overlap lends context (a speaker named in the paragraph before a quote)
without reporting anything twice. Offsets stay those of the whole article.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .analysis.text import paragraphs, rough_sentences, trimmed
from .errors import InputError
from .ingest import Source
from .models import Span

__all__ = ["Window", "estimate_tokens", "parts", "windows"]

_OVERLAP = 0.15
"""Share of a window's budget given to the end of the window before it."""
_ROOM_FOR_PASSES = 1400
"""Tokens of the context kept for the passes' instructions and answers."""
_MOST_PARTS = 40
"""A 20,000-word article is about 10 parts of the embedded model's context; 40 is beyond any news."""


def estimate_tokens(text: str) -> int:
    """Tokens in ``text`` when no tokenizer is at hand: four UTF-8 bytes a token, about right for English
    news on current tokenizers and on the safe side for other scripts."""
    return len(text.encode("utf-8")) // 4 + 1


@dataclass(frozen=True)
class Window:
    """A part of the article shown to the model (``shown``) and the part it reports on (``own``)."""

    shown: Span
    own: Span

    def owns(self, offset: int) -> bool:
        """Whether an item starting at ``offset`` is this window's to report."""
        return self.own.start <= offset < self.own.end


def parts(
    source: Source, context: int | None, count: Callable[[str], int], max_bytes: int | None = None
) -> list[Window]:
    """The parts ``source`` is read in, in a model context of ``context`` tokens (None: no limit) as
    ``count`` counts them: one, unless it overflows the context. An article of more than 40 parts, or
    one that alone is over ``max_bytes`` when it is read whole (a server's request limit), is an
    InputError, before any work is spent on it."""
    text, start = source.text, source.body_start
    if context is None:
        size = len(text[start:].encode("utf-8"))
        if max_bytes is not None and size > max_bytes:
            raise InputError(
                f"{source.origin}: {_size(size)}, more than one request to the server may carry "
                f"({_size(max_bytes)}): have it read in parts the size of the model's context "
                "(--context-tokens, SUMMARIZER_CONTEXT_TOKENS), shorten it, or raise the limit "
                "(SUMMARIZER_MAX_REQUEST_BYTES, max_request_bytes=)"
            )
        return [Window(shown=Span(start=start, end=len(text)), own=Span(start=start, end=len(text)))]
    budget = context - _ROOM_FOR_PASSES
    estimate = estimate_tokens(text[start:])
    if estimate > budget * _MOST_PARTS:
        raise InputError(
            f"{source.origin}: about {estimate:,} tokens, more than {_MOST_PARTS} parts of the model's "
            f"{context:,}-token context (hours on the embedded model); split it, or use a server with a "
            "larger context (--base-url, --context-tokens)"
        )
    # The estimate is within a quarter for news text; only a close call is worth the real tokenizer
    # (which loads the embedded model).
    close = estimate > budget * 3 // 4
    return windows(text, start, budget, count if close else estimate_tokens)


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.1f} kB"


def windows(text: str, start: int, budget: int, count: Callable[[str], int]) -> list[Window]:
    """Windows over ``text[start:]`` of at most ``budget`` tokens each by ``count`` (one window when the
    article fits). A paragraph too long for a window is cut at sentence ends, and a sentence where it
    must be."""
    body = Span(start=start, end=len(text))
    if count(text[start:]) <= budget:
        return [Window(shown=body, own=body)]
    overlap = int(budget * _OVERLAP)
    capacity = budget - overlap
    pieces = [(p, count(text[p.start : p.end])) for p in _pieces(text, start, capacity, count)]
    parts: list[list[tuple[Span, int]]] = [[]]
    for piece in pieces:
        if parts[-1] and sum(n for _, n in parts[-1]) + piece[1] > capacity:
            parts.append([])
        parts[-1].append(piece)
    found: list[Window] = []
    for n, part in enumerate(parts):
        own = Span(start=part[0][0].start, end=parts[n + 1][0][0].start if n + 1 < len(parts) else body.end)
        shown_start = own.start
        if n > 0:
            # Whole pieces from the end of the part before, as many as the overlap allows.
            room = overlap
            for earlier, tokens in reversed(parts[n - 1]):
                if tokens > room:
                    break
                room -= tokens
                shown_start = earlier.start
        found.append(Window(shown=Span(start=shown_start, end=part[-1][0].end), own=own))
    return found


def _pieces(text: str, start: int, budget: int, count: Callable[[str], int]) -> list[Span]:
    """Paragraphs, or the sentences of a paragraph over the budget, or slices of a sentence over it."""
    out: list[Span] = []
    for blank_edged in paragraphs(text, start):
        para = trimmed(text, blank_edged.start, blank_edged.end)
        if para.start == para.end:
            continue
        if count(text[para.start : para.end]) <= budget:
            out.append(para)
            continue
        for sentence in rough_sentences(text[: para.end], para.start):
            tokens = count(text[sentence.start : sentence.end])
            if tokens <= budget:
                out.append(sentence)
                continue
            # A sentence no window holds (a table, a list run together): slices of it, cut between words.
            step = max(1, (sentence.end - sentence.start) * budget * 9 // (tokens * 10))
            at = sentence.start
            while at < sentence.end:
                cut = min(at + step, sentence.end)
                while cut < sentence.end and not text[cut].isspace():
                    cut += 1
                # The step is an average: give back words while the slice is still over the budget.
                while count(text[at:cut]) > budget and (back := text.rfind(" ", at, cut - 1)) > at:
                    cut = back
                out.append(trimmed(text, at, cut))
                at = cut
    return out
