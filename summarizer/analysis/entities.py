"""Actors from the trained pipeline's named entities: one per entity, with its mentions, kind and role.

The NER labels each mention on its own and the small model mislabels some ("Biden administration" as an
organization); a name is grouped with the other mentions of it first, and the group's kind decided by
all of them. A surname alone joins the person whose full name ends with it; "U.S." joins "United States";
a capital city standing for its government ("Moscow and Washington") is an alias of its country when the
article names that country, and a place otherwise (not an actor). A person's role is the article's own
words beside the name (roles.py).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..models import ActorKind, Span
from .aliases import group
from .lexicon import (
    COUNTRY_ALIASES,
    INSTITUTIONS,
    PLACE_PREPOSITIONS,
    SPEECH_VERBS,
    SUCCESSION,
)
from .mentions import Mention, called_a_body, countries, key, mention, words
from .namesakes import meant, told
from .nlp import text_of
from .places import a_place, as_place, dateline_place, first_of_list
from .roles import stated_role
from .text import covered
from .things import (
    counted,
    definite,
    made,
    names_a_line,
    names_a_measure,
    names_a_product,
    taken_as_a_thing,
    titled,
)
from .whole import named

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc, Token

__all__ = ["Entity", "body_named", "find_entities"]

_LABELS = {"PERSON": ActorKind.PERSON, "ORG": ActorKind.ORGANIZATION, "GPE": ActorKind.COUNTRY}
_ACRONYM_WORD = re.compile(r"\b[A-Z][A-Z.&]*[A-Z]\b\.?")


@dataclass
class Entity:
    """One person, organization, country or group the article names."""

    name: str
    kind: ActorKind
    mentions: list[Span] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    role_span: Span | None = None
    owns: bool = False
    """Some mention owns or does something as no thing does: an owner ("Apple's iPod", "the Beatles'
    company") or a passive's agent ("was bought by Disney"). A subject is no such sign: products are
    subjects too ("the MacBook Air uses", "iMovie added")."""

    def names(self) -> list[str]:
        return [self.name, *self.aliases]


def find_entities(doc: Doc, start: int, outside: list[Span], dateline: str = "") -> list[Entity]:
    """The actors the article names from ``start`` on outside the parts that are not its prose
    (``outside``: a headline, a caption, a byline, its ``dateline``), the most mentioned first."""
    aside = covered(outside)
    mentions = [
        m
        for ent in named(doc)
        if ent.start_char >= start and not aside(ent.start_char) and (m := mention(ent)) is not None
    ]
    groups = group(mentions, text_of(doc))
    mentions = [m for g in groups for m in g]
    entities = [e for e in (_entity(g, mentions) for g in groups) if e is not None]
    # Each entity's mentions looked up by span: a scan of every mention for each entity is quadratic in a
    # long article.
    index = {(m.span.start, m.span.end): m for m in mentions}
    _join_capitals(entities, mentions)
    joined = _acting_places(entities, index) + _countries_for_companies(entities, index)
    place = dateline_place(dateline)
    entities = [
        e
        for e in entities
        if e.kind is not ActorKind.OTHER
        and not a_place(e.kind, e.names(), [m.ent for m in _of(e, index)], place)
        and not _a_thing(e, index)
        and all(e is not j for j in joined)
    ]
    _surnames(doc, entities, start, outside)
    for entity in entities:
        ents = [m.ent for m in _of(entity, index)]
        if entity.kind is ActorKind.PERSON and any(called_a_body(ent.root) for ent in ents):
            entity.kind = ActorKind.ORGANIZATION
        if entity.kind is ActorKind.PERSON:
            entity.role, entity.role_span = stated_role(doc, entity.mentions, _body_at(entities))
        entity.owns = any(_owning(m.ent.root) for m in _of(entity, index))
    first = {id(e): min(s.start for s in e.mentions) for e in entities}
    return sorted(entities, key=lambda e: (-len(e.mentions), first[id(e)]))


def _of(entity: Entity, index: dict[tuple[int, int], Mention]) -> list[Mention]:
    """The mentions the NER found of ``entity``, in the article's order."""
    return [m for s in entity.mentions if (m := index.get((s.start, s.end))) is not None]


def _a_thing(entity: Entity, index: dict[tuple[int, int], Mention]) -> bool:
    """A name used as a thing's, not an actor's: counted ("32 GB", "several Apple Stores"), a measure's
    wherever written ("the Central Bank Rate"), or an organization's name that never speaks and is
    taken with an indefinite article or a possessive ("an iPhone", "its iPad", "Apple's App Store"),
    which no organization's own name takes, or only ever names a kind of product ("Macintosh
    computers", "iPod Touch users"); or, owning nothing and no passive's agent, what is made and put out
    ("unveiled the Zephyr 3", things.made) or a product's noun's modifier that takes "the" or never
    stands but beside other words."""
    ents = [m.ent for m in _of(entity, index)]
    if any(counted(ent) for ent in ents) or (ents and all(names_a_measure(ent) for ent in ents)):
        return True
    if entity.kind not in (ActorKind.ORGANIZATION, ActorKind.PERSON) or any(
        _speaks(ent.root) for ent in ents
    ):
        return False
    # No person's name modifies a product's noun: "the Safari browser" is a product the NER took for one.
    products = all(names_a_product(ent) or names_a_line(ent) for ent in ents)
    # A title acts only as its publisher does ("Squawk Box reported" is rare; "CNBC reported" is not).
    if all(titled(ent) for ent in ents) and not any(ent.root.dep_ == "nsubj" for ent in ents):
        return True
    aside = all(_beside(first_of_list(ent.root)) for ent in ents)
    named_so = any(names_a_product(ent) for ent in ents) and (aside or any(definite(ent) for ent in ents))
    put_out = (named_so or any(made(ent) for ent in ents)) and not any(_owning(ent.root) for ent in ents)
    taken = entity.kind is ActorKind.ORGANIZATION and any(taken_as_a_thing(ent) for ent in ents)
    return products or put_out or taken


def _beside(root: Token) -> bool:
    """A mention that modifies another word or tells of what or where ("sales of Orla", "in Orla
    stores"): no party's ("a deal with Orla", "a suit against Orla")."""
    where = root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS | {"of"}
    return where or root.dep_ in ("compound", "nmod", "npadvmod")


def _owning(root: Token) -> bool:
    root = first_of_list(root)  # "by Disney and Pixar"
    return root.dep_ == "poss" or (root.dep_ == "pobj" and root.head.dep_ == "agent")


def _speaks(root: Token) -> bool:
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in SPEECH_VERBS


def _surnames(doc: Doc, entities: list[Entity], start: int, outside: list[Span]) -> None:
    """A person's surname alone that the NER missed ("Angers said …" after "Spokeswoman Sandy Angers"):
    a mention of the person of that surname, when the parse reads it as a proper noun or a subject
    ("Jobs said", the tagger taking "Jobs" for a plural); of two or more, the one the article means
    there (namesakes.py: "Castillo said" after "Her brother, Daniel Castillo, said")."""
    people: dict[str, list[Entity]] = {}
    for entity in entities:
        parts = [w for w in entity.name.split() if w.lower().rstrip(".") not in SUCCESSION]
        if entity.kind is ActorKind.PERSON and len(parts) > 1:
            people.setdefault(parts[-1], []).append(entity)
    text = text_of(doc)
    full = {
        id(e): [s.start for s in e.mentions if len(text[s.start : s.end].split()) > 1]
        for named in people.values()
        for e in named
    }
    taken, aside = covered(s for e in entities for s in e.mentions), covered(outside)
    # The words the article puts before each surname two people share ("the elder Price").
    before_them = {surname: told(doc, surname) for surname, named in people.items() if len(named) > 1}
    added: dict[int, list[Span]] = {}
    for token in doc:
        found = [e for e in people.get(token.text, []) if full[id(e)]]
        at = token.idx
        proper = token.pos_ == "PROPN" or token.dep_ in ("nsubj", "nsubjpass", "poss")
        if not found or not proper or at < start or aside(at):
            continue
        if not taken(at):
            person = found[0]
            if len(found) > 1:
                before = doc[token.i - 1].lower_ if token.i else ""
                named = [(tuple(e.name.casefold().split()), full[id(e)]) for e in found]
                person = found[meant(at, before, named, before_them[token.text])]
            added.setdefault(id(person), [*person.mentions]).append(Span(start=at, end=at + len(token)))
            if token.text not in person.aliases:
                person.aliases.append(token.text)
    for entity in entities:
        # Sorted once a person, not once a surname found: quadratic for one the article names throughout.
        if id(entity) in added:
            entity.mentions = sorted(added[id(entity)], key=lambda s: s.start)


def _canonical(name: str) -> str:
    name = re.sub(r"[’']s$", "", name)
    if name.startswith(("the ", "The ")):
        name = name[4:]
    return COUNTRY_ALIASES.get(name, name)


def _entity(group: list[Mention], mentions: list[Mention]) -> Entity | None:
    labels = Counter(m.label for m in group)
    # A name with a company's legal form ("Pfizer Inc.") is an organization's, whatever the NER called
    # its other mentions; a surname the NER called an organization is still the person's.
    if any(key(m.name) != tuple(words(m.name)) for m in group):
        label = "ORG"
    else:
        label = "PERSON" if labels["PERSON"] else labels.most_common(1)[0][0]
    names = Counter(m.name for m in group)
    canonical = {_canonical(n) for n in names}
    kind = _LABELS.get(label, ActorKind.GROUP)
    if label == "GPE":
        country = next((c for c in canonical if c in countries()), None)
        if country is None:
            kind = ActorKind.OTHER  # a city or region: where, not who (unless a capital, below)
        # The article's own fullest name of it ("U.S." where it never writes "United States").
        main = max(names, key=lambda n: (len(n.split()), names[n]))
    elif label == "PERSON":
        main = max(names, key=lambda n: (len(n.split()), names[n], len(n)))
    else:
        # "United Auto Workers" for the union the article mostly calls "UAW": a reader needs the name
        # spelled out once; otherwise the form the article uses most.
        spelled = [n for n in names if len(n.split()) > 1 and not _ACRONYM_WORD.search(n)]
        acronym = any(_ACRONYM_WORD.fullmatch(n) for n in names)
        main = max(spelled if acronym and spelled else names, key=lambda n: (names[n], len(n)))
        # "Northfield Health Partners" for the group the article then calls "Northfield": its short forms
        # are its first words, and the reader needs the name whole once ("Apple" stays "Apple", its
        # legal form "Apple Inc." no fuller a name).
        main = next((n for n in names if all(_first_words_of(o, n) for o in names if o != n)), main)
    # "TASS" beside "Tass" is the same name, not another one.
    aliases = sorted({n for n in names if n.lower() != main.lower()}, key=lambda n: -names[n])
    return Entity(
        name=main,
        kind=kind,
        mentions=sorted({m.span for m in group}, key=lambda s: s.start),
        aliases=aliases,
    )


def _join_capitals(entities: list[Entity], mentions: list[Mention]) -> None:
    """A capital city named beside its country's government is that government: "relations between
    Moscow and Washington" are Russia's and the United States'."""
    capitals = {capital: country for country, capital in countries().items() if capital}
    by_name = {_canonical(n): e for e in entities if e.kind is ActorKind.COUNTRY for n in e.names()}
    for entity in entities:
        country = by_name.get(capitals.get(entity.name, ""))
        if entity.kind is ActorKind.OTHER and country is not None:
            _fold(entity, country)


def _acting_places(entities: list[Entity], index: dict[tuple[int, int], Mention]) -> list[Entity]:
    """A name the NER took for a city that acts and is never where anything is ("Cisco sues Apple",
    "… belongs to Cisco") is an organization's; a capital so is its country's government, and a place
    otherwise. When it is the
    first words of one organization the article named before ("Cisco Systems' VPN …, Cisco has
    promised"), it is that organization: the entities so joined into another are returned."""
    capitals = {capital for capital in countries().values() if capital}
    aliased = {n for e in entities if e.kind is ActorKind.COUNTRY for n in e.aliases}
    joined = []
    for entity in entities:
        if entity.kind is not ActorKind.OTHER:
            continue
        roots = [m.ent.root for m in _of(entity, index)]
        acts = any(r.dep_ == "nsubj" for r in roots) and not any(as_place(r) for r in roots)
        if entity.name in capitals:
            # A capital that acts where the article names no country of it (_join_capitals) is its
            # government: "Washington has criticized Brussels' rules".
            if acts and entity.name not in aliased:
                entity.kind = ActorKind.COUNTRY
            continue
        if acts:
            entity.kind = ActorKind.ORGANIZATION
            if _into_fuller(entity, entities):
                joined.append(entity)
    return joined


def _countries_for_companies(entities: list[Entity], index: dict[tuple[int, int], Mention]) -> list[Entity]:
    """A country named once, alone, after an organization whose name begins with it, where it is no place
    and does not speak, is that organization named short: "Qatar Airways … Qatar has a previous order
    for the A380". A government speaks ("Japan said"); the organization named for a country is what the
    article is about before it. The countries so joined into an organization are returned."""
    joined = []
    for entity in entities:
        roots = [m.ent.root for m in _of(entity, index)]
        if entity.kind is not ActorKind.COUNTRY or len(roots) != 1 or len(entity.mentions) != 1:
            continue
        if as_place(roots[0]) or _speaks(roots[0]) or roots[0].dep_ == "poss":
            continue
        if _into_fuller(entity, entities):
            joined.append(entity)
    return joined


def _into_fuller(entity: Entity, entities: list[Entity]) -> bool:
    """Fold ``entity`` into the one organization named before it with a name that begins with its own
    ("Qatar" into "Qatar Airways"); whether there was one."""
    fuller = [e for e in entities if _named_before_as(entity, e)]
    if len(fuller) == 1:
        _fold(entity, fuller[0])
    return len(fuller) == 1


def _fold(entity: Entity, into: Entity) -> None:  # ``entity`` as another name of ``into``
    into.aliases.append(entity.name)
    into.mentions = sorted({*into.mentions, *entity.mentions}, key=lambda s: s.start)


def _first_words_of(short: str, full: str) -> bool:
    """Whether ``short`` is the first words of the name ``full``, which has more words of its own."""
    named = key(short)
    return key(full)[: len(named)] == named and len(key(full)) > len(named)


def _body_at(entities: list[Entity]) -> Callable[[int], str | None]:
    """The name of the organization one of whose mentions holds an offset, if any."""
    spans = [(s, e.name) for e in entities if e.kind is ActorKind.ORGANIZATION for s in e.mentions]
    return lambda offset: next((name for s, name in spans if s.start <= offset < s.end), None)


def _named_before_as(short: Entity, full: Entity) -> bool:
    """Whether ``full`` is an organization named before ``short`` whose name begins with ``short``'s."""
    return (
        full.kind is ActorKind.ORGANIZATION
        and full is not short
        and _first_words_of(short.name, full.name)
        and full.mentions[0].start < short.mentions[0].start
    )


def body_named(token: Token, entities: list[Entity]) -> Entity | None:
    """A body the article shows speaking, named by its owner: "Russia's embassy in the U.S." becomes an
    organization of its own."""
    if token.lower_ not in INSTITUTIONS or not any(
        c.dep_ in ("poss", "compound") and c.ent_type_ for c in token.children
    ):
        return None
    tokens = [t for t in token.subtree if t.dep_ not in ("relcl", "acl", "appos", "det", "punct")]
    tokens = [t for t in tokens if t.i <= token.i or t.head.i == token.i or t.head.head.i == token.i]
    begin, last = tokens[0], max(tokens, key=lambda t: t.i)
    span = Span(start=begin.idx, end=last.idx + len(last.text))
    name = text_of(token.doc)[span.start : span.end]
    entity = Entity(name=name, kind=ActorKind.ORGANIZATION, mentions=[span])
    entities.append(entity)
    return entity
