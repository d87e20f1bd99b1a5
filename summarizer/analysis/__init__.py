"""The analysis stage: everything code and the trained pipeline find in an article, computed once.

One :class:`Analysis` per article, read by every later stage: sentences, named entities grouped into
actors with the roles the article states, quoted passages with the speaker the parse gives, time
expressions resolved against the dateline, and the sentences that may state consequences. Nothing
later re-tokenizes or re-parses; the model is asked only what this leaves open.

:func:`skim` is the part of it that needs no trained pipeline, for showing something while spaCy is
imported and the article parsed (seconds): the quoted passages and the resolved time expressions.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..models import ActorKind, Span, When
from ..timeline import find_dates
from .consequences import Candidate, find_candidates
from .entities import Entity, find_entities
from .indexed import Entities
from .layout import dateline, non_prose, set_aside
from .quotations import QuotedPassage, find_quoted_passages
from .speakers import Attribution, Speakers, attribute
from .tense import compared, dates_nothing, tense_at, unstated
from .text import content_words, covered, rough_sentences, trimmed

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..ingest import Source
    from .claims import Claim
    from .entries import Entry

__all__ = [
    "Analysis",
    "Candidate",
    "Dated",
    "Entity",
    "Passage",
    "analyze",
    "skim",
]


@dataclass(frozen=True)
class Passage:
    """A quoted passage and what the parse says of who spoke it."""

    quoted: QuotedPassage
    said: Attribution


@dataclass(frozen=True)
class Dated:
    """A time expression with the sentence it stands in and what happened then, in the article's words:
    in "Biden said Russia would face consequences for meddling in last year's election after a report
    found earlier this week that …", "last year" dates what Biden said Russia would face consequences
    for, "earlier this week" the finding."""

    when: When
    sentence: Span
    entry: Entry | None
    """The clause the time dates, made to read alone (entries.py); None in a skim, and where the parse
    gives the time no clause."""


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
    """False for a :func:`skim`: rough sentences, no entities, speakers, candidates, entries or claims."""
    doc: Doc | None = field(default=None, compare=False, repr=False)
    """The parse, for reading the article's words again (their lemmas); None for a skim."""
    claims: list[Claim] = field(default_factory=list)
    """What each clause asserts (claims.py): what the model's own sentences are checked against."""
    gists: list[Entry | None] = field(default_factory=list)
    """Each sentence's main clause made to read alone, in order: shown where the model's sentence that
    rests on it fails its check."""

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence holding ``offset``."""
        return _holding(self.sentences, self._starts, offset)

    def speaks(self, entity: Entity) -> bool:
        """Whether the parse gives ``entity`` words of the article (a quoted passage)."""
        return id(entity) in self._speakers

    @cached_property
    def _starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def _ends(self) -> list[int]:
        return [s.end for s in self.sentences]

    @cached_property
    def _mentions(self) -> tuple[list[int], list[tuple[int, int]]]:
        """Every mention's start and entity, in order, and their starts."""
        mentions = sorted(
            (span.start, n) for n, entity in enumerate(self.entities) for span in entity.mentions
        )
        return [start for start, _ in mentions], mentions

    @cached_property
    def _quoted(self) -> Callable[[int], bool]:
        return covered(p.quoted.span for p in self.passages)

    @cached_property
    def _speakers(self) -> set[int]:
        return {id(p.said.speaker) for p in self.passages if p.said.speaker is not None}

    def names_near(self, index: int, most: int = 3) -> list[Entity]:
        """The people and bodies named nearest before passage ``index``, in its sentence and the one
        before (people first at equal distance), then the previous passage's speaker: who may have
        said it, where the parse cannot tell. Names inside quotation marks are no candidates."""
        passage = self.passages[index].quoted.span
        sentence = self.sentence_at(passage.start) or passage
        # By bisection over the sentences and mentions: a scan of them all for each passage is quadratic
        # in a long article.
        earlier = bisect.bisect_right(self._ends, sentence.start)
        lo = self.sentences[earlier - 1].start if earlier else sentence.start
        starts, mentions = self._mentions
        near = sorted(
            (abs(start - passage.start), self.entities[n].kind is not ActorKind.PERSON, n)
            for start, n in mentions[
                bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, sentence.end)
            ]
            if not self._quoted(start)
        )
        found = [self.entities[n] for _, _, n in near]
        previous = self.passages[index - 1].said.speaker if index else None
        if previous is not None:
            found.append(previous)
        return list({id(e): e for e in found}.values())[:most]

    def sentences_in(self, part: Span) -> list[Span]:
        """The sentences that start inside ``part``."""
        return [s for s in self.sentences if part.start <= s.start < part.end]

    def words_in(self, part: Span) -> set[str]:
        """The content words (lemmas) of the article's words at ``part``, read off the parse."""
        tokens = self.doc.char_span(part.start, part.end, alignment_mode="expand") if self.doc else None
        return content_words(tokens if tokens is not None else self.text[part.start : part.end])


def analyze(source: Source) -> Analysis:
    """The analysis of one article."""
    # Imported here, not with this module: a skim needs none of them.
    from .claims import claims_in
    from .entries import entry_at, gist
    from .named import Named
    from .nlp import parse

    text, start = source.text, source.body_start
    # Blanking the lines before the body keeps every offset an offset into the whole text.
    # So does blanking the dateline ("OSLO (Reuters) —"), which the parser would read as a subject.
    opening = dateline(text, start) or Span(start=start, end=start)
    blank = re.sub(r"\S", " ", text[opening.start : opening.end])
    doc = parse(re.sub(r"\S", " ", text[:start]) + text[start : opening.start] + blank + text[opening.end :])

    # Headlines, bylines, captions, footers: no actor, quote, consequence or event comes from them.
    parts = [*source.markers(), *non_prose(doc, start), *([opening] if opening.end > opening.start else [])]
    outside = sorted(parts, key=lambda s: s.start)
    aside = covered(outside)
    set_aside(doc, outside)
    sentences = [
        span
        for s in doc.sents
        if s.end_char > start
        and (span := trimmed(text, max(s.start_char, start), s.end_char)).end > span.start
        and not aside(span.start)
    ]
    entities = Entities(find_entities(doc, start, outside, text[opening.start : opening.end]))
    quoted = [q for q in find_quoted_passages(text, start) if not aside(q.span.start)]
    said = attribute(doc, [q.span for q in quoted], entities)
    quote_spans = [(q.span.start - 1, q.span.end + 1) for q in quoted]
    speakers = Speakers(quote_spans, {span: a.speaker for span, a in zip(quote_spans, said, strict=True)})
    times = _times(source, sentences, aside, doc, tuple(q.span for q in quoted))
    near = _times_near(doc, [when.span for when, _, _ in times if when.span is not None])
    dated = [
        Dated(
            when,
            sentence,
            entry_at(doc, when.span, entities, speakers, near(when.span)) if when.span else None,
        )
        for when, _, sentence in times
    ]
    candidates = find_candidates(
        doc, sentences, outside, entities, [(q.span, a) for q, a in zip(quoted, said, strict=True)]
    )
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
        claims=claims_in(doc, sentences, Named(entities), _pronouns(doc, entities, speakers), quote_spans),
        gists=[gist(doc, s, entities, speakers) for s in sentences],
    )


def _times_near(doc: Doc, spans: list[Span]) -> Callable[[Span], list[Span]]:
    """The times of ``spans`` in the sentences a time stands in, in order: only those can date a verb
    governing its clause (entries.py), and giving each time every other one is quadratic in a long
    article."""
    starts = [s.start for s in doc.sents]

    def sentences(span: Span) -> range:
        words = doc.char_span(span.start, span.end, alignment_mode="expand")
        if words is None:
            return range(0)
        return range(bisect.bisect_right(starts, words[0].i) - 1, bisect.bisect_right(starts, words[-1].i))

    by_sentence: dict[int, list[int]] = {}
    for n, span in enumerate(spans):
        for sentence in sentences(span):
            by_sentence.setdefault(sentence, []).append(n)
    return lambda span: [
        spans[n] for n in sorted({n for s in sentences(span) for n in by_sentence.get(s, [])})
    ]


def _pronouns(doc: Doc, entities: Entities, speakers: Speakers) -> dict[int, set[str]]:
    """The actor each pronoun subject stands for, where the parse can tell: "I" and "we" in a quotation
    its speaker, "he", "she", "it" and "they" their antecedent (subjects.py)."""
    from .named import ambiguous, key
    from .subjects import antecedent

    found = {}
    for token in doc:
        if token.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if token.lower_ in ("i", "we"):
            speaker = next((e for (lo, hi), e in speakers.of.items() if lo < token.idx < hi), None)
            if speaker is not None:
                found[token.i] = {key(speaker)}
        elif token.lower_ in ("he", "she", "it", "they") and not ambiguous(token):
            referent = antecedent(token, entities, speakers.spans)
            found.update({token.i: {key(referent)}} if isinstance(referent, Entity) else {})
    return found


def skim(source: Source) -> Analysis:
    """What the text shows before the parse: the quoted passages, none with a speaker (nor yet told
    from terms set in quotation marks), and each time expression with its sentence."""
    text, start = source.text, source.body_start
    rough = rough_sentences(text, start)
    markers = covered(source.markers())
    unknown = Attribution(None, None, term=False)
    return Analysis(
        text=text,
        start=start,
        sentences=rough,
        entities=[],
        passages=[
            Passage(q, unknown) for q in find_quoted_passages(text, start) if not markers(q.span.start)
        ],
        dated=[Dated(when, s, None) for when, _, s in _times(source, rough, markers)],
        candidates=[],
        parsed=False,
    )


def _times(
    source: Source,
    sentences: list[Span],
    aside: Callable[[int], bool],
    doc: Doc | None = None,
    quoted: tuple[Span, ...] = (),
) -> list[tuple[When, int, Span]]:
    """The time expressions of the article's body outside the parts that are not its prose (``aside``
    says whether an offset is in one), each with where it starts and its sentence; the same words twice
    in one sentence are one time. With the parse (``doc``), a weekday or month alone points the way of
    its clause's tense, and words counting from a moment of speaking inside a quotation (``quoted``)
    that do not date what happened, dating a clause that states no event ("declined to say whether
    …"), or the base of a comparison ("more than in all of 2023"), are left out."""
    tenses = (lambda at: tense_at(doc, at)) if doc is not None else None
    marks = [(q.start - 1, q.end + 1) for q in quoted]
    starts = [s.start for s in sentences]
    found: dict[tuple[Span, str], tuple[When, int, Span]] = {}
    for when in find_dates(source.text, source.dateline, tenses):
        at = when.span.start if when.span is not None else -1
        if at < source.body_start or aside(at):
            continue
        if doc is not None and (
            dates_nothing(doc, at, when.text, marks) or unstated(doc, at) or compared(doc, at)
        ):
            continue
        sentence = _holding(sentences, starts, at)
        if sentence is not None:
            found.setdefault((sentence, when.text), (when, at, sentence))
    return list(found.values())


def _holding(sentences: list[Span], starts: list[int], offset: int) -> Span | None:
    """The sentence of ``sentences`` (in order, none overlapping; ``starts``, their starts) that holds
    ``offset``: found by bisection, for a scan per date or quotation is quadratic in a long article."""
    n = bisect.bisect_right(starts, offset) - 1
    return sentences[n] if n >= 0 and offset < sentences[n].end else None
