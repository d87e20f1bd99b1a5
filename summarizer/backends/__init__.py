"""Backends: where a chat completion request goes. One openai client, one chain of HTTP transports:

openai client → response format adapter → response cache → retries → HTTP server | embedded model
(with llama-cpp-python's server, the embedded model's sampling is pinned after the cache)

This module only names a backend (for cache keys and briefs); ``client`` builds one, and imports the HTTP
stack, so that a brief already cached prints without it. ``errors`` turns the libraries' exceptions into
this project's.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field

from ..config import CacheMode, Settings
from ..errors import ConfigError
from .weights import DEFAULT_WEIGHTS

__all__ = ["PROMPT_VERSION_HEADER", "Identity", "check", "identify"]

_EMBEDDED_URL = "http://embedded.invalid/v1"
PROMPT_VERSION_HEADER = "x-summarizer-prompt-version"
"""Sent with each request, and part of the response cache's key: a new prompt never replays an old answer."""


@dataclass(frozen=True)
class Identity:
    """What names a backend in briefs and cache keys, known without loading anything heavy."""

    label: str
    """The endpoint as shown and stored: credentials in its URL redacted."""
    model: str
    namespace: str
    base_url: str = field(repr=False)
    """The endpoint to connect to, credentials and all: never shown."""


def check(settings: Settings) -> Identity:
    """The backend ``settings`` describe, once the local mistakes that can be known before any article
    is read are ruled out: a model path that is no GGUF file, a cache folder that cannot be written (found
    out only after a server had answered, the tokens spent). ConfigError for any."""
    identity = identify(settings)
    path = settings.model_path
    if settings.embedded and path is not None:
        with path.open("rb") as model:
            if model.read(4) != b"GGUF":
                raise ConfigError(
                    f"SUMMARIZER_MODEL_PATH / --model-path: {path} is not a GGUF model (it does not start "
                    "with GGUF's magic bytes); give the path of the model's .gguf file"
                )
    if settings.cache in (CacheMode.USE, CacheMode.RECORD):  # the modes that write
        folder = settings.resolved_cache_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=folder):
                pass
        except OSError as exc:
            raise ConfigError(
                f"SUMMARIZER_CACHE_DIR / cache_dir=: cannot write the cache in {folder} "
                f"({exc.strerror or exc}); set a folder that can be written, or turn the cache off "
                "(--no-cache, SUMMARIZER_CACHE=off, cache='off')"
            ) from None
    return identity


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
    assert settings.base_url is not None and settings.shown_base_url is not None
    if not settings.model:
        raise ConfigError("a base URL is set but no model: set SUMMARIZER_MODEL or pass model= / --model")
    # The cache keys do without the credentials: a new API key in the URL keeps the answers.
    shown = settings.shown_base_url
    return Identity(shown, settings.model, shown, settings.base_url)
