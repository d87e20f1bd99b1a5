"""Sentences that may state a consequence: a cue word (will, unless, warned, as a result, …) that
starts what follows, not one that describes a noun or a past that did not happen.

The cues are many and plain. A cue is passed over when it only reports the speaker's own speech ("I
will only say …"), when it sits in a clause describing a noun ("the amount of fuel the plane could
carry", "errors that could have affected the outcome"), when it says what might have been ("could have
gotten to market earlier"), when it is an open question ("whether Putin planned to respond"), a wish
denied ("does not want to improve relations"), or speakers describing themselves ("I won't be wordy").

A 1.5B model asked to choose among these sentences chose them all (on two MEANTIME articles, 22 of
22), so the candidates are the brief's consequences: code's choice, with the clause as evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import Span
from .clauses import clause_at
from .entities import Entity
from .lexicon import CONSEQUENCE_CUES, SPEECH_VERBS, WISH_VERBS
from .speakers import Attribution, speaker_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Candidate", "find_candidates"]

_CUE = re.compile(CONSEQUENCE_CUES, re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """A sentence that may state a consequence: the clause around its cue word, and who says it."""

    sentence: Span
    clause: Span
    claimed_by: Entity | None


def find_candidates(
    doc: Doc,
    sentences: list[Span],
    markers: list[Span],
    entities: list[Entity],
    quoted: list[tuple[int, int]],
    said: list[Attribution],
) -> list[Candidate]:
    """The candidate of each sentence whose first usable cue starts what follows."""
    found = []
    for sentence in sentences:
        if any(m.start <= sentence.start < m.end for m in markers):
            continue
        words = doc.text[sentence.start : sentence.end]
        starts = (sentence.start + cue.start() for cue in _CUE.finditer(words))
        at = next((s for s in starts if _starts_what_follows(_token(doc, s))), None)
        if at is None:
            continue
        found.append(
            Candidate(
                sentence=sentence,
                clause=clause_at(doc, at, sentence) or sentence,
                claimed_by=speaker_of(doc, sentence, entities, quoted, said),
            )
        )
    return found


def _token(doc: Doc, offset: int) -> Token | None:
    words = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return words[0] if words is not None else None


def _starts_what_follows(token: Token | None) -> bool:
    if token is None:
        return False
    modal = token.dep_ in ("aux", "auxpass")
    verb = token.head if modal else token
    lemma = verb.lemma_.lower()
    children = {(c.dep_, c.lower_) for c in verb.children}
    deps = {dep for dep, _ in children}
    if modal and lemma in SPEECH_VERBS and "xcomp" not in deps:
        return False  # "I will only say …" reports speech; "will continue to serve" goes on doing
    if modal and ("aux", "have") in children:
        return False  # "could have gotten to market earlier": what might have been
    if lemma == "be" and "acomp" in deps and children & {("nsubj", "i"), ("nsubj", "we")}:
        return False  # "I won't be wordy", "we would be glad to": the speakers describe themselves
    if lemma in WISH_VERBS and "neg" in deps:
        return False  # "does not want to improve relations": a wish denied, nothing that follows
    if ("mark", "whether") in children:
        return False  # "did not say whether Putin planned to respond": an open question
    return verb.dep_ != "relcl"  # "the amount of fuel the plane could carry" describes the fuel
