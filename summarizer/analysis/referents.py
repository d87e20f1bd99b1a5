"""Who a subject names: a person or body the article names, by its noun phrase, its title, a surname
the tagger missed, a writing's author, "the company" named last, or a pronoun's antecedent.

The speaker finder (speakers.py) reads the parse for the subject of a speech verb; this module says which
entity that subject is.
"""

from __future__ import annotations

import bisect
import threading
from typing import TYPE_CHECKING

from ..models import ActorKind, Span
from .entities import Entity
from .lexicon import COMPANY_NOUNS, DOCUMENTS, INSTITUTIONS, PRONOUNS, STAFF, TITLES
from .nlp import text_of
from .text import within

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["SUBJECTS", "body_named", "entity_named", "inside", "newly_named", "pronoun_referent"]

SUBJECTS = ("nsubj", "nsubjpass")
_NAMING = ("compound", "appos", "flat", "nmod", "amod", "poss", "conj", "cc", "punct", "prep", "pobj")
"""Dependents that are part of naming a subject, not a clause about it."""
_PRONOUN_SENTENCES = 3
"""Sentences before a pronoun searched for the person it stands for."""


def inside(token: Token, quoted: list[tuple[int, int]]) -> bool:
    """Whether ``token`` stands between quotation marks (``quoted`` holds the marks' spans, in order)."""
    return within(quoted, token.idx)


def pronoun_referent(
    subject: Token,
    entities: list[Entity],
    quoted: list[tuple[int, int]],
    previous: Entity | None,
    since: int | None,
) -> Entity | None:
    """Who a pronoun subject stands for: "we", "they" and "it" continue the previous speaker's turn
    (``since`` is where the previous passage ended, None when it is too far). "He" and "she", within
    the three sentences before them: the person named as a subject since the previous passage
    ("Djamal told reporters … “…,” he said"), else the previous speaker when a person, else the person
    named as a subject earlier, else the person named last; none when no person is named there."""
    if subject.lower_ in ("we", "they", "it", "i"):
        if previous is None or since is None:
            return None
        # "It said" is a body's word, never a person's.
        person = previous.kind is ActorKind.PERSON
        return None if subject.lower_ == "it" and person else previous
    doc = subject.doc
    first = doc[subject.sent.start].sent
    for _ in range(_PRONOUN_SENTENCES):
        if first.start == 0:
            break
        first = doc[first.start - 1].sent
    for token in reversed(doc[first.start : subject.i]):
        if since is not None and token.idx < since and previous is not None:
            if previous.kind is ActorKind.PERSON:
                return previous
            since = None
        if token.dep_ not in SUBJECTS or token.lower_ in PRONOUNS or inside(token, quoted):
            continue
        named = entity_named(token, entities)
        if named is not None and named.kind is ActorKind.PERSON:
            return named
    # The person named last before the pronoun, as far back as ``first`` (of two at one place, the first).
    starts, spans = _mentions(entities)
    near = spans[bisect.bisect_left(starts, first.start_char) : bisect.bisect_left(starts, subject.idx)]
    people = [(start, n) for start, _, n in near if entities[n].kind is ActorKind.PERSON]
    if not people:
        return None
    last = max(start for start, _ in people)
    return entities[min(n for start, n in people if start == last)]


def _mentioned(token: Token, entities: list[Entity]) -> Entity | None:
    """The first of ``entities`` one of whose mentions holds ``token``."""
    starts, spans = _mentions(entities)
    at = bisect.bisect_right(starts, token.idx)
    held = [n for start, end, n in spans[max(0, at - _NEAR) : at] if start <= token.idx < end]
    return entities[min(held)] if held else None


_INDEX = threading.local()
_NEAR = 8
"""Mentions before a word looked at for one that holds it: mentions overlap only a little."""


def _mentions(entities: list[Entity]) -> tuple[list[int], list[tuple[int, int, int]]]:
    """Every mention of ``entities`` as (start, end, index of its entity), by start, and their starts:
    made once for a list of entities (again when one is added to it), for a scan of every mention for
    each word or pronoun is quadratic in a long article."""
    made = getattr(_INDEX, "made", None)
    if made is None or made[0] is not entities or made[1] != len(entities):
        spans = sorted((s.start, s.end, n) for n, e in enumerate(entities) for s in e.mentions)
        made = _INDEX.made = (entities, len(entities), [s[0] for s in spans], spans)
    return made[2], made[3]


def entity_named(token: Token, entities: list[Entity]) -> Entity | None:
    """The entity a subject names: the person its noun phrase names, the nearest to its head first
    ("Northrop Grumman CEO Ron Sugar"; "USAF's chief of staff General Duncan McNab"; "said Airbus
    President and Chief Executive Officer, Tom Enders"), the entity one of whose mentions holds it, the
    organization named beside it ("the activist organization the Project on Government Oversight"), the
    author of a writing ("a statement from Apple"), the company last named before "the company", or
    (for "the country's foreign ministry", "a spokesman for Airbus") the organization those words name."""
    phrase = [t for t in token.subtree if t.i == token.i or t.dep_ in _NAMING]
    people = [
        (abs(t.i - token.i), e)
        for t in phrase
        if (e := _mentioned(t, entities)) is not None and e.kind is ActorKind.PERSON
    ]
    if people:
        return min(people, key=lambda p: p[0])[1]
    if (found := _mentioned(token, entities)) is not None:
        return found
    if token.text[:1].isupper() and (person := _person_named(token.text, entities)) is not None:
        return person  # "Jobs said", where the tagger read "Jobs" as a common noun
    beside = [e for c in token.children if c.dep_ == "appos" and (e := _mentioned(c, entities)) is not None]
    if beside:
        return beside[0]
    if token.lower_ in STAFF | DOCUMENTS:
        # An unnamed spokesperson speaks for the organization ("Airbus spokesman", "a spokesman for
        # Airbus"); a writing for its author ("Apple's statement", "a statement on Apple's website").
        for child in token.children:
            target = child if child.dep_ in ("compound", "poss") else None
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "from", "by", "on"):
                target = next((c for c in child.children if c.dep_ == "pobj"), None)
            if target is not None and (found := entity_named(target, entities)) is not None:
                return found if found.kind is not ActorKind.PERSON or token.lower_ in DOCUMENTS else None
        return None
    if token.lower_ in COMPANY_NOUNS and [c.lower_ for c in token.children] == ["the"]:
        return _last_company(token, entities)
    words = [t.lower_ for t in token.subtree if t.dep_ in ("compound", "amod") or t.i == token.i]
    for entity in entities:
        if entity.kind is ActorKind.ORGANIZATION and len(words) > 1:
            names = [n.lower().split() for n in entity.names()]
            if any(name[-len(words) :] == words for name in names):
                return entity
    return None


def _last_company(token: Token, entities: list[Entity]) -> Entity | None:
    """The organization named last before ``token`` in its sentence or the one before: "In a statement on
    the Airbus website, the company said" is Airbus."""
    doc = token.doc
    sent = token.sent
    lo = doc[sent.start - 1].sent.start_char if sent.start else sent.start_char
    named = [
        (s.start, e)
        for e in entities
        if e.kind is ActorKind.ORGANIZATION
        for s in e.mentions
        if lo <= s.start < token.idx
    ]
    return max(named, key=lambda m: m[0])[1] if named else None


def newly_named(token: Token, entities: list[Entity]) -> Entity | None:
    """A speaker the NER missed but the parse shows by name: "said Mayor Ana Ruiz" is a person, with the
    title before the name as the role the article gives."""
    if token.pos_ != "PROPN":
        return None
    words = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN" and t.i < token.i]
    words = [*words, token]
    titles = [t for t in words if t.lower_ in TITLES]
    names = [t for t in words if t.lower_ not in TITLES]
    if not names or any(not t.text[:1].isupper() for t in names):
        return None
    doc, first, last = token.doc, names[0], names[-1]
    span = Span(start=first.idx, end=last.idx + len(last.text))
    role = Span(start=titles[0].idx, end=titles[-1].idx + len(titles[-1].text)) if titles else None
    entity = Entity(
        name=text_of(doc)[span.start : span.end],
        kind=ActorKind.PERSON if len(names) > 1 or titles else ActorKind.ORGANIZATION,
        mentions=[span],
        role=text_of(doc)[role.start : role.end] if role else None,
        role_span=role,
    )
    entities.append(entity)
    return entity


def _person_named(word: str, entities: list[Entity]) -> Entity | None:
    """The one person whose surname, or first name, is ``word``."""
    people = [e for e in entities if e.kind is ActorKind.PERSON]
    for part in (-1, 0):
        named = [e for e in people if len(e.name.split()) > 1 and e.name.split()[part] == word]
        if len(named) == 1:
            return named[0]
    return None


def body_named(token: Token, entities: list[Entity]) -> Entity | None:
    """A body the article shows speaking, named by its owner: "Russia's embassy in the U.S." becomes an
    organization of its own."""
    if token.lower_ not in INSTITUTIONS or not any(
        c.dep_ in ("poss", "compound") and c.ent_type_ for c in token.children
    ):
        return None
    tokens = [t for t in token.subtree if t.dep_ not in ("relcl", "acl", "appos", "det", "punct")]
    tokens = [t for t in tokens if t.i <= token.i or t.head.i == token.i or t.head.head.i == token.i]
    begin, last = tokens[0], max(tokens, key=lambda t: t.i)
    span = Span(start=begin.idx, end=last.idx + len(last.text))
    name = text_of(token.doc)[span.start : span.end]
    entity = Entity(name=name, kind=ActorKind.ORGANIZATION, mentions=[span])
    entities.append(entity)
    return entity
