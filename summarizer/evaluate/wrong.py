"""What a reader would see wrong in a brief, by the classes of the reader's check.

Recall counts what a brief finds; these count what it shows wrong, each as a share of what it shows of
that class (wrong ÷ shown; lower is better), against a reader's gold that lists every proper name,
every consequence and every time expression of the article (eval/README.md). "Unknown" shown honestly is
never wrong: a quote with no speaker is counted apart, as unknown, not as wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import Brief, ClaimSource, Consequence, Quote
from .gold.matching import (
    actor_named,
    brief_actor_keys,
    gold_actor_keys,
    name_key,
    name_keys,
    quote_key,
    shared_surnames,
)
from .gold.model import GoldArticle, GoldConsequence
from .overview import judge_overview
from .readable import readable_alone

if TYPE_CHECKING:
    from .scoring import Ratio

__all__ = ["WRONG", "shown_wrong"]

WRONG: tuple[tuple[str, str], ...] = (
    ("speakers_wrong", "Speakers shown wrong"),
    ("speakers_unknown", "Speakers shown unknown"),
    ("claimants_wrong", "Claimants wrong"),
    ("certainty_wrong", "Certainty wrong"),
    ("duplicate_actors", "Duplicate actors"),
    ("broken_names", "Broken names"),
    ("non_actors", "Non-actors shown"),
    ("dates_wrong", "Dates wrong"),
    ("unreadable_entries", "Article-words entries unreadable alone"),
    ("unfaithful_overview", "Headline and summary sentences unfaithful"),
    ("short_summaries", "Summaries under two sentences"),
)
"""The shown-wrong figures: name and label. Each is wrong ÷ shown of its class."""


@dataclass
class _Count:
    """Wrong of shown, for one class."""

    wrong: int = 0
    shown: int = 0


def shown_wrong(brief: Brief, gold: GoldArticle, notes: dict[str, list[str]]) -> dict[str, Ratio]:
    """Each shown-wrong figure of ``brief``; a class the gold cannot judge is an empty Ratio. Each error
    goes to ``notes`` under the figure's name, with the words it quotes."""
    from .scoring import Ratio

    figures: dict[str, _Count] = {}
    figures.update(_speakers(brief, gold, notes))
    judged = judge_overview(brief, gold, notes)
    figures["unfaithful_overview"] = _Count(judged.unfaithful, judged.sentences)
    figures["short_summaries"] = _Count(judged.short, judged.summaries)
    figures.update(_consequences(brief, gold, notes))
    if gold.actors_complete:
        figures.update(_actors(brief, gold, notes))
    if gold.events_complete:
        figures.update(_timeline(brief, gold, notes))
    return {name: Ratio(*_as_pair(figures.get(name))) for name, _ in WRONG}


def _as_pair(count: _Count | None) -> tuple[int, int]:
    return (count.wrong, count.shown) if count else (0, 0)


# ---- quotes -----------------------------------------------------------------------------------


def _speakers(brief: Brief, gold: GoldArticle, notes: dict[str, list[str]]) -> dict[str, _Count]:
    """A speaker is wrong when the brief names one and it is not the gold's (a term, a passage whose
    speaker the article does not name, or another person); unknown when the brief names none."""
    by_text: dict[str, list[Quote]] = {}
    for quote in brief.quotes:
        by_text.setdefault(quote_key(quote.text), []).append(quote)
    wrong = shown = unknown = named = 0
    for want in gold.quotes:
        waiting = by_text.get(quote_key(want.text))
        if not waiting:
            continue
        got = waiting.pop(0)
        shown += 1
        speaker = brief.actor(got.speaker)
        if speaker is None:
            if not want.term and want.speaker is not None:
                unknown += 1
                named += 1
            continue
        if want.term or want.speaker is None:
            wrong += 1
            gold_says = "a term" if want.term else "not named by the article"
            notes.setdefault("speakers_wrong", []).append(f"{want.text!r}: {speaker.name} ({gold_says})")
            continue
        named += 1
        actor = actor_named(want.speaker, gold.actors)
        wanted = name_keys([want.speaker, *want.speaker_aliases])
        wanted |= gold_actor_keys(actor, gold.actors) if actor else set()
        wanted -= shared_surnames(gold.actors)
        if not brief_actor_keys(speaker) & wanted:
            wrong += 1
            said = f"{want.text!r}: {speaker.name} (gold: {want.speaker})"
            notes.setdefault("speakers_wrong", []).append(said)
    return {"speakers_wrong": _Count(wrong, shown), "speakers_unknown": _Count(unknown, named)}


# ---- consequences -----------------------------------------------------------------------------


def _consequences(brief: Brief, gold: GoldArticle, notes: dict[str, list[str]]) -> dict[str, _Count]:
    """Certainty and claimant of each brief consequence that is a gold one (the gold it overlaps most)."""
    if not gold.consequences:
        return {}
    from .scoring import consequence_matches

    claimants = certainty = judged = 0
    for got in brief.consequences:
        matching = [want for want in gold.consequences if consequence_matches(got, want, gold.text)]
        if not matching:
            continue
        want = max(matching, key=lambda w: _overlap(got, w))
        judged += 1
        if want.certainty is not None and got.certainty.value != want.certainty:
            certainty += 1
            notes.setdefault("certainty_wrong", []).append(
                f"{got.what!r}: {got.certainty.value} (gold: {want.certainty})"
            )
        # Only a reader's gold gives each consequence's claimant, "the article" included; one that only
        # describes them ("Russia will make further moves, according to Kosachev") names none to judge by.
        if gold.consequences_complete and (shown := _claimant_wrong(brief, got, want, gold)) is not None:
            claimants += 1
            notes.setdefault("claimants_wrong", []).append(f"{got.what!r}: {shown} (gold: {_claimant(want)})")
    claimants_judged = judged if gold.consequences_complete else 0
    return {
        "claimants_wrong": _Count(claimants, claimants_judged),
        "certainty_wrong": _Count(certainty, judged),
    }


def _overlap(got: Consequence, want: GoldConsequence) -> int:
    spans = [(a, b) for a in got.spans for b in want.evidence_spans]
    return sum(max(0, min(a.end, b.end) - max(a.start, b.start)) for a, b in spans)


def _claimant(want: GoldConsequence) -> str:
    if want.claimed_by:
        return want.claimed_by
    return "an unnamed source" if want.source_unnamed else "the article"


def _claimant_wrong(brief: Brief, got: Consequence, want: GoldConsequence, gold: GoldArticle) -> str | None:
    """What the brief shows as the claimant, when it is wrong; None when it is right, or shown unknown
    (never wrong)."""
    if got.claim_source is ClaimSource.UNKNOWN:
        return None
    actor = brief.actor(got.claimed_by)
    unnamed = got.claim_source is ClaimSource.UNNAMED
    shown = actor.name if actor else ("an unnamed source" if unnamed else "the article")
    if want.claimed_by:
        known = actor_named(want.claimed_by, gold.actors)
        wanted = name_keys([want.claimed_by]) | (gold_actor_keys(known, gold.actors) if known else set())
        wanted -= shared_surnames(gold.actors)
        return None if actor is not None and brief_actor_keys(actor) & wanted else shown
    if want.source_unnamed:
        return None if unnamed else shown
    return None if actor is None and not unnamed else shown


# ---- actors -----------------------------------------------------------------------------------


def _actors(brief: Brief, gold: GoldArticle, notes: dict[str, list[str]]) -> dict[str, _Count]:
    """Every brief actor is one gold actor (a second one of it is a duplicate), a non-actor, or a name
    the article does not give whole (a broken name: "Motors", "Warns Clinton")."""
    keys = [gold_actor_keys(a, gold.actors) for a in gold.actors]
    others = name_keys(gold.non_actors)
    seen: dict[int, str] = {}
    duplicates = broken = non_actors = 0
    for actor in brief.actors:
        name = name_key(actor.name)
        mine = brief_actor_keys(actor)
        which = next((n for n, k in enumerate(keys) if name in k), None)
        if which is None and name in others:
            non_actors += 1
            notes.setdefault("non_actors", []).append(actor.name)
            continue
        if which is None:
            broken += 1
            notes.setdefault("broken_names", []).append(actor.name)
            which = next((n for n, k in enumerate(keys) if mine & k), None)
            if which is None:
                continue
        if which in seen:
            duplicates += 1
            notes.setdefault("duplicate_actors", []).append(f"{actor.name} (= {seen[which]})")
        else:
            seen[which] = actor.name
    shown = len(brief.actors)
    return {
        "duplicate_actors": _Count(duplicates, shown),
        "broken_names": _Count(broken, shown),
        "non_actors": _Count(non_actors, shown),
    }


# ---- the timeline -----------------------------------------------------------------------------


def _timeline(brief: Brief, gold: GoldArticle, notes: dict[str, list[str]]) -> dict[str, _Count]:
    """Each dated entry against the gold time expression it stands on: a date the words do not mean, or
    words that date nothing in the story, are a wrong date; an entry (the article's words) must read
    alone."""
    from .gold.matching import evidence_overlaps, same_date

    dates, unreadable = _Count(), _Count()
    for event in brief.events:
        when = event.when
        if when is None:
            continue
        want = next((g for g in gold.events if evidence_overlaps(when.text, when.span, g)), None)
        if want is None:
            continue
        if when.value is not None:
            dates.shown += 1
            if not want.timeline:
                dates.wrong += 1
                notes.setdefault("dates_wrong", []).append(f"{when.text} = {when.value}: dates nothing")
            elif want.date is None or not same_date(when.value, want.date):
                dates.wrong += 1
                notes.setdefault("dates_wrong", []).append(f"{when.text} = {when.value} (gold: {want.date})")
        unreadable.shown += 1
        dating = when.text if when.span is not None else None
        if (why := readable_alone(event.what, dating, _before(event.what, gold.text))) is not None:
            unreadable.wrong += 1
            notes.setdefault("unreadable_entries", []).append(f"{event.what!r}: {why}")
    return {"dates_wrong": dates, "unreadable_entries": unreadable}


def _before(what: str, text: str) -> str:
    """The article's text before an entry's first run of its own words (all of it where that is not
    found): what the reader of the article had read when they came to it."""
    runs = [r.strip() for r in re.split(r"\[[^\]]*\]|…", what)]
    run = next((r for r in runs if len(r.split()) > 1), None)
    at = text.lower().find(run.lower()) if run is not None else -1
    return text[:at] if at >= 0 else text
