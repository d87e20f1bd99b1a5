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
from .certainty import Reading, governors, read, refuses, says, verb_of
from .claimants import Claimant, claimant_of
from .clauses import clause_at
from .indexed import Entities
from .lexicon import (
    CAPACITY_VERBS,
    CONDITIONS,
    CONSEQUENCE_CUES,
    COURTESIES,
    FEELINGS,
    GOVERNING,
    MODALS,
    RESULT_CUES,
    SPEECH_VERBS,
    WISH_VERBS,
)
from .nlp import text_of
from .speakers import Attribution
from .text import covered

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Candidate", "find_candidates"]

_CUE = re.compile(CONSEQUENCE_CUES, re.IGNORECASE)
_RESULT = re.compile(RESULT_CUES, re.IGNORECASE)
_GOVERNING_NOUNS = frozenset(w for words in GOVERNING.values() for w in words) | {"consequence"}


@dataclass(frozen=True)
class Candidate:
    """A sentence that may state a consequence: the clause around its cue word, how certain its grammar
    makes it, and who states it."""

    sentence: Span
    clause: Span
    reading: Reading
    claim: Claimant


def find_candidates(
    doc: Doc,
    sentences: list[Span],
    markers: list[Span],
    entities: Entities,
    passages: list[tuple[Span, Attribution]],
) -> list[Candidate]:
    """The candidate of each sentence whose first usable cue starts what follows and states an outcome
    ("declined to predict when …" states none)."""
    quoted = [(span.start - 1, span.end + 1) for span, _ in passages]
    aside = covered(markers)
    found = []
    for sentence in sentences:
        if aside(sentence.start):
            continue
        words = text_of(doc)[sentence.start : sentence.end]
        root = _token(doc, sentence.start)
        if root is not None and refuses(root.sent.root):
            continue  # "Biden did not disclose what price Putin could pay, only saying, “…”"
        verbs: set[int] = set()
        # A result is read only where nothing in the sentence says what will follow.
        cues = [(cue, False) for cue in _CUE.finditer(words)] + [
            (cue, True) for cue in _RESULT.finditer(words)
        ]
        for cue, result in cues:
            if result and verbs:
                break
            at = sentence.start + cue.start()
            token = _scheduled(_token(doc, at))
            if token is None or not _starts_what_follows(token):
                continue
            verb = verb_of(token)
            if verb.i in verbs or _stated_in(verb, verbs, doc):
                continue  # one consequence a clause: a second cue of it, or of a clause inside it
            reading = read(token)
            if reading.certainty is None:
                continue
            verbs.add(verb.i)
            found.append(
                Candidate(
                    sentence=sentence,
                    clause=clause_at(doc, _anchor(token, verb, at), sentence) or sentence,
                    reading=reading,
                    claim=claimant_of(verb, entities, passages, quoted),
                )
            )
    return found


def _anchor(cue: Token, verb: Token, at: int) -> int:
    """Where the clause a cue starts is read from: the outcome's verb for a word of a condition ("if",
    "unless"), so that a conditional consequence is the outcome with its condition, not the condition
    alone; the cue itself otherwise."""
    above = cue.head
    while above.i != above.head.i and above.i != verb.i and above.dep_ != "advcl":
        above = above.head
    if above.dep_ != "advcl" or above.head.i != verb.i:
        return at
    first = next(above.subtree)
    marks = {c.lower_ for c in above.children if c.dep_ == "mark"}
    return verb.idx if marks & CONDITIONS or first.lower_ in ("as", "should", "were", "had") else at


def _scheduled(token: Token | None) -> Token | None:
    """The verb a "due to" schedules ("is due to open in May", "with the first customer due to receive its
    jet"), read as "set to" is; "due" itself otherwise ("delays due to the weather" give a cause)."""
    if token is None or token.lower_ != "due":
        return token
    return next((c for c in token.children if c.dep_ == "xcomp"), token)


def _stated_in(verb: Token, verbs: set[int], doc: Doc) -> bool:
    """Whether ``verb``'s clause is part of a clause already found, or holds one ("expects that prices
    will rise": one consequence, not two). A verb joined to another with a subject of its own is a clause
    of its own ("said the firm expected to sign in March and that the plant could employ 900")."""
    clauses, above = governors(verb)
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        clauses = clauses[:1]
    related = {t.i for t in clauses} | {g.i for g, _ in above}
    return bool(related & verbs) or any(verb.i in {g.i for g, _ in governors(doc[i])[1]} for i in verbs)


def _token(doc: Doc, offset: int) -> Token | None:
    words = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return words[0] if words is not None else None


def _starts_what_follows(token: Token | None) -> bool:
    if token is None:
        return False
    if token.lower_ in MODALS and token.pos_ not in ("AUX", "VERB"):
        return False  # "by May 2", "the will of the voters": a month or a noun, no modal
    if token.lower_ == "due":
        return False  # "delays due to the weather": a cause
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
    if lemma == "cite" and says(verb.head):
        return False  # "Citing people familiar with the talks, the paper reported …": whose word it is
    if ("mark", "whether") in children:
        return False  # "did not say whether Putin planned to respond": an open question
    if ("mark", "as") in children and not deps & {"nsubj", "nsubjpass"}:
        return False  # "will sail as planned", "rose, as expected": a comparison with what was awaited
    if verb.dep_ == "amod":
        return False  # "the originally planned tour": a participle describing a noun
    if verb.dep_ == "relcl" and not _aside(verb):
        return False  # "the amount of fuel the plane could carry" describes the fuel
    return not (
        _background(verb) or _describes(verb) or _feels(verb) or _looked_back(verb) or _bare_noun(token)
    )


def _aside(verb: Token) -> bool:
    """Whether a relative clause set off by a comma says what is expected or planned of its noun ("the
    update, which is expected in late May"): an outcome, where a clause that picks the noun out ("the
    fuel the plane could carry") describes it."""
    first = next(verb.subtree)
    return first.i > 0 and verb.doc[first.i - 1].text == "," and verb.lemma_.lower() in _GOVERNING_NOUNS


def _background(verb: Token) -> bool:
    """A past perfect, here or in a verb above ("EADS had previously announced plans to …", "had the
    sale gone through"): what came before the news, or what might have been."""
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head  # "had previously announced plans to …": the verb a noun cue is the object of
    _, above = governors(verb)
    for node in [verb, *(g for g, _ in above)]:
        if node.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in node.children):
            return True
    return False


def _describes(verb: Token) -> bool:
    """A future that describes a thing, not what follows: its size ("will seat 200 people", "will carry
    150 tons") or its rank ("will be the largest airliner", "will be 20% more fuel efficient")."""
    if verb.lemma_.lower() in CAPACITY_VERBS:
        return any(
            t.like_num for c in verb.children if c.dep_ in ("dobj", "npadvmod", "prep") for t in c.subtree
        )
    if verb.lemma_.lower() != "be":
        return False
    complement = [t for c in verb.children if c.dep_ in ("attr", "acomp") for t in c.subtree]
    return any(t.tag_ in ("JJS", "JJR", "RBR", "RBS") or t.lower_ in ("first", "only") for t in complement)


def _feels(verb: Token) -> bool:
    """Thanks, whoever gives them ("AirTran would like to thank our teams"), and the speakers' own
    feelings ("I will miss him")."""
    words = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
    if any(w.lemma_.lower() in COURTESIES for w in words):
        return True
    first_person = any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in verb.children)
    return first_person and any(w.lemma_.lower() in FEELINGS for w in words)


def _looked_back(verb: Token) -> bool:
    """An expectation or plan in the past with only a thing for object ("Wall Street expected just 77
    cents"): what was awaited before the news, not what follows it."""
    if verb.tag_ != "VBD" or verb.lemma_.lower() not in _GOVERNING_NOUNS:
        return False
    objects = [c.dep_ for c in verb.children if c.dep_ in ("dobj", "xcomp", "ccomp")]
    return objects == ["dobj"]


def _bare_noun(token: Token) -> bool:
    """A cue noun with nothing it governs ("exceeding expectations", "discussed this possibility"): no
    outcome named."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in _GOVERNING_NOUNS:
        return False
    return not any(c.dep_ in ("prep", "acl", "ccomp", "relcl", "xcomp") for c in token.children)
