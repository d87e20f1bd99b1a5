"""What a brief's run cost and what its reader should know: the RunInfo of one brief."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from . import prompts
from .models import RunInfo, Usage

if TYPE_CHECKING:
    import instructor

    from .backends.client import Backend

__all__ = ["RunRecord", "RunWarning", "WarningKind", "count_usage", "run_info"]


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


@dataclass
class RunRecord:
    """What one brief's requests cost and what they warned of, filled in as the passes run."""

    seconds: dict[str, float] = field(default_factory=dict)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    reasks: int = 0
    warnings: list[RunWarning] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    """Held while a request in flight adds to the figures."""


def count_usage(client: instructor.Instructor, record: RunRecord) -> None:
    """Have ``client`` add each answer's tokens and each re-ask to ``record``."""

    # The hooks run in the thread of the request, and a brief may have several in flight.
    def on_response(response: Any) -> None:
        usage = getattr(response, "usage", None)
        if usage is not None:
            with record.lock:
                record.prompt_tokens += usage.prompt_tokens or 0
                record.completion_tokens += usage.completion_tokens or 0

    def on_parse_error(error: Exception, **attempt: Any) -> None:
        # The last failed attempt is not followed by a re-ask: its items are dropped instead.
        if not attempt.get("is_last_attempt"):
            with record.lock:
                record.reasks += 1

    client.on("completion:response", on_response)
    client.on("parse:error", on_parse_error)


def run_info(
    backend: Backend, record: RunRecord, cached: int, *, parts: int, context: int | None, dated: bool
) -> RunInfo:
    """The RunInfo of a brief whose requests ``record`` counted, ``cached`` of them answered from the
    cache, read in ``parts`` parts of a ``context``-token context, with a dateline or not (``dated``)."""
    warnings = list(record.warnings)
    if parts > 1:
        text = (
            f"a long article: read in {parts} overlapping parts of the model's "
            f"{context:,}-token context; headline and summary from the first"
        )
        warnings.append(RunWarning(WarningKind.LONG_ARTICLE, None, text))
    if not dated:
        text = 'no dateline: relative dates ("Wednesday", "last month") stay unresolved'
        warnings.append(RunWarning(WarningKind.NO_DATELINE, None, text))
    failed = [w.pass_name for w in warnings if w.kind.failed and w.pass_name]
    return RunInfo(
        backend=backend.label,
        model=backend.model,
        prompt_version=prompts.prompt_version(),
        seconds=record.seconds,
        usage=Usage(prompt_tokens=record.prompt_tokens, completion_tokens=record.completion_tokens),
        reasks=record.reasks,
        cached=cached,
        warnings=[w.text for w in warnings],
        failed_passes=list(dict.fromkeys(failed)),
    )
