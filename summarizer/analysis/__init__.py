"""The analysis stage: everything code and the trained pipeline find in an article, computed once.

One :class:`Analysis` per article, read by every later stage: sentences, named entities grouped into
actors with the roles the article states, quoted passages with the speaker the parse gives, time
expressions resolved against the dateline, and the sentences that may state consequences. Nothing
later re-tokenizes or re-parses; the model is asked only what this leaves open.

:func:`skim` is the part of it that needs no trained pipeline, for showing something while spaCy is
imported and the article parsed (seconds): the quoted passages and the resolved time expressions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..models import Span, When
from ..timeline import find_dates
from .clauses import clause_at, has_subject, subject_before
from .consequences import Candidate, find_candidates
from .entities import Entity, find_entities
from .quotations import QuotedPassage, find_quoted_passages
from .speakers import Attribution, attribute
from .text import rough_sentences, trimmed

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..ingest import Source

__all__ = [
    "Analysis",
    "Candidate",
    "Dated",
    "Entity",
    "Passage",
    "analyze",
    "dated_in",
    "shown_as_is",
    "skim",
]

_MOST_EVENTS = 16
_MOST_CLAUSE_WORDS = 20


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
    parsed: bool
    """False for a :func:`skim`: rough sentences, no entities, speakers or candidates, each time's clause
    its sentence."""
    doc: Doc | None = field(default=None, compare=False, repr=False)
    """The parse, for reading the article's words again (their lemmas); None for a skim."""

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
    dated = []
    for when, at, sentence in _times(source, sentences):
        clause = clause_at(doc, at, sentence) or sentence
        dated.append(Dated(when, sentence, clause, has_subject(doc, clause), subject_before(doc, clause)))
    quote_spans = [(q.span.start - 1, q.span.end + 1) for q in quoted]
    candidates = find_candidates(doc, sentences, markers, entities, quote_spans, said)
    return Analysis(
        text=text,
        start=start,
        sentences=sentences,
        entities=entities,
        passages=[Passage(q, a) for q, a in zip(quoted, said, strict=True)],
        dated=dated,
        candidates=candidates,
        parsed=True,
        doc=doc,
    )


def skim(source: Source) -> Analysis:
    """What the text shows before the parse: the quoted passages, none with a speaker (nor yet told
    from terms set in quotation marks), and each time expression with its sentence for its clause."""
    text, start = source.text, source.body_start
    rough = rough_sentences(text, start)
    unknown = Attribution(None, None, term=False)
    return Analysis(
        text=text,
        start=start,
        sentences=rough,
        entities=[],
        passages=[Passage(q, unknown) for q in find_quoted_passages(text, start)],
        dated=[Dated(when, s, s, standalone=False, subject=None) for when, _, s in _times(source, rough)],
        candidates=[],
        parsed=False,
    )


def shown_as_is(dated: Dated, text: str) -> bool:
    """Whether the clause a time dates is shown as what happened, in the article's words: when it reads
    as a sentence of its own (its verb's subject in it) and is short; the model sums up the others."""
    return dated.standalone and len(text[dated.clause.start : dated.clause.end].split()) <= _MOST_CLAUSE_WORDS


def dated_in(analysis: Analysis, owns: Callable[[int], bool]) -> list[Dated]:
    """The time expressions a part of the article owns, in article order, at most as many as the events
    pass asks about."""
    return [d for d in analysis.dated if owns(d.sentence.start)][:_MOST_EVENTS]


def _times(source: Source, sentences: list[Span]) -> list[tuple[When, int, Span]]:
    """The time expressions of the article's body outside its markers, each with where it starts and its
    sentence; the same words twice in one sentence are one time."""
    markers = source.markers()
    found: dict[tuple[Span, str], tuple[When, int, Span]] = {}
    for when in find_dates(source.text, source.dateline):
        at = when.span.start if when.span is not None else -1
        if at < source.body_start or any(m.start <= at < m.end for m in markers):
            continue
        sentence = next((s for s in sentences if s.start <= at < s.end), None)
        if sentence is not None:
            found.setdefault((sentence, when.text), (when, at, sentence))
    return list(found.values())
