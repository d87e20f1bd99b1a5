"""Whether the words a timeline entry keeps read alone (entries.py), read off the article's parse: the
words that date it shown, its quotation marks paired, its clause's subject shown or added (not a
relative pronoun the parse hung on no noun, nor a demonstrative), no "we" or "I" outside quotation
marks, and every personal or possessive pronoun it shows standing for something shown before it."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from .lexicon import FEMININE, MASCULINE, QUOTE_MARKS, ROLE_NOUNS
from .subjects import RELATIVE, bound_verb, left_behind
from .text import within
from .trimming import SUBJECT_DEPS

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "PERSONAL",
    "could_stand_for",
    "expletive",
    "reads_alone",
    "shown_before",
    "undetermined",
]

PERSONAL = frozenset("he she it they him her them his hers its their".split())
"""Third-person pronouns: each needs something the entry shows before it to stand for."""
_PERSONAL_FORMS = frozenset("he she him his her hers".split())
_PLURAL = frozenset("they them their".split())
_UNTIMED = frozenset({"DATE", "TIME"})
_PLACES_AND_THINGS = frozenset({"GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "MONEY"})
_DEMONSTRATIVE = frozenset("this that these those".split())
_DEFINITE = _DEMONSTRATIVE | {"the"}
_NAMING_TYPES = frozenset("PERSON ORG GPE NORP LOC FAC PRODUCT EVENT WORK_OF_ART LAW".split())
"""Entity types whose words say which one a noun is ("the Russian government", "the A380 jetliner")."""
_FIRST_PERSON = frozenset("i we me us my our".split())
"""The speaker's own pronouns: outside quotation marks no one is shown speaking them."""
_EXPLETIVE_HEADS = frozenset({"be", "seem", "appear", "remain"})
"""Verbs whose "it" may stand for the clause after them ("It was not clear whether …")."""


def expletive(it: Token) -> bool:
    """An "it" that stands for nothing but the clause its verb governs: "It is expected that …", "It was
    not clear whether …"."""
    if it.dep_ == "expl":
        return True
    verb = it.head
    clause = any(c.dep_ in ("ccomp", "xcomp", "csubj") and c.i > verb.i for c in verb.children)
    complement = any(
        c.dep_ == "acomp" and any(g.dep_ in ("ccomp", "xcomp") for g in c.children) for c in verb.children
    )
    return (it.dep_ == "nsubjpass" or verb.lemma_ in _EXPLETIVE_HEADS) and (clause or complement)


def shown_before(
    token: Token,
    keep: set[int],
    named: set[int],
    quoted: list[tuple[int, int]],
    people: Collection[int] = (),
) -> bool:
    """Whether the entry shows something a pronoun can stand for before it: a noun that is not a time,
    or, for a pronoun outside a quotation, a name the entry adds (``named``: where additions stand; one
    before a quotation says who speaks, not whom the speaker means), not a person's (at ``people``) for
    "it" or "they", only a person's (or a description's) for "he" or "she" ("[the union's] president …
    appeared with him" does not say who he is)."""
    quotation = within(quoted, token.idx)
    if token.lower_ not in _PERSONAL_FORMS:
        named = named - set(people)
    else:
        named = {i for i in named if i in people or token.doc[i].pos_ == "NOUN"}
    for i in sorted(keep | named):
        if i > token.i or (i == token.i and i not in named):
            break
        before = token.doc[i]
        if i in named and not quotation and (before.pos_ != "NOUN" or could_stand_for(token, before)):
            return True  # a name added; a description named after it only if it could stand for it
        if i in keep and could_stand_for(token, before):
            return True
    return False


def could_stand_for(pronoun: Token, noun: Token) -> bool:
    """Whether a reader could take ``noun`` for what ``pronoun`` stands for: a person, by name or by
    role, for "he" and "she"; a thing or body in the singular for "it"; a plural or a body for "they".
    A time is none ("In March it ran out of money" does not say what "it" is)."""
    if noun.pos_ not in ("NOUN", "PROPN") or noun.ent_type_ in _UNTIMED or _bound(pronoun, noun):
        return False
    person = noun.ent_type_ == "PERSON" or noun.lower_ in ROLE_NOUNS | FEMININE | MASCULINE
    word = pronoun.lower_
    if word in _PLURAL:
        # A body may be "they" ("the first customer … their first aircraft"); one person seldom is.
        return noun.tag_ in ("NNS", "NNPS") or not person
    if word in _PERSONAL_FORMS:
        # A name the tagger gives no place or thing may be a person's ("Biden" read alone is an ORG;
        # "Jobs" a plural noun).
        # Capitalized inside a sentence, or a subject that opens one ("Jobs said that his …").
        opening = noun.i > noun.sent.start or noun.dep_ in SUBJECT_DEPS
        capital = noun.pos_ == "PROPN" or (noun.text[:1].isupper() and opening)
        role = person and noun.tag_ in ("NN", "NNP")
        named = capital and noun.ent_type_ not in _PLACES_AND_THINGS
        return noun.ent_type_ == "PERSON" or role or named
    return not person and noun.tag_ in ("NN", "NNP")


def reads_alone(
    top: Token,
    keep: set[int],
    named: set[int],
    time: list[int],
    quoted: list[tuple[int, int]],
    people: Collection[int] = (),
) -> bool:
    """Whether the words at ``keep`` read alone: the time's words all there, the quotation marks paired,
    the clause's subject shown or named (``named``: where the entry adds or replaces words; ``people``:
    those that name a person), each pronoun standing for something shown before it."""
    if not set(time) <= keep:
        return False
    doc = top.doc
    if sum(doc[i].text in QUOTE_MARKS for i in keep) % 2:
        return False
    subject = next((c for c in top.children if c.dep_ in SUBJECT_DEPS), None) or left_behind(top)
    if (subject is None or subject.i not in keep) and not any(n <= top.i for n in named):
        return False
    if subject is not None and subject.tag_ in RELATIVE and subject.i not in named:
        return False  # "which have replaced …" where the parse hung the clause on no noun
    if subject is not None and subject.i not in named and _demonstrative(subject):
        return False  # "That decision is due …": which one, the entry does not say
    for i in keep - named:
        token = doc[i]
        if token.lower_ in _FIRST_PERSON and token.pos_ == "PRON" and not within(quoted, token.idx):
            return False
        if token.lower_ not in PERSONAL or (token.lower_ == "it" and expletive(token)):
            continue
        if not shown_before(token, keep, named, quoted, people):
            return False
    return True


def undetermined(noun: Token, shown: Collection[int] | None = None) -> bool:
    """Whether a noun phrase is a definite description that does not say which one it is: "the"
    or a demonstrative before a common noun, with no name among its words ("the formerly state-owned
    company", "the first of the aircraft", "the aircrafts' delivery") where "the A380 jetliner", "the
    Russian government", "the price of oil" and "the strategies adopted by Boeing" say it. With
    ``shown``, only the words shown there can say it (an entry that cuts "…, Daniel Smith," does not)."""
    determiners = [c.lower_ for c in noun.children if c.dep_ == "det"]
    if noun.pos_ not in ("NOUN", "ADJ") or noun.ent_type_ in _UNTIMED | _NAMING_TYPES:
        return False
    possessor = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ == "NOUN"), None)
    if not determiners:
        # "The aircrafts' delivery": the possessor's "the" points back for the whole phrase.
        return possessor is not None and undetermined(possessor, shown) and not _says_which(noun, shown)
    return determiners[0] in _DEFINITE and not _says_which(noun, shown)


def _says_which(noun: Token, shown: Collection[int] | None) -> bool:
    """Whether a noun's own words name it: a name or a named phrase among its modifiers, an
    apposition, a complement that names ("of oil", "for Apple"), a participle with a name in it."""
    for child in noun.children:
        if shown is not None and child.i not in shown:
            continue
        if child.dep_ == "appos":
            return True
        if child.dep_ in ("compound", "amod", "nmod") and _a_name(child):
            return True  # "the A380 jetliner", "the Russian government"; not "the test flight"
        if child.dep_ == "poss" and _names(child, shown):
            return True  # "Apple's plan", "investors' money"
        if child.dep_ == "prep" and any(_names(o, shown) for o in child.children if o.dep_ == "pobj"):
            return True  # "the price of oil", "the first flight of the 777"
        if child.dep_ == "acl" and any(t.pos_ == "PROPN" for t in child.subtree):
            return True
    return False


def _a_name(word: Token) -> bool:
    """A name: tagged one, a number read as one ("the 777"), or a capital inside a sentence that the
    tagger took for a common noun ("the first A380 prototype", "the “Back to the Mac” event")."""
    numbered = word.pos_ == "NUM" and any(c.dep_ == "det" for c in word.children)
    capital = word.i > word.sent.start and any(ch.isupper() for ch in word.text)
    return word.pos_ == "PROPN" or word.ent_type_ in _NAMING_TYPES or numbered or capital


def _names(word: Token, shown: Collection[int] | None) -> bool:
    """Whether a complement or possessor names something: a name, or a common noun that is no
    definite description itself ("of oil", "investors' money", but not "of the aircraft")."""
    if _a_name(word):
        return True
    if word.pos_ == "NOUN":
        definite = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in word.children)
        return not definite or _says_which(word, shown)
    return False


def _bound(pronoun: Token, noun: Token) -> bool:
    """Whether ``noun`` is in the subject of the verb ``pronoun`` is the object of (subjects.bound_verb),
    which an object pronoun never stands for ("a federal judge barred him": not the judge, who would be
    "himself"; "Doyle appeared with him": not Doyle)."""
    verb = bound_verb(pronoun)
    return verb is not None and any(
        t.dep_ in SUBJECT_DEPS and t.head.i == verb.i for t in [noun, *noun.ancestors]
    )


def _demonstrative(subject: Token) -> bool:
    """A subject that points back at what the article said before it: "this", "that decision"."""
    pointing = [subject, *(c for c in subject.children if c.dep_ == "det")]
    return subject.ent_type_ not in _UNTIMED and any(
        t.lower_ in _DEMONSTRATIVE and t.tag_ == "DT" for t in pointing
    )
