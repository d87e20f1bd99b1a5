"""Library exceptions (openai's, and ours raised inside a transport and wrapped by the libraries) as
this project's errors."""

from __future__ import annotations

from typing import Any

from ..config import redact
from ..errors import BackendError, ExtractionError, SummarizerError

__all__ = ["backend_error", "key_of", "our_error"]


def our_error(exc: BaseException | None) -> SummarizerError | None:
    """Our own error (raised in a transport, say), however deep the libraries wrapped it."""
    while exc is not None:
        if isinstance(exc, SummarizerError):
            return exc
        exc = exc.__cause__ or exc.__context__
    return None


def backend_error(exc: BaseException) -> SummarizerError | None:
    """The error to raise for ``exc``, an exception out of the client stack that no pass can recover from:
    the endpoint's failure is a BackendError, an answer the client library could not read an
    ExtractionError. None for anything else: a bug of ours, to be raised as it is, not passed off as the
    model's."""
    if isinstance(exc, SummarizerError):
        return exc
    import json

    import openai
    import pydantic
    from instructor.core.exceptions import InstructorError

    if isinstance(exc, openai.APIStatusError):
        # A server may echo the key it refuses: the request's own is known here.
        message = redact(exc.message, key_of(exc.request))
        return BackendError(f"the model endpoint answered HTTP {exc.status_code}: {message}")
    if isinstance(exc, openai.APITimeoutError):
        return BackendError("the model endpoint did not answer in time (SUMMARIZER_TIMEOUT / timeout=)")
    if isinstance(exc, openai.APIConnectionError) and exc.__cause__ is not None:
        # openai calls whatever failed under it "Connection error.": name what it was.
        cause = exc.__cause__
        said = redact(f"{type(cause).__name__}: {cause}", key_of(exc.request))
        return BackendError(f"the model endpoint failed: {said}")
    if isinstance(exc, openai.APIError):
        return BackendError(f"the model endpoint failed: {redact(exc.message, key_of(exc.request))}")
    if isinstance(exc, InstructorError | json.JSONDecodeError | pydantic.ValidationError):
        return ExtractionError(f"{type(exc).__name__}: {exc}")
    return None


def key_of(request: Any) -> str | None:
    """The API key a request carries in its Authorization header."""
    headers = getattr(request, "headers", None)
    value = headers.get("authorization", "") if headers is not None else ""
    return str(value).removeprefix("Bearer ").strip() or None
