"""What the archive's queries return: the brief's own models (Quote, Event, Actor, …), each with its article.

Items are read back from the brief's stored JSON with :func:`readable`, which keeps only the fields the
models of this code know: a brief archived by an older summarizer, whose items carried a field since
removed, still reads (whole briefs with :func:`brief_of`, which also leaves out what this code would
show wrongly).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..models import Actor, Brief, Event, Quote, Span

__all__ = [
    "ArchivedBrief",
    "ArchivedEvent",
    "ArchivedQuote",
    "ArticleRef",
    "SearchHit",
    "brief_of",
    "read_brief",
    "readable",
]

M = TypeVar("M", bound=BaseModel)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ArticleRef(_Model):
    """The article an archived item comes from, and the brief it is read from."""

    id: int = Field(description="The article's row in the archive.")
    origin: str = Field(description="Where it was read from: a path, a URL, <stdin> or <text>.")
    title: str = Field(description="The article's first line.")
    dateline: dt.date | None = Field(description="Its publication date, if known.")
    brief_id: int = Field(description="The brief's row in the archive.")
    headline: str = Field(description="The brief's headline.")


class ArchivedBrief(_Model):
    """One brief in the archive, as ``summarizer archive`` lists it."""

    article: ArticleRef
    archived_at: dt.datetime
    backend: str
    model: str
    prompt_version: str
    current: bool = Field(description="Whether it is the newest brief of its article, which queries read.")
    actors: int
    quotes: int
    events: int
    consequences: int


class ArchivedQuote(_Model):
    """A quote, who the brief says spoke it, and its article."""

    article: ArticleRef
    quote: Quote
    speaker: Actor | None


class ArchivedEvent(_Model):
    """An event of an article's timeline, with the actors it names."""

    article: ArticleRef
    event: Event
    actors: list[Actor]


class SearchHit(_Model):
    """Where a search's words were found: in a quote, an event, a consequence or an article's text."""

    kind: Literal["quote", "event", "consequence", "article"]
    article: ArticleRef
    text: str = Field(description="The words around the match (the whole item when it is short).")
    marks: list[Span] = Field(description="The matched words: offsets into ``text``.")
    span: Span | None = Field(description="Where the item stands in the article; null for an article hit.")
    speaker: str | None = Field(description="The quote's speaker or the consequence's claimant, by name.")
    date: str | None = Field(description="The event's resolved date, else the article's dateline.")


def readable(model: type[M], data: Any) -> M:
    """``data`` (JSON of an archived brief or item) as ``model``, less any field this code does not know."""
    try:
        return model.model_validate(data)
    except ValidationError:
        return model.model_validate(_known(model, data))


def _known(model: type[BaseModel], data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    fields = model.model_fields
    return {name: _fit(fields[name].annotation, value) for name, value in data.items() if name in fields}


def _fit(annotation: Any, value: Any) -> Any:
    for kind in (annotation, *get_args(annotation)):
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            if isinstance(value, list):
                return [_known(kind, v) for v in value]
            return _known(kind, value)
    return value


def read_brief(text: str) -> Brief:
    """An archived brief's JSON as a Brief."""
    return brief_of(json.loads(text))


def brief_of(data: Any) -> Brief:
    """A brief's JSON, as any summarizer archived or exported it, as this code's Brief. A timeline entry
    an older one wrote in the model's words (``what_basis`` other than stated, before prompt version 7)
    is left out: every format shows a timeline as the article's words, and this one is not."""
    if isinstance(data, dict) and isinstance(data.get("events"), list):
        events = data["events"]
        kept = [e for e in events if not isinstance(e, dict) or e.get("what_basis") in (None, "stated")]
        data = {**data, "events": kept}
    return readable(Brief, data)
