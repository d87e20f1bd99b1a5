"""The shapes of the model's answers, and the validators that hold them to the article.

Each answer is validated against the source (the validation context); a failing answer is re-asked with
the error, and after the last re-ask the items that still fail are dropped (lenient validation).
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ..accounting import RunWarning, WarningKind
from ..analysis.text import sentences
from .checks import misattributed, miscast, unsupported
from .faithful import Checker, Verdict

__all__ = [
    "VALIDATION",
    "Answer",
    "Answers",
    "KindAnswer",
    "OverviewAnswer",
    "whole_sentences",
]

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

    things: set[str] = field(default_factory=set)
    """Names the model judged a product, a service, a place or an event: no actors."""
    overview: OverviewAnswer | None = None


class Answer(BaseModel):
    """Base of every answer: the schema sent to the model is narrowed by :meth:`constrain`."""

    model_config = ConfigDict(extra="ignore")

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The schema sent to the model, narrowed by :meth:`constrain`."""
        schema = super().model_json_schema(*args, **kwargs)
        cls.constrain(schema)
        return schema

    @classmethod
    def constrain(cls, schema: dict[str, Any]) -> None:
        """Narrow ``schema`` where a small model needs it (patterns); subclasses override it."""


# ---- the answers' shapes ------------------------------------------------------------------------


class KindAnswer(Answer):
    kind: Literal["person", "organization", "thing"] = Field(description="What the article uses it for.")


class OverviewAnswer(Answer):
    _verdicts: list[Verdict] = PrivateAttr(default_factory=list)
    headline: str = Field(description="A headline of at most 15 words, in your own words.")
    summary: str = Field(description="Two or three sentences: what happened, who did it, why it matters.")

    @field_validator("headline")
    @classmethod
    def _headline_short(cls, headline: str, info: ValidationInfo) -> str:
        words = headline.split()
        if len(words) > _MOST_HEADLINE_WORDS:
            ctx = _context(info)
            if not ctx.get("lenient"):
                raise ValueError(f"a headline of at most {_MOST_HEADLINE_WORDS} words, please")
            # Re-asks ran out: its first words, marked as cut, rather than a brief without a headline.
            text = f"headline: cut to its first {_MOST_HEADLINE_WORDS} of {len(words)} words"
            ctx.get("warnings", []).append(RunWarning(WarningKind.SHORTENED, "overview", text))
            headline = " ".join(words[:_MOST_HEADLINE_WORDS]) + " …"
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
        """Each sentence held to the article (faithful.py, with the names, numbers, roles and words it
        gives): a failing answer is re-asked with the reasons; after the last re-ask it is kept with each
        sentence's verdict, for assembly to show the article's words where the model's failed."""
        ctx = _context(info)
        verdicts = self._held(ctx)
        self._verdicts = verdicts
        failing = [v for v in verdicts if not v.faithful]
        if failing and not ctx.get("lenient"):
            said = "; ".join(f"“{v.sentence}”: {', '.join(v.problems)}" for v in failing)
            raise ValueError(
                f"{said}. Write only what the article says: its names, numbers and roles, each fact of the "
                "one it gives it to, with the article's verbs, negation and certainty, and say whose words "
                "a claim is"
            )
        return self

    def _held(self, ctx: dict[str, Any]) -> list[Verdict]:
        """The verdict of the headline and of each summary sentence."""
        checker: Checker | None = ctx.get("checker")
        source, roles = ctx["source"], ctx.get("roles", {})
        spoken, actors = ctx.get("said", []), ctx.get("actors", [])
        verdicts, before = [], ""
        for sentence in [self.headline, *whole_sentences(self.summary)]:
            verdict = checker.check(sentence, before) if checker is not None else Verdict(sentence)
            problems = list(verdict.problems)
            if unknown := unsupported(sentence, source):
                problems.insert(0, f"names what the article does not: {', '.join(unknown)}")
            problems += miscast(sentence, roles, source) + misattributed(sentence, spoken, actors)
            verdicts.append(Verdict(sentence, problems, verdict.evidence))
            before = f"{before} {sentence}".strip()
        return verdicts

    @property
    def verdicts(self) -> list[Verdict]:
        """The headline's verdict, then each summary sentence's."""
        return self._verdicts

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
