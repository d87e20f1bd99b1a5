"""Settings: the one module that reads the environment.

Precedence: an explicit argument, then the environment variable, then the default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from .errors import ConfigError

__all__ = ["EMBEDDED_CONTEXT_TOKENS", "MIN_CONTEXT_TOKENS", "CacheMode", "ResponseFormat", "Settings"]

_E = TypeVar("_E", bound=StrEnum)

EMBEDDED_CONTEXT_TOKENS = 4096
"""The context window the embedded model is loaded with, unless set."""
MIN_CONTEXT_TOKENS = 2048
"""Room for the passes' questions and answers (about 1,400 tokens) and some article."""


class CacheMode(StrEnum):
    """How the response cache is used."""

    USE = "use"
    """Answer from the cache when possible, store new answers."""
    OFF = "off"
    """Neither read nor write the cache."""
    REPLAY = "replay"
    """Answer only from the cache; a miss is an error (tests replay recordings this way)."""
    RECORD = "record"
    """Answer from the cache, ask the model on a miss and store its answer; whole briefs are not cached
    (re-recording the tests' recordings)."""


class ResponseFormat(StrEnum):
    """How a backend is told the JSON Schema of the answer it must give."""

    JSON_SCHEMA = "json_schema"
    """OpenAI's structured outputs: ``{"type": "json_schema", ...}`` (OpenAI, vLLM, Ollama, llama-server)."""
    JSON_OBJECT = "json_object"
    """``{"type": "json_object", "schema": S}``: llama-cpp-python, in-process or as a server."""
    NONE = "none"
    """No constraint: the schema is only described in the prompt; validation and re-asks do the rest."""


@dataclass(frozen=True)
class Settings:
    """Everything that configures a Summarizer. Build it with :meth:`from_env`.

    With no ``base_url`` the embedded model runs in-process.
    """

    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    model: str | None = None
    model_path: Path | None = None
    response_format: ResponseFormat | None = None
    cache: CacheMode = CacheMode.USE
    cache_dir: Path | None = None
    timeout: float = 120.0
    max_attempts: int = 3
    """Attempts per request on transient errors (429, 5xx, dropped connections)."""
    max_reasks: int = 1
    """Re-asks per pass when an answer fails validation; the items still failing after it are dropped.
    One, because on a 1.5B model a re-ask costs as much as the pass itself."""
    context_tokens: int | None = None
    """The model's context window: an article longer than it leaves room for is read in overlapping
    parts. Default: 4096 for the embedded model, none (never split) for a server."""

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings from the environment, with ``overrides`` (keyword arguments that are not None) on top.

        Variables: SUMMARIZER_BASE_URL (or OPENAI_BASE_URL), SUMMARIZER_API_KEY (or OPENAI_API_KEY),
        SUMMARIZER_MODEL, SUMMARIZER_MODEL_PATH, SUMMARIZER_RESPONSE_FORMAT, SUMMARIZER_CACHE
        (use, off, replay, record), SUMMARIZER_CACHE_DIR, SUMMARIZER_TIMEOUT, SUMMARIZER_CONTEXT_TOKENS.
        """
        env = os.environ
        values: dict[str, object] = {
            "base_url": env.get("SUMMARIZER_BASE_URL") or env.get("OPENAI_BASE_URL") or None,
            "api_key": env.get("SUMMARIZER_API_KEY") or env.get("OPENAI_API_KEY") or None,
            "model": env.get("SUMMARIZER_MODEL") or None,
            "model_path": _path(env.get("SUMMARIZER_MODEL_PATH")),
            "response_format": _enum(ResponseFormat, "SUMMARIZER_RESPONSE_FORMAT", "response_format"),
            "cache": _enum(CacheMode, "SUMMARIZER_CACHE", "cache") or CacheMode.USE,
            "cache_dir": _path(env.get("SUMMARIZER_CACHE_DIR")),
        }
        if timeout := env.get("SUMMARIZER_TIMEOUT"):
            try:
                values["timeout"] = float(timeout)
            except ValueError:
                raise ConfigError(f"SUMMARIZER_TIMEOUT={timeout!r} is not a number of seconds") from None
        if context := env.get("SUMMARIZER_CONTEXT_TOKENS"):
            try:
                values["context_tokens"] = int(context)
            except ValueError:
                raise ConfigError(
                    f"SUMMARIZER_CONTEXT_TOKENS={context!r} is not a number of tokens"
                ) from None
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = replace(cls(), **values)  # type: ignore[arg-type]
        context_tokens = settings.context_tokens
        if context_tokens is not None and context_tokens < MIN_CONTEXT_TOKENS:
            raise ConfigError(
                f"a context of {context_tokens} tokens is too small: the passes need at least "
                f"{MIN_CONTEXT_TOKENS} (--context-tokens, SUMMARIZER_CONTEXT_TOKENS or context_tokens=)"
            )
        return settings

    @property
    def embedded(self) -> bool:
        """True when the in-process model answers (no base URL configured)."""
        return self.base_url is None

    def resolved_context_tokens(self) -> int | None:
        """The setting, or the embedded model's own window; None: the article is never split."""
        if self.context_tokens is not None:
            return self.context_tokens
        return EMBEDDED_CONTEXT_TOKENS if self.embedded else None

    def resolved_cache_dir(self) -> Path:
        """The cache's folder (responses/, briefs/): the setting, or the user's cache directory."""
        if self.cache_dir is not None:
            return self.cache_dir
        from platformdirs import user_cache_path

        return user_cache_path("summarizer")

    def resolved_response_format(self) -> ResponseFormat:
        """The setting, or what the backend is known to accept."""
        if self.response_format is not None:
            return self.response_format
        return ResponseFormat.JSON_OBJECT if self.embedded else ResponseFormat.JSON_SCHEMA


def _path(value: str | None) -> Path | None:
    return Path(value).expanduser() if value else None


def _enum(kind: type[_E], variable: str, argument: str) -> _E | None:
    value = os.environ.get(variable)
    if not value:
        return None
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(m.value for m in kind)
        raise ConfigError(f"{variable}={value!r} is not one of: {choices} (or pass {argument}=)") from None
