"""The analysis stage: everything code and the trained pipeline find in an article, computed once.

One :class:`Analysis` per article, read by every later stage: sentences, named entities grouped into
actors with the roles the article states, quoted passages with the speaker the parse gives, time
expressions resolved against the dateline, and the sentences that may state consequences. Nothing
later re-tokenizes or re-parses; the model is asked only what this leaves open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import Span, When
from ..timeline import find_dates
from .consequences import Candidate, find_candidates
from .entities import Entity, find_entities
from .speakers import Attribution, attribute, clause_at, has_subject, subject_before
from .text import QuotedPassage, find_quoted_passages, trimmed

if TYPE_CHECKING:
    from ..ingest import Source

__all__ = ["Analysis", "Candidate", "Dated", "Entity", "Passage", "analyze"]


@dataclass(frozen=True)
class Passage:
    """A quoted passage and what the parse says of who spoke it."""

    quoted: QuotedPassage
    said: Attribution


@dataclass(frozen=True)
class Dated:
    """A time expression with the sentence it stands in and the clause it dates: in "Biden said Russia
    would face consequences for meddling in last year's election after a report found earlier this
    week that …", "last year" dates the meddling and "earlier this week" the finding."""

    when: When
    sentence: Span
    clause: Span
    standalone: bool
    """The clause reads as a sentence of its own: its verb's subject is in it ("SIA will begin service
    on October 28", not "will begin service on October 28" or "to help Donald Trump in last November's
    election")."""
    subject: Span | None
    """The subject of the clause's verb where it stands before the clause ("SIA" for "will begin
    service on October 28" in "SIA took delivery … and will begin service on October 28")."""


@dataclass(frozen=True)
class Analysis:
    """What an article holds, found by code: offsets are into the whole text."""

    text: str
    start: int
    sentences: list[Span]
    entities: list[Entity]
    passages: list[Passage]
    dated: list[Dated]
    candidates: list[Candidate]

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence holding ``offset``."""
        return next((s for s in self.sentences if s.start <= offset < s.end), None)

    def sentences_in(self, part: Span) -> list[Span]:
        """The sentences that start inside ``part``."""
        return [s for s in self.sentences if part.start <= s.start < part.end]


def analyze(source: Source) -> Analysis:
    """The analysis of one article."""
    from .nlp import parse

    text, start = source.text, source.body_start
    markers = source.markers()
    # Blanking the lines before the body keeps every offset an offset into the whole text.
    doc = parse(re.sub(r"\S", " ", text[:start]) + text[start:])
    sentences = [
        span
        for s in doc.sents
        if s.end_char > start
        and (span := trimmed(text, max(s.start_char, start), s.end_char)).end > span.start
    ]
    entities = find_entities(doc, start)
    quoted = find_quoted_passages(text, start)
    said = attribute(doc, [q.span for q in quoted], entities)
    dated: dict[tuple[Span, str], Dated] = {}
    for when in find_dates(text, source.dateline):
        at = when.span.start if when.span is not None else -1
        if at < start or any(m.start <= at < m.end for m in markers):
            continue
        sentence = next((s for s in sentences if s.start <= at < s.end), None)
        if sentence is not None:
            # The same words twice in one sentence are one time.
            clause = clause_at(doc, at, sentence) or sentence
            dated.setdefault(
                (sentence, when.text),
                Dated(when, sentence, clause, has_subject(doc, clause), subject_before(doc, clause)),
            )
    quote_spans = [(q.span.start - 1, q.span.end + 1) for q in quoted]
    candidates = find_candidates(doc, sentences, markers, entities, quote_spans, said)
    return Analysis(
        text=text,
        start=start,
        sentences=sentences,
        entities=entities,
        passages=[Passage(q, a) for q, a in zip(quoted, said, strict=True)],
        dated=list(dated.values()),
        candidates=candidates,
    )
