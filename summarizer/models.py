"""The brief and its parts: the typed, validated result of summarizing one article.

Every item comes from the analysis of the article and carries the character spans of its words. Only
``EventFields`` reaches a prompt: the events pass's answer inherits it, so its field's description is
part of that request; the other descriptions document the JSON of a brief.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Actor",
    "ActorKind",
    "Basis",
    "Brief",
    "Certainty",
    "Consequence",
    "Event",
    "Precision",
    "Preview",
    "Quote",
    "RunInfo",
    "RunWarning",
    "Span",
    "Support",
    "WarningKind",
    "When",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Span(_Model):
    """A half-open range of character offsets into the source text: ``text[start:end]``."""

    start: int = Field(ge=0, description="Offset of the first character.")
    end: int = Field(ge=0, description="Offset one past the last character.")


class Basis(StrEnum):
    """How a fact about an item is known, so that a reader can weigh it."""

    STATED = "stated"
    """The article's own words say it; the item carries their span."""
    ANALYSIS = "analysis"
    """Found by parsing the article (a speech verb and its subject, say); the cue's span is evidence."""
    MODEL = "model"
    """Judged by the language model among the candidates the analysis left open."""


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
    HAPPENED = "happened"
    ANNOUNCED = "announced"
    THREATENED = "threatened"
    EXPECTED = "expected"
    CONDITIONAL = "conditional"
    SPECULATED = "speculated"
    DEMANDED = "demanded"
    """Someone demands, asks, urges or requires that it happen: wanted, not decided."""


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
        description='The role or title the article gives, in a few words ("Kremlin spokesperson"), or the '
        "model's reading of it (role_basis says which); null if none.",
    )
    id: str = Field(description="Stable id within the brief (a1, a2, ...), used by quotes and events.")
    aliases: list[str] = Field(
        default_factory=list, description="The other names the article uses for the same actor."
    )
    role_basis: Basis | None = Field(
        default=None, description="stated (the article's words at role_span) or model; null without a role."
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


class EventFields(_Model):
    what: str = Field(description="What happened, in one short sentence of your own.")


class Event(EventFields, _InArticle):
    """Something that happened or was said, with who took part and when."""

    actors: list[str] = Field(default_factory=list, description="Ids of the actors who took part.")
    when: When | None = Field(default=None, description="When it happened, if the article says.")
    what_basis: Basis = Field(
        default=Basis.MODEL,
        description="stated (what is the article's own clause that the time dates) or model (the model's "
        "words for a clause too long to show).",
    )


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
        description="analysis (the speech verb's subject in the parse) or model (the model's choice among "
        "the names near the quote); null when the speaker is unknown.",
    )


class Consequence(_InArticle):
    """What follows from the news, for whom, on whose word, and how certain it is."""

    what: str = Field(description="What follows or may follow: the article's clause that states it.")
    certainty: Certainty = Field(
        description="How sure the article makes it, read from the words of its sentence: happened, "
        "announced, threatened, expected, conditional (only if something else happens), or speculated."
    )
    affected: list[str] = Field(default_factory=list, description="Ids of the actors it falls on.")
    claimed_by: str | None = Field(
        default=None, description="Id of the actor who claims it; null when the article itself does."
    )
    claim_basis: Basis | None = Field(
        default=None,
        description="analysis (the speaker of its sentence in the parse); null without a claimant.",
    )


class WarningKind(StrEnum):
    """What a warning of a brief is about."""

    DROPPED = "dropped"
    """Items of a pass's answer failed validation after the last re-ask and were dropped."""
    NO_ANSWER = "no_answer"
    """No answer of a pass validated: the pass gave nothing."""
    CUT_OFF = "cut_off"
    """A pass's answer was cut off at the token limit and dropped."""
    SHORTENED = "shortened"
    """Code shortened a valid answer (a summary over its length, or cut off at the token limit with its
    whole sentences kept)."""
    UNSUPPORTED = "unsupported"
    """The model's own words say what the article does not (a name, a number, a role)."""
    LONG_ARTICLE = "long_article"
    NO_DATELINE = "no_dateline"

    @property
    def failed(self) -> bool:
        """Whether a pass with this warning ended without a fully valid answer."""
        return self in (WarningKind.DROPPED, WarningKind.NO_ANSWER, WarningKind.CUT_OFF)


@dataclass(frozen=True)
class RunWarning:
    """One warning, as the code that raised it knows it; a brief shows its ``text``."""

    kind: WarningKind
    pass_name: str | None
    """The pass it concerns; None for the whole brief."""
    text: str


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
    """One sentence of the summary and the article's sentences that support it."""

    sentence: str = Field(description="The summary's sentence.")
    spans: list[Span] = Field(description="The article's sentences that hold most of its content words.")
    score: float = Field(ge=0, le=1, description="Share of its content words found in those sentences.")


class Brief(_Model):
    """A validated brief of one news article."""

    headline: str = Field(description="A headline of at most 15 words, in your own words.")
    summary: str = Field(description="Two or three sentences: what happened, who did it, why it matters.")
    dateline: dt.date | None = Field(
        description="The article's publication date; relative dates are resolved against it."
    )
    summary_support: list[Support] = Field(
        default_factory=list, description="Each summary sentence with the article's words behind it."
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
