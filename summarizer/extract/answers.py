"""The shapes of the model's answers, and the validators that hold them to the article.

Each answer is validated against the source (the validation context); a failing answer is re-asked with
the error, and after the last re-ask the items that still fail are dropped (lenient validation).
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ..analysis.text import normalize, sentences
from ..models import EventFields, RunWarning, WarningKind
from .checks import Said, misattributed, miscast, unsupported

if TYPE_CHECKING:
    from ..analysis import Dated

__all__ = [
    "UNKNOWN",
    "VALIDATION",
    "Answer",
    "Answers",
    "EventAnswer",
    "KindAnswer",
    "OverviewAnswer",
    "QuoteAnswer",
    "RoleAnswer",
    "one_each",
    "whole_sentences",
]

UNKNOWN = "unknown"
_MOST_ROLE_WORDS = 10
_MOST_HEADLINE_WORDS = 16
_MOST_SUMMARY_WORDS = 90
_MOST_SUMMARY_SENTENCES = 3
_INITIALS = re.compile(r"(?<=\b[A-Z])\. (?=[A-Z]\.)")

# The validation context travels in a context variable, not through instructor's ``context=``: instructor
# also renders the messages as Jinja templates with that argument, and article text is not a template.
VALIDATION: ContextVar[dict[str, Any] | None] = ContextVar("validation", default=None)


def _context(info: ValidationInfo) -> dict[str, Any]:
    return info.context or VALIDATION.get() or {}


@dataclass
class Answers:
    """What the model said, pass by pass, over all parts of the article."""

    roles: dict[str, str] = field(default_factory=dict)
    things: set[str] = field(default_factory=set)
    """Names the model judged a product, a service, a place or an event: no actors."""
    speakers: dict[int, str | None] = field(default_factory=dict)
    """Passage index → the speaker's name the model chose (passages the parse left open)."""
    events: list[tuple[EventAnswer | None, Dated]] = field(default_factory=list)
    """Each time expression with the model's account of it; None where its clause is shown as it is."""
    overview: OverviewAnswer | None = None


class Answer(BaseModel):
    """Base of every answer: lenient validation (after the last re-ask) drops failing list items."""

    model_config = ConfigDict(extra="ignore")

    _CHOICES: ClassVar[dict[str, tuple[str, str]]] = {}
    """Fields whose value must be one of this article's choices: the field → (the validation context's
    list of them, what the value must be)."""

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The schema sent to the model, with this article's choices (enums) filled in."""
        schema = super().model_json_schema(*args, **kwargs)
        cls.constrain(schema)
        return schema

    @classmethod
    def constrain(cls, schema: dict[str, Any]) -> None:
        """Narrow ``schema`` to this article's choices; answers built for one article override it."""

    @model_validator(mode="before")
    @classmethod
    def _one_of_the_choices(cls, data: Any, info: ValidationInfo) -> Any:
        if cls._CHOICES and isinstance(data, dict):
            data = dict(data)
            for name, (key, what) in cls._CHOICES.items():
                data[name] = _choice(data.get(name), info, key, what)
        return data

    @model_validator(mode="before")
    @classmethod
    def _drop_failing_items(cls, data: Any, info: ValidationInfo) -> Any:
        ctx = _context(info)
        if not ctx.get("lenient") or not isinstance(data, dict):
            return data
        kept = dict(data)
        for name, field_info in cls.model_fields.items():
            item_type = _list_item_model(field_info.annotation)
            if item_type is None or not isinstance(data.get(name), list):
                continue
            items = []
            for raw in data[name]:
                try:
                    item_type.model_validate(raw, context=ctx)
                    items.append(raw)
                except ValidationError as exc:
                    text = f"dropped from {name}: {_first_error(exc)}"
                    ctx["warnings"].append(RunWarning(WarningKind.DROPPED, name, text))
            kept[name] = items
        return kept


def _list_item_model(annotation: Any) -> type[BaseModel] | None:
    args = getattr(annotation, "__args__", ())
    if getattr(annotation, "__origin__", None) is list and args and isinstance(args[0], type):
        return args[0] if issubclass(args[0], BaseModel) else None
    return None


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    return str(err.get("ctx", {}).get("error") or err["msg"]).removeprefix("Value error, ")


def _choice(value: Any, info: ValidationInfo, key: str, what: str) -> Any:
    """Map ``value`` to the allowed choice it equals up to case, quotation marks and spacing."""
    if value is None or not isinstance(value, str):
        return value
    choices: list[str] = _context(info).get(key, [])
    wanted = normalize(value)[0].strip()
    for choice in choices:
        if normalize(choice)[0].strip() == wanted:
            return choice
    raise ValueError(f"{value!r} is not {what}; choose one of: {', '.join(map(repr, choices))}")


# ---- the answers' shapes ------------------------------------------------------------------------


class RoleAnswer(Answer):
    name: str = Field(description="The person's name, as listed.")
    role: str | None = Field(
        description="Their role or title in a few words; null if the article gives none."
    )

    @field_validator("role")
    @classmethod
    def _short(cls, role: str | None) -> str | None:
        if role is not None and len(role.split()) > _MOST_ROLE_WORDS:
            raise ValueError(f"a role of at most {_MOST_ROLE_WORDS} words, please")
        return role


class KindAnswer(Answer):
    kind: Literal["person", "organization", "thing"] = Field(description="What the article uses it for.")


class QuoteAnswer(Answer):
    text: str = Field(description="The quoted passage, exactly as listed.")
    speaker: str = Field(description="Who the article says spoke or wrote the passage.")

    _CHOICES = {
        "text": ("passages", "a passage the article quotes"),
        "speaker": ("speakers", "an actor of the article"),
    }


class EventAnswer(EventFields, Answer):
    model_config = ConfigDict(extra="ignore", frozen=False)
    when: str = Field(description="The time, as listed.")

    _CHOICES = {"when": ("times", "a time expression of the article")}


class OverviewAnswer(Answer):
    headline: str = Field(description="A headline of at most 15 words, in your own words.")
    summary: str = Field(description="Two or three sentences: what happened, who did it, why it matters.")

    @field_validator("headline")
    @classmethod
    def _headline_short(cls, headline: str) -> str:
        if len(headline.split()) > _MOST_HEADLINE_WORDS:
            raise ValueError(f"a headline of at most {_MOST_HEADLINE_WORDS} words, please")
        return _INITIALS.sub(".", headline)

    @field_validator("summary")
    @classmethod
    def _whole_sentences(cls, summary: str, info: ValidationInfo) -> str:
        # A straight quotation mark ends a small model's JSON string early, mid-sentence.
        if not summary.rstrip().rstrip("'’)").endswith((".", "!", "?")):
            raise ValueError("end the summary with a full stop; quote words with single quotation marks")
        sentences = whole_sentences(_INITIALS.sub(".", summary))
        kept = _first_sentences(sentences)
        if len(kept) < len(sentences):
            # Asking again gives the same answer at temperature 0: code keeps the first whole sentences.
            text = (
                f"summary: kept its first {len(kept)} of {len(sentences)} sentences ({_MOST_SUMMARY_WORDS} "
                "words at most)"
            )
            _context(info).get("warnings", []).append(RunWarning(WarningKind.SHORTENED, "overview", text))
        return " ".join(kept)

    @model_validator(mode="after")
    def _from_the_article(self, info: ValidationInfo) -> OverviewAnswer:
        ctx = _context(info)
        written = f"{self.headline}\n{self.summary}"
        unknown = unsupported(written, ctx["source"])
        spoken, actors = ctx.get("said", []), ctx.get("actors", [])
        wrong = miscast(written, ctx.get("roles", {}), ctx["source"]) + misattributed(written, spoken, actors)
        if (unknown or wrong) and ctx.get("lenient"):
            # Re-asks ran out: keep the text, and tell the reader what it says that the article does not.
            said = [f"headline and summary: {w}" for w in wrong]
            if unknown:
                said.insert(0, f"headline and summary name what the article does not: {', '.join(unknown)}")
            ctx["warnings"] += [RunWarning(WarningKind.UNSUPPORTED, "overview", text) for text in said]
            self._leave_out_misattributed(spoken, actors, ctx)
        elif unknown:
            raise ValueError(
                f"{', '.join(map(repr, unknown))} not in the article: write only names, numbers and dates "
                "the article gives"
            )
        elif wrong:
            raise ValueError(f"{'; '.join(wrong)}: give people the roles and words the article gives them")
        return self

    def _leave_out_misattributed(
        self, spoken: list[Said], actors: list[list[str]], ctx: dict[str, Any]
    ) -> None:
        """Summary sentences that give words to another speaker than the article's go, while one is left:
        a wrong attribution is worse than none."""
        sentences = whole_sentences(self.summary)
        kept = [s for s in sentences if not misattributed(s, spoken, actors)]
        if kept and len(kept) < len(sentences):
            self.summary = " ".join(kept)
            text = (
                f"summary: left out {len(sentences) - len(kept)} of its {len(sentences)} sentences, which "
                "gave words to another speaker than the article does"
            )
            ctx["warnings"].append(RunWarning(WarningKind.SHORTENED, "overview", text))

    @classmethod
    def from_cut(cls, content: str, context: dict[str, Any]) -> OverviewAnswer | None:
        """The answer of a model stopped at the token limit mid-summary: its headline and the whole
        sentences it had written; None when not even one sentence was whole."""
        found = _CUT_OVERVIEW.search(content)
        if found is None:
            return None
        summary = " ".join(whole_sentences(found["summary"]))
        if not summary:
            return None
        data = {"headline": found["headline"], "summary": summary}
        return cls.model_validate(data, context={**context, "lenient": True})

    @classmethod
    def constrain(cls, schema: dict[str, Any]) -> None:
        # A small model ends a string at the first straight quotation mark it means to quote with
        # ("remarks were "very bad""), mid-sentence: the grammar allows none inside, and lets the summary
        # end only after a full stop. Nor braces or backticks: a model that closes the object inside the
        # string ("… sanctions. }") writes code fences until the token limit. Lengths are the
        # validators' to check, never the grammar's.
        schema["properties"]["headline"].update(pattern=r'^[^"\\{}`]{20,}$')
        schema["properties"]["summary"].update(pattern=r'^[^"\\{}`]+[.!?]$')


_CUT_OVERVIEW = re.compile(
    r'"headline"\s*:\s*"(?P<headline>[^"]+)"\s*,\s*"summary"\s*:\s*"(?P<summary>[^"]*)'
)


def whole_sentences(text: str) -> list[str]:
    """The sentences of ``text`` that end with their full stop (a cut-off last one is left out)."""
    return [s for s in sentences(text) if s.rstrip("'’)").endswith((".", "!", "?"))]


def _first_sentences(sentences: list[str]) -> list[str]:
    kept: list[str] = []
    for sentence in sentences:
        words = sum(len(s.split()) for s in [*kept, sentence])
        if kept and (len(kept) == _MOST_SUMMARY_SENTENCES or words > _MOST_SUMMARY_WORDS):
            break
        kept.append(sentence)
    return kept


def one_each(item: dict[str, Any], fixed: list[dict[str, Any]]) -> dict[str, Any]:
    """An array schema with exactly one ``item`` per entry of ``fixed``, in order, each with those
    properties replaced: the model answers every entry, none skipped, none added."""
    return {
        "type": "array",
        "prefixItems": [{**item, "properties": {**item["properties"], **props}} for props in fixed],
        "minItems": len(fixed),
        "maxItems": len(fixed),
    }
