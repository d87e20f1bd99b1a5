"""One brief's independent requests in flight together, on a server that answers several at once.

The passes say what depends on what (the overview waits for the things and roles it names; the events
pass waits for nothing); :class:`InFlight` sends each request as soon as it may go, up to ``width`` at
once, the first alone: it reads the article, and a server that caches prompts (vLLM, SGLang, llama.cpp's
slot that answered it) then reads only each later request's own question.

Nothing a brief says depends on the order the answers arrive: each request is what it would be asked
alone (the response cache and the recordings key on it), each answer is taken where it was asked, and the
warnings each request raises are kept with it and joined in the order the requests were made. With a
width of 1 (the in-process model, one request at a time) the requests run in that same order.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextvars import ContextVar
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ..accounting import RunWarning

if TYPE_CHECKING:
    from ..accounting import RunRecord
    from . import Progress

__all__ = ["IN_FLIGHT", "InFlight", "Pending", "call_warnings"]

_T = TypeVar("_T")

IN_FLIGHT = 8
"""Requests of one brief in flight at once on a server that does not say how many it answers at once
(vLLM and SGLang batch whatever they can hold; a brief rarely has more independent requests)."""

_CALL_WARNINGS: ContextVar[list[RunWarning] | None] = ContextVar("summarizer_call_warnings", default=None)


def call_warnings() -> list[RunWarning] | None:
    """Where the request being made keeps its warnings; None outside :class:`InFlight`."""
    return _CALL_WARNINGS.get()


class Pending(Generic[_T]):
    """A request asked, its answer to come."""

    def __init__(self, future: Future[_T]) -> None:
        self._future = future

    def result(self) -> _T:
        """The answer, once it is there; the request's error if it failed."""
        return self._future.result()


class InFlight:
    """Requests sent up to ``width`` at once (1: one after another, in the calling thread)."""

    def __init__(self, width: int, record: RunRecord, progress: Progress | None = None) -> None:
        self._pool = ThreadPoolExecutor(width, thread_name_prefix="summarizer-pass") if width > 1 else None
        self._record = record
        self._progress = progress
        self._journal: list[list[RunWarning]] = []
        self._sent: list[Future[Any]] = []

    def ask(self, name: str, call: Callable[..., _T], *args: object) -> Pending[_T]:
        """Send ``call(*args)``, the pass ``name``'s request; once a request has failed (a request fails
        only where the brief must: a server's error after its retries, a bug), its error instead: the
        requests after it would only meet the same fault, each with all its retries."""
        for sent in self._sent:
            if sent.done() and sent.exception() is not None:
                sent.result()
        if self._progress is not None:
            self._progress(name)
        # Passes appear in a brief's timings in the order they were asked, whichever ends first.
        self._record.seconds.setdefault(name, 0.0)
        warnings: list[RunWarning] = []
        self._journal.append(warnings)

        def run() -> _T:
            _CALL_WARNINGS.set(warnings)
            return call(*args)

        # The request sees the caller's context (the brief's tally of cached answers), in its own copy.
        context = contextvars.copy_context()
        future: Future[_T]
        if self._pool is None or not self._sent:
            future = Future()
            future.set_result(context.run(run))  # its error raised here, before any other is sent
        else:
            future = self._pool.submit(context.run, run)
        self._sent.append(future)
        return Pending(future)

    def __enter__(self) -> InFlight:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._pool is not None:
            # After a failure the requests not yet sent are not sent, and those in flight are waited for
            # (each ends within its timeout), so that none outlives the backend that sends it; after
            # Ctrl-C none is waited for.
            self._pool.shutdown(
                wait=exc is None or isinstance(exc, Exception), cancel_futures=exc is not None
            )
        if exc is None:
            for warnings in self._journal:
                self._record.warnings.extend(warnings)
