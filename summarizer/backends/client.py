"""Building a backend: the openai client over the chain of transports that ``settings`` describe.

Core code sees a :class:`Backend`: an instructor client, token counting, the cache hits of its own
requests, and close. The transports stay in here.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import httpx2

from ..chunks import estimate_tokens
from ..config import EMBEDDED_CONTEXT_TOKENS, ENGINE_SLOTS, CacheMode, Engine, ResponseFormat, Settings
from . import Identity, identify
from .cache import CACHE_HEADER, CacheTransport
from .deadline import deadline_transport
from .engine import EngineOptions, LlamaServer, find_server
from .serving import EngineTransport, server_slots
from .threads import choose_threads
from .transports import RetryTransport, RewriteTransport, adapt_response_format, pin_sampling
from .weights import DEFAULT_WEIGHTS, Progress, ensure_weights

if TYPE_CHECKING:
    import instructor
    import openai

__all__ = [
    "Backend",
    "Tally",
    "engine_dir",
    "engine_options",
    "open_backend",
    "serve_file",
    "weights",
]


class LocalModel(Protocol):
    """The embedded model, in-process or on the local engine: what a brief's accounting reads of it."""

    requests: list[dict[str, float]]

    def tokens(self, text: str) -> int: ...

    def load(self) -> None: ...


@dataclass
class Tally:
    """What the requests of one block of code in one thread cost (one brief's, however many briefs run
    at once on other threads)."""

    cached: int = 0
    """Requests answered from the response cache."""


_TALLY: ContextVar[Tally | None] = ContextVar("summarizer_tally", default=None)
_QUIET = logging.NullHandler()
"""On instructor's logger: its "Max retries exceeded" records (the passes' warnings say the same) reach a
program's own logging, never stderr through Python's last-resort handler."""


_TALLYING = threading.Lock()


def _count(response: httpx2.Response) -> None:
    """The HTTP client's response hook: it runs in the thread that made the request (the brief's, or one
    of its requests in flight, which sees the brief's tally)."""
    tally = _TALLY.get()
    if tally is not None and response.headers.get(CACHE_HEADER) == "hit":
        with _TALLYING:
            tally.cached += 1


class Backend:
    """A configured model endpoint: the openai client and what the brief reports about it."""

    def __init__(
        self,
        client: openai.OpenAI,
        identity: Identity,
        *,
        cache: CacheTransport | None,
        embedded: LocalModel | None,
        slots: Callable[[], int | None],
    ) -> None:
        self.openai = client
        self.label = identity.label
        self.model = identity.model
        self._cache = cache
        self._embedded = embedded
        self._slots = slots

    def slots(self) -> int | None:
        """How many requests the model answers at once: 1 in-process, the engine's slots (it is started
        if need be), what a server says of itself; None when it does not say (vLLM, hosted APIs)."""
        return self._slots()

    def instructor(self) -> instructor.Instructor:
        """A fresh instructor client (hooks and all) over the shared openai client."""
        import instructor

        logging.getLogger("instructor").addHandler(_QUIET)
        client = instructor.from_openai(self.openai, mode=instructor.Mode.JSON_SCHEMA)
        if self._cache is not None:
            client.on("parse:error", self._cache.invalid)
        return client

    def count_tokens(self, text: str) -> int:
        """Tokens in ``text``: by the embedded model's tokenizer, or an estimate for a server's model."""
        if self._embedded is not None:
            return self._embedded.tokens(text)
        return estimate_tokens(text)

    def load(self) -> None:
        """The embedded model made ready now (its weights loaded, or the engine started), so that a
        benchmark times a brief apart from it; a server needs nothing."""
        if self._embedded is not None:
            self._embedded.load()

    @contextmanager
    def tally(self) -> Iterator[Tally]:
        """Count the requests this thread makes inside the block."""
        tally = Tally()
        token = _TALLY.set(tally)
        try:
            yield tally
        finally:
            _TALLY.reset(token)

    @property
    def model_requests(self) -> list[dict[str, float]]:
        """Per request the embedded model answered: its prompt and completion tokens and the seconds spent
        in the model (for benchmarks/brief.py); empty for a server."""
        return self._embedded.requests if self._embedded is not None else []

    def close(self) -> None:
        self.openai.close()


def open_backend(
    settings: Settings,
    *,
    weights_progress: Progress | None = None,
    transport: httpx2.BaseTransport | None = None,
) -> Backend:
    """The backend ``settings`` describe; nothing heavy is loaded until a request needs the model.

    ``weights_progress`` is told how the embedded model's weights are checked or assembled on first use.
    ``transport`` answers in place of the server at the base URL (a test's fake model, as with httpx's
    MockTransport); retries, the cache and the response format adapter still wrap it."""
    import openai

    identity = identify(settings)
    embedded: LocalModel | None = None
    inner: httpx2.BaseTransport
    slots: Callable[[], int | None]
    if settings.embedded:

        def locate() -> Path:
            return weights(settings, weights_progress)

        context = settings.resolved_context_tokens() or EMBEDDED_CONTEXT_TOKENS
        if settings.resolved_engine() is Engine.IN_PROCESS:
            from .embedded import LlamaTransport

            threads = choose_threads(settings.threads)
            embedded = inner = LlamaTransport(locate, context_tokens=context, threads=threads)
            slots = _one_at_a_time
        else:

            def start(model: Path) -> LlamaServer:
                return LlamaServer(engine_options(settings, model, slots=ENGINE_SLOTS), engine_dir())

            embedded = engine = EngineTransport(
                start, locate, serve_file=serve_file(), context_tokens=context
            )
            inner = _retrying(engine, settings, identity)
            # A replay asks no model: its requests go as they would to an engine of its own.
            slots = _engine_slots if settings.cache == CacheMode.REPLAY else engine.slots
    else:
        inner = _retrying(transport or deadline_transport(), settings, identity)
        headers = {"authorization": f"Bearer {settings.api_key}"} if settings.api_key else {}
        slots = functools.cache(partial(server_slots, identity.base_url, headers))  # asked once
        if transport is not None:
            slots = _one_at_a_time  # a test's fake model answers in the order it is asked
        if settings.resolved_response_format() == ResponseFormat.JSON_OBJECT:
            # After the cache: a server's answers are stored under the same keys as the embedded model's.
            inner = RewriteTransport(inner, pin_sampling)

    cache: CacheTransport | None = None
    if settings.cache != CacheMode.OFF:
        cache = CacheTransport(
            None if settings.cache == CacheMode.REPLAY else inner,
            settings.resolved_cache_dir() / "responses",
            namespace=identity.namespace,
            # Recordings keep the answers that failed, so that a replay re-asks as the model did.
            keep_invalid=settings.cache != CacheMode.USE,
        )
        inner = cache
    fmt = settings.resolved_response_format()
    outer = RewriteTransport(inner, lambda body: adapt_response_format(body, fmt))
    client = openai.OpenAI(
        base_url=identity.base_url,
        api_key=settings.api_key or "not-needed",
        max_retries=0,  # RetryTransport is the one retry layer
        timeout=settings.resolved_timeout(),
        http_client=httpx2.Client(
            transport=outer, timeout=settings.resolved_timeout(), event_hooks={"response": [_count]}
        ),
    )
    return Backend(client, identity, cache=cache, embedded=embedded, slots=slots)


def _one_at_a_time() -> int:
    return 1


def _engine_slots() -> int:
    return ENGINE_SLOTS


def weights(settings: Settings, progress: Progress | None = None) -> Path:
    """The embedded model's GGUF file: the one configured, or the bundled weights (assembled on first
    use; ``progress`` is told how)."""
    return settings.model_path or ensure_weights(DEFAULT_WEIGHTS, _models_dir(), progress)


def engine_options(settings: Settings, model: Path, *, slots: int, port: int = 0) -> EngineOptions:
    """How to start an engine for ``settings`` with the weights ``model``."""
    return EngineOptions(
        binary=find_server(settings.llama_server),
        model=model,
        alias=identify(settings).model,
        slots=slots,
        context_tokens=settings.resolved_context_tokens() or EMBEDDED_CONTEXT_TOKENS,
        threads=choose_threads(settings.threads),
        port=port,
    )


def _retrying(inner: httpx2.BaseTransport, settings: Settings, identity: Identity) -> RetryTransport:
    return RetryTransport(
        inner,
        attempts=settings.max_attempts,
        base_url=identity.label,
        timeout=settings.resolved_timeout(),
        max_bytes=settings.max_request_bytes,
    )


def engine_dir() -> Path:
    """Where the engine's logs are kept."""
    from platformdirs import user_cache_path

    return user_cache_path("summarizer") / "engine"


def serve_file() -> Path:
    """Where ``summarizer serve`` says where its engine listens."""
    return engine_dir() / "serve.json"


def _models_dir() -> Path:
    # Not under the response cache's folder: that one may be a test's recordings or a temporary folder.
    from platformdirs import user_cache_path

    return user_cache_path("summarizer") / "models"
