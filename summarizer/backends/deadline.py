"""One deadline for a whole attempt at a request, on every socket operation: connecting, sending, the
response's headers and its body.

httpx's timeouts bound each socket operation on its own, so a server sending a byte now and then (in its
headers as much as in its body) holds an attempt as long as it likes. Under :func:`deadline`, each
operation of the connection pool's sockets may take only what is left of the attempt's time.
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import httpcore2
import httpx2

__all__ = ["deadline", "deadline_transport"]

_DEADLINE: ContextVar[float | None] = ContextVar("summarizer_deadline", default=None)


@contextmanager
def deadline(seconds: float) -> Iterator[float]:
    """Socket operations in this block (in this thread) end ``seconds`` from now at the latest."""
    at = time.monotonic() + seconds
    token = _DEADLINE.set(at)
    try:
        yield at
    finally:
        _DEADLINE.reset(token)


def deadline_transport() -> httpx2.HTTPTransport:
    """httpx's transport, its connection pool's sockets bound by :func:`deadline`."""
    transport = httpx2.HTTPTransport()
    # httpx passes no network backend of the caller's to its pool: the pool's own is wrapped
    # (tests/test_reliability_faults.py's trickling headers fail should httpx rename it).
    pool = transport._pool
    pool._network_backend = _Backend(pool._network_backend)
    return transport


def _left(timeout: float | None, expired: type[Exception]) -> float | None:
    """The operation's timeout, shortened to what is left of the deadline."""
    at = _DEADLINE.get()
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise expired("the attempt's time ran out")
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore2.NetworkStream):
    def __init__(self, inner: httpcore2.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _left(timeout, httpcore2.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _left(timeout, httpcore2.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore2.NetworkStream:
        left = _left(timeout, httpcore2.ConnectTimeout)
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, left))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore2.NetworkBackend):
    def __init__(self, inner: httpcore2.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore2.NetworkStream:
        left = _left(timeout, httpcore2.ConnectTimeout)
        return _Stream(self._inner.connect_tcp(host, port, left, local_address, socket_options))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore2.NetworkStream:
        left = _left(timeout, httpcore2.ConnectTimeout)
        return _Stream(self._inner.connect_unix_socket(path, left, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)
