"""What a brief's run cost and what its reader should know: the RunInfo of one brief."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import prompts
from .models import RunInfo, RunWarning, Usage, WarningKind

if TYPE_CHECKING:
    import instructor

    from .backends.client import Backend

__all__ = ["RunRecord", "count_usage", "run_info"]


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
