"""Whether a brief's headline and summary say what the article says, sentence by sentence, as a reader
checks them (the reader's check: "its subject did its verb in the article, its numbers belong to that
subject, hedges kept").

Judged against the article's words each sentence shows as its evidence and the gold's actors, by rules
simpler than, and apart from, the brief's own check (extract/faithful.py), so that this figure also
measures that check: a sentence is unfaithful when it has no evidence, names as its subject an actor
its evidence does not name, gives a number its evidence does not, or flips the negation of the
evidence's clause with the same verb. A sentence in the article's own words is faithful by what it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..analysis.text import normalize
from ..models import Basis, Brief, Support
from .gold.matching import gold_actor_keys

if TYPE_CHECKING:
    from .gold.model import GoldArticle

__all__ = ["FEWEST_SENTENCES", "Judged", "judge_overview"]

FEWEST_SENTENCES = 2
"""Sentences a summary should have: fewer tells a reader too little."""


@dataclass
class Judged:
    """Wrong of shown, for the headline and summary sentences, and for the summaries' length."""

    unfaithful: int = 0
    sentences: int = 0
    short: int = 0
    summaries: int = 0


def judge_overview(brief: Brief, gold: GoldArticle, notes: dict[str, list[str]]) -> Judged:
    """The headline's and each summary sentence's verdict, and whether the summary is too short; each
    error goes to ``notes`` with the words it quotes."""
    judged = Judged()
    if not brief.headline:
        return judged
    judged.summaries = 1
    shown = [s for s in [brief.headline_support, *brief.summary_support] if s is not None]
    if len(brief.summary_support) < FEWEST_SENTENCES:
        judged.short = 1
        notes.setdefault("short_summaries", []).append(f"{len(brief.summary_support)}: {brief.summary!r}")
    for item in shown:
        judged.sentences += 1
        if item.basis is Basis.STATED:
            continue
        if (why := _unfaithful(item, gold)) is not None:
            judged.unfaithful += 1
            notes.setdefault("unfaithful_overview", []).append(f"{item.sentence!r}: {why}")
    return judged


def _unfaithful(item: Support, gold: GoldArticle) -> str | None:
    from ..analysis.claims import number
    from ..analysis.nlp import parse

    if not item.spans:
        return "no evidence in the article"
    evidence = " … ".join(gold.text[s.start : s.end] for s in item.spans)
    doc = parse(item.sentence)
    numbers = {n for t in doc if (n := number(t.text))} - {
        n for t in parse(evidence) if (n := number(t.text))
    }
    if numbers:
        return f"numbers its evidence does not give: {', '.join(sorted(numbers))}"
    said = normalize(evidence)[0]
    for verb in (t for t in doc if t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "conj", "ccomp")):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            continue
        words = normalize(" ".join(t.text for t in subject.subtree))[0]
        for actor in gold.actors:
            keys = {k for k in gold_actor_keys(actor, gold.actors) if k}
            if any(_holds(words, k) for k in keys) and not any(_holds(said, k) for k in keys):
                return f"{actor.name} is its subject; its evidence does not name them"
        negated = any(c.dep_ == "neg" for c in verb.children)
        same = [t for t in parse(evidence) if t.lemma_ == verb.lemma_ and t.pos_ in ("VERB", "AUX")]
        if same and all(any(c.dep_ == "neg" for c in t.children) != negated for t in same):
            return f"“{verb.text}” {'negated' if negated else 'not negated'} as its evidence is not"
    return None


def _holds(text: str, name: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None
