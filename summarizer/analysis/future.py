"""What "will" makes of a clause: a plan when a party says what it will do, what will be done, or what
is set for a date; a forecast of what "there" or a thing will be and of an effect or a change; a threat
in "will pay a price". Read by certainty.py for "will", "would" reporting it, and "is going to".

A party that acts is a person, body or country, by name, pronoun or noun (ROLE_NOUNS, STAFF,
INSTITUTIONS, COMPANY_NOUNS, AGENT_NOUNS); "it" is one when a body says it of itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import Certainty
from .lexicon import (
    AGENT_NOUNS,
    COMPANY_NOUNS,
    EFFECT_VERBS,
    IMPACT_VERBS,
    INSTITUTIONS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    STAFF,
    THREATS,
)
from .lexicon.names import LOCAL_GOVERNMENTS
from .nlp import lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["acting", "agent", "future"]

_READY = frozenset(
    ["willing", "ready", "able", "prepared", "determined", "available", "free", "open", "closed"]
)
"""Adjectives that make "will be" a plan, not a forecast ("will be willing to pay", "will be available",
"will be free to anyone", "will be closed on Monday"): what a party readies or offers; any other state
"will be" in is foretold ("will be eligible", "will be higher")."""


_RECEIVING = frozenset(["receive", "get", "obtain"])
"""Verbs of receiving: a party "will be eligible to receive" what another offers."""


_DATED = frozenset(["next", "this", "tomorrow", "later", "soon", "today", "tonight"])
"""Words of a date expression that set a time, where "a year" or "each month" only give a rate."""


_AGENT_ENTITIES = frozenset(["PERSON", "ORG", "GPE", "NORP"])


_AGENT_PRONOUNS = frozenset(
    ["i", "we", "he", "she", "they", "you", "nobody", "everyone", "everybody", "anyone", "anybody", "someone"]
)
"""Pronouns for people: "nobody should go back" tells people what to do, as "residents should" does."""


def future(verb: Token) -> Certainty:
    """What "will" makes of ``verb``: a threat in "will pay a price"; a plan when a party says what it
    will do, what will be done, or what is set to happen ("iPhone 4 will be available on June 24", "the
    talks will take as long as they need", as news reports a schedule); a forecast of what "there" will
    be, of what a thing will be ("this will be an American tanker"), and of an effect or a change
    ("prices will rise", "the new jet will use 20 percent less fuel")."""
    words = " ".join(t.lower_ for t in verb.subtree)
    if any(threat in words for threat in THREATS):
        return Certainty.THREATENED
    if any(c.dep_ == "auxpass" for c in verb.children):
        # "will be assembled in Toulouse" is a plan; "jobs will be affected" what the jobs undergo
        return Certainty.EXPECTED if lemma(verb) in IMPACT_VERBS else Certainty.ANNOUNCED
    states = [c for c in verb.children if c.dep_ == "acomp" and c.lower_ not in _READY]
    if lemma(verb) == "be" and any(_offered(c) for c in states):
        return Certainty.ANNOUNCED  # "buyers will be eligible to receive a free case": an offer
    if lemma(verb) == "be" and states:
        return Certainty.EXPECTED  # "he will be eligible", "prices will be higher": a state foretold
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "expl")]
    joined = verb
    while not subjects and joined.dep_ == "conj" and joined.head.i != joined.i:
        # "the team … had been merged … and would cease": the subject of the first verb of the list
        joined = joined.head
        subjects = [c for c in joined.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if any(s.dep_ == "expl" or s.lower_ == "there" for s in subjects):
        return Certainty.EXPECTED  # "there will be a protest"
    # The parser gives a name and the role before it two subjects ("The former Chief Operating
    # Officer, Tim Cook will be succeeding"): either acting makes it a plan.
    if _measures(verb):
        return Certainty.EXPECTED  # "will use 20 percent less fuel": a claim of an effect, whoever acts
    if any(agent(s) for s in subjects) or _scheduled(verb):
        return Certainty.ANNOUNCED
    if lemma(verb) == "be" or lemma(verb) in EFFECT_VERBS or _compares(verb):
        return Certainty.EXPECTED
    return Certainty.ANNOUNCED


def _offered(state: Token) -> bool:
    """Whether a state "will be" in is a thing to receive ("buyers will be eligible to receive a free
    case", "will be entitled to get a refund"): what a party offers, its plan."""
    return any(c.dep_ == "xcomp" and lemma(c) in _RECEIVING for c in state.children)


def _measures(verb: Token) -> bool:
    """Whether a clause puts a number on a change ("20 percent less fuel", "double the speed")."""
    for token in verb.subtree:
        if token.lower_ in ("double", "twice", "triple"):
            return True
        if token.lower_ in ("less", "more", "fewer") and any(t.like_num for t in token.subtree):
            return True
        if (
            token.lower_ in ("less", "more", "fewer")
            and token.i
            and token.doc[token.i - 1].lower_
            in (
                "percent",
                "%",
                "times",
            )
        ):
            return True
    return False


def _compares(verb: Token) -> bool:
    """Whether a clause compares ("20 percent less fuel", "double the speed"): a claim of an effect."""
    degrees = ("JJR", "RBR", "JJS", "RBS")
    return any(t.tag_ in degrees or t.lower_ in ("double", "twice") for t in verb.subtree)


def _scheduled(verb: Token) -> bool:
    """Whether a clause sets its outcome for a date or makes it available: a date or time that names a
    day, month or year ("on June 24", "in the fall of 2011", "next year"), not a rate ("a year")."""
    if any(c.dep_ == "acomp" and c.lower_ in _READY for c in verb.children):
        return True
    for token in verb.subtree:
        if token.ent_type_ not in ("DATE", "TIME"):
            continue
        if token.like_num or token.is_title or token.lower_ in _DATED:
            return True
    return False


def acting(verb: Token) -> bool:
    """Whether a verb's subject is a party that acts (see :func:`agent`)."""
    return any(agent(c) for c in verb.children if c.dep_ == "nsubj")


def agent(subject: Token) -> bool:
    """Whether a subject is a party that acts: a person, body or country, by name, pronoun or noun."""
    word = subject.lower_
    if word in _AGENT_PRONOUNS or subject.ent_type_ in _AGENT_ENTITIES:
        return True
    if word == "one" and any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children):
        return True  # "no one should drive", as "nobody should"
    if word == "it":
        return _speaks_of_itself(subject)
    if any(c.dep_ == "relcl" and any(w.lower_ == "who" for w in c.children) for c in subject.children):
        return True  # "those who had bought a case": people
    return _agent_noun(subject)


def _agent_noun(subject: Token) -> bool:
    if subject.ent_type_ in _AGENT_ENTITIES:
        return True
    return subject.pos_ in ("NOUN", "PROPN") and (
        lemma(subject) in ROLE_NOUNS | STAFF | INSTITUTIONS | COMPANY_NOUNS | LOCAL_GOVERNMENTS
        or subject.lower_ in AGENT_NOUNS
    )


def _speaks_of_itself(pronoun: Token) -> bool:
    """ "Acme said it will close the plant": "it", under a body's speech verb, is the body."""
    verb = pronoun.head
    while verb.dep_ in ("ccomp", "conj", "xcomp") and verb.head.i != verb.i:
        verb = verb.head
        if lemma(verb) in SPEECH_VERBS:
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            return subject is not None and subject.ent_type_ != "PERSON" and _agent_noun(subject)
    return False
