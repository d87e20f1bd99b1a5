"""The LLM passes: focused questions that share the article as their prompt prefix.

Each pass is one instructor call whose answer (``answers``) is validated against the source; an answer
that fails is re-asked with the error, and when the re-asks run out, the items that still fail are dropped
with a warning rather than passed off as grounded. Sharing the prefix lets the embedded model reuse its KV
cache, so every pass after the first pays only for its own question.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from pydantic import ValidationError

from .. import prompts
from ..accounting import RunRecord, RunWarning, WarningKind
from ..backends import PROMPT_VERSION_HEADER
from ..backends.errors import backend_error, our_error
from ..errors import BackendError
from .answers import (
    VALIDATION,
    Answer,
    Answers,
    KindAnswer,
    OverviewAnswer,
)
from .checks import Said
from .faithful import Checker
from .flight import call_warnings

if TYPE_CHECKING:
    import instructor

__all__ = [
    "Answers",
    "OverviewAnswer",
    "Progress",
    "Said",
    "Session",
]

_T = TypeVar("_T")


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
        record: RunRecord,
        progress: Progress | None = None,
    ) -> None:
        self._client = client
        self._model = model
        self._system = prompts.render("system")
        self._article = prompts.render("article", article=article, dateline=dateline)
        self._source = article
        self._max_reasks = max_reasks
        self._progress = progress
        self._record = record

    def kind(self, name: str) -> str | None:
        """What the article uses ``name`` for (an organization or person that owns nothing in the text,
        with no role or words): "person", "organization" or "thing" (a product, a service, a place, an
        event); None where no answer validated. The NER's label is only a guess ("Safari", "iPod Touch"
        as organizations), and telling them apart takes knowing what they are. One question a name:
        asked about a list, the small model gave one list's names all the same kind, companies with
        products."""
        answer = self._ask("things", KindAnswer, prompts.render("things", actor=name), 12)
        return answer.kind if isinstance(answer, KindAnswer) else None

    def overview(
        self,
        facts: str,
        lede: str,
        roles: dict[str, str],
        said: list[Said],
        actors: list[list[str]],
        checker: Checker | None = None,
    ) -> OverviewAnswer | None:
        """A headline and a summary, written from the article, the ``facts`` code found in it and its
        ``lede`` (its first sentence, where news puts what happened). A sentence that does not hold to the
        article's clauses (``checker``; without one, only names, roles and speakers are checked), gives
        a name another role than the article's (``roles``: name → role stated beside it) or words
        another speaker than the article's (``said``; ``actors``: each actor's names) is re-asked."""
        task = prompts.render("overview", facts=facts, lede=lede)
        answer = self._ask(
            "overview", OverviewAnswer, task, 200, roles=roles, said=said, actors=actors, checker=checker
        )
        return cast(OverviewAnswer | None, answer)

    def _ask(
        self, name: str, answer: type[Answer], task: str, max_tokens: int, **context: Any
    ) -> Answer | None:
        """One pass; None (with a warning) when its answers never validated. ``context`` is what its
        validators read besides the article."""
        if self._progress:
            self._progress(name)
        messages = [
            {"role": "system", "content": self._system},
            {"role": "user", "content": self._article + task},
        ]
        started = time.perf_counter()
        # The request's own warnings: with requests in flight together, each keeps its own.
        warnings = call_warnings()
        context = {
            "source": self._source,
            "warnings": self._record.warnings if warnings is None else warnings,
            **context,
        }
        token = VALIDATION.set(context)
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
            return self._salvage(name, answer, exc, context)
        finally:
            VALIDATION.reset(token)
            # A long article's parts each run the pass, and so may several requests at once: its time is
            # their sum.
            with self._record.lock:
                spent = self._record.seconds.get(name, 0.0) + time.perf_counter() - started
                self._record.seconds[name] = round(spent, 3)

    def _salvage(
        self, name: str, answer: type[Answer], exc: Exception, context: dict[str, Any]
    ) -> Answer | None:
        from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException

        cause = exc.__cause__ or exc.__context__
        if ours := our_error(exc):
            raise ours from None
        if isinstance(exc, IncompleteOutputException) or isinstance(cause, IncompleteOutputException):
            cut = exc if isinstance(exc, IncompleteOutputException) else cause
            content = _content(getattr(cut, "last_completion", None))
            if answer is OverviewAnswer and (kept := _from_cut(content, context)):
                text = "overview: cut off at the token limit; its whole sentences kept"
                # A headline and whole sentences that validate: an answer shortened, not a failed pass.
                context["warnings"].append(RunWarning(WarningKind.SHORTENED, name, text))
                return kept
            text = f"{name}: the answer was cut off at the token limit and dropped"
            context["warnings"].append(RunWarning(WarningKind.CUT_OFF, name, text))
            return None
        if isinstance(exc, InstructorRetryException) and exc.last_completion is not None:
            # Re-asks ran out: keep the items of the last answer that do validate, drop the rest.
            content = _content(exc.last_completion)
            try:
                return answer.model_validate(json.loads(content), context={**context, "lenient": True})
            except RecursionError:
                raise BackendError(
                    f"{name}: the model's answer is nested too deep to read; is the endpoint a chat model "
                    "that follows a JSON schema?"
                ) from None
            except (ValueError, ValidationError):
                text = f"{name}: no valid answer after {exc.n_attempts} attempts"
                context["warnings"].append(RunWarning(WarningKind.NO_ANSWER, name, text))
                return None
        failure = cause or exc
        if (error := backend_error(failure)) is None:
            raise failure from None  # a bug of ours: shown as it is, not as the model's failure
        # A server's error says all it said in the message, a key it echoed redacted: the raw one would
        # show that key again in a traceback.
        raise error from (None if isinstance(error, BackendError) else exc)


def _from_cut(content: str, context: dict[str, Any]) -> OverviewAnswer | None:
    """The headline and whole sentences of an overview cut off at the token limit, when they validate."""
    try:
        return OverviewAnswer.from_cut(content, context)
    except ValidationError:
        return None


def _content(completion: Any) -> str:
    """The text of a completion's first choice; empty when it has none."""
    choices = getattr(completion, "choices", None) or []
    return (choices[0].message.content or "") if choices else ""


def _unique(values: list[_T]) -> list[_T]:
    return list(dict.fromkeys(values))
