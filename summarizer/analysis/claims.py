"""Who states a clause: the writer, or someone the article reports, read off the parse.

A clause inside quotation marks is its speaker's. Otherwise the verbs above it decide: the subject of a
verb of saying, thinking or forecasting that governs it is its claimant ("X said (that) …", "X expects
…", "X warned that …", "X's statement said …"), as is X of "according to X" hung on it; a pronoun is
resolved as for speakers ("he said" → the man meant). A subject the article does not name is shown as
such ("analysts said", "a spokesman said"): not as the article, not as a company named nearby; a
definite one it cannot resolve ("the group said") is unknown. "It is expected that …", with no one
expecting, and a clause no such verb governs are the writer's own words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import ClaimSource, Span
from .entities import Entity
from .lexicon import CLAIM_VERBS, GOVERNING, PRONOUNS, SPEECH_VERBS
from .nlp import lemma
from .referents import entity_named, phrase, pronoun_referent
from .speakers import Attribution, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Claim", "claim_of"]

_CLAIMING = SPEECH_VERBS | CLAIM_VERBS | GOVERNING["expected"] | GOVERNING["threatened"]
_CLAIMING |= GOVERNING["demanded"]
"""Verbs whose subject states, expects, warns of or demands what they govern."""
_CLIMB = (
    *("xcomp", "ccomp", "conj", "advcl", "pcomp", "pobj", "prep", "acl", "oprd", "acomp", "parataxis"),
    *("attr", "dobj", "nsubj", "nsubjpass"),
)
"""Dependencies through which a clause, or a noun that states an outcome ("a possibility of"), hangs
from the verb that reports it."""
_DEFINITE = frozenset(["the", "this", "that", "these", "those"])


@dataclass(frozen=True)
class Claim:
    """Who states a clause."""

    source: ClaimSource
    entity: Entity | None = None
    """The actor, for ``ClaimSource.ACTOR``."""
    words: Span | None = None
    """The article's words for an unnamed source."""
    cue: Span | None = None
    """The words that attribute it: the speech verb, "according to"."""


def claim_of(
    verb: Token,
    entities: list[Entity],
    passages: list[tuple[Span, Attribution]],
    quoted: list[tuple[int, int]],
) -> Claim:
    """Who states the clause of ``verb``; ``passages`` are the quoted passages with their speakers,
    ``quoted`` the spans of their quotation marks."""
    for span, said in passages:
        if span.start <= verb.idx < span.end and not said.term:
            return _quoted(said)
    # The outermost claimant: in "Gallois said the company expects to cut jobs", Gallois states it.
    claim = Claim(ClaimSource.ARTICLE)
    node = verb
    for _ in range(10):
        according = _according_to(node)
        if according is not None:
            claim = _named(according, entities, quoted, _span(according.head.head))
        elif lemma(node) in _CLAIMING and node.pos_ in ("VERB", "AUX"):
            claim = _subject_claims(node, entities, quoted)
        if node.dep_ not in _CLIMB or node.head.i == node.i:
            break
        if node.dep_ == "advcl" and lemma(node.head) not in SPEECH_VERBS:
            break  # "after the plant closed, …": a clause of its own
        node = node.head
    return claim


def _quoted(said: Attribution) -> Claim:
    if said.speaker is not None:
        return Claim(ClaimSource.ACTOR, entity=said.speaker, cue=said.cue)
    if said.unnamed and said.who is not None:
        return Claim(ClaimSource.UNNAMED, words=said.who, cue=said.cue)
    return Claim(ClaimSource.UNKNOWN, cue=said.cue)


def _according_to(node: Token) -> Token | None:
    """X of "according to X" hung on ``node``."""
    for child in node.children:
        if lemma(child) == "accord":
            to = next((c for c in child.children if c.lower_ == "to"), None)
            return next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    return None


def _subject_claims(verb: Token, entities: list[Entity], quoted: list[tuple[int, int]]) -> Claim:
    """The claim of a verb of saying or thinking: its subject's, or the writer's for an impersonal
    passive ("it is expected that …", "is thought likely to")."""
    subject = subject_of(verb, quoted)
    cue = _span(verb)
    if subject is None:
        impersonal = any(c.dep_ in ("nsubjpass", "expl", "csubjpass") for c in verb.children)
        return Claim(ClaimSource.ARTICLE if impersonal else ClaimSource.UNKNOWN, cue=cue)
    return _named(subject, entities, quoted, cue)


def _named(subject: Token, entities: list[Entity], quoted: list[tuple[int, int]], cue: Span) -> Claim:
    """The claim of one named by ``subject``: an actor, an unnamed source, or unknown."""
    if subject.lower_ in PRONOUNS:
        entity = pronoun_referent(subject, entities, quoted, None, None)
        if entity is None:
            return Claim(ClaimSource.UNKNOWN, cue=cue)
        return Claim(ClaimSource.ACTOR, entity=entity, cue=cue)
    entity = entity_named(subject, entities)
    if entity is not None:
        return Claim(ClaimSource.ACTOR, entity=entity, cue=cue)
    definite = any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE) for c in subject.children)
    if definite or subject.pos_ == "PROPN":
        return Claim(ClaimSource.UNKNOWN, cue=cue)  # "the group said": someone named before, but whom?
    return Claim(ClaimSource.UNNAMED, words=phrase(subject), cue=cue)


def _span(token: Token) -> Span:
    return Span(start=token.idx, end=token.idx + len(token.text))
