"""Who a clause's subject is when the clause does not say it outright: what a pronoun stands for, the
subject a joined verb shares with the verb before it, the noun a parse left just before its verb. Read
by the timeline's entries (clauses.py) and the claims (claims.py) alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import ActorKind
from .entities import Entity
from .indexed import Entities
from .lexicon import FEMININE, MASCULINE, PRONOUN_FORMS, PRONOUNS, ROLE_NOUNS
from .referents import SUBJECTS, pronoun_referent
from .text import sentences_back, within
from .trimming import astray

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "RELATIVE",
    "acted_before",
    "antecedent",
    "finite",
    "left_behind",
    "mentioned",
    "shared_subject",
]

RELATIVE = frozenset({"WDT", "WP"})
"""Tags of relative pronouns ("which", "who", "that")."""
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_BEFORE = 2
"""Sentences before a pronoun searched for what it stands for."""


def finite(verb: Token) -> bool:
    """Whether a verb is finite, itself or by an auxiliary ("will begin", "has been")."""
    return verb.tag_ in _FINITE or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE for c in verb.children
    )


def antecedent(pronoun: Token, entities: Entities, quoted: list[tuple[int, int]]) -> Entity | Token | None:
    """What a personal or possessive pronoun stands for: a person for "he" and "she" (speakers.py's
    rule); for "it" and "they" the subject named last before it (a relative pronoun counts as its noun)
    in its sentence or the two before, outside quotation marks unless the pronoun is inside them, when
    it can be one: no person, and of the pronoun's number; None when unsure. "his" and "him" are read
    as "he", "its" as "it", and so on."""
    form = PRONOUN_FORMS.get(pronoun.lower_, pronoun.lower_)
    if form in ("he", "she"):
        return pronoun_referent(pronoun, entities, quoted, None, None)
    if form not in ("it", "they"):
        return None
    doc = pronoun.doc
    first = sentences_back(pronoun, _BEFORE)
    plural = form == "they"
    outside = not within(quoted, pronoun.idx)
    for token in reversed(doc[first.start : pronoun.i]):
        if token.dep_ not in SUBJECTS or token.lower_ in PRONOUNS:
            continue
        if outside and within(quoted, token.idx):
            continue  # a quotation's subjects are the speaker's, not the writer's "it"
        if token.tag_ in RELATIVE and token.head.dep_ == "relcl":
            token = token.head.head
        entity = mentioned(token, entities)
        if entity is not None:
            return None if entity.kind is ActorKind.PERSON else entity  # "it" is no person
        if token.ent_type_ in ("DATE", "TIME") or (
            not plural and token.lower_ in ROLE_NOUNS | FEMININE | MASCULINE
        ):
            return None  # "it" is no person ("the local's president … Its members"), nor a time
        if token.pos_ in ("NOUN", "PROPN") and (token.tag_ in ("NNS", "NNPS")) == plural:
            return token
        return None
    return None


def acted_before(entity: Entity, pronoun: Token) -> bool:
    """Whether ``entity`` is named as a subject (or beside one: "His father, Darnell Price, played")
    shortly before ``pronoun``: what a possessive or object pronoun is read as standing for, where the
    name mentioned last may be anyone's ("a knee injury ended his career", after "the Crew")."""
    doc = pronoun.doc
    first = sentences_back(pronoun, _BEFORE)
    for mention in entity.mentions:
        if not first.start_char <= mention.start < pronoun.idx:
            continue
        words = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        root = words.root if words is not None else None
        while root is not None and root.dep_ in ("appos", "compound") and root.head.i != root.i:
            root = root.head
        if root is not None and root.dep_ in SUBJECTS:
            return True
    return False


def mentioned(token: Token, entities: Entities) -> Entity | None:
    """The entity one of whose mentions holds ``token``."""
    return entities.holding(token.idx)


def shared_subject(verb: Token) -> Token | None:
    """The subject of the verb a joined verb continues ("SIA took … and will begin …")."""
    token = verb
    for _ in range(4):
        if token.dep_ != "conj":
            return None
        token = token.head
        if astray(verb):
            # "gave … to reinstate the money and ordered it": the subject of the clause the infinitive is in.
            while token.dep_ in ("advcl", "xcomp") and token.tag_ in ("VB", "VBG"):
                token = token.head
        subjects = [c for c in token.children if c.dep_ in SUBJECTS]
        if subjects:
            return min(subjects, key=lambda c: abs(c.i - token.i))
    return None


def left_behind(verb: Token) -> Token | None:
    """The noun phrase right before a finite verb the parser gave no subject, when it ends just before
    the verb ("after a declassified report … found that", read as "after [a report]" + "found")."""
    if not finite(verb) or verb.i == 0:
        return None
    start = min((c.left_edge.i for c in verb.children if c.i < verb.i), default=verb.i)
    before = verb.doc[start - 1] if start else None
    noun = None
    while before is not None and before.right_edge.i == start - 1 and before.pos_ in ("NOUN", "PROPN", "ADP"):
        noun = before if before.pos_ != "ADP" else noun
        if before.head.i == before.i or before.head.i > verb.i:
            break
        before = before.head
    return noun
