"""Who a subject names: a person or body the article names, by its noun phrase, its title, a surname
the tagger missed, a writing's author, "the company" named last, or a pronoun's antecedent.

The speaker finder (speakers.py) reads the parse for the subject of a speech verb; this module says which
entity that subject is.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..models import ActorKind, Span
from .entities import Entity
from .indexed import Entities
from .lexicon import (
    COMPANY_NOUNS,
    DOCUMENTS,
    FEMININE,
    MASCULINE,
    PRONOUN_FORMS,
    PRONOUNS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    STAFF,
)
from .text import sentences_back, within
from .turns import named_since

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["SUBJECTS", "a_person", "entity_named", "inside", "last_company", "phrase", "pronoun_referent"]

SUBJECTS = ("nsubj", "nsubjpass")
_NAMING = ("compound", "appos", "flat", "nmod", "amod", "poss", "conj", "cc", "punct", "prep", "pobj")
"""Dependents that are part of naming a subject, not a clause about it."""
_LONGEST_PHRASE = 8
"""Words of an unnamed subject worth showing."""
_PRONOUN_SENTENCES = 3
"""Sentences before a pronoun searched for the person it stands for."""
_SAID = "summarizer.said_to_be"


def inside(token: Token, quoted: list[tuple[int, int]]) -> bool:
    """Whether ``token`` stands between quotation marks (``quoted`` holds the marks' spans, in order)."""
    return within(quoted, token.idx)


def pronoun_referent(
    subject: Token,
    entities: Entities,
    quoted: list[tuple[int, int]],
    previous: Entity | None,
    since: int | None,
    depth: int = 0,
    besides: Entity | None = None,
) -> Entity | None:
    """Who a pronoun subject stands for: the last compatible one named before it. "We" and "I" continue
    the previous speaker's turn (``since`` is where the previous passage ended, None when it is too
    far). "He" and "she" are a person, of the same sex where the text says (a title, "his wife"); "it"
    and "they" a body: an organization, country or group. Within the three sentences before the pronoun
    the referent is, in order: the compatible one named as a subject since the previous passage, the
    previous speaker if compatible, the compatible one named as a subject earlier, the compatible one
    named last. None when there is none. "his" and "him" are read as "he", "its" as "it", and so on.
    ``besides``: one the pronoun cannot stand for (the subject of the verb "him" is the object of)."""
    pronoun = PRONOUN_FORMS.get(subject.lower_, subject.lower_)
    if pronoun in ("we", "i"):
        return previous if since is not None else None
    fits = _compatible(pronoun, subject.doc, besides)
    doc = subject.doc
    first = sentences_back(subject, _PRONOUN_SENTENCES)
    found: tuple[Entity, int] | None = None
    for token in reversed(doc[first.start : subject.i]):
        if since is not None and token.idx < since and previous is not None:
            if fits(previous):
                return named_since(since, subject, entities, quoted, fits) or previous
            since = None
        if token.dep_ not in SUBJECTS or inside(token, quoted):
            continue
        if token.lower_ == pronoun and depth < _PRONOUN_SENTENCES:
            chained = pronoun_referent(token, entities, quoted, previous, since, depth + 1, besides)
            if chained is not None:
                return chained
        if token.lower_ in PRONOUNS:
            continue
        named = entity_named(token, entities)
        if named is not None and fits(named) and not (pronoun in ("he", "she") and _a_thing(token)):
            found = (named, token.idx)
            break
        if named is None and _main(token) and _could_be(pronoun, token):
            return None  # "The email … advises …: “…,” it said": one the article does not name
    if found is None and pronoun in ("he", "she"):
        # The mentions since ``first`` by bisection (a scan of every mention is quadratic in a long
        # article); of two at one place, the first entity's.
        starts, spans, _ = entities.mentions()
        lo, hi = bisect.bisect_left(starts, first.start_char), bisect.bisect_left(starts, subject.idx)
        named_before = [
            (start, -n)
            for start, end, n in spans[lo:hi]
            if fits(entities[n]) and not _modifying(doc, Span(start=start, end=end))
        ]
        last = max(named_before, default=None)
        found = (entities[-last[1]], last[0]) if last is not None else None
    return _marked_beside(found, pronoun, entities, doc) if found is not None else None


def _a_thing(noun: Token) -> bool:
    """A common noun that is no person's role ("the Rotterdam club"): not "he" or "she", whoever a name
    modifying it names."""
    word = noun.lower_
    return (
        noun.pos_ == "NOUN" and not a_person(noun) and word not in STAFF and word not in FEMININE | MASCULINE
    )


def _modifying(doc: Doc, mention: Span) -> bool:
    """Whether a name only says which thing a common noun is ("the Rotterdam club"): no one a pronoun
    stands for."""
    words = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return words is not None and words.root.dep_ == "compound" and words.root.head.pos_ == "NOUN"


def _main(subject: Token) -> bool:
    """Whether ``subject`` is the subject of its sentence's main verb (or of one joined to it), or of a
    speech verb: one who speaks or acts in the sentence, not a thing described in what is said."""
    verb = subject.head
    main = verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
    return main or verb.lemma_.lower() in SPEECH_VERBS


def _could_be(pronoun: str, noun: Token) -> bool:
    """Whether a common noun could be what ``pronoun`` stands for: a person's noun ("the minister") for
    "he" and "she", a thing or body in the singular ("the email") for "it", a plural for "they"."""
    if noun.pos_ != "NOUN":
        return False
    word = noun.lower_
    person = word in ROLE_NOUNS | FEMININE | MASCULINE
    if pronoun in ("he", "she"):
        return person
    if pronoun == "it":
        return not person and noun.tag_ == "NN"
    return noun.tag_ == "NNS"


def _marked_beside(found: tuple[Entity, int], pronoun: str, entities: Entities, doc: Doc) -> Entity:
    """Of two people named in one sentence, the one the text shows to be of the pronoun's sex ("Tom Reed
    and his wife Anna Reed spoke. … she said")."""
    entity, at = found
    sexed = FEMININE if pronoun in FEMININE else MASCULINE if pronoun in MASCULINE else None
    if sexed is None or _said_to_be(entity, sexed, doc):
        return entity
    sentence = doc.char_span(at, at + 1, alignment_mode="expand")
    if sentence is None:
        return entity
    sent = sentence[0].sent
    starts, spans, _ = entities.mentions()
    named = spans[bisect.bisect_left(starts, sent.start_char) : bisect.bisect_left(starts, sent.end_char)]
    marked = [
        e
        for e in (entities[n] for n in sorted({n for _, _, n in named}))
        if e is not entity and e.kind is ActorKind.PERSON and _said_to_be(e, sexed, doc)
    ]
    return marked[0] if len(marked) == 1 else entity


def _compatible(pronoun: str, doc: Doc, besides: Entity | None = None) -> Callable[[Entity], bool]:
    """Which entities ``pronoun`` may stand for: people for "he" and "she" (not one the text shows to
    be of the other sex), bodies for "it" and "they"; never ``besides``."""
    if pronoun in ("it", "they", "them"):
        return lambda e: e.kind is not ActorKind.PERSON and e is not besides
    other = MASCULINE if pronoun in FEMININE else FEMININE
    return lambda e: e.kind is ActorKind.PERSON and not _said_to_be(e, other, doc) and e is not besides


def _said_to_be(entity: Entity, words: frozenset[str], doc: Doc) -> bool:
    """Whether the text puts one of ``words`` beside the entity: its role ("spokeswoman"), a title before
    a mention ("Mrs. Reed"), or a noun the mention stands in apposition to ("his wife, Anna Reed").
    Remembered with the parse: a person named throughout a long article is asked about at each pronoun
    near them, and reading all their mentions each time is quadratic."""
    known: dict[tuple[int, frozenset[str]], tuple[Entity, bool]] = doc.user_data.setdefault(_SAID, {})
    found = known.get((id(entity), words))
    if found is None or found[0] is not entity:
        found = known[(id(entity), words)] = (entity, _beside(entity, words, doc))
    return found[1]


def _beside(entity: Entity, words: frozenset[str], doc: Doc) -> bool:
    role = (entity.role or "").lower().split()
    if any(w in words for w in role):
        return True
    for mention in entity.mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        # A title, not a verb that reads as one ("We will miss Steve").
        word = doc[span.start - 1] if span.start else None
        before = word.lower_ if word is not None and word.pos_ not in ("VERB", "AUX") else ""
        head = span.root.head
        beside = head.lower_ if span.root.dep_ in ("appos", "compound") and head.i < span.start else ""
        if before in words or beside in words:
            return True
    return False


def phrase(token: Token) -> Span:
    """The words of a noun phrase, without the clauses that describe it: "industry analysts", "a
    spokesman for the union" (of "a spokesman for the union, who asked not to be named")."""
    left = [t for t in token.subtree if t.i <= token.i]
    right = []
    for t in token.subtree:
        if t.i <= token.i:
            continue
        if t.dep_ in ("relcl", "acl", "appos", "punct") and t.head.i == token.i:
            break
        right.append(t)
    words = [*left, *right][:_LONGEST_PHRASE]
    return Span(start=words[0].idx, end=words[-1].idx + len(words[-1].text))


_NEAR = 8
"""Mentions before a word looked at for one that holds it: mentions overlap only a little."""


def _mentioned(token: Token, entities: Entities) -> Entity | None:
    """The first of ``entities`` one of whose mentions holds ``token``."""
    starts, spans, _ = entities.mentions()
    at = bisect.bisect_right(starts, token.idx)
    held = [n for start, end, n in spans[max(0, at - _NEAR) : at] if start <= token.idx < end]
    return entities[min(held)] if held else None


def entity_named(token: Token, entities: Entities) -> Entity | None:
    """The entity a subject names: the person its noun phrase names, the nearest to its head first
    ("Northrop Grumman CEO Ron Sugar"; "USAF's chief of staff General Duncan McNab"; "said Airbus
    President and Chief Executive Officer, Tom Enders"), the entity one of whose mentions holds it, the
    organization named beside it ("the activist organization the Project on Government Oversight"), the
    author of a writing ("a statement from Apple"), the company last named before "the company", or
    (for "the country's foreign ministry", "a spokesman for Airbus") the organization those words name."""
    phrase = _naming(token)
    if a_person(token):
        # "Ryanair CEO, Michael O'Leary": what stands before a role word is the employer, however tagged.
        phrase = [t for t in phrase if t.i >= token.i]
    people = [
        (abs(t.i - token.i), e)
        for t in phrase
        if (e := _mentioned(t, entities)) is not None and e.kind is ActorKind.PERSON
    ]
    if people:
        return min(people, key=lambda p: p[0])[1]
    if a_person(token):
        # "Ryanair CEO said", "an analyst at Acme said": a person the article does not name, never the
        # company or country named beside them.
        return None
    if (found := _mentioned(token, entities)) is not None:
        return found
    if token.text[:1].isupper() and (person := _person_named(token.text, entities)) is not None:
        return person  # "Jobs said", where the tagger read "Jobs" as a common noun
    beside = [e for c in token.children if c.dep_ == "appos" and (e := _mentioned(c, entities)) is not None]
    if beside:
        return beside[0]
    if token.lower_ in STAFF | DOCUMENTS:
        # An unnamed spokesperson speaks for the organization ("Airbus spokesman", "a spokesman for
        # Airbus"); a writing for its author ("Apple's statement", "a statement on Apple's website"), or
        # the person who gave it ("a statement by Boeing given by its spokesman William Barksdale").
        givers = [
            p
            for c in token.children
            if c.dep_ == "acl"
            for a in c.children
            if a.dep_ == "agent"
            for p in a.children
        ]
        for giver in (e for p in givers if (e := entity_named(p, entities)) and e.kind is ActorKind.PERSON):
            return giver
        for child in token.children:
            target = child if child.dep_ in ("compound", "poss") else None
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "from", "by", "on"):
                target = next((c for c in child.children if c.dep_ == "pobj"), None)
            if target is not None and (found := entity_named(target, entities)) is not None:
                return found if found.kind is not ActorKind.PERSON or token.lower_ in DOCUMENTS else None
        return None
    if token.lower_ in COMPANY_NOUNS and [c.lower_ for c in token.children] == ["the"]:
        return last_company(token, entities)
    words = [t.lower_ for t in token.subtree if t.dep_ in ("compound", "amod") or t.i == token.i]
    for entity in entities.by_words().get(("last", words[-1]), []) if len(words) > 1 else []:
        if entity.kind is ActorKind.ORGANIZATION:
            names = [n.lower().split() for n in entity.names()]
            if any(name[-len(words) :] == words for name in names):
                return entity
    return None


def _naming(token: Token) -> list[Token]:
    """``token`` and the words of its noun phrase that may name it, not those of a clause inside it ("The
    Ohio Democratic Party, which spent heavily on Smith's behalf, said" is the party's)."""
    found, stack = [token], [token]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in _NAMING:
                found.append(child)
                stack.append(child)
    return sorted(found, key=lambda t: t.i)


def a_person(token: Token) -> bool:
    """Whether a subject's head word is a person by their role ("CEO", "commissioner", "analyst"); a
    spokesperson speaks for their organization, so is not one here."""
    word = token.lower_.replace(".", "")
    return word in ROLE_NOUNS and word not in STAFF


def last_company(
    token: Token, entities: Entities, quoted: list[tuple[int, int]] | None = None
) -> Entity | None:
    """The organization named last before ``token`` in its sentence or the one before: "In a statement on
    the Airbus website, the company said" is Airbus; not one named inside ``quoted``, where given (a
    quotation names whom its speaker talks about)."""
    doc = token.doc
    sent = token.sent
    lo = doc[sent.start - 1].sent.start_char if sent.start else sent.start_char
    starts, spans, _ = entities.mentions()
    named = [
        (start, _acts(doc, Span(start=start, end=end)), -n)
        for start, end, n in spans[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, token.idx)]
        if entities[n].kind is ActorKind.ORGANIZATION and not within(quoted or [], start)
    ]
    # One that acts (a subject) before one named in passing ("appeal to the EU's General Court"); of two
    # at one place, the first entity's.
    acting = [(start, n) for start, acts, n in named if acts] or [(start, n) for start, _, n in named]
    return entities[-max(acting)[1]] if acting else None


def _acts(doc: Doc, mention: Span) -> bool:
    words = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return words is not None and words.root.dep_ in SUBJECTS


def _person_named(word: str, entities: Entities) -> Entity | None:
    """The one person whose surname, or first name, is ``word``."""
    for part in ("surname", "first name"):
        named = entities.by_words().get((part, word), [])
        if len(named) == 1:
            return named[0]
    return None
