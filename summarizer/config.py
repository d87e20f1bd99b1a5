"""Settings: the one module that reads the environment, and the one place settings are checked.

Precedence: an explicit argument, then the environment variable, then the default. Every value, whether
an argument or a variable's text, goes through the :class:`Settings` model, so ``cache="off"``,
``SUMMARIZER_CACHE=off`` and ``CacheMode.OFF`` are the same setting, and a wrong value is a ConfigError
naming the argument, the option and the variable before anything else happens.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple, TypedDict, Unpack
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ConfigError

__all__ = [
    "EMBEDDED_CONTEXT_TOKENS",
    "ENGINE_SLOTS",
    "MIN_CONTEXT_TOKENS",
    "CacheMode",
    "Engine",
    "Options",
    "ResponseFormat",
    "Settings",
    "configured_keys",
    "parse_dateline",
    "redact",
    "redact_url",
]

EMBEDDED_CONTEXT_TOKENS = 4096
"""The context window the embedded model is loaded with, unless set."""

ENGINE_SLOTS = 4
"""Requests an engine a command starts answers at once (``summarizer serve --slots`` sets its own)."""

MIN_CONTEXT_TOKENS = 2048
"""Room for the passes' questions and answers (about 1,400 tokens) and some article."""

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_KEY_SHAPED = re.compile(r"\bsk-[A-Za-z0-9_-]{8,}")
"""An OpenAI-style API key (``sk-…``, ``sk-proj-…``), configured here or not."""
_SHORTEST_KEY = 4


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


class Engine(StrEnum):
    """What runs the embedded model."""

    SERVER = "server"
    """llama.cpp's llama-server, a process of its own on 127.0.0.1 with parallel slots
    (``summarizer serve`` keeps one warm)."""
    IN_PROCESS = "in-process"
    """llama-cpp-python in this process: one request at a time."""


DEFAULT_ENGINE = Engine.IN_PROCESS
"""Chosen by measurement (docs/strategy.md, "The local engine"): one brief of the example took 33.7 s
in-process and 76.8 s on the engine, whose slots each read the article again; the engine is for
batches (``--engine server --concurrency N``)."""


class ResponseFormat(StrEnum):
    """How a backend is told the JSON Schema of the answer it must give."""

    JSON_SCHEMA = "json_schema"
    """OpenAI's structured outputs: ``{"type": "json_schema", ...}`` (OpenAI, vLLM, Ollama, llama-server)."""
    JSON_OBJECT = "json_object"
    """``{"type": "json_object", "schema": S}``: llama-cpp-python, in-process or as a server."""
    NONE = "none"
    """No constraint: the schema is only described in the prompt; validation and re-asks do the rest."""


class Options(TypedDict, total=False):
    """The keyword arguments that configure a Summarizer (``summarize(text, cache="off")``): each is a
    :class:`Settings` field, given as its value or as text; None leaves the environment's or the default.
    (A type checker needs them spelt out; a test holds them to the Settings' fields.)"""

    base_url: str | None
    api_key: str | None
    model: str | None
    model_path: Path | str | None
    response_format: ResponseFormat | str | None
    cache: CacheMode | str | None
    cache_dir: Path | str | None
    timeout: float | str | None
    max_attempts: int | str | None
    max_reasks: int | None
    context_tokens: int | str | None
    max_request_bytes: int | str | None
    archive: Path | str | None
    engine: Engine | str | None
    threads: int | str | None
    llama_server: Path | str | None


class _SetBy(NamedTuple):
    """Where a setting is set besides its keyword argument, for reading the environment and for error
    messages: the command-line option and the environment variable, if any."""

    option: str | None
    variable: str | None


_SET_NOWHERE = _SetBy(None, None)


class Settings(BaseModel):
    """Everything that configures a Summarizer. Build it with :meth:`from_env`.

    With no ``base_url`` the embedded model runs, on the local engine or in-process (``engine``).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    base_url: Annotated[str | None, _SetBy("--base-url", "SUMMARIZER_BASE_URL")] = None
    api_key: Annotated[str | None, _SetBy(None, "SUMMARIZER_API_KEY")] = Field(default=None, repr=False)
    model: Annotated[str | None, _SetBy("--model", "SUMMARIZER_MODEL")] = None
    model_path: Annotated[Path | None, _SetBy("--model-path", "SUMMARIZER_MODEL_PATH")] = None
    response_format: Annotated[ResponseFormat | None, _SetBy(None, "SUMMARIZER_RESPONSE_FORMAT")] = None
    cache: Annotated[CacheMode, _SetBy("--no-cache", "SUMMARIZER_CACHE")] = CacheMode.USE
    cache_dir: Annotated[Path | None, _SetBy(None, "SUMMARIZER_CACHE_DIR")] = None
    timeout: Annotated[float | None, _SetBy("--timeout", "SUMMARIZER_TIMEOUT")] = Field(
        default=None, gt=0, allow_inf_nan=False
    )
    """Seconds one attempt at a request may take, from sending it to the answer's last byte; default:
    :meth:`resolved_timeout`."""
    max_attempts: Annotated[int, _SetBy("--max-attempts", "SUMMARIZER_MAX_ATTEMPTS")] = Field(default=3, ge=1)
    """Attempts per request on transient errors (429, 5xx, dropped connections)."""
    max_reasks: int = Field(default=1, ge=0)
    """Re-asks per pass when an answer fails validation; the items still failing after it are dropped.
    One, because on a 1.5B model a re-ask costs as much as the pass itself."""
    context_tokens: Annotated[int | None, _SetBy("--context-tokens", "SUMMARIZER_CONTEXT_TOKENS")] = Field(
        default=None, ge=MIN_CONTEXT_TOKENS
    )
    """The model's context window: an article longer than it leaves room for is read in overlapping
    parts. Default: 4096 for the embedded model, none (never split) for a server."""
    max_request_bytes: Annotated[int, _SetBy(None, "SUMMARIZER_MAX_REQUEST_BYTES")] = Field(
        default=2_000_000, gt=0
    )
    """The largest request sent to a server: a bigger one is refused before it leaves the machine."""
    archive: Annotated[
        Path | Literal["off"] | None, _SetBy("--archive, --no-archive", "SUMMARIZER_ARCHIVE")
    ] = None
    """The SQLite file every brief is archived in; ``"off"`` archives nothing. Default: archive.db in the
    user data directory (not the cache's: deleting the cache loses nothing archived)."""
    engine: Annotated[Engine | None, _SetBy("--engine", "SUMMARIZER_ENGINE")] = None
    """What runs the embedded model; default: :data:`DEFAULT_ENGINE`."""
    threads: Annotated[int | None, _SetBy("--threads", "SUMMARIZER_THREADS")] = Field(default=None, ge=1)
    """CPU threads of the embedded model, for reading and writing alike; default: every core this process
    may use to read, one fewer to write (``backends/threads.py`` says why)."""
    llama_server: Annotated[Path | None, _SetBy(None, "SUMMARIZER_LLAMA_SERVER")] = None
    """The llama-server binary of the engine; default: the one built with llama-cpp-python."""

    @field_validator("base_url", "api_key", "model", "archive", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: Any) -> Any:
        return value.strip() or None if isinstance(value, str) else value

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("not an http:// or https:// URL with a host, such as http://localhost:8000/v1")
        try:
            parts.port  # noqa: B018 (read to check it: a second port, or a password with a "/")
        except ValueError:
            # Not the parser's words: they would show what stands where the port goes, a password's start.
            raise ValueError(
                "its host and port cannot be read; a password's /, ?, # and @ must be written %2F, %3F, "
                "%23 and %40"
            ) from None
        if any(ch.isspace() or not ch.isprintable() for ch in value):
            raise ValueError("a URL holds no spaces or control characters")
        return value

    @field_validator("model_path", "cache_dir", "archive", "llama_server")
    @classmethod
    def _home(cls, value: Path | str | None) -> Path | str | None:
        return value.expanduser() if isinstance(value, Path) else value

    @classmethod
    def from_env(cls, **options: Unpack[Options]) -> Settings:
        """Settings from the environment (the variable each field names, SUMMARIZER_*; OPENAI_BASE_URL and
        OPENAI_API_KEY when the base URL's and the key's are unset), with ``options`` (those that are not
        None) on top."""
        env = os.environ
        values: dict[str, object] = {
            name: env.get(variable)
            for name in cls.model_fields
            if (variable := _set_by(name).variable) and env.get(variable)
        }
        values.setdefault("base_url", env.get("OPENAI_BASE_URL") or None)
        values.setdefault("api_key", env.get("OPENAI_API_KEY") or None)
        return _validated({**values, **_given(options)})

    def updated(self, **options: Unpack[Options]) -> Settings:
        """These settings with ``options`` (those that are not None) on top, checked again."""
        given = _given(options)
        return _validated({**dict(self), **given}) if given else self

    @property
    def embedded(self) -> bool:
        """True when the embedded model answers (no base URL configured), on the engine or in-process."""
        return self.base_url is None

    @property
    def shown_base_url(self) -> str | None:
        """The base URL as it may be shown or stored: any credentials in it redacted."""
        return redact_url(self.base_url) if self.base_url is not None else None

    def resolved_timeout(self) -> float:
        """The setting, or 120 s for a server; 900 s for the embedded model, whose requests may wait for a
        slot of the engine behind a batch's others (in-process, none is timed: this is a hang detector)."""
        if self.timeout is not None:
            return self.timeout
        return 900.0 if self.embedded else 120.0

    def resolved_engine(self) -> Engine:
        """What runs the embedded model: the setting, or the default."""
        return self.engine or DEFAULT_ENGINE

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

    def resolved_archive(self) -> Path | None:
        """The archive's file: the setting, or archive.db in the user data directory; None when off."""
        if self.archive == "off":
            return None
        if isinstance(self.archive, Path):
            return self.archive
        from platformdirs import user_data_path

        return user_data_path("summarizer") / "archive.db"

    def resolved_response_format(self) -> ResponseFormat:
        """The setting, or what the backend is known to accept."""
        if self.response_format is not None:
            return self.response_format
        return ResponseFormat.JSON_OBJECT if self.embedded else ResponseFormat.JSON_SCHEMA


def _set_by(name: str) -> _SetBy:
    """Where the setting ``name`` is set besides its argument (nowhere, for a name that is no setting)."""
    field = Settings.model_fields.get(name)
    return next((m for m in field.metadata if isinstance(m, _SetBy)), _SET_NOWHERE) if field else _SET_NOWHERE


def _given(options: Options) -> dict[str, object]:
    return {name: value for name, value in options.items() if value is not None}


def _validated(values: dict[str, object]) -> Settings:
    try:
        return Settings.model_validate(values)
    except ValidationError as exc:
        raise ConfigError("; ".join(_problem(error, values) for error in exc.errors())) from None


def _problem(error: Any, values: dict[str, object]) -> str:
    """One setting's problem: its name and value (never a secret), what is wrong, and where it is set."""
    name = str(error["loc"][0]) if error["loc"] else "?"
    if error["type"] == "extra_forbidden":
        return f"{name}= is not a setting; the settings are {', '.join(Settings.model_fields)}"
    value = values.get(name)
    shown = "<hidden>" if name == "api_key" else redact_url(value) if name == "base_url" else value
    what = str(error["msg"]).removeprefix("Value error, ")
    if name == "context_tokens" and error["type"] == "greater_than_equal":
        what = f"a context of {value} tokens is too small: the passes need at least {MIN_CONTEXT_TOKENS}"
    option, variable = _set_by(name)
    where = ", ".join(w for w in (option, variable, f"{name}=") if w)
    return f"{name}={shown!r}: {what} (set by {where})"


def redact_url(url: object) -> str:
    """``url`` with its user, password and query values replaced by ``***``: safe to show and store."""
    text = str(url)
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        host = f"[{host}]" if ":" in host else host
        port = f":{parts.port}" if parts.port is not None else ""
    except ValueError:  # not a URL at all: nothing in it can be told apart from a secret
        return "***"
    netloc = f"***@{host}{port}" if "@" in parts.netloc else parts.netloc
    query = urlencode([(k, "***") for k, _ in parse_qsl(parts.query, keep_blank_values=True)], safe="*")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def redact(text: str, *keys: str | None) -> str:
    """``text`` with each of ``keys`` and anything shaped like an OpenAI key replaced by ``***``: a server
    may echo the key it refuses ("Incorrect API key provided: sk-…")."""
    for key in keys:
        if key and len(key) >= _SHORTEST_KEY:
            text = text.replace(key, "***")
    return _KEY_SHAPED.sub("sk-***", text)


def configured_keys() -> list[str]:
    """The API keys the environment sets (SUMMARIZER_API_KEY, OPENAI_API_KEY), for :func:`redact`."""
    return [key for name in ("SUMMARIZER_API_KEY", "OPENAI_API_KEY") if (key := os.environ.get(name))]


def parse_dateline(value: dt.date | str | None) -> dt.date | None:
    """A publication date from a date or an ISO ``YYYY-MM-DD`` string; ConfigError for anything else."""
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    text = value.strip() if isinstance(value, str) else ""
    if _ISO_DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ConfigError(f"dateline={value!r} is not a calendar date (--dateline, dateline=)") from None
    raise ConfigError(f"dateline={value!r} is not a date in the form YYYY-MM-DD (--dateline, dateline=)")
