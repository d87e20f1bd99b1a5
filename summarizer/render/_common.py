"""What every output format shows the same way: timeline order, dates, names, how a fact is known."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..ingest import Source
from ..models import Actor, Basis, Brief, ClaimSource, Consequence, Event, Quote, When
from ..timeline import in_date_order

if TYPE_CHECKING:  # a story's types only: showing a brief does not import the story's merge
    from ..story import Story, StoryActor, StoryQuote
    from ..story.models import Mention, StoryConsequence

__all__ = [
    "ARTICLE_WORDS",
    "BASIS_LABEL",
    "CHOICE_LABEL",
    "NO_DISAGREEMENT",
    "UNKNOWN",
    "actor_names",
    "basis_label",
    "certainty_cue",
    "claim_text",
    "consequence_claim",
    "dateline_text",
    "role_text",
    "sources_text",
    "speaker_name",
    "story_claim",
    "story_speaker",
    "timeline",
    "unknown_speaker",
    "when_label",
]


def timeline(brief: Brief) -> list[tuple[int, Event]]:
    """Events with their 1-based position in the brief, in ``in_date_order`` (the story's order too): by
    resolved date, undated last, events of one date in the order the model gave them."""
    return in_date_order(enumerate(brief.events, start=1), lambda item: item[1].when)


def when_label(when: When | None) -> str:
    """The resolved date and its precision, e.g. ``2021-03 (month)``; else ``undated`` or ``unresolved``."""
    if when is None:
        return "undated"
    if when.value is None:
        return "unresolved"
    if when.precision is None:
        return when.value
    return f"{when.value} ({when.precision.value})"


def speaker_name(brief: Brief, quote: Quote) -> str:
    """Who spoke the quote, by name; where the parse does not establish it, ``unknown — near: A, B``
    (the actors named nearest to it), or ``unknown speaker``."""
    if quote.speaker is None:
        return unknown_speaker(actor_names(brief, quote.candidates))
    actor = brief.actor(quote.speaker)
    # An id that points nowhere is a pipeline bug, but the reader still deserves to see what was claimed.
    return actor.name if actor is not None else f"unknown speaker ({quote.speaker})"


def unknown_speaker(near: list[str]) -> str:
    """An unknown speaker, with the names nearest the quote for the reader to weigh."""
    return "unknown — near: " + ", ".join(near) if near else "unknown speaker"


def claim_text(source: ClaimSource, name: str | None, claimant: str | None) -> str:
    """Who states a consequence, in the words every format shows: ``claimed by X``, ``stated by the
    article``, ``claimed by an unnamed source: “analysts”`` or ``claimant unknown``."""
    if source is ClaimSource.ACTOR and name is not None:
        return f"claimed by {name}"
    if source is ClaimSource.ARTICLE:
        return "stated by the article"
    if source is ClaimSource.UNNAMED:
        return f"claimed by an unnamed source: “{claimant}”" if claimant else "claimed by an unnamed source"
    return "claimant unknown"


def consequence_claim(brief: Brief, consequence: Consequence) -> str:
    """:func:`claim_text` of a brief's consequence."""
    name = actor_names(brief, [consequence.claimed_by])[0] if consequence.claimed_by else None
    return claim_text(consequence.claim_source, name, consequence.claimant)


def certainty_cue(cue: str | None) -> str | None:
    """The words a certainty was read from, as every format shows them: ``read from “plans”``."""
    return f"read from “{cue}”" if cue else None


BASIS_LABEL = {
    Basis.STATED: "the article's words",
    Basis.ANALYSIS: "found by analysis",
    Basis.CHECKED: "the model's words, checked against the article",
    Basis.MODEL: "the model's words, not checked",
}
"""How a headline or summary sentence is known, in the words every format shows."""

CHOICE_LABEL = {
    **BASIS_LABEL,
    Basis.STATED: "stated in the article",
    Basis.MODEL: "the model's choice, not checked",
}
"""How a speaker, role or claimant is known: the article states it, analysis found it, or the model chose
it among candidates the analysis left open."""

UNKNOWN = "unknown"
"""What every format shows where how a fact is known is unknown."""

ARTICLE_WORDS = "in the article's words: [brackets] added, … words left out"
"""What every timeline says once, above its entries: each is the article's words."""


def basis_label(basis: Basis | None, *, choice: bool = False) -> str:
    """How a fact is known, as every format says it; ``choice`` for a speaker, role or claimant."""
    if basis is None:
        return UNKNOWN
    return (CHOICE_LABEL if choice else BASIS_LABEL)[basis]


def role_text(actor: Actor | StoryActor) -> str | None:
    """The actor's role; one the model gave (the article states none) says so."""
    if actor.role is None:
        return None
    return f"{actor.role} ({CHOICE_LABEL[Basis.MODEL]})" if actor.role_basis is Basis.MODEL else actor.role


def actor_names(brief: Brief, ids: list[str]) -> list[str]:
    """Names for actor ids, keeping an unknown id visible rather than dropping it."""
    names: list[str] = []
    for actor_id in ids:
        actor: Actor | None = brief.actor(actor_id)
        names.append(actor.name if actor is not None else actor_id)
    return names


def dateline_text(brief: Brief, source: Source) -> str:
    """The publication date as ISO text, or ``no dateline``."""
    dateline = brief.dateline or source.dateline
    return dateline.isoformat() if dateline is not None else "no dateline"


NO_DISAGREEMENT = (
    "Nothing found: no event dated or numbered differently, no quote given to different speakers."
)
"""What a story says when its sources agree, in every format."""


def sources_text(mentions: list[Mention]) -> str:
    """The sources of a story's item by id, each once: ``s1, s2``."""
    return ", ".join(dict.fromkeys(m.source for m in mentions))


def story_speaker(story: Story, quote: StoryQuote) -> str:
    """Who spoke a quote of a story, by name; unknown, with the names near it, when its article does not
    say."""
    actor = story.actor(quote.speaker)
    if actor is not None:
        return actor.name
    return unknown_speaker([a.name for i in quote.candidates if (a := story.actor(i)) is not None])


def story_claim(story: Story, consequence: StoryConsequence) -> str:
    """:func:`claim_text` of a story's consequence."""
    actor = story.actor(consequence.claimed_by)
    return claim_text(consequence.claim_source, actor.name if actor else None, consequence.claimant)
