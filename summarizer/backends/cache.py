"""The response cache: an HTTP transport that answers chat completions from disk when it can.

Entries are keyed by a hash of everything that determines an answer (the backend's identity, the prompt
version and the whole request body: model, messages, schema, generation parameters) and kept in a
JsonStore, each with the prompt version it answered, so that a stale one can be told at a glance. Only the
request body is stored, never headers, so API keys stay out of the cache.
Recordings for the tests are such a cache, replayed.

An entry that is not a chat completion (hand-edited, or written by something else) is a miss, with a
warning. An answer that then fails validation is forgotten, unless ``keep_invalid``: otherwise a rerun
would be served the same bad answer however healthy the server is by then.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path

import httpx2
from openai.types.chat import ChatCompletion
from pydantic import ValidationError

from ..errors import MissingRecording
from ..store import JsonStore, digest
from . import PROMPT_VERSION_HEADER

__all__ = ["CACHE_HEADER", "PROMPT_VERSION_HEADER", "CacheTransport"]

_log = logging.getLogger(__name__)

CACHE_HEADER = "x-summarizer-cache"
"""Set to ``hit`` on an answer served from the cache: a brief counts its own requests' hits by it."""


class CacheTransport(httpx2.BaseTransport):
    """Serve chat completions from ``directory``; ask ``inner`` on a miss, or fail if there is none."""

    def __init__(
        self,
        inner: httpx2.BaseTransport | None,
        directory: Path,
        *,
        namespace: str,
        keep_invalid: bool = True,
    ) -> None:
        self._inner = inner
        self._store = JsonStore(directory)
        self._namespace = namespace
        self._keep_invalid = keep_invalid
        # The entry each thread's last answer came from: instructor validates it in the same thread.
        self._last = threading.local()

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        body = json.loads(request.read() or b"{}")
        version = request.headers.get(PROMPT_VERSION_HEADER, "")
        key = digest(self._namespace, version, request.url.path, body)
        self._last.key = key
        response = self._completion(key)
        if response is not None:
            return httpx2.Response(200, json=response, headers={CACHE_HEADER: "hit"})
        if self._inner is None:
            raise MissingRecording(
                f"no recorded response for this request (key {key}) in {self._store.directory}; "
                "re-record with `make record` (runs the real embedded model)"
            )
        answer = self._inner.handle_request(request)
        if answer.status_code == 200:
            answer.read()
            entry = {"prompt_version": version, "request": body, "response": json.loads(answer.content)}
            try:
                self._store.put(key, entry)
            except OSError as exc:  # a disk filled up since the start: the answer is kept all the same
                _log.warning(
                    "cannot write the response cache in %s (%s): this answer is not cached",
                    self._store.directory,
                    exc.strerror or exc,
                )
        return answer

    def _completion(self, key: str) -> dict[str, object] | None:
        """The stored chat completion for ``key``; None when there is none, or the entry is not one."""
        entry = self._store.get(key)
        if entry is None:
            return None
        response = entry.get("response")
        try:
            problem = "" if ChatCompletion.model_validate(response).choices else "it has no choices"
        except ValidationError as exc:
            problem = " ".join(str(exc).split())[:200]
        if problem or not isinstance(response, dict):
            _log.warning(
                "ignoring cache entry %s: not a chat completion (%s)", self._store.path(key), problem
            )
            return None
        return response

    def invalid(self, error: Exception, **attempt: object) -> None:
        """Instructor's ``parse:error`` hook: the answer this thread was just given failed validation,
        so it is no answer to keep."""
        key = getattr(self._last, "key", None)
        if key is not None and not self._keep_invalid:
            self._store.delete(key)

    def close(self) -> None:
        if self._inner is not None:
            self._inner.close()
