"""What every output format shows the same way: timeline order, dates, names, how a fact is known."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..ingest import Source
from ..models import Actor, Basis, Brief, Consequence, Event, Quote, When
from ..timeline import in_date_order

if TYPE_CHECKING:  # a story's types only: showing a brief does not import the story's merge
    from ..story import Story, StoryActor, StoryQuote
    from ..story.models import Mention, StoryConsequence

__all__ = [
    "BASIS_LABEL",
    "NO_DISAGREEMENT",
    "WHAT_LABEL",
    "actor_names",
    "claimant_name",
    "dateline_text",
    "role_text",
    "sources_text",
    "speaker_name",
    "story_claimant",
    "story_speaker",
    "timeline",
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
    """Who spoke the quote, by name; ``unknown speaker`` when the article does not say."""
    if quote.speaker is None:
        return "unknown speaker"
    actor = brief.actor(quote.speaker)
    # An id that points nowhere is a pipeline bug, but the reader still deserves to see what was claimed.
    return actor.name if actor is not None else f"unknown speaker ({quote.speaker})"


BASIS_LABEL = {
    Basis.STATED: "stated in the article",
    Basis.ANALYSIS: "found by analysis",
    Basis.MODEL: "the model's judgement",
}
"""How a speaker, role or claimant is known, in the words every format shows."""


WHAT_LABEL = {Basis.STATED: "the article's words", Basis.MODEL: "the model's words"}
"""Whether a timeline entry is the clause its time dates, as the article has it, or the model's account."""


def role_text(actor: Actor | StoryActor) -> str | None:
    """The actor's role; one the model gave (the article states none) says so."""
    if actor.role is None:
        return None
    return f"{actor.role} (the model's judgement)" if actor.role_basis is Basis.MODEL else actor.role


def claimant_name(brief: Brief, consequence: Consequence) -> str:
    """Who claims a consequence, by name; ``the article`` when it does itself."""
    return actor_names(brief, [consequence.claimed_by])[0] if consequence.claimed_by else "the article"


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
    """Who spoke a quote of a story, by name; ``unknown speaker`` when its article does not say."""
    actor = story.actor(quote.speaker)
    return actor.name if actor is not None else "unknown speaker"


def story_claimant(story: Story, consequence: StoryConsequence) -> str:
    """Who claims a consequence of a story, by name; ``the article`` when it does itself."""
    actor = story.actor(consequence.claimed_by)
    return actor.name if actor is not None else "the article"
