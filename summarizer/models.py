"""The brief and its parts: the typed, validated result of summarizing one article.

Every item comes from the analysis of the article and carries the character spans of its words. The
descriptions document the JSON of a brief; none reaches a prompt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "Actor",
    "ActorKind",
    "Basis",
    "Brief",
    "Certainty",
    "ClaimSource",
    "Consequence",
    "Event",
    "Precision",
    "Preview",
    "Quote",
    "RunInfo",
    "Span",
    "Support",
    "When",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Span(_Model):
    """A half-open range of character offsets into the source text: ``text[start:end]``."""

    start: int = Field(ge=0, description="Offset of the first character.")
    end: int = Field(ge=0, description="Offset one past the last character.")


class Basis(StrEnum):
    """How a fact about an item is known, so that a reader can weigh it. None, where a field takes a
    basis, means unknown."""

    STATED = "stated"
    """In the article's words; the item carries their spans (words the brief added are in brackets)."""
    ANALYSIS = "analysis"
    """Found by analysis: parsing the article (a speech verb and its subject, say); the cue's span is
    evidence."""
    CHECKED = "checked"
    """The model's words, checked against the article: its sentences at the item's spans say the same
    of the same actor, with the same negation, certainty and numbers."""
    MODEL = "model"
    """The model's words or judgement, not checked against the article (a choice among candidates the
    analysis left open)."""


class ActorKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    COUNTRY = "country"
    GROUP = "group"
    OTHER = "other"


class Precision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class Certainty(StrEnum):
    """How sure the article makes an outcome, read from the grammar of the clause that states it."""

    HAPPENED = "happened"
    """A realis past or present outcome stated as fact."""
    ANNOUNCED = "announced"
    """A plan, decision or commitment of the party that will carry it out ("will open", "plans to")."""
    THREATENED = "threatened"
    """A warning or threat of a harmful outcome ("warned that", "threatened to")."""
    EXPECTED = "expected"
    """A forecast or expectation ("expects", "is likely to", "should", "will" of what events will do)."""
    CONDITIONAL = "conditional"
    """Depends on a stated condition ("if", "unless")."""
    SPECULATED = "speculated"
    """A possibility ("could", "may", "might", "possible")."""
    DEMANDED = "demanded"
    """Someone demands, urges, asks or requires that it happen: wanted, not decided."""


class ClaimSource(StrEnum):
    """Who states a consequence."""

    ARTICLE = "article"
    """The writer, in the article's own voice."""
    ACTOR = "actor"
    """An actor the article names: ``claimed_by``."""
    UNNAMED = "unnamed"
    """A source the article does not name ("analysts said", "a spokesman said"): ``claimant``."""
    UNKNOWN = "unknown"
    """Someone the article reports (a speech verb, a quotation) whom the parse cannot tell."""


class _InArticle(_Model):
    spans: list[Span] = Field(
        default_factory=list, description="Where the item's words stand in the source, in order."
    )


class Actor(_InArticle):
    """A person, organization, country or group the article names, with every mention of it."""

    name: str = Field(
        description="The fullest name the article gives, copied exactly as written, without a title "
        '("Joe Biden", not "President Joe Biden").'
    )
    kind: ActorKind = Field(
        description="person, organization (ministry, company, agency, newspaper), country, group "
        "(an informal set of people), or other."
    )
    role: str | None = Field(
        default=None,
        description='The role or title the article states beside the name, in its words ("Kremlin '
        'spokesperson"); null if none.',
    )
    id: str = Field(description="Stable id within the brief (a1, a2, ...), used by quotes and events.")
    aliases: list[str] = Field(
        default_factory=list, description="The other names the article uses for the same actor."
    )
    role_basis: Basis | None = Field(
        default=None, description="stated (the article's words at role_span); null without a role."
    )
    role_span: Span | None = Field(default=None, description="Where the article states the role.")


class When(_Model):
    """A time expression in the article and the calendar date it stands for."""

    text: str = Field(description='The article\'s words that give the time ("Wednesday").')
    span: Span | None = Field(default=None, description="Where those words stand in the source.")
    value: str | None = Field(
        default=None,
        description="ISO value at the stated precision: 2021-03-17, 2021-W11, 2021-03 or 2021; "
        "null when there is no dateline to resolve a relative expression against.",
    )
    precision: Precision | None = Field(default=None, description="day, week, month or year.")


class Event(_InArticle):
    """Something that happened or was said, with who took part and when."""

    what: str = Field(
        description="What happened then: the clause the time dates, in the article's words, made to read "
        'alone ("[GM] might run out of money by March"): words in brackets were added (a pronoun\'s '
        'referent, a subject shared with an earlier verb), "…" marks words left out.'
    )
    actors: list[str] = Field(default_factory=list, description="Ids of the actors who took part.")
    when: When | None = Field(default=None, description="When it happened, if the article says.")


class Quote(_InArticle):
    """Words the article puts in quotation marks, and who it says spoke them."""

    text: str = Field(description="The words inside the quotation marks, copied verbatim from the article.")
    speaker: str | None = Field(
        description="Id of the actor the article attributes the words to; null when it cannot be told."
    )
    full: bool = Field(
        description="True for a whole sentence as spoken, false for a fragment woven into the article's "
        "own sentence."
    )
    cue: str | None = Field(
        default=None, description='The speech verb ("said", "told"), if the parse found one.'
    )
    cue_span: Span | None = Field(default=None, description="Where the speech verb stands in the source.")
    speaker_basis: Basis | None = Field(
        default=None,
        description="analysis (the speech verb's subject in the parse); null when the speaker is unknown.",
    )
    candidates: list[str] = Field(
        default_factory=list,
        description="For a quote whose speaker the parse does not establish: ids of the actors named "
        "nearest to it, for a reader to weigh; empty when the speaker is known.",
    )


class Consequence(_InArticle):
    """What follows from the news, for whom, on whose word, and how certain it is."""

    what: str = Field(description="What follows or may follow: the article's clause that states it.")
    certainty: Certainty = Field(
        description="How sure the article makes it, read from the grammar of its clause: happened, "
        "announced, threatened, expected, conditional (only if something else happens), speculated, or "
        "demanded (wanted by someone, not decided)."
    )
    affected: list[str] = Field(default_factory=list, description="Ids of the actors it falls on.")
    certainty_cue: str | None = Field(
        default=None,
        description='The words that decided the certainty ("plans", "unless", "could", "warned"), as the '
        "article has them.",
    )
    certainty_span: Span | None = Field(default=None, description="Where those words stand in the source.")
    claim_source: ClaimSource = Field(
        default=ClaimSource.ARTICLE,
        description="Who states it: article (the writer), actor (claimed_by), unnamed (a source the "
        "article does not name: claimant), or unknown (reported, by whom the parse cannot tell).",
    )
    claimed_by: str | None = Field(
        default=None, description="Id of the actor who states it; null unless claim_source is actor."
    )
    claimant: str | None = Field(
        default=None,
        description='The article\'s words for an unnamed source ("industry analysts", "a spokesman"); '
        "null otherwise.",
    )
    claim_span: Span | None = Field(
        default=None,
        description='The words that attribute it ("said", "according to", "expects"), or the unnamed '
        "source's words.",
    )
    claim_basis: Basis | None = Field(
        default=None,
        description="analysis (the claimant found in the parse); null for the article's own voice.",
    )

    @model_validator(mode="before")
    @classmethod
    def _claimed_by_an_actor(cls, data: Any) -> Any:
        # A brief written before claim_source existed names its claimant by claimed_by alone.
        if isinstance(data, dict) and data.get("claimed_by") and "claim_source" not in data:
            data = {**data, "claim_source": ClaimSource.ACTOR}
        return data


class Usage(_Model):
    prompt_tokens: int = 0
    completion_tokens: int = 0


class RunInfo(_Model):
    """What produced a brief, so that a reader can judge and reproduce it."""

    backend: str = Field(description="embedded, or the base URL of an OpenAI-compatible endpoint.")
    model: str = Field(description="The model's name or weights file.")
    prompt_version: str = Field(description="Version of the prompt templates.")
    seconds: dict[str, float] = Field(default_factory=dict, description="Wall time of each extraction pass.")
    usage: Usage = Field(default_factory=Usage, description="Tokens over all requests, cached or not.")
    reasks: int = Field(default=0, ge=0, description="Requests repeated because an answer failed validation.")
    cached: int = Field(default=0, ge=0, description="Requests answered from the response cache.")
    warnings: list[str] = Field(
        default_factory=list, description="Items dropped or marked, and anything else a reader should know."
    )
    failed_passes: list[str] = Field(
        default_factory=list,
        description="Passes that ended without a fully valid answer: items dropped, no answer, or an answer "
        "cut off at the token limit.",
    )


class Support(_Model):
    """One sentence of the headline or summary, how it is known, and the article's words behind it."""

    sentence: str = Field(description="The sentence as shown.")
    basis: Basis = Field(
        default=Basis.CHECKED,
        description="checked (the model's words, held to the article's sentences at spans: the same actor "
        "did the same thing, with the same negation, certainty and numbers) or stated (the article's own "
        "words at spans, shown where the model's failed that check; brackets and cuts marked).",
    )
    spans: list[Span] = Field(description="The article's words behind it: its evidence.")
    score: float = Field(ge=0, le=1, description="Share of its content words found in those words.")


class Brief(_Model):
    """A validated brief of one news article."""

    headline: str = Field(description="A headline of at most 15 words.")
    summary: str = Field(description="Two or three sentences: what happened, who did it, why it matters.")
    dateline: dt.date | None = Field(
        description="The article's publication date; relative dates are resolved against it."
    )
    headline_support: Support | None = Field(
        default=None, description="How the headline is known, with the article's words behind it."
    )
    summary_support: list[Support] = Field(
        default_factory=list,
        description="Each summary sentence, how it is known, with the article's words behind it.",
    )
    actors: list[Actor] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    consequences: list[Consequence] = Field(default_factory=list)
    run: RunInfo

    def actor(self, actor_id: str | None) -> Actor | None:
        """The actor with this id, or None."""
        return next((a for a in self.actors if a.id == actor_id), None)


@dataclass(frozen=True)
class Preview:
    """What is known of a brief before the model's first pass, for showing while the model works."""

    brief: Brief
    """The brief of what code found: no headline, summary or judgement of the model's."""
    parsed: bool
    """False for the text alone, ready at once: the quoted passages with no speakers, each time with its
    sentence. True once the article is parsed: the actors, the speakers the parse names, each time with
    the clause it dates."""
