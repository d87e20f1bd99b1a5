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
from ..accounting import RunRecord
from ..backends import PROMPT_VERSION_HEADER
from ..backends.errors import backend_error, our_error
from ..models import RunWarning, WarningKind
from .answers import (
    VALIDATION,
    Answer,
    Answers,
    KindAnswer,
    OverviewAnswer,
)
from .checks import Said
from .faithful import Checker

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
        self._context: dict[str, Any] = {"source": article, "warnings": record.warnings}
        self._max_reasks = max_reasks
        self._progress = progress
        self._record = record

    def kinds(self, names: list[str]) -> dict[str, str | None]:
        """What the article uses each of ``names`` for (organizations and people that own nothing in the
        text, with no role or words): "person", "organization" or "thing" (a product, a service, a
        place, an event), None where no answer validated. The NER's label is only a guess ("Safari",
        "iPod Touch" as organizations), and telling them apart takes knowing what they are. One
        question a name: asked about a list, the small model gave one list's names all the same kind,
        companies with products."""
        return {name: self._kind(name) for name in names}

    def _kind(self, name: str) -> str | None:
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
        self._context.update(roles=roles, said=said, actors=actors, checker=checker)
        task = prompts.render("overview", facts=facts, lede=lede)
        return cast(OverviewAnswer | None, self._ask("overview", OverviewAnswer, task, 200))

    def _ask(self, name: str, answer: type[Answer], task: str, max_tokens: int) -> Answer | None:
        """One pass; None (with a warning) when its answers never validated."""
        if self._progress:
            self._progress(name)
        messages = [
            {"role": "system", "content": self._system},
            {"role": "user", "content": self._article + task},
        ]
        started = time.perf_counter()
        token = VALIDATION.set(self._context)
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
            VALIDATION.reset(token)
            # A long article's parts each run the pass: its time is their sum.
            spent = self._record.seconds.get(name, 0.0) + time.perf_counter() - started
            self._record.seconds[name] = round(spent, 3)

    def _salvage(self, name: str, answer: type[Answer], exc: Exception) -> Answer | None:
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
                # A headline and whole sentences that validate: an answer shortened, not a failed pass.
                self._record.warnings.append(RunWarning(WarningKind.SHORTENED, name, text))
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
        failure = cause or exc
        if (error := backend_error(failure)) is None:
            raise failure from None  # a bug of ours: shown as it is, not as the model's failure
        raise error from exc


def _unique(values: list[_T]) -> list[_T]:
    return list(dict.fromkeys(values))
