"""The named entities of the trained pipeline, with the names its NER cuts or runs together made whole
again (read by the mentions, mentions.py): "Lockheed Martin" read as two, a name cut at its "and" or at a
comma, a name's first or last words or an elision's apostrophe left out, a body read as a name and its
possessive, a son's "Jr.", a union's local named before its union; and a common word capitalized by a
sentence's start, a maker's name inside a product's, a kind of thing spelled out before its acronym,
taken for no name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .acronyms import BRAND, clipped, expanded_from, in_brackets_after
from .lexicon import (
    AGENT_NOUNS,
    COMPANY_NOUNS,
    CORPORATE_SUFFIXES,
    INSTITUTIONS,
    PUBLIC_BODIES,
    ROLE_NOUNS,
    SUCCESSION,
    TITLES,
)
from .listed import listed
from .nlp import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["named"]

_BODY_WORDS = INSTITUTIONS | PUBLIC_BODIES | COMPANY_NOUNS | CORPORATE_SUFFIXES
"""Words that make a name a body's ("Alliance", "Commission", "Inc.")."""


def named(doc: Doc) -> list[SpacySpan]:
    """The named entities of ``doc``, an organization's name the NER cut short made whole again: "Lockheed
    Martin" read as the organization Lockheed and a person or product Martin side by side (the first a
    compound of the second in the parse), "European Aeronautic Defence and Space Company" cut at its "and"
    (the name goes on to a word that ends an organization's name: Company, Commission), a name cut before
    its last words (``_cut_after``), a name an acronym in brackets spells out (``_spelled_out``), a body
    named with a possessive (``_possessed_body``), a son's name (``_sons``), a union's local
    (``_unit_of``) and names in lists (listed.py). A common word only a sentence's start capitalizes is
    no name (``_capitalized_by_place``)."""
    from spacy.tokens import Span as Joined

    found: list[SpacySpan] = []
    by_place = _capitalized_by_place(doc)
    for ent in doc.ents:
        if len(ent) == 1 and ent[0].lower_ in by_place and _starts_sentence(ent[0]):
            continue
        last = found[-1] if found else None
        if last is not None and ent.start < last.end:
            continue  # taken into the name before it ("Leary" of "O' Leary")
        if (
            last is not None
            and last.label_ == "ORG"
            and len(ent) == 1
            and ent.start == last.end
            and last.root.dep_ == "compound"
            and last.root.head.i == ent.start
        ):
            found[-1] = Joined(doc, last.start, ent.end, label="ORG")
        elif ent.label_ == "ORG" and (end := _continued(ent)) is not None:
            found.append(Joined(doc, ent.start, end, label="ORG"))
        elif (end := _elided(ent)) is not None:
            found.append(Joined(doc, ent.start, end, label=ent.label_))
        elif (ent.label_ == "ORG" and (_cut_before(ent) or _title_left_out(ent))) or (
            ent.label_ in ("ORG", "PERSON") and _brand_before(ent)
        ):
            found.append(Joined(doc, ent.start - 1, ent.end, label="ORG"))
        elif ent.label_ in ("ORG", "PERSON") and (cut := _cut_after(ent)) is not None:
            # A thing's name ("Mac OS X"), unless someone holds a role in it ("Boeing Commercial Airplanes
            # CEO Scott Carson"): a maker's name inside a product's is no mention of the maker.
            if cut[1]:
                found.append(Joined(doc, ent.start, cut[0], label="ORG"))
        else:
            found.append(ent)
    found = _short_names(doc, _spelled_out(doc, listed(doc, found)))
    for ent in [e for e in found if e.label_ in ("PERSON", "ORG")]:
        if ent in found and (whole := _possessed_body(ent)) is not None:
            found = _first_words(doc, _put(doc, found, *whole, "ORG"), doc[whole[0] : whole[1]])
    for begin, end in _sons(doc):
        found = _put(doc, found, begin, end, "PERSON")
    for ent in [e for e in found if e.label_ == "ORG"]:
        if ent in found and (unit := _unit_of(ent)) is not None:
            found = _put(doc, found, unit, ent.end, "ORG")
    return found


def _put(doc: Doc, found: list[SpacySpan], begin: int, end: int, label: str) -> list[SpacySpan]:
    """``found`` with a name from token ``begin`` to ``end`` in place of the names it overlaps."""
    from spacy.tokens import Span as Joined

    kept = [e for e in found if e.end <= begin or e.start >= end]
    return sorted([*kept, Joined(doc, begin, end, label=label)], key=lambda e: e.start)


def _cut_after(ent: SpacySpan) -> tuple[int, bool] | None:
    """Where a name ends that the NER cut before its last capitalized words ("[Mac] OS X", "[Boeing]
    Commercial Airplanes"), the name being a compound of the last of them, and whether someone holds a
    role there (the name modifies a role noun: "Boeing Commercial Airplanes CEO Scott Carson"). A role
    noun ends the name; another name's words are no part of it ("Boeing CEO Scott Carson")."""
    doc, head = ent.doc, ent.root.head
    if ent.root.dep_ != "compound" or head.i < ent.end:
        return None
    end = head.i if head.lower_ in ROLE_NOUNS else head.i + 1
    added = doc[ent.end : end]
    capitalized = all(t.text[:1].isupper() and t.pos_ in ("PROPN", "NOUN") for t in added)
    if not added or not capitalized or any(t.ent_type_ or t.lower_ in ROLE_NOUNS for t in added):
        return None
    last = doc[end - 1]
    return end, end == head.i or (last.dep_ == "compound" and last.head.lower_ in ROLE_NOUNS)


def _possessed_body(ent: SpacySpan) -> tuple[int, int] | None:
    """Where the name of a body runs that the NER read as a name and its possessive: "the Judge Baker
    Children's Center" ([Baker Children's] owning a Center), "St. Jude Children's Hospital": the word
    right after the possessive is the name's head and the body's kind, capitalized as no thing a person
    owns is; capitalized words before it that the NER left out are the name's ("Judge"). So too a role's
    office ("the U.S. Trade Representative's office", "the Attorney General's office"): a role is no body,
    its office is."""
    doc = ent.doc
    if ent[-1].tag_ == "POS":
        at = ent.end
    elif ent.end < len(doc) and doc[ent.end].tag_ == "POS":
        at = ent.end + 1
    else:
        return None
    if at >= len(doc) or ent.root.head.i != at or doc[at].ent_type_:
        return None
    kind = doc[at]
    named_body = kind.lower_ in PUBLIC_BODIES and kind.is_title
    if not named_body and not (kind.lower_ in INSTITUTIONS and doc[at - 2].lower_ in ROLE_NOUNS):
        return None
    begin = ent.start
    while begin and (before := doc[begin - 1]).pos_ == "PROPN" and before.is_title and not before.ent_type_:
        begin -= 1
    return begin, at + 1


def _first_words(doc: Doc, found: list[SpacySpan], whole: SpacySpan) -> list[SpacySpan]:
    """``found`` with the first two words of a name made whole (``whole``), written alone elsewhere and
    read there as another name or a piece of one ("at Judge Baker", the NER's person Baker), made that
    name's short form."""
    first = [t.text for t in whole if t.lower_ != "the"][:2]
    for token in doc[: len(doc) - 1]:
        pair = doc[token.i : token.i + 2]
        if [t.text for t in pair] != first or pair.start in range(whole.start, whole.end):
            continue
        pieces = [e for e in found if e.start < pair.end and e.end > pair.start]
        if pieces and all(pair.start <= e.start and e.end <= pair.end for e in pieces):
            found = _put(doc, found, pair.start, pair.end, "ORG")
    return found


def _sons(doc: Doc) -> list[tuple[int, int]]:
    """A person's name ending with the word that tells a son from his father ("Darnell Price Jr."),
    which the NER often leaves out or reads as an organization's, whole or in part: two or more
    capitalized proper nouns before "Jr." or "Sr.", no other kind of name's ("World War II" is an
    event's; a numeral follows a person's name only when the NER reads one)."""
    found = []
    for token in doc:
        if token.lower_.rstrip(".") not in SUCCESSION:
            continue
        begin = token.i
        while begin and doc[begin - 1].pos_ == "PROPN" and doc[begin - 1].text[:1].isupper():
            begin -= 1
        before = doc[begin : token.i]
        roman = set(token.lower_) <= set("ivx")
        person = all(t.ent_type_ == "PERSON" for t in before)
        named_so = all(t.ent_type_ in ("", "PERSON", "ORG") for t in before)
        if len(before) >= 2 and (person or (not roman and named_so)):
            found.append((begin, token.i + 1))
    return found


def _capitalized_by_place(doc: Doc) -> set[str]:
    """The words the article writes in lower case and capitalizes only where a sentence starts ("library
    workers", "Library supporters held signs"): common words, not names."""
    lower = {t.text for t in doc if t.is_lower and t.is_alpha}
    capitalized = {t.lower_ for t in doc if t.is_title and not _starts_sentence(t)}
    return lower - capitalized


def _starts_sentence(token: Token) -> bool:
    """Whether only punctuation stands before ``token`` in its sentence (an opening quotation mark)."""
    return all(t.is_punct for t in token.doc[token.sent.start : token.i])


def _spelled_out(doc: Doc, found: list[SpacySpan]) -> list[SpacySpan]:
    """``found`` with the whole name an acronym in brackets spells out ("the American Federation of
    State, County and Municipal Employees (AFSCME)": the NER's organization ends at the comma) in place
    of the pieces the NER read of it, and the acronym a name of its own, when a piece is an
    organization's (or, when the NER read none, the acronym is): "the Digital Markets Act (DMA)" is a
    law's name. A name of a kind of thing so spelled out is none (``_a_kind_of_thing``)."""
    from spacy.tokens import Span as Joined

    for token in doc[2:-1]:
        acronym = doc[token.i : token.i + 1]
        if doc[token.i + 1].text != ")" or (begin := expanded_from(acronym)) is None:
            continue
        end = token.i - 1
        pieces = [e for e in found if e.start < end and e.end > begin]
        body = any(e.label_ == "ORG" for e in pieces or [e for e in found if e.start == token.i])
        # "The Kenya Private Sector Alliance (KEPSA)" read as a work's title: a body by its words.
        misread = all(e.label_ == "WORK_OF_ART" for e in pieces) and any(
            t.lower_ in _BODY_WORDS for t in doc[begin:end]
        )
        if not body and not misread:
            continue
        if _a_kind_of_thing(doc[begin:end], acronym):
            found = [e for e in found if e not in pieces and e.start != token.i]
            continue
        found = _put(doc, found, min([begin, *(e.start for e in pieces)]), end, "ORG")
        if not any(e.start == token.i for e in found):
            found = sorted([*found, Joined(doc, token.i, token.i + 1, label="ORG")], key=lambda e: e.start)
    return found


def _short_names(doc: Doc, found: list[SpacySpan]) -> list[SpacySpan]:
    """``found`` with the short name an organization's full name gives itself in brackets, clipped from
    its words rather than their initials ("the California Department of Forestry and Fire Protection
    (Cal Fire)", "Federal Express (FedEx)"), an organization's name wherever the article writes it,
    whatever the NER read there ("Cal Fire" as a person's: the article says whose name it is)."""
    for ent in [e for e in found if e.label_ == "ORG" and len([t for t in e if t.lower_ != "the"]) > 1]:
        short = in_brackets_after(ent)
        if short is None or not clipped(short.text, ent.text):
            continue
        words = [t.text for t in short]
        for token in doc[: len(doc) - len(words) + 1]:
            at = doc[token.i : token.i + len(words)]
            if [t.text for t in at] != words:
                continue
            pieces = [e for e in found if e.start < at.end and e.end > at.start]
            if all(at.start <= e.start and e.end <= at.end for e in pieces):
                found = _put(doc, found, at.start, at.end, "ORG")
    return found


def _a_kind_of_thing(name: SpacySpan, acronym: SpacySpan) -> bool:
    """A name spelled out before its acronym, the acronym modifying a common noun after it, and none of
    the name's words a body's kind: "Maintenance, Repair and Overhaul (MRO) operations", "Gross Domestic
    Product (GDP) growth" name a kind of thing; "World Health Organization (WHO) guidelines" a body."""
    modified = acronym.root.head
    return (
        acronym.root.dep_ in ("compound", "nmod")
        and modified.pos_ == "NOUN"
        and modified.i > acronym.end
        and not any(t.lower_ in _BODY_WORDS | AGENT_NOUNS or t.lemma_.lower() in _BODY_WORDS for t in name)
    )


def _unit_of(ent: SpacySpan) -> int | None:
    """Where the name of a numbered unit of an organization begins, named before it ("Local 1187 of the
    Teamsters", "Post 7 of the American Legion"): the unit is the body that acts."""
    doc, i = ent.doc, ent.start
    if i and doc[i - 1].lower_ == "the":
        i -= 1
    if i < 3 or doc[i - 1].lower_ != "of" or not doc[i - 2].like_num or not doc[i - 3].is_title:
        return None
    return i - 3


def _cut_before(ent: SpacySpan) -> bool:
    """Whether the NER left an organization's first word out ("Harvest" of "Harvest Lane Foods Inc.",
    the parser ending a sentence between them): a capitalized proper noun of no entity right before it,
    which the article writes with the name's first word again elsewhere ("Harvest Lane expects …")."""
    if ent.start == 0:
        return False
    before = ent.doc[ent.start - 1]
    if before.pos_ != "PROPN" or not before.is_title or before.ent_type_ or not before.whitespace_:
        return False
    return text_of(ent.doc).count(f"{before.text} {ent[0].text}") > 1


def _title_left_out(ent: SpacySpan) -> bool:
    """Whether the NER left out an organization's first word because it is also a title ("[Chancellor]
    Data Services", "[General] Motors"): a capitalized proper noun of no entity that modifies the name
    and starts its noun phrase. A title stands before a person's name, not a body's, so before a body it
    is the body's own word; unless the article names a person by the words after it ("Senator Acme" read
    as an organization, "Acme" a person elsewhere)."""
    if ent.start == 0:
        return False
    doc, before = ent.doc, ent.doc[ent.start - 1]
    modifies = before.dep_ == "compound" and ent.start <= before.head.i < ent.end
    if not modifies or before.pos_ != "PROPN" or not before.is_title or before.ent_type_:
        return False
    if before.lower_ not in TITLES | ROLE_NOUNS or not before.whitespace_:
        return False
    if before.i > 0 and doc[before.i - 1].pos_ == "PROPN":
        return False  # "Deputy Chancellor …": a run of titles, a person's
    return not any(e.label_ == "PERSON" and e[-1].text == ent[-1].text for e in doc.ents)


def _brand_before(ent: SpacySpan) -> bool:
    """Whether the NER left out a name's first word spelled as a brand is ("[iTunes] Music Store", "[eBay]
    Motors"; acronyms.BRAND): a proper noun of no entity that modifies the name. The name is then an
    organization's or a product's, not a person's ("Music Store" read as a person)."""
    if ent.start == 0:
        return False
    before = ent.doc[ent.start - 1]
    modifies = before.dep_ == "compound" and ent.start <= before.head.i < ent.end
    return (
        bool(BRAND.fullmatch(before.text))
        and modifies
        and before.pos_ == "PROPN"
        and not before.ent_type_
        and bool(before.whitespace_)
    )


def _elided(ent: SpacySpan) -> int | None:
    """Where a name cut at an elision's apostrophe ends: "Michael O' Leary", "D' Souza", spaced as a
    tokenized text spaces them, are read as "Michael O '" and another entity "Leary"."""
    doc = ent.doc
    if len(ent) < 2 or ent[-1].text not in ("'", "’") or len(ent[-2].text) > 2 or ent.end >= len(doc):
        return None
    following = doc[ent.end]
    return ent.end + 1 if following.is_title and following.pos_ == "PROPN" else None


def _continued(ent: SpacySpan) -> int | None:
    """Where an organization's name cut at "and" or "&" ends, when capitalized words after it (or another
    organization's name the NER read there) run to a word that ends such names."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].lower_ not in ("and", "&"):
        return None
    i = ent.end + 1
    if doc[i].ent_iob_ == "B" and doc[i].ent_type_ == "ORG":
        # "Tobacco Workers and Grain Millers International Union": the rest read as a second name
        while i + 1 < len(doc) and doc[i + 1].ent_iob_ == "I":
            i += 1
        i += 1
    while i < len(doc) and doc[i].is_title and not doc[i].ent_type_ and doc[i].pos_ in ("PROPN", "NOUN"):
        i += 1
    last = doc[i - 1].lower_.rstrip(".")
    return i if i > ent.end + 1 and last in CORPORATE_SUFFIXES | INSTITUTIONS else None
