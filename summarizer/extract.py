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
from typing import TYPE_CHECKING, Any, cast

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
from .backends import PROMPT_VERSION_HEADER
from .errors import BackendError, ExtractionError, SummarizerError
from .ground import locate, normalize
from .models import ActorFields, ActorKind, ConsequenceFields, EventFields

if TYPE_CHECKING:
    import instructor

__all__ = ["UNKNOWN", "ActorAnswer", "ConsequenceAnswer", "EventAnswer", "Extraction", "Session"]

UNKNOWN = "unknown"
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
    warnings: list[str] = field(default_factory=list)


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
                    ctx["warnings"].append(f"dropped from {name}: {_first_error(exc)}")
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


class ActorAnswer(ActorFields, _Answer):
    model_config = ConfigDict(extra="ignore", frozen=False)

    @field_validator("name", mode="before")
    @classmethod
    def _join_initials(cls, name: Any) -> Any:
        # Small models tokenize "U.S." as "U. S.".
        return _INITIALS.sub(".", name) if isinstance(name, str) else name

    @model_validator(mode="after")
    def _named_in_article(self, info: ValidationInfo) -> ActorAnswer:
        if locate(self.name, _context(info)["source"], fuzzy=False) is None:
            raise ValueError(f"the name {self.name!r} does not appear in the article; copy names exactly")
        return self


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


class ConsequenceAnswer(ConsequenceFields, _Answer):
    model_config = ConfigDict(extra="ignore", frozen=False)
    affected: list[str] = Field(description="Names of the actors it falls on.")
    claimed_by: str | None = Field(description="Name of the actor who claims it; null if the article does.")

    @model_validator(mode="before")
    @classmethod
    def _known(cls, data: Any, info: ValidationInfo) -> Any:
        if isinstance(data, dict):
            data = dict(data)
            data["affected"] = [_choice(a, info, "speakers", "an actor") for a in data.get("affected") or []]
            data["claimed_by"] = _choice(data.get("claimed_by"), info, "speakers", "an actor")
        return data


class OverviewAnswer(_Answer):
    headline: str = Field(description="A headline of at most 15 words, in your own words.")
    summary: str = Field(description="Two or three sentences: what happened, who did it, why it matters.")

    @classmethod
    def constrain(cls, schema: dict[str, Any]) -> None:
        # A minimum length keeps a small model from ending the string at its first straight quote.
        schema["properties"]["headline"].update(minLength=20, maxLength=110)
        schema["properties"]["summary"].update(minLength=150, maxLength=600)


def _enum(node: dict[str, Any], values: list[str], *, nullable: bool = False) -> None:
    description = node.get("description")
    node.clear()
    if nullable:
        node["anyOf"] = [{"type": "string", "enum": values}, {"type": "null"}]
    else:
        node.update({"type": "string", "enum": values})
    if description:
        node["description"] = description


def _bounded_list(node: dict[str, Any], most: int) -> None:
    node.update(minItems=1, maxItems=most)


def _bound_actor(props: dict[str, Any]) -> None:
    props["role"]["anyOf"][0]["maxLength"] = 80
    props["affiliation"]["anyOf"][0]["maxLength"] = 60


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

    def actors(self, names: list[str]) -> list[ActorAnswer]:
        """The actors, the model reminded of ``names`` (capitalized runs found by code)."""

        class ActorsAnswer(_Answer):
            actors: list[ActorAnswer] = Field(min_length=1)

            @classmethod
            def constrain(cls, schema: dict[str, Any]) -> None:
                _bounded_list(schema["properties"]["actors"], 12)
                _bound_actor(schema["$defs"]["ActorAnswer"]["properties"])

        task = prompts.render(
            "actors", names=", ".join(names) or "(none found)", fields=prompts.field_guide(ActorsAnswer)
        )
        answer = self._ask("actors", ActorsAnswer, task, 700)
        return _unique_by_name(getattr(answer, "actors", []))

    def describe(self, people: list[str], organizations: list[str]) -> list[ActorAnswer]:
        """Kind and role of actors found by code that the actors pass left out: ``people`` by their names,
        ``organizations`` by the article showing them speak."""

        class MoreActorsAnswer(_Answer):
            actors: list[ActorAnswer] = Field(min_length=1)

            @classmethod
            def constrain(cls, schema: dict[str, Any]) -> None:
                item = schema["$defs"]["ActorAnswer"]
                _bound_actor(item["properties"])
                # Code found them and knows people from bodies; the model only says what role they have.
                bodies = [kind.value for kind in ActorKind if kind is not ActorKind.PERSON]
                schema["properties"]["actors"] = _one_each(
                    item,
                    [{"name": {"const": name}, "kind": {"const": "person"}} for name in people]
                    + [{"name": {"const": name}, "kind": {"enum": bodies}} for name in organizations],
                )

        names = [*people, *organizations]
        task = prompts.render("describe", names=", ".join(names), fields="")
        answer = self._ask("describe", MoreActorsAnswer, task, 30 * len(names) + 20)
        return _unique_by_name(getattr(answer, "actors", []))

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

    def events(self, dated: list[tuple[str, str]]) -> list[EventAnswer]:
        """One event per time expression: what happened then. ``dated`` holds each expression with the
        sentence it stands in; a sentence with three expressions is asked about three times. (Who took
        part is read off the sentence by code: the model's picks were worse.)"""
        self._context.update(times=_unique([when for _, when in dated]))

        class EventsAnswer(_Answer):
            events: list[EventAnswer] = Field(min_length=1)

            @classmethod
            def constrain(cls, schema: dict[str, Any]) -> None:
                item = schema["$defs"]["EventAnswer"]
                props = item["properties"]
                props["what"].update(minLength=15, maxLength=80)
                # The time first: the model then says what happened at that time, not in the sentence.
                item["properties"] = {"when": props.pop("when"), **props}
                schema["properties"]["events"] = _one_each(
                    item, [{"when": {"const": when}} for _, when in dated]
                )

        listed = "\n".join(f"{i}. [{when}] {sentence}" for i, (sentence, when) in enumerate(dated, start=1))
        task = prompts.render("events", sentences=listed, fields=prompts.field_guide(EventsAnswer))
        return list(getattr(self._ask("events", EventsAnswer, task, 40 * len(dated) + 20), "events", []))

    def consequences(self, speakers: list[str]) -> list[ConsequenceAnswer]:
        """What follows from the news, for whom, on whose word, and how certain."""
        self._context.update(speakers=speakers)

        class ConsequencesAnswer(_Answer):
            consequences: list[ConsequenceAnswer] = Field(min_length=1)

            @classmethod
            def constrain(cls, schema: dict[str, Any]) -> None:
                _bounded_list(schema["properties"]["consequences"], 4)
                props = schema["$defs"]["ConsequenceAnswer"]["properties"]
                props["what"].update(minLength=15, maxLength=120)
                _enum(props["affected"].setdefault("items", {}), speakers)
                _bounded_list(props["affected"], 3)
                _enum(props["claimed_by"], speakers, nullable=True)

        task = prompts.render("consequences", fields=prompts.field_guide(ConsequencesAnswer))
        return list(getattr(self._ask("consequences", ConsequencesAnswer, task, 450), "consequences", []))

    def overview(self) -> OverviewAnswer | None:
        """A headline and a summary."""
        task = prompts.render("overview", fields=prompts.field_guide(OverviewAnswer))
        return cast(OverviewAnswer | None, self._ask("overview", OverviewAnswer, task, 260))

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
        if ours := _our_error(exc):
            raise ours from None
        if isinstance(exc, IncompleteOutputException) or isinstance(cause, IncompleteOutputException):
            self._record.warnings.append(f"{name}: the answer was cut off at the token limit and dropped")
            return None
        if isinstance(exc, InstructorRetryException) and exc.last_completion is not None:
            # Re-asks ran out: keep the items of the last answer that do validate, drop the rest.
            content = exc.last_completion.choices[0].message.content or ""
            try:
                return answer.model_validate(json.loads(content), context={**self._context, "lenient": True})
            except (ValueError, ValidationError):
                self._record.warnings.append(f"{name}: no valid answer after {exc.n_attempts} attempts")
                return None
        raise _backend_error(cause or exc) from exc


def _our_error(exc: BaseException | None) -> SummarizerError | None:
    """Our own error (raised in a transport, say), however deep the libraries wrapped it."""
    while exc is not None:
        if isinstance(exc, SummarizerError):
            return exc
        exc = exc.__cause__ or exc.__context__
    return None


def _backend_error(exc: BaseException) -> SummarizerError:
    if isinstance(exc, SummarizerError):
        return exc
    import openai

    if isinstance(exc, openai.APIStatusError):
        return BackendError(f"the model endpoint answered HTTP {exc.status_code}: {exc.message}")
    if isinstance(exc, openai.APITimeoutError):
        return BackendError("the model endpoint did not answer in time (SUMMARIZER_TIMEOUT / timeout=)")
    if isinstance(exc, openai.APIError):
        return BackendError(f"the model endpoint failed: {exc.message}")
    return ExtractionError(f"{type(exc).__name__}: {exc}")


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _unique_by_name(actors: list[ActorAnswer]) -> list[ActorAnswer]:
    seen: set[str] = set()
    unique = []
    for actor in actors:
        key = normalize(actor.name)[0]
        if key not in seen:
            seen.add(key)
            unique.append(actor)
    return unique
