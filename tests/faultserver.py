"""A fault-injection server that speaks enough of the OpenAI API to exercise the client stack.

A real HTTP server on 127.0.0.1 (an ephemeral port) answers ``POST /v1/chat/completions`` from a script:
a queue of behaviours the test sets up front (an answer, an error status, a hang, a dropped connection,
a broken body...). It records every request it receives (path, headers, body) for the test to inspect.

It can never run away: it serves at most ``max_requests`` requests (later ones, and any request the
script has no behaviour left for, get a non-retryable 418 naming the reason), stops by itself after
``lifetime`` seconds, and :meth:`FaultServer.stop` ends every connection and handler thread it started.

>>> with FaultServer() as server:
...     server.script(rate_limited(retry_after=0), ok({"headline": "..."}))
...     ...  # point a client at server.base_url
...     assert len(server.requests) == 2
"""

from __future__ import annotations

import contextlib
import json
import socket
import struct
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = [
    "Behaviour",
    "FaultServer",
    "ReceivedRequest",
    "completion",
    "cut_off",
    "drop",
    "hang",
    "invalid_json",
    "large",
    "ok",
    "rate_limited",
    "raw",
    "replaying",
    "server_error",
    "slow_headers",
    "status",
    "trickle",
    "truncated",
    "unavailable",
]

CHAT_PATH = "/v1/chat/completions"


# ---- what the server received ---------------------------------------------------------------------


@dataclass(frozen=True)
class ReceivedRequest:
    """One request as the server read it. Header names are lower-cased."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    at: float
    """time.monotonic() when the request had been read."""

    @property
    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def messages(self) -> list[dict[str, Any]]:
        messages: list[dict[str, Any]] = self.json["messages"]
        return messages


# ---- behaviours -------------------------------------------------------------------------------------


class Behaviour:
    """How the server answers one request."""

    def act(self, handler: _Handler) -> None:
        raise NotImplementedError


@dataclass(frozen=True)
class _Reply(Behaviour):
    code: int
    body: bytes
    content_type: str = "application/json"
    headers: tuple[tuple[str, str], ...] = ()

    def act(self, handler: _Handler) -> None:
        handler.send_response(self.code)
        handler.send_header("Content-Type", self.content_type)
        handler.send_header("Content-Length", str(len(self.body)))
        for name, value in self.headers:
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(self.body)
        handler.wfile.flush()


@dataclass(frozen=True)
class _Trickle(Behaviour):
    body: bytes
    every: float

    def act(self, handler: _Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(self.body)))
        handler.end_headers()
        for byte in self.body:
            if handler.server.stopping.wait(self.every):
                break
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
        handler.close_connection = True


@dataclass(frozen=True)
class _Large(Behaviour):
    size: int

    def act(self, handler: _Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(self.size))
        handler.end_headers()
        chunk = b" " * 1_000_000
        for _ in range(self.size // len(chunk)):
            if handler.server.stopping.is_set():
                break
            handler.wfile.write(chunk)  # a client that stopped reading ends this with a broken pipe
        handler.close_connection = True


@dataclass(frozen=True)
class _SlowHeaders(Behaviour):
    body: bytes
    every: float

    def act(self, handler: _Handler) -> None:
        head = (
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(self.body)}\r\nX-Padding: {'x' * 40}\r\n\r\n"
        )
        for byte in head.encode():
            if handler.server.stopping.wait(self.every):
                break
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
        else:
            handler.wfile.write(self.body)
        handler.close_connection = True


@dataclass(frozen=True)
class _Truncated(Behaviour):
    body: bytes

    def act(self, handler: _Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(self.body) * 2))
        handler.end_headers()
        handler.wfile.write(self.body)
        handler.wfile.flush()
        handler.close_connection = True  # closed with half the promised body sent


@dataclass(frozen=True)
class _Hang(Behaviour):
    seconds: float

    def act(self, handler: _Handler) -> None:
        # Released early when the server stops, so a hang never outlives the test.
        handler.server.stopping.wait(self.seconds)
        handler.close_connection = True


@dataclass(frozen=True)
class _Drop(Behaviour):
    reset: bool

    def act(self, handler: _Handler) -> None:
        handler.close_connection = True  # returning without writing anything closes the socket (a FIN)
        if self.reset:
            # SO_LINGER 0 and close() at once: a TCP RST, no FIN before it.
            handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            handler.connection.close()


@dataclass(frozen=True)
class _Replay(Behaviour):
    store: Any  # a CacheTransport with no inner transport: recordings only
    delay: float

    def act(self, handler: _Handler) -> None:
        import httpx2

        received = handler.received
        # Recordings hold requests as the client's cache saw them: before the sampling pinned for
        # llama-cpp-python's server.
        body = {k: v for k, v in received.json.items() if k != "repeat_penalty"}
        headers = {k: v for k, v in received.headers.items() if k != "content-length"}
        request = httpx2.Request("POST", f"http://replay{received.path}", headers=headers, json=body)
        try:
            answer = self.store.handle_request(request)
        except Exception as exc:  # MissingRecording: a test bug, told to the client plainly
            status(418, f"fault server: {exc}").act(handler)
            return
        handler.server.stopping.wait(self.delay)  # a model takes its time: lets requests overlap
        _Reply(200, answer.read()).act(handler)


def replaying(directory: Any, *, namespace: str, delay: float = 0.05) -> Behaviour:
    """Answers recorded from a real model (a response cache folder such as tests/recordings/responses),
    found by the request as the client's own cache would find them; for :attr:`FaultServer.otherwise`."""
    from summarizer.backends.cache import CacheTransport

    return _Replay(CacheTransport(None, directory, namespace=namespace), delay)


def completion(
    content: str,
    *,
    finish_reason: str = "stop",
    model: str = "fake-model",
    prompt_tokens: int = 50,
    completion_tokens: int | None = None,
) -> dict[str, Any]:
    """An OpenAI ``chat.completion`` object whose one choice's message content is ``content``."""
    completion_tokens = max(1, len(content) // 4) if completion_tokens is None else completion_tokens
    return {
        "id": "chatcmpl-fault",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "logprobs": None,
                "finish_reason": finish_reason,
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def ok(content: Any, **kwargs: Any) -> Behaviour:
    """A normal answer: 200 and a chat completion whose content is ``content`` (a str is sent as is,
    anything else as its JSON text). Use it too for an answer that is valid JSON but fails the schema."""
    text = content if isinstance(content, str) else json.dumps(content)
    return _Reply(200, json.dumps(completion(text, **kwargs)).encode())


def cut_off(content: Any, *, keep: float = 0.5) -> Behaviour:
    """An answer cut off by the token limit: ``finish_reason`` "length", the content's JSON text truncated
    to its first ``keep`` fraction."""
    text = content if isinstance(content, str) else json.dumps(content)
    return ok(text[: max(1, int(len(text) * keep))], finish_reason="length")


def status(code: int, message: str | None = None, *, retry_after: float | str | None = None) -> Behaviour:
    """An error status with an OpenAI-style error body, and a Retry-After header when given (seconds,
    or an HTTP date as a str)."""
    error = {"message": message or f"fault server: injected HTTP {code}", "type": "fault", "code": code}
    headers = () if retry_after is None else (("Retry-After", _seconds(retry_after)),)
    return _Reply(code, json.dumps({"error": error}).encode(), headers=headers)


def rate_limited(retry_after: float | str | None = 1) -> Behaviour:
    """429 Too Many Requests, with Retry-After (seconds) unless ``retry_after`` is None."""
    return status(429, "fault server: rate limited", retry_after=retry_after)


def server_error() -> Behaviour:
    """500 Internal Server Error."""
    return status(500, "fault server: internal error")


def unavailable(retry_after: float | str | None = None) -> Behaviour:
    """503 Service Unavailable."""
    return status(503, "fault server: overloaded", retry_after=retry_after)


def hang(seconds: float = 5.0) -> Behaviour:
    """Read the request, answer nothing for ``seconds`` (longer than the client's timeout), then close."""
    return _Hang(seconds)


def trickle(content: Any, *, every: float = 1.0) -> Behaviour:
    """A normal answer sent one byte every ``every`` seconds: each read is quick, the answer never is."""
    text = content if isinstance(content, str) else json.dumps(content)
    return _Trickle(json.dumps(completion(text)).encode(), every)


def raw(body: bytes, *, code: int = 200, headers: tuple[tuple[str, str], ...] = ()) -> Behaviour:
    """``body`` as it is, with a JSON content type and ``headers`` (a Content-Encoding, say)."""
    return _Reply(code, body, headers=headers)


def large(size: int) -> Behaviour:
    """200 and a body of ``size`` bytes (whitespace), sent a megabyte at a time."""
    return _Large(size)


def slow_headers(content: Any, *, every: float = 1.0) -> Behaviour:
    """A normal answer whose status line and headers come one byte every ``every`` seconds."""
    text = content if isinstance(content, str) else json.dumps(content)
    return _SlowHeaders(json.dumps(completion(text)).encode(), every)


def truncated(content: Any) -> Behaviour:
    """200 and a Content-Length twice the body sent, then the connection closed."""
    text = content if isinstance(content, str) else json.dumps(content)
    return _Truncated(json.dumps(completion(text)).encode())


def drop(*, reset: bool = False) -> Behaviour:
    """Read the request and close the connection without answering (a FIN, or a RST with ``reset``)."""
    return _Drop(reset)


def invalid_json(body: bytes = b'{"id": "chatcmpl-fault", "choices": [{"message": {"con') -> Behaviour:
    """200 with a JSON content type and a body that is not JSON."""
    return _Reply(200, body)


def _seconds(value: float | str) -> str:
    if isinstance(value, str):
        return value
    return str(int(value)) if float(value).is_integer() else str(value)


# ---- the server ------------------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    received: ReceivedRequest
    protocol_version = "HTTP/1.1"  # keep-alive, as real endpoints do: connections get reused
    timeout = 10  # an idle keep-alive connection ends its thread after this long

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        received = ReceivedRequest(
            method="POST",
            path=self.path,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            at=time.monotonic(),
        )
        self.received = received
        owner = self.server.owner
        behaviour = owner._next(received)
        with owner._lock:
            owner.in_flight += 1
            owner.most_in_flight = max(owner.most_in_flight, owner.in_flight)
        try:
            behaviour.act(self)
        finally:
            with owner._lock:
                owner.in_flight -= 1

    def do_GET(self) -> None:
        page = self.server.owner.pages.get(self.path)
        if page is None:
            status(404, f"fault server: GET {self.path} is not served").act(self)
        else:
            _Reply(200, page if isinstance(page, bytes) else json.dumps(page).encode()).act(self)

    def log_message(self, format: str, *args: Any) -> None:
        self.server.owner.log.append(format % args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = True  # server_close() joins the handler threads

    def __init__(self, owner: FaultServer) -> None:
        self.owner = owner
        self.stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that went away mid-answer (after its timeout, say) is expected here: no traceback.
        exc = sys.exc_info()[1]
        self.owner.log.append(f"handler error: {type(exc).__name__}: {exc}")

    def end_connections(self) -> None:
        with self._lock:
            connections = list(self._connections)
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)


@dataclass
class FaultServer:
    """The fault-injection server: :meth:`script` what it does, point a client at :attr:`base_url`, read
    :attr:`requests`. Use it as a context manager (or :meth:`start` and :meth:`stop`)."""

    max_requests: int = 50
    """Requests served at most; later ones get a 418 (and no test should ever need this many)."""
    lifetime: float = 600.0
    """Seconds after which the server stops by itself: a guard against a server a test failed to stop,
    never a bound on how long a test may take (on a busy machine a brief takes minutes)."""
    requests: list[ReceivedRequest] = field(default_factory=list, init=False, repr=False)
    log: list[str] = field(default_factory=list, init=False, repr=False)
    """The server's access log and errors (not printed)."""
    otherwise: Behaviour | None = None
    """What answers a request once the script is used up (default: a 418 naming the reason)."""
    pages: dict[str, Any] = field(default_factory=dict)
    """JSON answered to GET requests, by path: what a server says of itself (``/props``,
    ``/openapi.json``)."""
    in_flight: int = field(default=0, init=False)
    most_in_flight: int = field(default=0, init=False)
    """The most requests it was answering at once."""

    def __post_init__(self) -> None:
        self._script: deque[Behaviour] = deque()
        self._lock = threading.Lock()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._timer: threading.Timer | None = None
        self._stopped = False
        self.expired = False  # True when the server stopped because its lifetime ran out
        self.stopped = threading.Event()  # set once stop() has ended every connection and thread

    @property
    def port(self) -> int:
        assert self._server is not None, "the server is not started"
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def script(self, *behaviours: Behaviour) -> None:
        """Queue ``behaviours``: each answers one request, in order."""
        with self._lock:
            self._script.extend(behaviours)

    @property
    def pending(self) -> int:
        """Behaviours scripted but not yet used."""
        with self._lock:
            return len(self._script)

    def _next(self, received: ReceivedRequest) -> Behaviour:
        with self._lock:
            self.requests.append(received)
            if len(self.requests) > self.max_requests:
                return status(418, f"fault server: request cap ({self.max_requests}) reached")
            if received.path != CHAT_PATH:
                return status(404, f"fault server: POST {received.path} is not served")
            if not self._script:
                return self.otherwise or status(418, "fault server: no behaviour scripted for this request")
            return self._script.popleft()

    def start(self) -> FaultServer:
        if self._server is not None:
            raise RuntimeError("the fault server runs once")
        self._server = _Server(self)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.01},
            name="fault-server",
            daemon=True,
        )
        self._thread.start()
        self._timer = threading.Timer(self.lifetime, self._expire)
        self._timer.daemon = True
        self._timer.start()
        return self

    def _expire(self) -> None:
        self.expired = True
        self.stop()

    def stop(self) -> None:
        """Stop serving, release hangs, end open connections and join every thread. Idempotent."""
        with self._lock:
            first = not self._stopped
            self._stopped = True
        if self._server is None:
            return
        if not first:  # stopping already (its lifetime ran out, say): wait for that
            self.stopped.wait(timeout=10)
            return
        server = self._server
        if self._timer is not None and self._timer is not threading.current_thread():
            self._timer.cancel()
        server.stopping.set()
        server.shutdown()
        server.socket.close()  # refuse new connections before ending the open ones
        server.end_connections()
        server.server_close()  # joins the handler threads
        if self._thread is not None:
            self._thread.join(timeout=5)
        self.stopped.set()

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
