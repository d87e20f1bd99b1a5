"""Who a clause's subject is when the clause does not say it outright: what a pronoun stands for, the
subject a joined verb shares with the verb before it, the noun a parse left just before its verb. Read
by the timeline's entries (clauses.py) and the claims (claims.py) alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import ActorKind
from .entities import Entity
from .indexed import Entities
from .lexicon import FEMININE, HAPPENING, MASCULINE, PRONOUN_FORMS, PRONOUNS, ROLE_NOUNS, SUCCESSION
from .referents import SUBJECTS, entity_named, pronoun_referent
from .text import sentences_back, within
from .trimming import astray

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "RELATIVE",
    "acted_before",
    "antecedent",
    "bound_verb",
    "finite",
    "left_behind",
    "mentioned",
    "relative_noun",
    "shared_subject",
]

RELATIVE = frozenset({"WDT", "WP"})
"""Tags of relative pronouns ("which", "who", "that")."""
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_BEFORE = 2
"""Sentences before a pronoun searched for what it stands for."""
_NO_THING = frozenset("PERSON NORP DATE TIME MONEY PERCENT CARDINAL ORDINAL QUANTITY".split())
"""Names "it" does not stand for: people, nationalities, times, amounts."""
_BESIDE = frozenset({"compound", "appos", "flat", "amod", "nummod", "poss"})
"""Words that stand beside the noun they belong to ("Apple's new service, iAd, which …")."""
_AGENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
"""Names of those who act: no event that happens."""


def finite(verb: Token) -> bool:
    """Whether a verb is finite, itself or by an auxiliary ("will begin", "has been")."""
    return verb.tag_ in _FINITE or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE for c in verb.children
    )


def antecedent(pronoun: Token, entities: Entities, quoted: list[tuple[int, int]]) -> Entity | Token | None:
    """What a personal or possessive pronoun stands for: a person for "he" and "she" (``_person``); for
    "it" and "they" the subject named last before it (a relative pronoun counts as its noun) in its
    sentence or the two before, outside quotation marks unless the pronoun is inside them, when it can
    be one: no person, and of the pronoun's number; None when unsure. "his" and "him" are read as "he",
    "its" as "it", and so on. In an earlier sentence a subject inside an adverbial clause does not count
    ("… so that a dispatcher must approve any shutdown. It plans …": the company plans); in the
    pronoun's own sentence, a name that could be it standing between the subject and the pronoun makes
    it unsure ("Boeing has received orders for the 777-200LR since it was announced")."""
    form = PRONOUN_FORMS.get(pronoun.lower_, pronoun.lower_)
    if form in ("he", "she"):
        return _person(pronoun, entities, quoted)
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
        if token.sent.start != pronoun.sent.start and _adverbial(token):
            continue  # what a clause of purpose, time or cause tells of, not what the sentence is about
        if _rival(token, pronoun, plural):
            return None
        if token.tag_ in RELATIVE and token.head.dep_ == "relcl":
            found = relative_noun(token.head)
            if found is None:
                return None
            token = found
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


def _adverbial(subject: Token) -> bool:
    """Whether a subject is that of an adverbial clause ("so that a dispatcher must approve …", "when
    the plane landed"), or of a clause inside one."""
    return any(verb.dep_ == "advcl" for verb in [subject.head, *subject.head.ancestors])


def _rival(subject: Token, pronoun: Token, plural: bool) -> bool:
    """Whether a name that "it" (or, ``plural``, "they") could as well stand for stands between the
    subject found for it and the pronoun, in the pronoun's sentence: "The acquisition is Harvest Lane's
    largest since it bought …", "Boeing has received five orders for the 777-200LR since it was
    announced" (which one?). Where the name hangs in the parse is no guide: the parser hangs "for the
    777-200LR" on the verb in one sentence, on "orders" in the next."""
    start = max(subject.right_edge.i + 1, pronoun.sent.start)
    for token in pronoun.doc[start : pronoun.i]:
        if token.pos_ != "PROPN" or token.dep_ in ("compound", "flat") or (token.tag_ == "NNPS") != plural:
            continue
        # A name after "the" is no person's, whatever the tagger says ("the Skyhopper").
        if token.ent_type_ not in _NO_THING or any(c.dep_ == "det" for c in token.children):
            return True
    return False


def relative_noun(clause: Token) -> Token | None:
    """The noun a relative clause describes, where the words agree with the parse: the clause hangs on a
    noun (not on a verb: "before jumping in, which is expected …"), that noun or one beside it is the
    last before the clause ("the iPhone (which was presented …)" of "the manufacturer of the iPhone" is
    the iPhone, whatever the parse says), and a clause that says an event happened does not describe a
    name ("Infogear Technology Corp., which took place in 1996" is the takeover); None otherwise."""
    noun = clause.head
    if clause.dep_ != "relcl" or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    before = next(
        (t for t in reversed(clause.doc[: clause.left_edge.i]) if not t.is_punct and t.dep_ != "case"), None
    )
    while before is not None and before.i != noun.i and before.dep_ in _BESIDE:
        before = before.head
    if before is None or before.i != noun.i:
        return None
    happening = clause.lemma_.lower() in HAPPENING or any(
        c.dep_ == "dobj" and f"{clause.lemma_} {c.lemma_}".lower() in HAPPENING for c in clause.children
    )
    if happening and noun.ent_type_ in _AGENTS:
        return None
    return noun


def _person(pronoun: Token, entities: Entities, quoted: list[tuple[int, int]]) -> Entity | None:
    """The person "he" or "she" stands for (referents.pronoun_referent), never the one an object
    pronoun's own verb has for subject ("Doyle appeared with him" is not Doyle); None where another
    person shares their surname ("Darnell Price" and "Darnell Price Jr.": a bare "Price" may be either),
    or where another person is the subject of a verb between them and the pronoun in its sentence
    ("Okafor, whose son lost sessions when his clinic shut": the son's clinic, or Okafor's?)."""
    verb = bound_verb(pronoun)
    own = next((c for c in verb.children if c.dep_ in SUBJECTS), None) if verb is not None else None
    besides = entity_named(own, entities) if own is not None else None
    found = pronoun_referent(pronoun, entities, quoted, None, None, besides=besides)
    if found is None or _namesake(found, pronoun, entities):
        return None
    sentence = pronoun.sent
    ends = [m.end for m in found.mentions if sentence.start_char <= m.end <= pronoun.idx]
    apart = {t.i for t in own.subtree} if own is not None else set()
    for token in pronoun.doc[sentence.start : pronoun.i]:
        if token.idx < max(ends, default=0) or token.dep_ not in SUBJECTS or token.i in apart:
            continue
        other = entity_named(token, entities)
        if (other is not None and other is not found and other.kind is ActorKind.PERSON) or (
            token.pos_ == "NOUN" and token.lower_ in ROLE_NOUNS | FEMININE | MASCULINE
        ):
            return None
    return found


def _namesake(person: Entity, pronoun: Token, entities: Entities) -> bool:
    """Whether another person the article names has the same surname (a suffix such as "Jr." aside),
    and the surname alone stands between the person's full name and ``pronoun`` ("His father, Darnell
    Price, … his career" is the father's; "… Price scored nine goals. He made his debut" may be either
    Price's)."""
    surname = _surname(person.name) if person.kind is ActorKind.PERSON else None
    if surname is None or not any(
        e is not person and e.kind is ActorKind.PERSON and _surname(e.name) == surname for e in entities
    ):
        return False
    doc = pronoun.doc
    full = [
        m.end
        for m in person.mentions
        if m.end <= pronoun.idx
        and (words := doc.char_span(m.start, m.end)) is not None
        and words.text == person.name
    ]
    if not full:
        return True
    return any(
        t.lower_ == surname and t.idx >= max(full)
        for t in doc[sentences_back(pronoun, _BEFORE).start : pronoun.i]
    )


def _surname(name: str) -> str | None:
    words = [w for w in name.lower().split() if w.strip(".,") not in SUCCESSION]
    return words[-1] if len(words) > 1 else None


def bound_verb(pronoun: Token) -> Token | None:
    """The verb whose subject an object pronoun cannot stand for: the verb it is the object of, or the
    object of a preposition on, where that verb has no object of its own ("Doyle appeared with him",
    "a judge barred him"; not "she took the children with her")."""
    if pronoun.tag_ != "PRP" or pronoun.dep_ not in ("dobj", "dative", "pobj"):
        return None
    verb = pronoun.head
    if pronoun.dep_ == "pobj":
        verb = verb.head
        if pronoun.head.dep_ != "prep" or any(c.dep_ in ("dobj", "dative") for c in verb.children):
            return None
    return verb if verb.pos_ in ("VERB", "AUX") else None


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
