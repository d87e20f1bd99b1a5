"""What the complement of a verb that governs an outcome is like: a subjunctive ("insisted that the union
agree"), another party's act ("wants Congress to act"), a "for … to" clause ("called for the ban to be
lifted"), a request put to someone ("ask the court to pause the order"), a deadline ("gave the city until
March 3 to repair the roads"). Read by certainty.py and claimants.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import LIMITS

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["addressed", "deadline", "for_clause", "someone_else", "subjunctive"]


def addressed(node: Token) -> bool:
    """Whether a verb of asking names whom it asks and what to do ("ask the court to pause the order")."""
    return any(c.dep_ in ("dobj", "dative") for c in node.children) and any(
        c.dep_ == "xcomp" for c in node.children
    )


def for_clause(node: Token) -> Token | None:
    """The "for … to" clause of a verb, which the parser hangs on it as an adverbial clause marked "for"
    ("called for the approval to be withdrawn")."""
    for child in node.children:
        if child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for" for c in child.children):
            return child
    return None


def subjunctive(clause: Token | None) -> bool:
    """Whether a clause is in the subjunctive ("that the union agree", "that it should close")."""
    if clause is None or clause.dep_ != "ccomp":
        return clause is not None and clause.dep_ == "xcomp"
    auxiliaries = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ == "should" for a in auxiliaries):
        return True
    if auxiliaries or clause.tag_ not in ("VB", "VBP"):
        return False
    # A bare verb: the subjunctive, or a present tense where the governing past would have made it past
    # ("insisted that the union agree"; the tagger reads "agree" as VBP).
    return clause.tag_ == "VB" or clause.head.tag_ == "VBD"


def someone_else(node: Token, below: Token | None) -> bool:
    """Whether the one who wants is not the one who is to act ("wants Congress to act")."""
    if below is None:
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in below.children) or any(
        c.dep_ == "dobj" and c.i < below.i for c in node.children
    )


def deadline(verb: Token) -> Token | None:
    """The "until" or "by" of a time by which something is to be done ("gave the city until March 3 to
    repair the roads", "has until Friday to respond"): a deadline, what is to be done is demanded."""
    infinitive = any(
        c.dep_ in ("advcl", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in verb.children
    )
    for child in verb.children:
        timed = any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in child.children)
        if infinitive and child.dep_ == "prep" and child.lower_ in LIMITS and timed:
            return child
    return None
