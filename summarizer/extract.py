"""The LLM passes: focused questions that share the article as their prompt prefix.

Each pass is one instructor call whose answer is validated against the source (the validation context);
an answer that fails is re-asked with the error, and when the re-asks run out, the items that still fail
are dropped with a warning rather than passed off as grounded. Sharing the prefix lets the embedded
model reuse its KV cache, so every pass after the first pays only for its own question.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar, cast

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from . import prompts
from .assemble.checks import miscast, unsupported
from .backends import PROMPT_VERSION_HEADER
from .backends.errors import backend_error, our_error
from .ground import normalize
from .models import EventFields, RunWarning, WarningKind

if TYPE_CHECKING:
    import instructor

__all__ = ["UNKNOWN", "EventAnswer", "Extraction", "RoleAnswer", "Session"]

UNKNOWN = "unknown"
_T = TypeVar("_T")
_MOST_ROLE_WORDS = 10
_MOST_HEADLINE_WORDS = 16
_MOST_SUMMARY_WORDS = 90
_MOST_SUMMARY_SENTENCES = 3
MOST_CLAUSE_WORDS = 20
"""A dated clause this short is shown as what happened, in the article's words; a longer one the model
sums up."""
_INITIALS = re.compile(r"(?<=\b[A-Z])\. (?=[A-Z]\.)")

# The validation context travels in a context variable, not through instructor's ``context=``: instructor
# also renders the messages as Jinja templates with that argument, and article text is not a template.
_VALIDATION: ContextVar[dict[str, Any] | None] = ContextVar("validation", default=None)


def _context(info: ValidationInfo) -> dict[str, Any]:
    return info.context or _VALIDATION.get() or {}


@dataclass
class Extraction:
    """Accounting of one brief's requests, filled in as the passes run."""

    seconds: dict[str, float] = field(default_factory=dict)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    reasks: int = 0
    warnings: list[RunWarning] = field(default_factory=list)


class _Answer(BaseModel):
    """Base of every answer: lenient validation (after the last re-ask) drops failing list items."""

    model_config = ConfigDict(extra="ignore")

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


class RoleAnswer(_Answer):
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


class QuoteAnswer(_Answer):
    text: str = Field(description="The quoted passage, exactly as listed.")
    speaker: str = Field(description="Who the article says spoke or wrote the passage.")

    @model_validator(mode="before")
    @classmethod
    def _known(cls, data: Any, info: ValidationInfo) -> Any:
        if isinstance(data, dict):
            data = dict(data)
            data["text"] = _choice(data.get("text"), info, "passages", "a passage the article quotes")
            data["speaker"] = _choice(data.get("speaker"), info, "speakers", "an actor of the article")
        return data


class EventAnswer(EventFields, _Answer):
    model_config = ConfigDict(extra="ignore", frozen=False)
    when: str = Field(description="The time, as listed.")

    @model_validator(mode="before")
    @classmethod
    def _known(cls, data: Any, info: ValidationInfo) -> Any:
        if isinstance(data, dict):
            data = dict(data)
            data["when"] = _choice(data.get("when"), info, "times", "a time expression of the article")
        return data


class OverviewAnswer(_Answer):
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
        wrong = miscast(written, ctx.get("roles", {}), ctx["source"])
        if (unknown or wrong) and ctx.get("lenient"):
            # Re-asks ran out: keep the text, and tell the reader what it says that the article does not.
            said = [f"headline and summary: {w}" for w in wrong]
            if unknown:
                said.insert(0, f"headline and summary name what the article does not: {', '.join(unknown)}")
            ctx["warnings"] += [RunWarning(WarningKind.UNSUPPORTED, "overview", text) for text in said]
        elif unknown:
            raise ValueError(
                f"{', '.join(map(repr, unknown))} not in the article: write only names, numbers and dates "
                "the article gives"
            )
        elif wrong:
            raise ValueError(f"{'; '.join(wrong)}: give people the roles the article gives them")
        return self

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
        # end only after a full stop. Lengths are the validators' to check, never the grammar's.
        schema["properties"]["headline"].update(pattern=r'^[^"\\]{20,}$')
        schema["properties"]["summary"].update(pattern=r'^[^"\\]+[.!?]$')


_CUT_OVERVIEW = re.compile(
    r'"headline"\s*:\s*"(?P<headline>[^"]+)"\s*,\s*"summary"\s*:\s*"(?P<summary>[^"]*)'
)
_SENTENCE = re.compile(r"(?<=[.!?])['’)]*\s+(?=[A-Z'‘(])")


def whole_sentences(text: str) -> list[str]:
    """The sentences of ``text`` that end with their full stop (a cut-off last one is left out)."""
    parts = [p.strip() for p in _SENTENCE.split(text.strip()) if p.strip()]
    return [p for p in parts if p.rstrip("'’)").endswith((".", "!", "?"))]


def _first_sentences(sentences: list[str]) -> list[str]:
    kept: list[str] = []
    for sentence in sentences:
        words = sum(len(s.split()) for s in [*kept, sentence])
        if kept and (len(kept) == _MOST_SUMMARY_SENTENCES or words > _MOST_SUMMARY_WORDS):
            break
        kept.append(sentence)
    return kept


def _one_each(item: dict[str, Any], fixed: list[dict[str, Any]]) -> dict[str, Any]:
    """An array schema with exactly one ``item`` per entry of ``fixed``, in order, each with those
    properties replaced: the model answers every entry, none skipped, none added."""
    return {
        "type": "array",
        "prefixItems": [{**item, "properties": {**item["properties"], **props}} for props in fixed],
        "minItems": len(fixed),
        "maxItems": len(fixed),
    }


# ---- running the passes -------------------------------------------------------------------------


Progress = Callable[[str], None]
"""Told the name of each pass as it starts."""


class Session:
    """The passes over one article. Every request starts with the same messages (the article), so the
    embedded model processes the article once and each pass pays only for its own question."""

    def __init__(
        self,
        client: instructor.Instructor,
        model: str,
        *,
        article: str,
        dateline: str,
        max_reasks: int,
        record: Extraction,
        progress: Progress | None = None,
    ) -> None:
        self._client = client
        self._model = model
        self._system = prompts.render("system")
        self._article = prompts.render("article", article=article, dateline=dateline)
        self._context: dict[str, Any] = {"source": article, "warnings": record.warnings}
        self._max_reasks = max_reasks
        self._progress = progress
        self._record = record

    def roles(self, people: list[str]) -> dict[str, str]:
        """The role of each of ``people`` (named in the article, no role stated beside the name) that the
        model can tell from the article."""

        class RolesAnswer(_Answer):
            roles: list[RoleAnswer] = Field(min_length=1)

            @classmethod
            def constrain(cls, schema: dict[str, Any]) -> None:
                schema["properties"]["roles"] = _one_each(
                    schema["$defs"]["RoleAnswer"], [{"name": {"const": name}} for name in people]
                )

        task = prompts.render("roles", names=", ".join(people))
        answer = self._ask("roles", RolesAnswer, task, 24 * len(people) + 20)
        return {r.name: r.role for r in getattr(answer, "roles", []) if r.role}

    def quotes(self, passages: list[str], options: list[list[str]]) -> list[QuoteAnswer]:
        """The speaker of each passage, chosen among its ``options`` (the actors named near it)."""
        speakers = [*_unique([name for names in options for name in names]), UNKNOWN]
        self._context.update(passages=passages, speakers=speakers)

        class QuotesAnswer(_Answer):
            quotes: list[QuoteAnswer] = Field(min_length=1)

            @classmethod
            def constrain(cls, schema: dict[str, Any]) -> None:
                # One item per passage, in order, its text fixed (verbatim by construction, none
                # skipped) and its speaker one of the actors named near it.
                item = schema["$defs"]["QuoteAnswer"]
                schema["properties"]["quotes"] = _one_each(
                    item,
                    [
                        {"text": {"const": text}, "speaker": {"type": "string", "enum": [*names, UNKNOWN]}}
                        for text, names in zip(passages, options, strict=True)
                    ],
                )

        listed = "\n".join(
            f"{i}. “{text}” (speaker: {' or '.join([*names, UNKNOWN])})"
            for i, (text, names) in enumerate(zip(passages, options, strict=True), start=1)
        )
        budget = 20 + 12 * len(passages) + len("".join(passages)) // 2
        answer = self._ask("quotes", QuotesAnswer, prompts.render("quotes", passages=listed), budget)
        return list(getattr(answer, "quotes", []))

    def events(self, dated: list[tuple[str, str]]) -> list[EventAnswer | None]:
        """What happened at each time expression. ``dated`` holds each expression with the clause it
        dates; a clause short enough to show is what happened, in the article's words (None here), and
        the model is asked only about the longer ones. (Who took part is read off the sentence by code:
        the model's picks were worse.)"""
        asked = [(clause, when) for clause, when in dated if len(clause.split()) > MOST_CLAUSE_WORDS]
        told = iter(self._events(asked) if asked else [])
        return [next(told, None) if len(clause.split()) > MOST_CLAUSE_WORDS else None for clause, _ in dated]

    def _events(self, dated: list[tuple[str, str]]) -> list[EventAnswer]:
        self._context.update(times=_unique([when for _, when in dated]))

        class EventsAnswer(_Answer):
            events: list[EventAnswer] = Field(min_length=1)

            @classmethod
            def constrain(cls, schema: dict[str, Any]) -> None:
                item = schema["$defs"]["EventAnswer"]
                props = item["properties"]
                props["what"].update(minLength=15)
                # The time first: the model then says what happened at that time, not in the sentence.
                item["properties"] = {"when": props.pop("when"), **props}
                schema["properties"]["events"] = _one_each(
                    item, [{"when": {"const": when}} for _, when in dated]
                )

        listed = "\n".join(f"{i}. [{when}] {clause}" for i, (clause, when) in enumerate(dated, start=1))
        task = prompts.render("events", sentences=listed)
        return list(getattr(self._ask("events", EventsAnswer, task, 40 * len(dated) + 20), "events", []))

    def consequences(self, clauses: list[str]) -> list[int]:
        """The numbers (from 1) of the ``clauses`` (sentences with future, conditional or threat words)
        that state what follows or may follow from the news. How certain each is, the code reads from
        its words (analysis.certainty)."""

        class ConsequencesAnswer(_Answer):
            consequences: list[int]

            @classmethod
            def constrain(cls, schema: dict[str, Any]) -> None:
                numbers = schema["properties"]["consequences"]
                numbers.update(maxItems=len(clauses))
                numbers["items"].update(enum=list(range(1, len(clauses) + 1)))

        listed = "\n".join(f"{i}. {clause}" for i, clause in enumerate(clauses, start=1))
        task = prompts.render("consequences", sentences=listed)
        answer = self._ask("consequences", ConsequencesAnswer, task, 4 * len(clauses) + 16)
        return _unique(getattr(answer, "consequences", []))

    def overview(self, facts: str, lede: str, roles: dict[str, str]) -> OverviewAnswer | None:
        """A headline and a summary, written from the article, the ``facts`` code found in it and its
        ``lede`` (its first sentence, where news puts what happened); names given another role than the
        article's (``roles``: name → role stated beside it) are re-asked."""
        self._context.update(roles=roles)
        task = prompts.render("overview", facts=facts, lede=lede)
        return cast(OverviewAnswer | None, self._ask("overview", OverviewAnswer, task, 200))

    def _ask(self, name: str, answer: type[_Answer], task: str, max_tokens: int) -> _Answer | None:
        """One pass; None (with a warning) when its answers never validated."""
        if self._progress:
            self._progress(name)
        messages = [
            {"role": "system", "content": self._system},
            {"role": "user", "content": self._article + task},
        ]
        started = time.perf_counter()
        token = _VALIDATION.set(self._context)
        try:
            return self._client.chat.completions.create(
                model=self._model,
                messages=messages,  # type: ignore[arg-type]
                response_model=answer,
                max_retries=self._max_reasks,
                temperature=0.0,
                max_tokens=max_tokens,
                extra_headers={PROMPT_VERSION_HEADER: prompts.prompt_version()},
            )
        except Exception as exc:
            return self._salvage(name, answer, exc)
        finally:
            _VALIDATION.reset(token)
            # A long article's parts each run the pass: its time is their sum.
            spent = self._record.seconds.get(name, 0.0) + time.perf_counter() - started
            self._record.seconds[name] = round(spent, 3)

    def _salvage(self, name: str, answer: type[_Answer], exc: Exception) -> _Answer | None:
        from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException

        cause = exc.__cause__ or exc.__context__
        if ours := our_error(exc):
            raise ours from None
        if isinstance(exc, IncompleteOutputException) or isinstance(cause, IncompleteOutputException):
            cut = exc if isinstance(exc, IncompleteOutputException) else cause
            completion = getattr(cut, "last_completion", None)
            content = completion.choices[0].message.content or "" if completion is not None else ""
            if answer is OverviewAnswer and (kept := OverviewAnswer.from_cut(content, self._context)):
                text = "overview: cut off at the token limit; its whole sentences kept"
                self._record.warnings.append(RunWarning(WarningKind.CUT_OFF, name, text))
                return kept
            text = f"{name}: the answer was cut off at the token limit and dropped"
            self._record.warnings.append(RunWarning(WarningKind.CUT_OFF, name, text))
            return None
        if isinstance(exc, InstructorRetryException) and exc.last_completion is not None:
            # Re-asks ran out: keep the items of the last answer that do validate, drop the rest.
            content = exc.last_completion.choices[0].message.content or ""
            try:
                return answer.model_validate(json.loads(content), context={**self._context, "lenient": True})
            except (ValueError, ValidationError):
                text = f"{name}: no valid answer after {exc.n_attempts} attempts"
                self._record.warnings.append(RunWarning(WarningKind.NO_ANSWER, name, text))
                return None
        raise backend_error(cause or exc) from exc


def _unique(values: list[_T]) -> list[_T]:
    return list(dict.fromkeys(values))
