"""Roles in the article's own words: the title words before a person's name ("Kremlin spokesperson Dmitry
Peskov") or an apposition after it ("Konstantin Kosachev, head of …"), kept verbatim with their span."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..models import Span
from .lexicon import ROLE_NOUNS
from .nlp import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["stated_role"]


_WHOSE = frozenset({"its", "their"})
"""Possessive pronouns a role can open with that stand for a body ("its managing director")."""


def stated_role(
    doc: Doc, mentions: list[Span], body: Callable[[int], str | None] = lambda _: None
) -> tuple[str | None, Span | None]:
    """The role the article gives a person beside one of its mentions, verbatim: the words before the
    name ("Kremlin spokesperson Dmitry Peskov"), an apposition after it ("Konstantin Kosachev, head
    of …") or the role the name is in apposition to ("the club's coach, Ana Ruiz, said"). The first
    mention that has one gives it. A role that opens with "its" or "their" says nothing alone: the
    pronoun is the organization it stands for (``_whose``), else left out. ``body`` names the
    organization a mention at an offset is of, if any."""
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        found = _before(span) or _apposition(span) or _set_before(span)
        if found is not None:
            words = text_of(doc)[found.start : found.end]
            return _whose(doc, found, words, body), found
    return None, None


def _whose(doc: Doc, found: Span, words: str, body: Callable[[int], str | None]) -> str:
    """A role's words with the possessive pronoun it opens with made the organization's name: the
    subject the pronoun's sentence has before it, or the previous sentence's, when an organization's
    ("Acme Corp. said … . Its chief executive, Jane Roe, …": "Acme Corp.'s chief executive"); the bare
    role without the pronoun where the parse does not say whose ("chief executive")."""
    tokens = doc.char_span(found.start, found.end, alignment_mode="expand")
    if tokens is None or tokens[0].lower_ not in _WHOSE or tokens[0].dep_ != "poss" or len(tokens) < 2:
        return words
    rest = text_of(doc)[tokens[1].idx : found.end]
    pronoun, sentence = tokens[0], tokens[0].sent
    earlier = [t for t in sentence if t.i < pronoun.i]
    if sentence.start > 0 and not any(t.dep_ in ("nsubj", "nsubjpass") for t in earlier):
        earlier = list(doc[sentence.start - 1].sent)
    subjects = [t for t in earlier if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
    name = body(subjects[-1].idx) if subjects else None
    if name is None:
        return rest
    return f"{name}' {rest}" if name.endswith("s") else f"{name}'s {rest}"


def _before(name: SpacySpan) -> Span | None:
    """Title words and their modifiers just before the name, in the name's own noun phrase."""
    doc, first = name.doc, name.start
    i = first
    while i > 0 and _premodifies(doc[i - 1], name):
        i -= 1
    while i < first and (doc[i].pos_ in ("DET", "PUNCT") or doc[i].tag_ == "POS"):
        i += 1
    if i == first or not any(t.lower_ in ROLE_NOUNS for t in doc[i:first]):
        return None
    return Span(start=doc[i].idx, end=doc[first - 1].idx + len(doc[first - 1].text))


def _premodifies(token: Token, name: SpacySpan) -> bool:
    if token.is_space or token.text in ",;:—–()":
        return False
    # Inside the name's noun phrase: the token's head chain reaches the name without leaving the phrase.
    head = token
    for _ in range(6):
        if name.start <= head.i < name.end:
            return True
        if head.head.i == head.i or head.head.i < token.i:
            return False
        head = head.head
    return False


def _apposition(name: SpacySpan) -> Span | None:
    """ ", head of the Russian upper house of parliament's foreign affairs committee," after the name."""
    for child in name.root.children:
        if child.dep_ == "appos" and child.i >= name.end and child.lower_ in ROLE_NOUNS | {"former"}:
            tokens = [t for t in child.subtree if t.i >= name.end]
            while tokens and tokens[-1].is_punct:
                tokens.pop()
            if tokens and tokens[-1].i - tokens[0].i < 20:
                return Span(start=tokens[0].idx, end=tokens[-1].idx + len(tokens[-1].text))
    return None


def _set_before(name: SpacySpan) -> Span | None:
    """A role noun's phrase that the name stands in apposition to, before it: "a spokeswoman, Dana
    Pruitt, said", "the company's chief financial officer, Mei Lin". A kinship is no role ("her brother,
    Daniel Castillo")."""
    role = name.root.head
    if name.root.dep_ != "appos" or role.i >= name.start or role.lower_ not in ROLE_NOUNS:
        return None
    tokens = [t for t in role.subtree if t.i < name.start]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    if tokens and tokens[0].lower_ in ("a", "an"):
        tokens.pop(0)  # "a spokeswoman": the role is "spokeswoman"
    if not tokens or tokens[-1].i - tokens[0].i >= 20 or len(tokens) != tokens[-1].i - tokens[0].i + 1:
        return None
    return Span(start=tokens[0].idx, end=tokens[-1].idx + len(tokens[-1].text))
