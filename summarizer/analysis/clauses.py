"""Clauses: the part of a sentence a word belongs to (the clause a consequence cue starts). What a time
dates is entries.py's: its clause made to read alone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import Span
from .lexicon import MODALS, QUOTE_MARKS
from .lexicon.clauses import CONCESSIONS
from .nlp import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["clause_at"]
_SHORTEST_CLAUSE = 6
"""Words in the shortest clause worth showing alone; a shorter one is shown with its sentence."""


def clause_at(doc: Doc, offset: int, sentence: Span) -> Span | None:
    """The clause around the word at ``offset``: the subtree of the verb it belongs to ("Russia would
    face consequences for meddling …" around "would"), or None when that is the whole sentence."""
    words = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if words is None:
        return None
    token = words[0]
    for _ in range(4):
        if token.pos_ == "VERB" and token.dep_ not in ("aux", "auxpass"):
            break
        if token.head.i == token.i:
            break
        token = token.head
    if token.dep_ in ("acl", "relcl"):
        token = token.head  # "a report … found that": the finding with what found it
    # A cue in a clause opened by "with" is that clause's: "the first customer due to receive its jet".
    token = next((t for t in [words[0], *words[0].ancestors] if _absolute(t)), token)
    tokens = _words(token, words[0], apart=True)
    if len(tokens) < _SHORTEST_CLAUSE:
        # Too short without the clauses joined to it: with them, not the whole sentence.
        tokens = _words(token, words[0], apart=False)
    if len(tokens) < _SHORTEST_CLAUSE:
        return None
    begin, end = max(tokens[0].idx, sentence.start), min(tokens[-1].idx + len(tokens[-1].text), sentence.end)
    # A clause that begins or ends inside a quotation takes in its marks, so no quotation is cut open.
    text = text_of(doc)
    while begin > sentence.start and text[begin - 1] in QUOTE_MARKS + "(":
        begin -= 1
    if sum(text[begin:end].count(mark) for mark in QUOTE_MARKS) % 2:
        closing = [at for mark in QUOTE_MARKS if (at := text.find(mark, end, sentence.end)) >= 0]
        end = min(closing) + 1 if closing else end
    span = Span(start=begin, end=end)
    return None if span == sentence else span


def _words(token: Token, cue: Token, *, apart: bool) -> list[Token]:
    """The words of the clause of ``token`` around ``cue``; ``apart``: without the clauses joined to it."""
    opened = token.i if token.lower_ == "with" else -1
    # A verb's conjuncts are clauses of their own ("will make a flight on October 25 … and will begin
    # service on October 28"): each time gets the part of the sentence that belongs to it.
    joined = {
        t.i for c in token.children if apart and c.dep_ in ("conj", "cc") and c.i > token.i for t in c.subtree
    }
    # So is a verb with a modal of its own that the parser joined to a condition of the clause ("would
    # sue unless the firm paid, and would seek damages"): no condition has a modal of its own.
    for verb in (c for c in token.subtree if apart and _misjoined(c, token)):
        joined |= {t.i for t in verb.subtree} | {c.i for c in verb.head.children if c.dep_ == "cc"}
    # A concession holds whatever the outcome ("will only be sold by one carrier, despite calls for …"),
    # and "with" a subject and predicate of its own is a clause of its own ("…, with the first customer
    # due to receive its jet in May"): neither is part of the outcome around the cue.
    aside = [t for t in token.subtree if (_concedes(t) or _absolute(t)) and not _holds(t, cue)]
    joined |= {t.i for c in aside for t in c.subtree}
    tokens = [t for t in token.subtree if not t.is_space and t.i not in joined and t.i != opened]
    if joined:
        # The unbroken run of words around the time: a full stop beyond the conjunct is not the clause's.
        runs: list[list[Token]] = []
        for t in tokens:
            if runs and t.i == runs[-1][-1].i + 1:
                runs[-1].append(t)
            else:
                runs.append([t])
        tokens = next((run for run in runs if run[0].i <= cue.i <= run[-1].i), tokens)
    # The clause's own "that" or "and" goes; the "if" of a condition it holds stays.
    while tokens and (
        tokens[0].is_punct or (tokens[0].dep_ in ("mark", "cc") and tokens[0].head.i == token.i)
    ):
        tokens.pop(0)
    while tokens and tokens[-1].is_punct and tokens[-1].text not in ".!?":
        tokens.pop()
    return tokens


def _concedes(child: Token) -> bool:
    """Whether a verb's dependant is a concession: "despite …", "although …"."""
    if child.dep_ == "prep":
        return child.lower_ in CONCESSIONS
    return child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONCESSIONS for c in child.children)


def _absolute(token: Token) -> bool:
    """Whether a "with" opens a clause of its own: a subject with a predicate ("with the first customer due
    to receive …", "with prices expected to rise"), however the parser hangs them."""
    if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "with" for c in token.children):
        return True
    if token.dep_ != "prep" or token.lower_ != "with" or token.head.pos_ not in ("VERB", "AUX"):
        return False  # "talks with buyers set to resume": a noun's "with" the parser gave the predicate
    below = [*token.children, *(g for c in token.children if c.dep_ == "pobj" for g in c.children)]
    return any(
        c.dep_ in ("amod", "acl", "pcomp", "advcl", "ccomp", "prep")
        and any(g.dep_ in ("xcomp", "nsubj", "nsubjpass") for g in c.children)
        for c in below
    )


def _holds(child: Token, word: Token) -> bool:
    return child.left_edge.i <= word.i <= child.right_edge.i


def _misjoined(verb: Token, clause: Token) -> bool:
    """Whether ``verb`` is a conjunct the parser hung on an adverbial clause of ``clause`` though it has
    a modal and no subject of its own: a second predicate of ``clause``."""
    if verb.dep_ != "conj" or verb.head.dep_ != "advcl" or verb.head.head.i != clause.i:
        return False
    children = list(verb.children)
    modal = any(c.dep_ == "aux" and c.lower_ in MODALS for c in children)
    return modal and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in children)
