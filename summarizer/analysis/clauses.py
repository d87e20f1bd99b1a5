"""Clauses: the part of a sentence a word belongs to (the clause a time dates, the clause a consequence
cue starts), whether it reads as a sentence of its own, and the subject it shares with the clause before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import Span
from .lexicon import QUOTE_MARKS
from .referents import SUBJECTS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["clause_at", "has_subject", "subject_before"]

_LONGEST_SUBJECT = 8
"""Words of a subject worth repeating before a clause; a longer one is a clause of its own."""
_SHORTEST_CLAUSE = 6
"""Words in the shortest clause worth showing alone; a shorter one is shown with its sentence."""


def has_subject(doc: Doc, clause: Span) -> bool:
    """Whether the head of ``clause`` is a verb whose subject stands in it."""
    words = doc.char_span(clause.start, clause.end, alignment_mode="expand")
    if words is None:
        return False
    root = words.root
    return root.pos_ in ("VERB", "AUX") and any(
        child.dep_ in SUBJECTS and words.start <= child.i < words.end for child in root.children
    )


def subject_before(doc: Doc, clause: Span) -> Span | None:
    """The subject of ``clause``'s verb where it stands outside the clause, before it: "The A380" for
    "will begin regular service" in "The A380 will make a charity flight … and will begin regular
    service"; None when the clause has its own subject or the parse gives none."""
    words = doc.char_span(clause.start, clause.end, alignment_mode="expand")
    if words is None:
        return None
    verb = words.root
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subject is not None:
            phrase = list(subject.subtree)
            end = phrase[-1].idx + len(phrase[-1].text)
            if end <= clause.start and len(phrase) <= _LONGEST_SUBJECT:
                return Span(start=phrase[0].idx, end=end)
            return None
        if verb.dep_ not in ("conj", "xcomp") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


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
    # A verb's conjuncts are clauses of their own ("will make a flight on October 25 … and will begin
    # service on October 28"): each time gets the part of the sentence that belongs to it.
    joined = {t.i for c in token.children if c.dep_ in ("conj", "cc") and c.i > token.i for t in c.subtree}
    tokens = [t for t in token.subtree if not t.is_space and t.i not in joined]
    if joined:
        # The unbroken run of words around the time: a full stop beyond the conjunct is not the clause's.
        runs: list[list[Token]] = []
        for t in tokens:
            if runs and t.i == runs[-1][-1].i + 1:
                runs[-1].append(t)
            else:
                runs.append([t])
        tokens = next((run for run in runs if run[0].i <= words[0].i <= run[-1].i), tokens)
    while tokens and (tokens[0].is_punct or tokens[0].dep_ in ("mark", "cc")):
        tokens.pop(0)
    while tokens and tokens[-1].is_punct and tokens[-1].text not in ".!?":
        tokens.pop()
    if len(tokens) < _SHORTEST_CLAUSE:
        return None
    begin, end = max(tokens[0].idx, sentence.start), min(tokens[-1].idx + len(tokens[-1].text), sentence.end)
    # A clause that begins or ends inside a quotation takes in its marks, so no quotation is cut open.
    text = doc.text
    while begin > sentence.start and text[begin - 1] in QUOTE_MARKS + "(":
        begin -= 1
    if sum(text[begin:end].count(mark) for mark in QUOTE_MARKS) % 2:
        closing = [at for mark in QUOTE_MARKS if (at := text.find(mark, end, sentence.end)) >= 0]
        end = min(closing) + 1 if closing else end
    span = Span(start=begin, end=end)
    return None if span == sentence else span
