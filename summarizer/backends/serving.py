"""The embedded model on the local engine: requests forwarded to llama-server, the engine ``summarizer
serve`` keeps warm for every command (it says where in ``serve.json``), and what servers tell of their
slots.

The engine answers the in-process model's requests unchanged (the ``json_object`` form with its schema,
which llama-server reads as llama-cpp-python does), so the two share one response cache and the tests'
recordings, and a brief does not depend on which of them ran it.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx2

from ..errors import BackendError, ConfigError
from .affinity import SlotChooser
from .deadline import deadline, deadline_transport
from .embedded import Vocabulary, gbnf_for
from .engine import EngineOptions, LlamaServer

__all__ = ["EngineTransport", "Served", "forget_warm", "keep_warm", "served", "server_slots"]

_HOP_HEADERS = ("host", "content-length")
"""Set again for the request as it is forwarded (its body may be rewritten)."""


_DEATH_SEEN = 2.0
"""Seconds a broken connection waits to see whether the engine behind it died."""


class EngineTransport(httpx2.BaseTransport):
    """Send each request to the local engine: the one ``summarizer serve`` keeps warm with these weights,
    or one of this process's own, started on first use and stopped by :meth:`close`."""

    def __init__(
        self,
        own: Callable[[Path], LlamaServer],
        model: Callable[[], Path],
        *,
        serve_file: Path,
        context_tokens: int,
    ) -> None:
        self._own = own
        self._model = model
        self._serve_file = serve_file
        self._context_tokens = context_tokens
        self._engine: LlamaServer | None = None
        self._served: Served | None = None
        self._lock = threading.Lock()
        self._http = httpx2.HTTPTransport()
        self._vocabulary = Vocabulary(model)
        self._chooser: SlotChooser | None = None
        self.requests: list[dict[str, float]] = []
        """Per request: prompt and completion tokens and seconds in the model, from the engine's timings."""

    def _choose(self) -> Served | LlamaServer:
        """The engine ``summarizer serve`` keeps, or else one of our own (not started yet)."""
        with self._lock:
            if self._served is None and self._engine is None:
                model = self._model()
                self._served = served(self._serve_file, model, self._context_tokens)
                if self._served is None:
                    self._engine = self._own(model)
            engine = self._served or self._engine
            assert engine is not None
            return engine

    def load(self) -> None:
        """The engine found or started now, not at the first request."""
        self.base_url()

    def base_url(self) -> str:
        """The engine's URL, starting one if there is none."""
        engine = self._choose()
        return engine.base_url if isinstance(engine, Served) else engine.ensure()

    def slots(self) -> int:
        """How many requests the engine answers at once (known without starting it)."""
        engine = self._choose()
        return engine.slots if isinstance(engine, Served) else engine.options.slots

    @property
    def pid(self) -> int | None:
        """The engine's process id, when this process started it."""
        return self._engine.pid if self._engine is not None else None

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        base = httpx2.URL(self.base_url())
        body = _as_in_process(request.read())
        slot = None
        if isinstance(body, dict) and isinstance(messages := body.get("messages"), list):
            slot = self._slots_chosen().take(_prompt_of(messages))
            body["id_slot"] = slot
        forwarded = httpx2.Request(
            request.method,
            request.url.copy_with(scheme=base.scheme, host=base.host, port=base.port),
            headers=[
                (k, v) for k, v in request.headers.items() if k.lower() not in ("host", "content-length")
            ],
            content=body if isinstance(body, bytes) else json.dumps(body).encode(),
            extensions=request.extensions,
        )
        try:
            response = self._http.handle_request(forwarded)
            try:
                content = b"".join(response.iter_raw())  # as sent: its headers still describe it
            finally:
                response.close()
                if slot is not None:
                    self._slots_chosen().give_back(slot)
        except httpx2.TransportError as exc:
            # An engine that died says more than the socket's error, and is not worth retrying. The
            # socket may break a moment before its death is seen: wait that moment, or a retry would
            # start a new engine and hide the death.
            if self._engine is not None and (self._engine.wait(_DEATH_SEEN) or not self._engine.alive()):
                raise BackendError(self._engine.failure()) from exc
            if self._served is not None and not isinstance(exc, httpx2.TimeoutException):
                raise BackendError(
                    f"the engine `summarizer serve` keeps at {self._served.base_url} did not answer "
                    f"({type(exc).__name__}): start it again, or stop it and each command starts its own"
                ) from exc
            raise
        if response.status_code == 200 and request.url.path.endswith("/chat/completions"):
            self._account(content)
        # Handed on as a stream, as a server's answer is: the retry layer reads it whole itself.
        return httpx2.Response(
            response.status_code,
            headers=response.headers,
            stream=httpx2.ByteStream(content),
            request=request,
        )

    def _slots_chosen(self) -> SlotChooser:
        slots = self.slots()  # it takes the lock itself
        with self._lock:
            if self._chooser is None:
                self._chooser = SlotChooser(slots)
            return self._chooser

    def _account(self, content: bytes) -> None:
        with contextlib.suppress(ValueError, KeyError, TypeError):
            answer: dict[str, Any] = json.loads(content)
            timings = answer.get("timings") or {}
            seconds = (timings.get("prompt_ms", 0.0) + timings.get("predicted_ms", 0.0)) / 1000
            usage = answer.get("usage") or {}
            with self._lock:
                self.requests.append(
                    {
                        "prompt_tokens": usage.get("prompt_tokens", 0),
                        "completion_tokens": usage.get("completion_tokens", 0),
                        "cached_tokens": timings.get("cache_n", 0),
                        "seconds": round(seconds, 3),
                        "finished": round(time.perf_counter(), 3),
                    }
                )

    def tokens(self, text: str) -> int:
        """How many tokens the model sees in ``text``: the engine's model's vocabulary, read here."""
        return self._vocabulary.tokens(text)

    def close(self) -> None:
        self._vocabulary.close()
        self._http.close()
        if self._engine is not None:
            self._engine.stop()


def _as_in_process(content: bytes) -> bytes | dict[str, Any]:
    """The request's body (as sent, when it is no JSON object) with its schema given as the in-process
    model's grammar: the same GBNF text, so that the engine writes what the in-process model writes
    (llama.cpp's own converter of a schema allows other whitespace)."""
    if not content:
        return content
    body = json.loads(content)
    if not isinstance(body, dict):
        return content
    response_format = body.get("response_format")
    if not isinstance(response_format, dict) or response_format.get("type") != "json_object":
        return body
    if "schema" not in response_format:
        return body
    rest = {k: v for k, v in body.items() if k != "response_format"}
    return {**rest, "grammar": gbnf_for(response_format["schema"])}


def _prompt_of(messages: list[Any]) -> str:
    """The text of a chat's messages, in order: what a slot's prompt cache matches on."""
    return "\n".join(str(m.get("content")) if isinstance(m, dict) else str(m) for m in messages)


def server_slots(base_url: str, headers: dict[str, str] | None = None) -> int | None:
    """How many requests the server at ``base_url`` (with or without its ``/v1``) answers at once, when it
    says: llama-server's ``/props``, or 1 for llama-cpp-python's server, which answers one at a time;
    None when it does not say (vLLM, SGLang and hosted APIs batch as many as they can hold), or says it in
    a way that cannot be read: the question is the server's courtesy, and asking it must not cost a brief
    (it is bounded as a request is: 5 s in all, headers included, and 1 MB)."""
    root = base_url.rstrip("/").removesuffix("/v1")
    transport = deadline_transport()
    with (
        contextlib.suppress(httpx2.HTTPError, ValueError, RecursionError),
        httpx2.Client(transport=transport, headers=headers, timeout=_PROBE_SECONDS) as http,
        deadline(_PROBE_SECONDS),
    ):
        props = _small_json(http, f"{root}/props")
        if isinstance(props, dict) and isinstance(slots := props.get("total_slots"), int):
            return slots
        api = _small_json(http, f"{root}/openapi.json")
        if isinstance(api, dict) and "llama.cpp Python" in str(api.get("info", {}).get("title")):
            return 1
    return None


_PROBE_SECONDS = 5.0
_MOST_PROBE_BYTES = 1_000_000


def _small_json(http: httpx2.Client, url: str) -> Any:
    """The JSON of a 200 at ``url``; None for any other status. ValueError when over 1 MB."""
    with http.stream("GET", url) as response:
        if response.status_code != 200:
            return None
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > _MOST_PROBE_BYTES:
                raise ValueError(f"{url}: over {_MOST_PROBE_BYTES} bytes")
        return json.loads(body)


@dataclass(frozen=True)
class Served:
    """What ``summarizer serve`` writes so that other commands find its engine."""

    base_url: str
    owner: int
    """The pid of the ``serve`` command."""
    model: str
    slots: int
    context_tokens: int


def keep_warm(options: EngineOptions, serve_file: Path, log_dir: Path) -> LlamaServer:
    """Start the engine ``summarizer serve`` keeps, and say in ``serve_file`` where it listens; ConfigError
    when another command keeps one already."""
    if (running := served(serve_file)) is not None:
        raise ConfigError(
            f"`summarizer serve` already keeps an engine at {running.base_url} (process {running.owner}): "
            "stop it first, or use it"
        )
    engine = LlamaServer(options, log_dir)
    engine.ensure()
    found = Served(engine.base_url, os.getpid(), str(options.model), options.slots, options.context_tokens)
    serve_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = serve_file.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(asdict(found)))
    tmp.replace(serve_file)
    return engine


def forget_warm(serve_file: Path) -> None:
    """Remove ``serve_file`` if this process wrote it."""
    with contextlib.suppress(OSError, ValueError, TypeError):
        if Served(**json.loads(serve_file.read_text())).owner == os.getpid():
            serve_file.unlink()


def served(serve_file: Path, model: Path | None = None, context_tokens: int = 0) -> Served | None:
    """The engine ``summarizer serve`` keeps (with the weights ``model`` and a window of at least
    ``context_tokens``, when given), if it answers."""
    try:
        found = Served(**json.loads(serve_file.read_text()))
    except (OSError, ValueError, TypeError):
        return None
    if (model is not None and found.model != str(model)) or found.context_tokens < context_tokens:
        return None
    if not _running(found.owner):
        return None
    with contextlib.suppress(httpx2.HTTPError):
        if httpx2.get(f"{found.base_url}/health", timeout=2).status_code == 200:
            return found
    return None


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True
