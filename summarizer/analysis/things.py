"""Names used as a thing's, not an actor's: counted ("32 GB", "several Apple Stores"), taken with an
indefinite article or another's possessive ("an iPhone", "its iPad"), or naming a kind of product
("Macintosh computers"). Read by the grouping of names (aliases.py) and the choice of actors
(entities.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import (
    COMPANY_NOUNS,
    EDITIONS,
    INSTITUTIONS,
    MAKERS,
    MEASURES,
    PRODUCT_NOUNS,
    PRODUCT_VERBS,
    PUBLIC_BODIES,
    QUANTIFIERS,
    QUOTE_MARKS,
    ROLE_NOUNS,
    WORKS,
)
from .places import first_of_list

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

__all__ = [
    "counted",
    "definite",
    "made",
    "names_a_line",
    "names_a_measure",
    "names_a_product",
    "taken_as_a_thing",
    "thing_like",
    "titled",
]

_MODIFIERS = frozenset({"compound", "nmod", "npadvmod"})
_PEOPLES = frozenset({"user", "owner", "model"})
"""Nouns of PRODUCT_NOUNS that a person may be called beside the name ("Ana Ruiz, a model")."""


def thing_like(ent: SpacySpan) -> bool:
    """Whether a mention uses its name as a thing's: counted, taken as one, naming a kind of product or
    a measure."""
    return counted(ent) or taken_as_a_thing(ent) or names_a_product(ent) or names_a_measure(ent)


def counted(ent: SpacySpan) -> bool:
    """Counted as no actor is: "32 GB", "two iPods", "several Apple Stores"; or a unit written onto its
    number ("the 16GB version", "a 3D model"), which no name is."""
    before = ent.doc[ent.start - 1] if ent.start else None
    if before is not None and before.like_num and not before.whitespace_:
        return True
    return any(
        c.i < ent.start and (c.dep_ == "nummod" or (c.dep_ == "amod" and c.lower_ in QUANTIFIERS))
        for c in ent.root.children
    )


def names_a_measure(ent: SpacySpan) -> bool:
    """A name of two or more words ending with a measure's noun, no person's: "the Central Bank Rate",
    "the Consumer Price Index" (a person may be called Price)."""
    return ent.label_ != "PERSON" and len(ent) > 1 and ent[-1].lower_ in MEASURES


def names_a_product(ent: SpacySpan) -> bool:
    """A name that modifies a product's noun: "Macintosh computers", "iPod Touch users", or is one of a
    list that does ("the iPod and MacBook updates"), or a noun of what a maker makes ("the maker of Crisp
    Valley pretzels")."""
    root = first_of_list(ent.root)
    if root.dep_ not in _MODIFIERS:
        return False
    # What a maker makes is a product, whatever its noun: "the maker of Nutty Jack trail mix".
    made = first_of_list(root.head)
    maker = (
        made.dep_ == "pobj" and made.head.lower_ == "of" and made.head.head.lemma_.lower() in COMPANY_NOUNS
    )
    return maker or root.head.lemma_.lower() in PRODUCT_NOUNS


def made(ent: SpacySpan) -> bool:
    """A mention of what is made and put out, as no body or person is: the object of a verb of putting
    out ("unveiled the Zephyr 3", "Granite was shipped"), the name after an edition's or a maker's "of"
    ("a new version of Granite", "the maker of the Zephyr 3"), a name set beside a product's noun
    ("Glint, the messaging application"), or one with a model's number before its last word ("the 550
    Skylark")."""
    root = first_of_list(ent.root)
    head = root.head
    if _numbered(ent):
        return True
    if root.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" and head.lemma_.lower() in PRODUCT_VERBS:
        return True
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in EDITIONS | MAKERS:
        return True
    beside = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        beside.append(head)
    return any(
        b.pos_ == "NOUN" and b.lemma_.lower() in PRODUCT_NOUNS - _PEOPLES and b.i != root.i for b in beside
    )


def _numbered(ent: SpacySpan) -> bool:
    """A model's number inside the name, before its head: "the 550 Skylark"; a body's number is after
    its noun ("Channel 4"), or its noun says it is one ("the 9/11 Commission")."""
    root = ent.root
    body = root.lemma_.lower() in INSTITUTIONS | PUBLIC_BODIES
    return not body and any(
        c.dep_ == "nummod" and c.like_num and ent.start <= c.i < root.i for c in root.children
    )


def definite(ent: SpacySpan) -> bool:
    """A name after "the" ("the Zephyr 3"), as most companies' and people's names are not."""
    return any(c.dep_ == "det" and c.lower_ == "the" and c.i < ent.start for c in ent.root.children)


def names_a_line(ent: SpacySpan) -> bool:
    """A name that tells the work of a role another organization owns: "Apple's senior vice president for
    Macintosh engineering", "Google's head of Android marketing". The role is the owner's, and the name
    is its product line, not the person's employer."""
    root = ent.root
    if root.dep_ not in _MODIFIERS or root.head.dep_ != "pobj":
        return False
    role = root.head.head.head
    owners = [c for c in role.children if c.dep_ == "poss" and c.ent_type_ == "ORG"]
    return role.lemma_.lower() in ROLE_NOUNS and any(o.i < ent.start for o in owners)


def titled(ent: SpacySpan) -> bool:
    """A work's title: a name the article calls a work beside it ("the journal Nature Microbiology", "our
    newsletter, The Closing Bell") or sets in quotation marks ("CNBC's "Squawk Box"")."""
    doc, root = ent.doc, ent.root
    beside = [c for c in root.children if c.dep_ in ("appos", "compound") and c.pos_ == "NOUN"]
    if root.dep_ == "appos":
        beside.append(root.head)
    quoted = (
        ent.start > 0
        and ent.end < len(doc)
        and {doc[ent.start - 1].text, doc[ent.end].text} <= set(QUOTE_MARKS)
    )
    return quoted or any(b.lemma_.lower() in WORKS for b in beside)


def taken_as_a_thing(ent: SpacySpan) -> bool:
    """Taken with an indefinite article or another's possessive, as no organization's own name is: "an
    iPhone", "its iPad", "Apple's App Store"; but "China's Huawei" is the company, and a body named by
    its kind is owned as a body ("the city's Office of Management and Budget")."""
    body = ent.root.lower_ in INSTITUTIONS | PUBLIC_BODIES
    for child in ent.root.children:
        if child.i >= ent.start:
            continue
        if child.dep_ == "det" and child.lower_ in ("a", "an"):
            return True
        if child.dep_ == "poss" and child.ent_type_ not in ("GPE", "NORP") and not body:
            return True
    return False
