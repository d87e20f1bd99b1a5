"""Building a backend: the openai client over the chain of transports that ``settings`` describe."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import httpx2

from ..chunks import estimate_tokens
from ..config import EMBEDDED_CONTEXT_TOKENS, CacheMode, ResponseFormat, Settings
from . import identify
from .cache import CacheTransport
from .embedded import LlamaTransport
from .transports import RetryTransport, RewriteTransport, adapt_response_format, pin_sampling
from .weights import DEFAULT_WEIGHTS, Progress, ensure_weights

if TYPE_CHECKING:
    import instructor
    import openai

__all__ = ["Backend", "open_backend"]


@dataclass
class Backend:
    """A configured model endpoint: the openai client and what the brief reports about it."""

    openai: openai.OpenAI
    label: str
    model: str
    cache: CacheTransport | None
    embedded: LlamaTransport | None

    def instructor(self) -> instructor.Instructor:
        """A fresh instructor client (hooks and all) over the shared openai client."""
        import instructor

        client = instructor.from_openai(self.openai, mode=instructor.Mode.JSON_SCHEMA)
        if self.cache is not None:
            client.on("parse:error", self.cache.invalid)
        return client

    def count_tokens(self, text: str) -> int:
        """Tokens in ``text``: by the embedded model's tokenizer, or an estimate for a server's model."""
        if self.embedded is not None:
            return self.embedded.tokens(text)
        return estimate_tokens(text)

    def close(self) -> None:
        self.openai.close()


def open_backend(settings: Settings, *, weights_progress: Progress | None = None) -> Backend:
    """The backend ``settings`` describe; nothing heavy is loaded until a request needs the model."""
    import openai

    identity = identify(settings)
    embedded: LlamaTransport | None = None
    inner: httpx2.BaseTransport
    if settings.embedded:
        model_path = settings.model_path
        embedded = LlamaTransport(
            lambda: model_path or ensure_weights(DEFAULT_WEIGHTS, _models_dir(), weights_progress),
            context_tokens=settings.resolved_context_tokens() or EMBEDDED_CONTEXT_TOKENS,
        )
        inner = embedded
    else:
        inner = RetryTransport(
            httpx2.HTTPTransport(),
            attempts=settings.max_attempts,
            base_url=identity.label,
            timeout=settings.timeout,
            max_bytes=settings.max_request_bytes,
        )
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
    transport = RewriteTransport(inner, lambda body: adapt_response_format(body, fmt))
    client = openai.OpenAI(
        base_url=identity.base_url,
        api_key=settings.api_key or "not-needed",
        max_retries=0,  # RetryTransport is the one retry layer
        timeout=settings.timeout,
        http_client=httpx2.Client(transport=transport, timeout=settings.timeout),
    )
    return Backend(openai=client, label=identity.label, model=identity.model, cache=cache, embedded=embedded)


def _models_dir() -> Path:
    # Not under the response cache's folder: that one may be a test's recordings or a temporary folder.
    from platformdirs import user_cache_path

    return user_cache_path("summarizer") / "models"
