"""The response cache: an HTTP transport that answers chat completions from disk when it can.

Entries are keyed by a hash of everything that determines an answer (the backend's identity, the prompt
version and the whole request body: model, messages, schema, generation parameters) and kept in a
JsonStore. Only the request body is stored, never headers, so API keys stay out of the cache.
Recordings for the tests are such a cache, replayed.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import httpx2

from ..errors import MissingRecording
from ..store import JsonStore, digest
from . import PROMPT_VERSION_HEADER

__all__ = ["PROMPT_VERSION_HEADER", "CacheStats", "CacheTransport"]


class CacheStats:
    """Hits and misses, counted across threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def count(self, *, hit: bool) -> None:
        with self._lock:
            if hit:
                self.hits += 1
            else:
                self.misses += 1


class CacheTransport(httpx2.BaseTransport):
    """Serve chat completions from ``directory``; ask ``inner`` on a miss, or fail if there is none."""

    def __init__(self, inner: httpx2.BaseTransport | None, directory: Path, *, namespace: str) -> None:
        self._inner = inner
        self._store = JsonStore(directory)
        self._namespace = namespace
        self.stats = CacheStats()

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        body = json.loads(request.read() or b"{}")
        key = digest(self._namespace, request.headers.get(PROMPT_VERSION_HEADER, ""), request.url.path, body)
        entry = self._store.get(key)
        response = entry.get("response") if entry else None
        if isinstance(response, dict) and response.get("choices"):
            self.stats.count(hit=True)
            return httpx2.Response(200, json=response, headers={"x-summarizer-cache": "hit"})
        self.stats.count(hit=False)
        if self._inner is None:
            raise MissingRecording(
                f"no recorded response for this request (key {key}) in {self._store.directory}; "
                "re-record with `make record` (runs the real embedded model)"
            )
        answer = self._inner.handle_request(request)
        if answer.status_code == 200:
            answer.read()
            self._store.put(key, {"request": body, "response": json.loads(answer.content)})
        return answer

    def close(self) -> None:
        if self._inner is not None:
            self._inner.close()
