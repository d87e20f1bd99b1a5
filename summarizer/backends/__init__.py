"""Backends: where a chat completion request goes. One openai client, one chain of HTTP transports:

openai client → response format adapter → response cache → retries → HTTP server | embedded model
(with llama-cpp-python's server, the embedded model's sampling is pinned after the cache)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import httpx2

from ..chunks import estimate_tokens
from ..config import EMBEDDED_CONTEXT_TOKENS, CacheMode, ResponseFormat, Settings
from ..errors import ConfigError
from .cache import CacheTransport
from .embedded import LlamaTransport
from .transports import RetryTransport, RewriteTransport, adapt_response_format, pin_sampling
from .weights import DEFAULT_WEIGHTS, Progress, ensure_weights

if TYPE_CHECKING:
    import instructor
    import openai

__all__ = ["Backend", "Identity", "identify", "open_backend"]

_EMBEDDED_URL = "http://embedded.invalid/v1"


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

        return instructor.from_openai(self.openai, mode=instructor.Mode.JSON_SCHEMA)

    def count_tokens(self, text: str) -> int:
        """Tokens in ``text``: by the embedded model's tokenizer, or an estimate for a server's model."""
        if self.embedded is not None:
            return self.embedded.tokens(text)
        return estimate_tokens(text)

    def close(self) -> None:
        self.openai.close()


@dataclass(frozen=True)
class Identity:
    """What names a backend in briefs and cache keys, known without loading anything heavy."""

    label: str
    model: str
    namespace: str
    base_url: str


def identify(settings: Settings) -> Identity:
    """The backend ``settings`` describe, or ConfigError when they describe none."""
    if settings.embedded:
        path = settings.model_path
        if path is None:
            return Identity(
                "embedded",
                settings.model or DEFAULT_WEIGHTS.name,
                f"gguf:{DEFAULT_WEIGHTS.sha256}",
                _EMBEDDED_URL,
            )
        if not path.is_file():
            raise ConfigError(
                f"SUMMARIZER_MODEL_PATH / --model-path: {path} is not a file (expected a GGUF model)"
            )
        return Identity(
            "embedded", settings.model or path.stem, f"gguf:{path.name}:{path.stat().st_size}", _EMBEDDED_URL
        )
    assert settings.base_url is not None
    if not settings.model:
        raise ConfigError("a base URL is set but no model: set SUMMARIZER_MODEL or pass model= / --model")
    return Identity(settings.base_url, settings.model, settings.base_url, settings.base_url)


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
            httpx2.HTTPTransport(), attempts=settings.max_attempts, base_url=identity.base_url
        )
        if settings.resolved_response_format() is ResponseFormat.JSON_OBJECT:
            # After the cache: a server's answers are stored under the same keys as the embedded model's.
            inner = RewriteTransport(inner, pin_sampling)

    cache: CacheTransport | None = None
    if settings.cache is not CacheMode.OFF:
        cache = CacheTransport(
            None if settings.cache is CacheMode.REPLAY else inner,
            settings.resolved_cache_dir() / "responses",
            namespace=identity.namespace,
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
