"""Words set in quotation marks that nobody is shown saying: terms, not speech.

News puts quotation marks around more than speech: the title of a show, a book or a law ("appeared on
“Meet the Press”"), a slogan or a chant ("supporters chanted “Lock her up!”"), a nickname or a name
("the so-called “death grip”", "the issue, dubbed “Antennagate”"), scare quotes ("a “special
charity-flight”"). Such words get no speaker: a speaker given to them is always wrong. What tells them
apart is the shape of the words and where the writer's sentence puts them, read off the parse.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import NAMING_VERBS, TITLE_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["is_term", "is_titled", "names_a_thing"]

_MEDIA_PREPOSITIONS = frozenset(["on", "in"])
"""Prepositions whose object in quotation marks is a show, a paper or a work ("on “Meet the Press”",
"in “The Art of the Deal”"): words are said to someone, not on or in them."""


def is_term(words: SpacySpan) -> bool:
    """Whether quoted words are a term: a title or slogan by their shape, or a name the writer's sentence
    uses as a noun."""
    return is_titled(words.text) or names_a_thing(words)


def is_titled(text: str) -> bool:
    """Whether quoted words read as a title, a name or a slogan: two words or more, each but the small
    ones capitalized ("Meet the Press", "Fox News Sunday", "Make America Great Again", "LOCK HER UP"),
    with no full stop, question or exclamation mark to end a sentence. Speech quoted from a person is
    written in sentence case."""
    stripped = text.strip(" ,;:")
    words = [w.strip("()[]'’‘-") for w in stripped.split()]
    words = [w for w in words if w]
    if len(words) < 2 or stripped.endswith((".", "?", "!", "…")):
        return False
    letters = [w for w in words if w[0].isalpha()]
    return (
        len(letters) >= 2
        and letters[0][0].isupper()
        and all(w[0].isupper() or w.lower() in TITLE_WORDS for w in letters)
    )


def names_a_thing(words: SpacySpan) -> bool:
    """Whether quoted words are a name set in a noun phrase, not someone's words: with no verb, they
    modify a noun or stand beside one ("the “Lion” release", "a free case, or “bumper”"), are the
    object of a noun's preposition ("the existence of an “Antennagate”") or of "on"/"in" ("appeared on
    “Meet the Press”"), take the writer's own article or adjective ("the so-called “death grip”"), or are
    the name a participle gives a noun ("the issue, dubbed “Antennagate” by the media")."""
    if any(t.pos_ in ("VERB", "AUX") for t in words):
        return False  # a clause is said, whatever the parser hung it on ("a promise: “We will win.”")
    roots = [
        t for t in words if not t.is_punct and not (words.start <= t.head.i < words.end and t.head.i != t.i)
    ]
    if len(roots) != 1:
        return False
    root, head = roots[0], roots[0].head
    nominal = ("NOUN", "PROPN")
    if any(c.i < words.start and c.dep_ in ("det", "amod", "predet") for c in root.children):
        return True  # the quoted words are a noun of the writer's sentence, not a quotation of one
    if head.lemma_.lower() in NAMING_VERBS and head.dep_ == "acl":
        return True  # a name given to the noun the participle describes, not words anyone is shown saying
    if head.dep_ == "dobj" and head.head.lemma_.lower() in NAMING_VERBS:
        return False  # "called the new software “the most advanced …”": words said of it
    if root.dep_ in ("compound", "nmod", "appos", "conj") and head.pos_ in nominal:
        return True
    return root.dep_ == "pobj" and _object_of_a_noun_or_medium(head)


def _object_of_a_noun_or_medium(preposition: Token) -> bool:
    if preposition.dep_ != "prep":
        return False
    return preposition.head.pos_ in ("NOUN", "PROPN") or preposition.lower_ in _MEDIA_PREPOSITIONS
