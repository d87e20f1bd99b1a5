"""What a clause's own modal, or its lack, makes of its outcome: "could" and "may" a possibility, "should"
advice to a party or a forecast, "must" and "has to" an obligation, "will" (and "would" reporting it) a
plan or a forecast as future.py reads it, "is to" and "is set to" a future; a realis clause happened,
unless a measure set in the present holds until a time ("freezes hiring until January"). Read by
certainty.py once nothing above the clause has said how it is meant."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import Certainty, Span
from .future import agent, future
from .lexicon import MODALS, SCHEDULED
from .lexicon.clauses import HABITUAL
from .nlp import lemma, written

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Reading", "by_modal", "future_modal", "future_with_be"]


@dataclass(frozen=True)
class Reading:
    """How certain a clause makes its outcome, and the words that decided."""

    certainty: Certainty | None
    """None when the clause states no outcome ("declined to predict when", "did not say whether")."""
    cue: Span | None


def future_with_be(node: Token, below: Token | None) -> Reading | None:
    """ "is to open", "is going to open", "is set to open": a future, read as "will" is."""
    if below is None or below.dep_ != "xcomp":
        return None
    word = lemma(node)
    if word == "be" and not any(c.dep_ in ("attr", "acomp") for c in node.children):
        return Reading(Certainty.ANNOUNCED, _span(node))
    if (word == "go" and node.tag_ == "VBG") or word in SCHEDULED:
        return Reading(future(node), _span(node))  # "We are going to move": the subject is going's
    return None


def by_modal(verb: Token, reported: bool) -> Reading:
    """The certainty the clause's own modal gives, or happened for a realis clause."""
    modal = next((c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS), None)
    # The parser may take a "that" for a subject ("say that should a maker be willing").
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "that"]
    subject = subjects[0] if subjects else None
    if modal is not None and subject is not None and modal.i < subject.i and not _asked(verb):
        return Reading(Certainty.CONDITIONAL, _span(modal))  # "should a maker be willing to pay, …"
    needed = [c for c in verb.children if c.dep_ == "xcomp"] if lemma(verb) in ("have", "need") else []
    # "will have to submit" is "must", ahead; "will have to be approved" a procedure set, "will need to
    # ask a court" a party's next step: both read by "will"
    ahead = modal is not None and MODALS[modal.lower_] == "future" and lemma(verb) == "have"
    if needed and (modal is None or (ahead and not any(c.dep_ == "auxpass" for c in needed[0].children))):
        return Reading(Certainty.DEMANDED, _span(verb))  # "has to pay", "needs to cut"
    if modal is None:
        if _in_force(verb):
            return Reading(Certainty.ANNOUNCED, _span(verb))
        if verb.dep_ == "ROOT" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return Reading(future(verb), _span(verb))  # a headline's "Acme to close plant": "will"
        return Reading(Certainty.HAPPENED, _span(verb))
    meaning = MODALS[modal.lower_]
    if meaning == "would" and _habitual(verb):
        return Reading(Certainty.HAPPENED, _span(modal))  # "when holding it, reception would drop"
    if meaning == "expected" and any(agent(s) for s in subjects):
        meaning = "demanded"  # "buyers should try again tomorrow": advice to a party, not a forecast
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if meaning == "would" and (reported or passive):
        meaning = "future"  # "said it would close": "will", reported; "would be allowed": a rule set
    if meaning == "future":
        return Reading(future(verb), _span(modal))
    if meaning == "would":
        return Reading(Certainty.EXPECTED, _span(modal))
    return Reading(Certainty(meaning), _span(modal))


def _in_force(verb: Token) -> bool:
    """A measure set in the present until a time or an event ("the budget freezes hiring until January",
    "we're continuing the search until we find it"): a decision that holds ahead, not a state
    ("deliveries are not due until October")."""
    limited = any(c.dep_ == "prep" and c.lower_ in ("until", "till") for c in verb.children) or any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("until", "till") for m in c.children)
        for c in verb.children
    )
    present = verb.tag_ in ("VBZ", "VBP") or (
        verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in verb.children)
    )
    return limited and present and lemma(verb) != "be" and not any(c.dep_ == "neg" for c in verb.children)


def _habitual(verb: Token) -> bool:
    """Whether a "would" clause tells what used to happen: each time something was done ("when holding
    the phone, reception would decrease"), or how often ("would sometimes lead to dropped calls"); a
    "when" clause in the present is a time ahead ("said that when the plant opens it would hire")."""
    verbs = [verb, *verb.conjuncts]
    if any(c.dep_ == "advmod" and c.lower_ in HABITUAL for v in verbs for c in v.children):
        return True
    for clause in (c for c in verb.children if c.dep_ == "advcl" and c.tag_ in ("VBG", "VBD")):
        if any(c.lower_ in ("when", "whenever") and c.dep_ in ("advmod", "mark") for c in clause.children):
            return True
    return False


def future_modal(verb: Token) -> bool:
    return any(c.dep_ == "aux" and MODALS.get(c.lower_) in ("future", "would") for c in verb.children)


def _asked(verb: Token) -> bool:
    """Whether the verb's sentence is a question (its modal before its subject asks, not supposes)."""
    return verb.sent.text.rstrip(" ”\"'’").endswith("?")


def _span(token: Token) -> Span:
    return written(token)
