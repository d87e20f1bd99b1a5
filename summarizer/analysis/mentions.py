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
from typing import TYPE_CHECKING

from ..models import Span
from .lexicon import CORPORATE_SUFFIXES, COUNTRY_ALIASES, PRODUCT_NOUNS, QUANTIFIERS, ROLE_NOUNS, TITLES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = [
    "Mention",
    "counted",
    "key",
    "mention",
    "named",
    "names_a_product",
    "taken_as_a_thing",
    "thing_like",
    "words",
]

_NAME_TAGS = frozenset({"PROPN"})
_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_MODIFIERS = frozenset({"compound", "nmod", "npadvmod"})
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


def named(doc: Doc) -> list[SpacySpan]:
    """The named entities of ``doc``, an organization's name the NER cut in two made whole again: "Lockheed
    Martin" read as the organization Lockheed and a person or product Martin, side by side, the first
    a compound of the second in the parse."""
    from spacy.tokens import Span as Joined

    found: list[SpacySpan] = []
    for ent in doc.ents:
        last = found[-1] if found else None
        if (
            last is not None
            and last.label_ == "ORG"
            and len(ent) == 1
            and ent.start == last.end
            and last.root.dep_ == "compound"
            and last.root.head.i == ent.start
        ):
            found[-1] = Joined(doc, last.start, ent.end, label="ORG")
        else:
            found.append(ent)
    return found


def mention(ent: SpacySpan) -> Mention | None:
    """The entity's name without determiners, a person's titles, possessives and stray words; None when
    what is left names nothing ("Russian" describing, "US $199", "Terminal 3", a lone initial)."""
    label = ent.label_
    if label not in _LABELS:
        return None
    if label == "NORP" and (
        ent.root.dep_ in ("amod", "compound") or ent.root.tag_ not in ("NNPS", "NNS", "NNP")
    ):
        return None  # "Russian" describes; "the Republicans" and "the Taliban" act.
    if label != "PERSON" and _after_role(ent):
        label = "PERSON"  # "Spokeswoman Sandy Angers": a role stands before a person's name only
    tokens = _trimmed(list(ent), label)
    if not tokens:
        return None
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    hyphened = following is not None and following.text == "-" and not ent[-1].whitespace_
    if label == "GPE" and following is not None and (following.is_currency or following.text == "$"):
        return None  # "US $199", "US$ 40 billion": a currency, not the country
    if hyphened or (ent.root.dep_ in ("amod", "compound") and "-" in ent.text):
        return None  # "Taliban-linked", "U.S.-Russia policy": a modifier, not a mention
    begin, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    name = ent.doc.text[begin:end]
    if label == "ORG" and ent.start > 0:
        before = ent.doc[ent.start - 1]
        if before.ent_type_ == "NORP" and before.dep_ in ("amod", "compound"):
            begin, name = before.idx, ent.doc.text[before.idx : end]  # "Russian" + "Foreign Ministry"
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


def _trimmed(tokens: list[Token], label: str) -> list[Token]:
    """The tokens that are the name: a person's titles and anything not a name's word cut off the front
    ("Now Brazile", "The State Department", "Republican Donald Trump"), a role cut off an organization's
    end ("Apple’s C.E.O."), possessives and punctuation off the end, a verb the NER glued to a name off
    either end ("Obama Calls" of a headline), and a flight number ("Adam Air Flight 574")."""
    while tokens and tokens[-1].pos_ == "VERB":
        tokens = tokens[:-1]
    while tokens and (tokens[0].pos_ not in _NAME_TAGS or (label == "PERSON" and tokens[0].lower_ in TITLES)):
        if label != "PERSON" and tokens[0].pos_ == "ADJ" and tokens[0].ent_type_ == "NORP":
            break  # "Russian Foreign Ministry" is the ministry's name
        if (
            label != "PERSON"
            and tokens[0].is_title
            and tokens[0].pos_ in ("ADJ", "NOUN")
            and not tokens[0].is_sent_start
        ):
            break  # "Royal Dutch Shell", "Major League Baseball" tagged as words: still the name's
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
    while tokens and (tokens[-1].tag_ == "POS" or (tokens[-1].is_punct and tokens[-1].text != ".")):
        tokens = tokens[:-1]
    flight = next((i for i, t in enumerate(tokens) if i and t.text == "Flight"), None)
    return tokens[:flight] if flight is not None else tokens


def _role_word(token: Token) -> bool:
    return token.lower_.replace(".", "") in ROLE_NOUNS


def _after_role(ent: SpacySpan) -> bool:
    """A name of two or more words right after a role noun of its own phrase ("Spokeswoman Sandy Angers",
    "analyst Jane Roe"), which the NER took for an organization's."""
    if ent.start == 0 or len(ent) < 2 or any(t.pos_ != "PROPN" for t in ent):
        return False
    before = ent.doc[ent.start - 1]
    return _role_word(before) and before.head.i in range(ent.start, ent.end)


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


def thing_like(ent: SpacySpan) -> bool:
    """Whether a mention uses its name as a thing's: counted, taken as one, or naming a kind of product."""
    return counted(ent) or taken_as_a_thing(ent) or names_a_product(ent)


def counted(ent: SpacySpan) -> bool:
    """Counted as no actor is: "32 GB", "two iPods", "several Apple Stores"."""
    return any(
        c.i < ent.start and (c.dep_ == "nummod" or (c.dep_ == "amod" and c.lower_ in QUANTIFIERS))
        for c in ent.root.children
    )


def names_a_product(ent: SpacySpan) -> bool:
    """A name that modifies a product's noun: "Macintosh computers", "iPod Touch users"."""
    return ent.root.dep_ in _MODIFIERS and ent.root.head.lemma_.lower() in PRODUCT_NOUNS


def taken_as_a_thing(ent: SpacySpan) -> bool:
    """Taken with an indefinite article or another's possessive, as no organization's own name is: "an
    iPhone", "its iPad", "Apple's App Store"; but "China's Huawei" is the company."""
    for child in ent.root.children:
        if child.i >= ent.start:
            continue
        if child.dep_ == "det" and child.lower_ in ("a", "an"):
            return True
        if child.dep_ == "poss" and child.ent_type_ not in ("GPE", "NORP"):
            return True
    return False
