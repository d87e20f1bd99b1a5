"""Which words of a clause a timeline entry keeps (entries.py): the clause whole when short; a long one
trimmed by the parse to its core (its subject, the verb with its auxiliaries, modals and negation, what
completes it, a clause it governs or a condition with its own core), each noun phrase to its head and
the words that say which one it is, and the words that tie the time to the clause.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import CLAIMING, UNSETTLED_MARKS
from .referents import SUBJECTS

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "SUBJECT_DEPS",
    "astray",
    "clause_words",
    "conditional",
    "core",
    "governors_times",
    "is_verb",
    "path",
    "phrase",
]

LONGEST_PHRASE = 8
"""Words of a noun phrase shown whole; a longer one keeps its head and the words that say which."""
SUBJECT_DEPS = frozenset({*SUBJECTS, "csubj", "csubjpass", "expl"})
_COMPLETES = frozenset({"dobj", "attr", "acomp", "oprd", "dative", "agent"})
"""What completes a verb's meaning: its objects and complements."""
_CHAIN = frozenset({"aux", "auxpass", "neg", "prt"})
_NAMING = frozenset(
    {"det", "poss", "compound", "amod", "nummod", "nmod", "case", "quantmod", "neg", "cc", "conj"}
)
"""What a trimmed noun phrase keeps: the words that say which one it is."""


def is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass")


def conditional(verb: Token) -> bool:
    """Whether a clause is a condition, a question or a limit on the verb it hangs on ("unless …")."""
    return verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in UNSETTLED_MARKS for c in verb.children
    )


def clause_words(verb: Token) -> set[int]:
    """The clause's words: the verb's subtree without the clauses joined to it and without the word
    that makes it subordinate."""
    joined = {t.i for c in verb.children if c.dep_ in ("conj", "cc") and c.i > verb.i for t in c.subtree}
    for inner in verb.subtree:
        if inner.i != verb.i and astray(inner):
            # "gave EOHHS until Jan. 31 to reinstate the money and ordered it to …": the clause above's.
            joined |= {t.i for t in inner.subtree} | {c.i for c in inner.head.children if c.dep_ == "cc"}
    words = [t for t in verb.subtree if t.i not in joined and not t.is_space]
    lead = next((n for n, t in enumerate(words[:3]) if _subordinator(t, verb)), None)
    if lead is not None and all(_measure(t) for t in words[:lead]):
        words = words[lead + 1 :]  # "even though", "just after", "two days before"
    while words and words[0].is_punct:
        words.pop(0)
    return {t.i for t in words}


def _measure(token: Token) -> bool:
    """A word of what measures a subordinator ("just", "two days" of "two days before")."""
    return token.is_punct or token.dep_ in ("advmod", "npadvmod") or token.head.dep_ == "npadvmod"


def astray(verb: Token) -> bool:
    """A finite verb the parser joined to an infinitive or participle ("to reinstate the money and ordered
    it to …"): a conjunct of the finite clause above, not of the infinitive."""
    head = verb.head
    finite = verb.tag_ in ("VBD", "VBZ", "VBP")
    return verb.dep_ == "conj" and finite and head.tag_ in ("VB", "VBG") and head.dep_ != "ROOT"


def _subordinator(token: Token, verb: Token) -> bool:
    """A word that makes the clause subordinate ("when", "after", "because"), left off it; never a
    condition, which stays with what it conditions."""
    if verb.dep_ == "ROOT" or token.head.i != verb.i or token.lower_ in UNSETTLED_MARKS:
        return False
    return token.dep_ == "mark" or (token.dep_ == "advmod" and token.tag_ == "WRB")


def core(verb: Token) -> set[int]:
    """A verb with its subject, auxiliaries, negation and what completes it, each phrase trimmed; a
    complement clause, an infinitive or a condition with its own core; who the article gives it to
    ("according to Tass")."""
    keep = {verb.i}
    after = [c for c in verb.children if c.dep_ == "prep" and c.i > verb.i]
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS or child.dep_ in _COMPLETES:
            keep |= phrase(child)
        elif child.dep_ in _CHAIN:
            keep.add(child.i)
        elif child.dep_ == "advmod" and len(list(child.subtree)) <= LONGEST_PHRASE:
            keep |= {t.i for t in child.subtree}
        elif (child.dep_ in ("ccomp", "xcomp") and _verbal(child)) or conditional(child) or _purpose(child):
            keep |= {c.i for c in child.children if c.dep_ in ("mark", "aux")}
            keep |= core(child)
        elif child.dep_ == "prep" and child.lemma_.lower() == "accord":
            keep |= {t.i for t in child.subtree}
        elif child.dep_ == "prep" and after and child.i == after[0].i:
            # The verb's own preposition ("called for a re-run …"), trimmed; a later circumstance
            # only when short enough to show whole.
            whole = len(list(child.subtree)) <= LONGEST_PHRASE
            if whole or child.i == verb.i + 1 or verb.lemma_ == "be":
                keep |= phrase(child)
    if verb.lemma_.lower() in CLAIMING and not any(c.dep_ == "ccomp" for c in verb.children):
        # A complement the parser hung elsewhere ("announced … in a memo that he would be on leave",
        # read as a relative clause of "memo"): a clause that "that" opens, after the verb.
        said = next((t for t in verb.subtree if t.i > verb.i and _opened_by_that(t)), None)
        if said is not None:
            keep |= {c.i for c in said.children if c.dep_ in ("mark", "aux")}
            keep |= core(said)
    return keep


def phrase(token: Token) -> set[int]:
    """A phrase whole when short; else its head with the words that say which one it is."""
    subtree = {t.i for t in token.subtree}
    if len(subtree) <= LONGEST_PHRASE:
        return subtree
    keep = {token.i}
    for child in token.children:
        of = child.dep_ == "prep" and child.lower_ == "of"  # "owners of its new iPhone 4"
        if child.dep_ in _NAMING or of or (child.dep_ == "pobj" and token.pos_ == "ADP"):
            keep |= phrase(child)
        elif child.dep_ == "appos" and child.pos_ == "PROPN":
            # A name set beside a description says which one it is ("The board's director, Daniel
            # Smith, …"): the name with its commas, not what is said of it.
            keep |= {t.i for t in child.subtree if t.dep_ in ("compound", "flat") or t.i == child.i}
            around = token.doc[max(child.left_edge.i - 1, 0) : child.i + 2]
            keep |= {t.i for t in around if t.text == "," and t.head.i in (token.i, child.i)}
        elif (child.dep_ in ("xcomp", "ccomp") and is_verb(child)) or _restrictive(child):
            # What the head means only with ("eligible to receive a free case"), and a relative clause
            # that says which ones ("students who are not vaccinated"), each by its core.
            keep |= {c.i for c in child.children if c.dep_ in ("mark", "aux")} | core(child)
    if token.dep_ == "prep" and keep == {token.i}:
        return set()  # a preposition without its object says nothing
    return keep


def _restrictive(clause: Token) -> bool:
    """A relative clause not set off by a comma: it says which ones its noun means, and its noun without
    it says another thing ("students who are not vaccinated", "the plant that closed")."""
    if clause.dep_ != "relcl" or not is_verb(clause):
        return False
    start = clause.left_edge.i
    return start > 0 and not clause.doc[start - 1].is_punct


def path(time: list[Token], chain: list[Token]) -> set[int]:
    """The time's words, with the times joined to it, and those that tie them to the clause: each verb on
    the way with its core, each noun with the words that name it ("in last year's presidential
    election")."""
    keep: set[int] = set()
    for token in time:
        keep.add(token.i)
        # A range or a choice of times is whole: "between 2014 and 2016", "in August or September".
        keep |= {t.i for c in token.children if c.dep_ in ("cc", "conj") for t in c.subtree}
        while token.head.i != token.i and token.i not in {v.i for v in chain}:
            token = token.head
            if _verbal(token):
                keep |= core(token)
            else:
                keep.add(token.i)
                # Each naming word with its own short phrase: "a 6-1 vote", not "a 6 … vote".
                keep |= {i for c in token.children if c.dep_ in _NAMING for i in phrase(c)}
    return keep


def _verbal(token: Token) -> bool:
    """A verb, or a word the parse makes the head of a clause whatever its tag ("was set to land")."""
    return is_verb(token) or token.dep_ in ("xcomp", "ccomp", "advcl")


def _purpose(verb: Token) -> bool:
    """An infinitive of purpose or result ("voted on Friday to reject the offer")."""
    return verb.dep_ == "advcl" and verb.tag_ == "VB" and any(c.lower_ == "to" for c in verb.children)


def _opened_by_that(token: Token) -> bool:
    return is_verb(token) and any(
        c.dep_ == "mark" and c.lower_ in ("that", "whether") for c in token.children
    )


def governors_times(chain: list[Token], others: list[list[int]]) -> set[int]:
    """The words of another time (``others``: each a time's tokens) that dates a verb governing the entry's
    clause (``chain``: the clause's verb, then each verb governing it), with its preposition: that verb's,
    not the clause's ("[A report] found … in last November's election", without "earlier this week")."""
    doc = chain[0].doc
    governors = {v.i for v in chain[1:]}
    gone: set[int] = set()
    for other in others:
        token = doc[other[-1]]
        for _ in range(4):
            if is_verb(token) or token.head.i == token.i:
                break
            token = token.head
        if token.i in governors and token.i != chain[0].i:
            root = min((doc[i] for i in other), key=lambda t: t.i)
            gone |= set(other)
            if root.head.dep_ in ("prep", "agent") and root.head.head.i in governors:
                gone.add(root.head.i)
    return gone
