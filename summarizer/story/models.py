"""The story and its parts: what the merge of several briefs gives, each item pointing into one article."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..models import ActorKind, Basis, Certainty, ClaimSource, Span, When

__all__ = [
    "Claim",
    "Disagreement",
    "Mention",
    "Story",
    "StoryActor",
    "StoryConsequence",
    "StoryEvent",
    "StoryQuote",
    "StorySource",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StorySource(_Model):
    """One article of the story."""

    id: str = Field(description='"s1", "s2", … in the order the articles were given.')
    origin: str = Field(description="The article's file name, URL or <stdin>.")
    headline: str
    dateline: dt.date | None


class Mention(_Model):
    """Where an item stands in one source: the source's id and spans into that article's text."""

    source: str
    spans: list[Span] = Field(default_factory=list)


class StoryActor(_Model):
    """One entity across the sources, with the id it has in each source's brief."""

    id: str
    name: str = Field(description="The fullest name any source gives.")
    aliases: list[str] = Field(default_factory=list)
    kind: ActorKind
    role: str | None = None
    role_basis: Basis | None = Field(
        default=None, description="stated (the article's words) or model, as the brief giving the role says."
    )
    in_sources: dict[str, str] = Field(description="Source id → the actor's id in that source's brief.")


class StoryEvent(_Model):
    """One entry of the timeline, reported by one source or several."""

    what: str
    when: When | None = Field(
        description="The most precise date the sources give; the first source's where they conflict."
    )
    actors: list[str] = Field(default_factory=list, description="Story actor ids.")
    sources: list[Mention] = Field(
        description="One mention per source that tells it, with the spans of each of its tellings."
    )


class StoryQuote(_Model):
    """A quote as one source gives it."""

    text: str
    speaker: str | None = Field(description="Story actor id, or null when the source could not tell.")
    speaker_basis: Basis | None = Field(
        default=None, description="analysis or model, as the source's brief says; null without a speaker."
    )
    candidates: list[str] = Field(
        default_factory=list,
        description="Story actor ids of the actors named nearest an unknown speaker's quote, as its brief "
        "gives them.",
    )
    full: bool = Field(description="A whole sentence as spoken, or a fragment woven into the article's own.")
    cue: str | None = Field(default=None, description='The speech verb ("said"), if the parse found one.')
    source: Mention


class StoryConsequence(_Model):
    """What follows, as one source sees it."""

    what: str
    certainty: Certainty
    certainty_cue: str | None = Field(default=None, description="The words the certainty was read from.")
    claim_source: ClaimSource = Field(
        default=ClaimSource.ARTICLE, description="article, actor, unnamed or unknown, as its brief says."
    )
    claimed_by: str | None = Field(
        default=None, description="Story actor id of who claims it; null unless claim_source is actor."
    )
    claimant: str | None = Field(default=None, description="The article's words for an unnamed source.")
    claim_basis: Basis | None = Field(default=None, description="As the source's brief says.")
    source: Mention


class Claim(_Model):
    source: str
    says: str


class Disagreement(_Model):
    """A point on which the sources differ."""

    about: Literal["date", "number", "speaker"]
    subject: str = Field(description="The event or the quoted words they differ on.")
    claims: list[Claim] = Field(description="What each source says.")


class Story(_Model):
    """Several articles about one story, merged."""

    headline: str = Field(description="The headline of the latest source.")
    summary: str = Field(description="The summary of the latest source.")
    sources: list[StorySource]
    actors: list[StoryActor]
    timeline: list[StoryEvent] = Field(description="Events in date order; undated ones last.")
    quotes: list[StoryQuote]
    consequences: list[StoryConsequence]
    disagreements: list[Disagreement]

    def actor(self, actor_id: str | None) -> StoryActor | None:
        """The actor with this id, or None."""
        return next((a for a in self.actors if a.id == actor_id), None)
