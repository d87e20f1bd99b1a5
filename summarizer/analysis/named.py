"""Who a clause names, as keys a model's sentence and the article's can be compared on: an actor's name
folded (``key``), or for a common noun "~" and its first letters (``stem``), so that "the union" and
"unions" meet; a pronoun stands for what the caller resolved it to. Read by the claims (claims.py) and
the check of the model's sentences (extract/faithful.py).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from ..models import ActorKind
from .entities import Entity
from .lexicon import PRONOUNS
from .text import normalize

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Named", "ambiguous", "conjuncts", "key", "keys_of", "stem", "vague"]

_STEM = 5


_FUNCTION_WORDS = frozenset({"the", "and", "for", "of"})


class Named:
    """The actors a text names, by their names: the article's entities, and what a pronoun stands for."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = entities
        # Each name folded once and filed, in order, by the word of it that fewest names share: a clause
        # is then matched against the names whose word it holds (folding every name again for each
        # clause, or trying every name, is quadratic in a long article).
        names = sorted(((name, e) for e in entities for name in _names(e)), key=lambda n: -len(n[0]))
        folded = [(normalize(name)[0].strip(), key(e)) for name, e in names]
        folded = [(name, entity_key) for name, entity_key in folded if name]
        shared = Counter(w for name, _ in folded for w in set(name.split()))
        self._names: dict[str, list[tuple[int, str, str]]] = {}
        for n, (name, entity_key) in enumerate(folded):
            rarest = min(name.split(), key=lambda w: shared[w])
            self._names.setdefault(rarest, []).append((n, f" {name} ", entity_key))

    def keys(self, words: str) -> set[str]:
        """Keys of the actors ``words`` name, the longest name first ("Russia's embassy in the U.S." is
        the embassy, not Russia)."""
        text = f" {normalize(words)[0]} "
        names = sorted(n for word in set(text.split()) for n in self._names.get(word, []))
        found: set[str] = set()
        for _, pattern, entity_key in names:
            if pattern in text:
                found.add(entity_key)
                text = text.replace(pattern, " ")
        return found

    def side(self, keys: frozenset[str]) -> set[str]:
        """The stems of the names and roles of the actors ``keys`` name: a spokesman speaks for the body
        his role names ("Kremlin spokesperson"), a ministry for the country its name does."""
        out: set[str] = set()
        for entity in self.entities:
            if key(entity) in keys:
                words = " ".join([*_names(entity), entity.role or ""]).lower()
                out |= {stem(w) for w in re.findall(r"[a-z]\w{2,}", words) if w not in _FUNCTION_WORDS}
        out |= {k[1:] for k in keys if k.startswith("~")}
        return out


def ambiguous(pronoun: Token) -> bool:
    """Whether a pronoun subject may stand for either of two: in what someone told someone ("Biden told
    Putin that he doesn't …")."""
    clause = pronoun.head
    return clause.dep_ == "ccomp" and any(c.dep_ in ("dobj", "dative") for c in clause.head.children)


def key(entity: Entity) -> str:
    return normalize(entity.name)[0]


def stem(word: str) -> str:
    """A word's first letters, so that inflections and nominalizations meet ("recalled", "recall")."""
    return word.lower()[:_STEM]


def _names(entity: Entity) -> list[str]:
    names = entity.names()
    if entity.kind is ActorKind.PERSON and len(entity.name.split()) > 1:
        names.append(entity.name.split()[-1])
    return names


def conjuncts(noun: Token) -> list[Token]:
    return [noun, *(c for c in noun.conjuncts if c.i > noun.i)]


def keys_of(noun: Token, named: Named, pronouns: dict[int, set[str]]) -> set[str]:
    if noun.i in pronouns:
        return pronouns[noun.i]
    if noun.lower_ in PRONOUNS:
        return set()
    # The noun's own phrase: not the nouns joined to it ("Ford and GM" are two subjects), nor a clause
    # describing it; joined words inside a modifier stay ("Ford and Toyota sales" names both). A name in
    # a prepositional modifier is not who acts ("the A330 at Air France's hangar"), one after "of",
    # "from" or "by" is, as a possessive is ("the capital of Apple", "comments from Biden").
    apart = {
        t.i
        for c in noun.children
        if c.dep_ in ("conj", "cc", "relcl", "acl")
        or (c.dep_ == "prep" and c.lower_ not in ("of", "from", "by"))
        for t in c.subtree
    }
    phrase = [t for t in noun.subtree if t.i not in apart]
    keys = named.keys(" ".join(t.text for t in phrase))
    return keys if noun.pos_ == "PROPN" and keys else keys | {"~" + stem(noun.lemma_)}


def vague(noun: Token | None, named: Named) -> bool:
    """Whether a subject names no one a reader could check: "it", "they", "the aircraft", "the
    company" (a pronoun or a definite common noun naming no actor)."""
    if noun is None:
        return True
    if noun.lower_ in PRONOUNS:
        return True
    definite = any(
        c.lower_ in ("the", "this", "these", "that", "those", "his", "her", "its", "their")
        for c in noun.children
    )
    return noun.pos_ == "NOUN" and definite and not named.keys(" ".join(t.text for t in noun.subtree))
