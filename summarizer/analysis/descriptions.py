"""What a definite description stands for, where the article shows it: "the company" as the
organization the text calls so or named last, "the minister" as the one person in that role, and any
other noun ("the plane", "the service") by the last earlier mention of the same noun that names it ("its
Airbus A400M military transport plane", "the iTunes Music Store, an online music store", "a new iCloud
service", "The Vesta V2 is a hydrogen engine", "the repair of the Kelso Bridge"), an event noun by its
own verb just before it ("Apple Inc. announced …" for "the announcement"). None where the article does
not show it, or might mean another ("another plane", "existing Tristar and VC-10 aircraft"): unknown
beats wrong.

A timeline entry names such a description after it, in brackets ("The plane [Airbus A400M] made its
maiden flight …"), or its "of" complement ("The first test flight of the aircraft [A380] …")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import ActorKind
from .alone import undetermined
from .entities import Entity
from .indexed import Entities
from .layout import aside
from .lexicon import COMPANY_NOUNS, PUBLIC_BODIES, ROLE_NOUNS
from .referents import last_company
from .text import sentences_back, within

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["described", "described_speaker", "naming"]

_BACK = 12
"""Sentences before a description searched for a mention of its noun that names it."""
_FOREMOST = 3
"""Mentions of the organization an article is about before "the company" names it."""
_NEW = frozenset("a an another other any such each every some".split())
"""Words that make a mention a new or another one, not the description's ("another aircraft")."""
_MODIFIERS = frozenset({"compound", "nmod", "nummod", "amod"})
_NOUN_PLACES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "attr"})
_NEAR = 2
"""Sentences before an event noun searched for the verb that tells its event."""
_EVENT_ENDINGS = ("ment", "y", "al", "ion", "ance", "ence")
"""Endings that make a verb's event a noun ("announcement", "delivery", "approval")."""


def naming(
    subject: Token, shown: set[int], entities: Entities, quoted: list[tuple[int, int]]
) -> tuple[int, str] | None:
    """Where an entry names its subject when that is a description its shown words do not say which one
    is, and with what: after the subject ("The formerly state-owned company [Aer Lingus]"), or after its
    "of" complement where the subject is a part or a first of it ("The first test flight of the aircraft
    [A380]"); None where the article does not show who or what it is."""
    if not undetermined(subject, shown):
        return None
    if (found := described(subject, entities, quoted)) is not None:
        return subject.i, found
    for prep in subject.children:
        if prep.dep_ != "prep" or prep.lower_ != "of" or prep.i not in shown:
            continue
        for noun in prep.children:
            if noun.dep_ == "pobj" and undetermined(noun, shown):
                found = described(noun, entities, quoted)
                return (noun.i, found) if found is not None else None
    return None


def described(noun: Token, entities: Entities, quoted: list[tuple[int, int]]) -> str | None:
    """The name of what a description that does not say which one it is stands for: "the formerly
    state-owned company", "this firm" as the organization the text calls so or named last outside
    quotation marks, a public body none ("the company said", for a speaker, is the same rule); "the
    minister" as the one person named last whose role is a minister; any other noun by an earlier
    mention that names it (``earlier``). None for anything else ("the deliveries")."""
    if noun.lower_ in COMPANY_NOUNS:
        companies = Entities(e for e in entities if e.name.split()[-1].lower() not in PUBLIC_BODIES)
        found = (
            _called(noun, companies) or last_company(noun, companies, quoted) or _foremost(noun, companies)
        )
        if found is not None:
            return found.name
    elif noun.lower_ in ROLE_NOUNS and noun.tag_ == "NN":
        person = _last_in_role(noun, entities)
        return person.name if person is not None else None
    return earlier(noun) or _done_before(noun, quoted)


def _done_before(noun: Token, quoted: list[tuple[int, int]]) -> str | None:
    """What an event noun stands for where its sentence or one of the two before it tells the event by
    its verb with a name ("Apple Inc. announced Friday that …. The announcement came …": "[by Apple Inc.]";
    "… will see Dreamliners delivered to six airlines. The deliveries …": "[of Dreamliners]"): the
    nearest such verb outside quotation marks, by what it was done to, else by who did it. None where
    that verb names neither."""
    lemma = noun.lemma_.lower()
    if lemma in PUBLIC_BODIES:
        return None  # a body, whatever its ending: "government" is no act of governing, "party" of parting
    for verb in reversed(noun.doc[sentences_back(noun, _NEAR).start : noun.left_edge.i]):
        if verb.pos_ != "VERB" or not _nominal(lemma, verb.lemma_.lower()) or aside(verb):
            continue
        if within(quoted, verb.idx):
            continue
        helpers = {c.dep_ for c in verb.children}
        undergone = verb.tag_ == "VBN" and "aux" not in helpers  # passive, or "see them delivered"
        patients = [c for c in verb.children if c.dep_ == "nsubjpass" or (undergone and c.dep_ == "nsubj")]
        patients += [c for c in verb.children if c.dep_ == "dobj"]
        agents = [c for c in verb.children if c.dep_ == "nsubj" and not undergone]
        agents += [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        for word, words in (("of", patients), ("by", agents)):
            named = next((t for t in words if _written_as_name(t)), None)
            if named is not None:
                return f"{word} {_names(named, [named], whole=True)}"
        return None
    return None


def _nominal(noun: str, verb: str) -> bool:
    """Whether a noun is the verb's own event by its ending ("delivery" of "deliver", "announcement" of
    "announce", "approval" of "approve")."""
    stems = {verb, verb[:-1]} if verb.endswith("e") else {verb}
    return any(noun == stem + ending for stem in stems for ending in _EVENT_ENDINGS)


def _written_as_name(token: Token) -> bool:
    """A name, or a word capitalized inside a sentence that the tagger took for a common noun
    ("Dreamliners")."""
    inside = token.i > token.sent.start and token.text[:1].isupper() and token.pos_ == "NOUN"
    return _is_name(token) or inside


def described_speaker(noun: Token, entities: Entities) -> Entity | None:
    """The entity a definite description that speaks stands for, where an earlier mention of its noun
    names it ("His father, Darnell Price, …" for "the father said"; "Dutch club Feyenoord" for "the
    Rotterdam club said"); None otherwise, and for a noun that names what it is ("the company", "the
    minister"), which ``described`` and the speaker's rules read."""
    if noun.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in noun.children):
        return None
    name = earlier(noun)
    if not name:
        return None
    return next((e for e in entities if name in e.names()), None)


def earlier(noun: Token) -> str | None:
    """The name an earlier mention of the same noun gives it: the last mention of that noun, going back
    past definite ones ("the plane", the same one again; each within ``_BACK`` sentences of the next),
    that has a name in apposition to it ("the American computer company Apple"), is in apposition to a
    name ("the A380, a twin-deck aircraft") or has a name among its modifiers ("60 Boeing 787 Dreamliner
    aircraft"), or a name that ends with it ("the Spokane Regional Health District" for "the district").
    None where a mention before that is a new or another one ("a plane", "other aircraft") or names two
    ("Tristar and VC-10 aircraft"), and where two names that end with it stand before it ("the Ridge
    Fire" and "Cal Fire", for "the fire")."""
    lemma = noun.lemma_.lower()
    token: Token | None = noun
    while token is not None:
        token = _mention_before(token, lemma)
        if token is None:
            return None
        if token.pos_ == "PROPN":
            name = _names(token, [token], whole=True)
            return None if _another_name(token, lemma, name) else name
        name = _name_of(token)
        if name is not None:
            return name or None
        if any(c.lower_ in _NEW for c in token.children if c.dep_ in ("det", "amod")):
            return None
    return None


def _mention_before(noun: Token, lemma: str) -> Token | None:
    """The last mention of the noun ``lemma`` within ``_BACK`` sentences before ``noun``: a common noun,
    or the last word of a name of several."""
    for token in reversed(noun.doc[sentences_back(noun, _BACK).start : noun.left_edge.i]):
        if token.lemma_.lower() != lemma or aside(token):
            continue  # a headline's "Hospital group" names no group of the prose
        if _nominal_word(token) or (
            token.pos_ == "PROPN" and token.dep_ not in ("compound", "nmod", "conj") and _named_by(token)
        ):
            return token
    return None


def _nominal_word(token: Token) -> bool:
    """A common noun, or a word the tagger took for an adjective where the parse gives it a noun's place
    ("its online booking portal", "The portal has been offline": "portal" tagged as an adjective)."""
    return token.pos_ == "NOUN" or (token.pos_ == "ADJ" and token.dep_ in _NOUN_PLACES)


def _another_name(found: Token, lemma: str, name: str | None) -> bool:
    """Whether a name other than ``name`` that ends with the noun ``lemma`` stands within ``_BACK``
    sentences before the mention ``found`` of it."""
    return any(
        t.lemma_.lower() == lemma
        and t.pos_ == "PROPN"
        and t.dep_ not in ("compound", "nmod", "conj")
        and _named_by(t)
        and _names(t, [t], whole=True) != name
        for t in found.doc[sentences_back(found, _BACK).start : found.left_edge.i]
    )


def _name_of(noun: Token) -> str | None:
    """The name a mention of a noun gives it ("" where it names two), or None where it gives none."""
    if noun.dep_ in ("appos", "compound") and _is_name(noun.head):
        # "the iTunes Music Store, an online music store", "the American computer company Apple"
        return _names(noun.head, [noun.head])
    # "Apple's new cloud services offering, iCloud": a noun modifying one that a name stands beside.
    whose = noun.head if noun.dep_ == "compound" and noun.head.pos_ == "NOUN" else noun
    beside = [c for c in whose.children if c.dep_ == "appos" and _is_name(c)]
    if beside:
        return _names(beside[0], [beside[0]])  # "the American computer company Apple"
    if (named := _names(noun, [])) is not None:
        return named  # "its Airbus A400M military transport plane"
    return _set_beside(noun) or _called_so(noun) or _of_name(noun)


def _set_beside(noun: Token) -> str | None:
    """The name a mention follows as an apposition the parser took apart: "a" or "an" after a name and
    a comma ("plans for the A380, a twin-deck aircraft"), not an item of a list."""
    start = noun.left_edge
    if start.lower_ not in ("a", "an") or start.i < 2 or noun.dep_ == "conj":
        return None
    comma, name = noun.doc[start.i - 1], noun.doc[start.i - 2]
    if comma.text != "," or not _is_name(name) or name.dep_ in ("compound", "nmod", "conj"):
        return None
    if any(c.dep_ in ("cc", "conj") for c in noun.children):
        return None
    return _names(name, [name], whole=True)


def _called_so(noun: Token) -> str | None:
    """The name a copula gives a mention: "The Airbus A320 is a single-aisle airplane"."""
    verb = noun.head
    if noun.dep_ != "attr" or verb.lemma_ != "be":
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    compound = subject is not None and any(c.dep_ == "compound" and _is_name(c) for c in subject.children)
    if subject is None or not (_is_name(subject) or compound):  # "The Vesta V2", its code a noun
        return None
    return _names(subject, [subject], whole=True)


def _of_name(noun: Token) -> str | None:
    """A mention's "of" complement that is a name, as the addition says it ("of Apple Corps" for "the
    trial of Apple Corps"); its own words only, a pronoun before the name left out ("delivery of its
    A380s": "of A380s")."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            pobj = next((o for o in prep.children if o.dep_ == "pobj"), None)
            # A model's code the tagger took for a common noun is a name too ("its new superjumbo A380's").
            coded = (
                pobj is not None
                and any(ch.isupper() for ch in pobj.text)
                and any(ch.isdigit() for ch in pobj.text)
            )
            if pobj is not None and (_is_name(pobj) or coded):
                name = _names(pobj, [pobj], whole=True)
                return f"of {name}" if name else name
    return None


def _names(head: Token, names: list[Token], whole: bool = False) -> str | None:
    """The names among the words before ``head`` that modify it, with ``names`` (the head, where it is
    a name itself), as the article writes them; "" where they name two ("Tristar and VC-10 aircraft").
    With ``whole``, a name's "of" and the name after it too ("the Clarke County Board of Elections")."""
    modifiers = [c for c in head.children if c.dep_ in _MODIFIERS and c.i < head.i]
    words = [t for m in modifiers for t in m.subtree]
    names = sorted([*names, *(t for t in words if _is_name(t))], key=lambda t: t.i)
    if not names:
        return None
    if any(t.dep_ in ("cc", "conj") for t in words):
        return ""
    end = names[-1].i
    for of in (c for c in head.children if whole and c.dep_ == "prep" and c.lower_ == "of"):
        # "of Health and Human Services (EOHHS)": the name's words, up to its last proper noun.
        run = [t for t in head.doc[of.i + 1 : of.right_edge.i + 1]]
        run = run[: next((n for n, t in enumerate(run) if t.pos_ not in ("PROPN", "CCONJ")), len(run))]
        while run and run[-1].pos_ != "PROPN":
            run.pop()
        end = run[-1].i if run else end
    return head.doc[names[0].i : end + 1].text


def _named_by(token: Token) -> bool:
    """Whether a proper noun is the last word of a name of several ("Health District"), not a word
    that stands alone ("Deal would create …" of a heading)."""
    return any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children)


def _is_name(token: Token) -> bool:
    """A word of a name: a proper noun, or a word the tagger gave a product's or body's name ("A400"
    of "A400M"); not a nationality ("American"), a place or a time."""
    if token.pos_ == "PROPN":
        return token.ent_type_ not in ("DATE", "TIME", "GPE", "NORP", "LOC")
    return token.ent_type_ in ("PRODUCT", "ORG") and token.pos_ in ("NOUN", "NUM")


def _foremost(noun: Token, entities: list[Entity]) -> Entity | None:
    """The organization an article is about, where "the company" names none near it: the one named
    most before it, at least ``_FOREMOST`` times and twice as often as any other organization."""
    counts = sorted(
        (
            (sum(m.start < noun.idx for m in e.mentions), n)
            for n, e in enumerate(entities)
            if e.kind is ActorKind.ORGANIZATION
        ),
        reverse=True,
    )
    if not counts or counts[0][0] < _FOREMOST or (len(counts) > 1 and counts[0][0] < 2 * counts[1][0]):
        return None
    return entities[counts[0][1]]


def _last_in_role(noun: Token, entities: list[Entity]) -> Entity | None:
    """The person named last, in the sentence of ``noun`` or the one before, whose role the article
    gives with that noun ("Energy Minister Ana Ruiz" for "the minister"); None when two fit."""
    first = sentences_back(noun, 1)
    fit = [
        e
        for e in entities
        if e.kind is ActorKind.PERSON
        and noun.lower_ in (e.role or "").lower().split()
        and any(first.start_char <= s.start < noun.idx for s in e.mentions)
    ]
    return fit[0] if len(fit) == 1 else None


def _called(noun: Token, entities: Entities) -> Entity | None:
    """The organization the sentence of ``noun`` or the one before calls by the same noun: "NPD Group,
    a market research firm" for "the firm", "the aerospace company EADS" for "the company"."""
    first = sentences_back(noun, 1)
    for word in reversed(noun.doc[first.start : noun.i]):
        if word.lemma_ != noun.lemma_ or word.pos_ != "NOUN" or aside(word):
            continue
        beside = [word.head] if word.dep_ == "appos" else []
        beside += [c for c in word.children if c.dep_ in ("appos", "compound") and c.pos_ == "PROPN"]
        for name in beside:
            if (found := entities.holding(name.idx)) is not None and found.kind is ActorKind.ORGANIZATION:
                return found
    return None
