"""Names that say where, not who: a country or an organization's name written only as where something is
or happens, a place the article calls a town or gives as its dateline, one word the NER took for a
person's that only ever names a place, a name that only says which of a kind of thing is meant ("the
Eastside branch"). Read by the choice of actors (entities.py)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..models import ActorKind
from .lexicon import (
    ADMISSION_VERBS,
    COMPANY_NOUNS,
    DOCUMENTS,
    FACILITIES,
    INSTITUTIONS,
    MOTION_VERBS,
    PLACE_NOUNS,
    PLACE_PREPOSITIONS,
    PUBLIC_BODIES,
    ROLE_NOUNS,
    STAFF,
)

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["a_place", "as_place", "dateline_place", "first_of_list"]

_ACTING = frozenset({"nsubj", "nsubjpass", "poss", "agent", "dobj", "dative"})


def dateline_place(dateline: str) -> tuple[str, ...] | None:
    """The words, folded, of the place a dateline names ("PINE HOLLOW, Calif. —": pine hollow)."""
    place = re.split(r"[,(—–]|--", dateline)[0]
    return tuple(place.casefold().split()) or None


def a_place(
    kind: ActorKind, names: list[str], ents: list[SpacySpan], dateline: tuple[str, ...] | None
) -> bool:
    """Whether an entity (its kind, names and the NER's spans of its mentions) is a place, not an actor:
    a country every mention of which is where something is (``as_place``); an organization named once,
    as where something happened ("a flight from Airbus' Delivery Center"); a name the article gives as
    its dateline's place, or calls a town ("the town of Cedar Flat"), that never acts; one word the NER
    took for a person's, the article naming no one so in full, that never acts and is where something
    is ("scouted him in Rotterdam", "the Rotterdam club"); an organization's name only ever telling
    which of a kind of thing is meant ("the Eastside and Maple Grove branches")."""
    roots = [first_of_list(ent.root) for ent in ents]
    if kind is ActorKind.COUNTRY:
        return all(as_place(ent.root) for ent in ents)
    if not roots or any(r.dep_ in _ACTING for r in roots):
        return False
    named = {tuple(n.casefold().split()) for n in names}
    if named == {dateline} or any(_called_a_place(r) for r in roots):
        return True
    if kind is ActorKind.PERSON:
        one = all(len(n.split()) == 1 for n in names)
        return one and any(_where(r) for r in roots) and all(_where(r) or _modifier(r) for r in roots)
    if kind is not ActorKind.ORGANIZATION:
        return False
    return (len(ents) == 1 and _once_where(ents[0].root)) or all(_which_thing(r) for r in roots)


def _once_where(root: Token) -> bool:
    """An organization's name written as where something happened or someone went ("from Airbus' Delivery
    Center", "at 10:00 GMT", "admitted to Sacred Heart Hospital"). A court or a ministry stays a body
    ("in the High Court"), and so do a name its noun describes ("from engine maker Europrop"), a
    writing's or spokesman's source ("a statement from Microsoft") and a body whose unnamed people act
    ("researchers at the University of Toronto reported"); a named person's employer, beside the name,
    does not act ("Jane Roe, an engineer at Acme Corp., said")."""
    owner = root.head.head
    body = (
        root.lemma_.lower() in INSTITUTIONS
        or owner.lemma_.lower() in DOCUMENTS | STAFF  # "a statement from Microsoft"
        or (owner.lemma_.lower() in ROLE_NOUNS and owner.dep_ in ("nsubj", "nsubjpass"))
        or any(c.dep_ == "compound" and c.pos_ == "NOUN" for c in root.children)
    )
    return not body and (_where(root) or _gone_to(root))


def _where(root: Token) -> bool:
    return root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS


def _gone_to(root: Token) -> bool:
    """Where someone went or was taken in: "flown to Fort Bragg", "admitted to Sacred Heart Hospital"
    (not "admitted to NATO")."""
    prep, verb = root.head, root.head.head.lemma_.lower()
    taken_in = verb in ADMISSION_VERBS and root.lower_ in PUBLIC_BODIES - INSTITUTIONS
    return root.dep_ == "pobj" and prep.lower_ == "to" and (verb in MOTION_VERBS or taken_in)


def _modifier(root: Token) -> bool:
    return root.dep_ in ("compound", "nmod", "amod") and root.head.pos_ == "NOUN"


def _called_a_place(root: Token) -> bool:
    """A name the article calls a town, a city or a county beside it: "the town of Cedar Flat", "Cedar
    Flat, a town of 2,000"."""
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        return root.head.head.lemma_.lower() in PLACE_NOUNS
    beside = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        beside.append(root.head)
    return any(b.pos_ == "NOUN" and b.lemma_.lower() in PLACE_NOUNS for b in beside)


def _which_thing(root: Token) -> bool:
    """A name modifying a noun of a thing, no body, role or writing, with "the" before it: it says which
    of them is meant ("the Eastside branch"), and names no actor there."""
    head = root.head
    kinds = INSTITUTIONS | PUBLIC_BODIES | COMPANY_NOUNS | STAFF | ROLE_NOUNS | DOCUMENTS
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    return _modifier(root) and definite and head.lemma_.lower() not in kinds


def as_place(root: Token) -> bool:
    """Whether a country's mention names a place: the object of a place preposition (the first of a
    list of them speaks for the list), or of "to" after a noun or a verb of going ("the flight to
    France", "flown to Singapore"); the country after a city ("Toulouse, France"); the owner of a
    facility ("Singapore's Changi Airport") or of a company named after it ("Japan's ANA"); or a
    modifier of a noun that is no body or staff of its (a company is no body of its country's; "U.S.
    President Dana Cole" tells whose president she is, and she, not the country, acts)."""
    root = first_of_list(root)
    if root.dep_ == "pobj":
        prep = root.head
        going = prep.head.pos_ == "NOUN" or prep.head.lemma_.lower() in MOTION_VERBS
        return prep.lower_ in PLACE_PREPOSITIONS or (prep.lower_ in ("to", "towards", "toward") and going)
    if root.dep_ == "appos" and root.head.ent_type_ == "GPE":
        return True
    if root.dep_ == "poss":
        # "France's Thales" says where the company is from; "Britain's Ministry of Defence" is its body.
        owned = root.head
        company = owned.ent_type_ == "ORG" and owned.lemma_.lower() not in INSTITUTIONS | PUBLIC_BODIES
        return owned.lower_ in FACILITIES or company
    if root.dep_ in ("compound", "nmod", "amod"):
        # "a US company" says where the company is from; "the US embassy" is the country's own body.
        head = root.head.lemma_.lower()
        return head in COMPANY_NOUNS or head not in INSTITUTIONS | STAFF
    return False


def first_of_list(root: Token) -> Token:
    """The first name of the list ``root`` is in: its relation to the sentence speaks for the list."""
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    return root
