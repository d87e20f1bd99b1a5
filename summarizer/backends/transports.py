"""HTTP transports that wrap another: adapting the response format, and retrying transient failures.

They sit under the openai client, so instructor's parsing, validation and re-asks see one code path
whichever backend answers.
"""

from __future__ import annotations

import email.utils
import json
import math
import time
from collections.abc import Callable
from typing import Any

import httpx2
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    retry_if_result,
    stop_after_attempt,
    wait_exponential_jitter,
)

from ..config import ResponseFormat
from ..errors import BackendError, InputError
from .deadline import deadline

__all__ = ["RetryTransport", "RewriteTransport", "adapt_response_format", "backoff", "pin_sampling"]

_RETRYABLE_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504})
_MAX_RETRY_AFTER = 60.0
_MOST_ANSWER_BYTES = 10_000_000
"""The most of an answer read, decoded: a chat completion is a few kB, and a server sending hundreds of
megabytes, or a small gzip body that inflates to them, would fill the memory."""
_NO_ANSWER = "summarizer.no_answer"
"""Marks a 200 whose body is no chat completion, with what is wrong with it."""


def adapt_response_format(body: dict[str, Any], fmt: ResponseFormat) -> dict[str, Any]:
    """Rewrite instructor's ``json_schema`` response format into the form the backend understands."""
    requested = body.get("response_format")
    if fmt == ResponseFormat.JSON_SCHEMA or not isinstance(requested, dict):
        return body
    if requested.get("type") != "json_schema":
        return body
    adapted = {k: v for k, v in body.items() if k != "response_format"}
    if fmt == ResponseFormat.JSON_OBJECT:
        # llama-cpp-python ignores (in-process) or rejects (server) the json_schema form.
        adapted["response_format"] = {"type": "json_object", "schema": requested["json_schema"]["schema"]}
    return adapted


def pin_sampling(body: dict[str, Any]) -> dict[str, Any]:
    """For llama-cpp-python's server (the ``json_object`` form is its own): the embedded model's
    repeat penalty, 1.0, where the server's default is 1.1, so that both give the same answers."""
    response_format = body.get("response_format")
    if not isinstance(response_format, dict) or response_format.get("type") != "json_object":
        return body
    if "repeat_penalty" in body:
        return body
    return {**body, "repeat_penalty": 1.0}


class RewriteTransport(httpx2.BaseTransport):
    """Send each request with its JSON body rewritten by ``rewrite`` (which returns the same dict when it
    changes nothing)."""

    def __init__(
        self, inner: httpx2.BaseTransport, rewrite: Callable[[dict[str, Any]], dict[str, Any]]
    ) -> None:
        self._inner = inner
        self._rewrite = rewrite

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        body = json.loads(request.read() or b"{}")
        rewritten = self._rewrite(body)
        if rewritten is not body:
            request = httpx2.Request(
                request.method,
                request.url,
                headers=[(k, v) for k, v in request.headers.items() if k.lower() != "content-length"],
                json=rewritten,
                extensions=request.extensions,
            )
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


class RetryTransport(httpx2.BaseTransport):
    """Retry what is worth retrying (429, 5xx, timeouts, dropped connections, cut-short bodies) with
    backoff and jitter.

    This is the one retry layer for transient faults: the openai client's own retries are turned off.
    A Retry-After header, when the server sends one, sets the wait. Each attempt reads the whole answer
    within ``timeout`` seconds, headers included (:mod:`.deadline`): httpx's timeouts bound each read,
    which a server sending a byte now and then never reaches. A request over ``max_bytes`` is refused
    before it is sent.
    """

    def __init__(
        self, inner: httpx2.BaseTransport, *, attempts: int, base_url: str, timeout: float, max_bytes: int
    ) -> None:
        self._inner = inner
        self._attempts = attempts
        self._base_url = base_url
        self._timeout = timeout
        self._max_bytes = max_bytes

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        size = len(request.read())
        if size > self._max_bytes:
            raise InputError(
                f"the request to {self._base_url} would be {size / 1e6:.1f} MB, over the limit of "
                f"{self._max_bytes / 1e6:.1f} MB: shorten the article, have it read in parts "
                "(--context-tokens, SUMMARIZER_CONTEXT_TOKENS), or raise the limit "
                "(SUMMARIZER_MAX_REQUEST_BYTES, max_request_bytes=)"
            )
        retrying = Retrying(
            stop=stop_after_attempt(self._attempts),
            retry=retry_if_exception_type(httpx2.TransportError) | retry_if_result(_retryable),
            wait=_wait,
            retry_error_callback=self._give_up,
            reraise=False,
        )
        response: httpx2.Response = retrying(self._send, request)
        return response

    def _send(self, request: httpx2.Request) -> httpx2.Response:
        """One attempt, its answer read whole within the timeout, headers and all: a body cut short or
        too slow raises a TransportError here, where it is retried; a 200 that is no chat completion is
        marked so (``_NO_ANSWER``), and retried where a retry can help."""
        with deadline(self._timeout) as at:
            response = self._inner.handle_request(request)
            body = bytearray()
            try:
                for chunk in response.iter_bytes():  # decoded as its Content-Encoding says
                    if len(body) + len(chunk) > _MOST_ANSWER_BYTES:
                        raise BackendError(
                            f"{self._base_url}: the answer is over the {_MOST_ANSWER_BYTES // 1_000_000} MB "
                            "an answer may be (a chat completion is a few kB): not read further"
                        )
                    body += chunk
                    if time.monotonic() > at:  # a transport that has no sockets of ours
                        raise httpx2.ReadTimeout(
                            f"the answer took longer than {self._timeout:g} s", request=request
                        )
            except httpx2.DecodingError as exc:
                encoding = response.headers.get("content-encoding")
                raise BackendError(
                    f"{self._base_url}: the answer's body is not what its Content-Encoding header says "
                    f"({encoding}): {exc}; a proxy between may mangle it"
                ) from None
            finally:
                response.close()  # frees the connection, before any wait
        # Decoded here: what reads it next must not decode it again.
        headers = [
            (k, v)
            for k, v in response.headers.multi_items()
            if k not in ("content-encoding", "content-length")
        ]
        extensions = dict(response.extensions)
        if response.status_code == 200 and (problem := self._not_an_answer(bytes(body))) is not None:
            extensions[_NO_ANSWER] = problem
        return httpx2.Response(
            response.status_code, headers=headers, content=bytes(body), request=request, extensions=extensions
        )

    def _not_an_answer(self, body: bytes) -> str | None:
        """What makes a 200's body no chat completion, when a retry may mend it (a proxy's error, no
        choices); BackendError when it will not (not JSON, nested too deep to read): the endpoint's fault,
        not the model's, so never re-asked as an answer that failed validation."""
        try:
            answer = json.loads(body)
        except ValueError as exc:
            text = body[:80].decode("utf-8", "replace")
            raise BackendError(
                f"{self._base_url}: HTTP 200 with a body that is not JSON ({exc}): {text!r}"
            ) from None
        except RecursionError:
            raise BackendError(f"{self._base_url}: HTTP 200 with a body nested too deep to read") from None
        if not isinstance(answer, dict):
            return f"a body that is no JSON object: {body[:80].decode('utf-8', 'replace')!r}"
        if "choices" not in answer and isinstance(error := answer.get("error"), dict | str):
            # Some proxies answer 200 with an error object: its words are all that says what went wrong.
            said = error.get("message", error) if isinstance(error, dict) else error
            return f"an error in place of an answer: {str(said)[:300]}"
        if not answer.get("choices"):
            return "an answer with no choices"
        return None

    def _give_up(self, state: RetryCallState) -> httpx2.Response:
        outcome = state.outcome
        assert outcome is not None
        if not outcome.failed and (problem := outcome.result().extensions.get(_NO_ANSWER)):
            raise BackendError(
                f"{self._base_url}: HTTP 200 with {problem} (after {state.attempt_number} attempts)"
            )
        if outcome.failed:
            exc = outcome.exception()
            hint = (
                " (raise --timeout, SUMMARIZER_TIMEOUT or timeout=)"
                if isinstance(exc, httpx2.TimeoutException)
                else ""
            )
            raise BackendError(
                f"{self._base_url}: {type(exc).__name__}: {exc or 'no answer'} "
                f"(after {state.attempt_number} attempts){hint}"
            ) from exc
        response: httpx2.Response = outcome.result()
        # Hand the last answer back so the openai client raises its precise error for the status.
        return response

    def close(self) -> None:
        self._inner.close()


def _retryable(response: httpx2.Response) -> bool:
    return response.status_code in _RETRYABLE_STATUS or _NO_ANSWER in response.extensions


backoff = wait_exponential_jitter(multiplier=0.5, max=20.0, jitter=0.5)
"""The wait before a retry the server gave no Retry-After for (tests scale it down)."""


def _wait(state: RetryCallState) -> float:
    outcome = state.outcome
    if outcome is not None and not outcome.failed:
        after = _retry_after(outcome.result())
        if after is not None:
            return after
    return float(backoff(state))


def _retry_after(response: httpx2.Response) -> float | None:
    value = response.headers.get("retry-after")
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):  # neither seconds nor a date: the backoff decides
            return None
        if when is None:
            return None
        seconds = when.timestamp() - time.time()
    if math.isnan(seconds):
        return None
    return min(max(seconds, 0.0), _MAX_RETRY_AFTER)
