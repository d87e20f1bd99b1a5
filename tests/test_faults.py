"""Faults of a remote model endpoint, injected by a real HTTP server (tests/faultserver.py), against the
real client stack: openai client → response format → (cache off) → RetryTransport → HTTP, and instructor's
parsing, validation and re-asks in extract.Session. Answers that fail validation or are cut off need no
socket: the in-process fake model (conftest.FakeModel) gives them.

The exponential backoff is scaled down (the wait function only, see ``backoff``); every retry decision,
the Retry-After handling and the timeouts are the real ones.
"""

from __future__ import annotations

import email.utils
import json
import logging
import os
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx2
import openai
import pytest
from conftest import FakeModel, open_fake
from faultserver import (
    FaultServer,
    drop,
    hang,
    invalid_json,
    ok,
    rate_limited,
    server_error,
    status,
    unavailable,
)
from tenacity import RetryCallState

from summarizer import BackendError, CacheMode, ResponseFormat, Settings, SummarizerError
from summarizer.accounting import RunRecord, RunWarning, WarningKind
from summarizer.backends import transports
from summarizer.backends.client import Backend, open_backend
from summarizer.extract import OverviewAnswer, Session, answers

SECRET = "sk-test-SECRET123"
TIMEOUT = 1.0
ATTEMPTS = 3
ARTICLE = "Russia recalled its ambassador to Washington on Wednesday, the Foreign Ministry said."
VALID = {
    "headline": "Russia recalls its ambassador to Washington for consultations",
    "summary": "Russia recalled its ambassador to Washington for consultations on Wednesday. "
    "The Foreign Ministry said the move was meant to prevent an irreversible deterioration of relations.",
}
FAILS_SCHEMA = {"headline": 42}  # not a string, and no summary


# ---- fixtures -------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def fault_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No OPENAI_* / SUMMARIZER_* variable leaks in from the shell; the response cache is off."""
    for name in list(os.environ):
        if name.startswith(("SUMMARIZER_", "OPENAI_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("SUMMARIZER_CACHE", "off")
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))  # in case anything did write


@pytest.fixture(autouse=True)
def backoff(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The exponential backoff RetryTransport would wait, recorded; it waits a fiftieth of it."""
    real = transports.backoff
    waits: list[float] = []

    def short(state: RetryCallState) -> float:
        wait = float(real(state))
        waits.append(wait)
        return wait / 50

    monkeypatch.setattr(transports, "backoff", short)
    return waits


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer(max_requests=30) as running:
        yield running


OpenBackend = Callable[..., Backend]


@pytest.fixture
def open_client(server: FaultServer) -> Iterator[OpenBackend]:
    """Open a backend on the fault server (overrides on top of the defaults); closed after the test."""
    opened: list[Backend] = []

    def open_(**overrides: Any) -> Backend:
        options: dict[str, Any] = {
            "base_url": server.base_url,
            "model": "fake-model",
            "api_key": SECRET,
            "cache": CacheMode.OFF,
            "timeout": TIMEOUT,
            "max_attempts": ATTEMPTS,
            **overrides,
        }
        backend = open_backend(Settings.from_env(**options))
        opened.append(backend)
        return backend

    yield open_
    for backend in opened:
        backend.close()


@pytest.fixture
def backend(open_client: OpenBackend) -> Backend:
    return open_client()


def chat(backend: Backend) -> Any:
    return backend.openai.chat.completions.create(
        model=backend.model, messages=[{"role": "user", "content": "Say hello."}]
    )


def session(backend: Backend, record: RunRecord | None = None, max_reasks: int = 1) -> Session:
    return Session(
        backend.instructor(),
        backend.model,
        article=ARTICLE,
        dateline="Thursday 2021-03-18",
        max_reasks=max_reasks,
        record=record if record is not None else RunRecord(),
    )


# ---- the stack as configured ----------------------------------------------------------------------


def test_ok_answer_round_trip(server: FaultServer, backend: Backend) -> None:
    server.script(ok({"greeting": "hello"}))
    answer = chat(backend)
    assert answer.choices[0].message.content == '{"greeting": "hello"}'
    assert answer.choices[0].finish_reason == "stop"
    assert answer.usage is not None and answer.usage.total_tokens > 0
    [request] = server.requests
    assert request.path == "/v1/chat/completions"
    assert request.json["model"] == "fake-model"
    assert request.headers["authorization"] == f"Bearer {SECRET}"


def test_environment_is_clean_and_cache_off(server: FaultServer, backend: Backend) -> None:
    assert not [n for n in os.environ if n.startswith("OPENAI_")]
    assert Settings.from_env().cache is CacheMode.OFF
    server.script(ok("one"), ok("two"))
    assert [chat(backend).choices[0].message.content for _ in range(2)] == ["one", "two"]


# ---- transport faults, retried by RetryTransport --------------------------------------------------


@pytest.mark.parametrize("retry_after", [0, 1])
def test_rate_limited_then_ok_honours_retry_after(
    server: FaultServer, backend: Backend, backoff: list[float], retry_after: int
) -> None:
    server.script(rate_limited(retry_after=retry_after), ok("hello"))
    started = time.monotonic()
    answer = chat(backend)
    elapsed = time.monotonic() - started
    assert answer.choices[0].message.content == "hello"
    first, second = server.requests
    gap = second.at - first.at
    # Waited at least what the server asked; the upper bounds only detect a hang (a busy machine is slow).
    assert retry_after - 0.05 <= gap < retry_after + 30, gap
    assert elapsed < retry_after + 30
    assert backoff == [], "Retry-After sets the wait, not the exponential backoff"


def test_retry_after_as_http_date(server: FaultServer, backend: Backend, backoff: list[float]) -> None:
    past = email.utils.formatdate(time.time() - 30, usegmt=True)
    server.script(rate_limited(retry_after=past), ok("hello"))
    assert chat(backend).choices[0].message.content == "hello"
    assert len(server.requests) == 2
    assert backoff == [], "a date in the past: no wait at all, not even the backoff"


@pytest.mark.parametrize("retry_after", ["soon", "nan"])
def test_malformed_retry_after_falls_back_to_backoff(
    server: FaultServer, backend: Backend, backoff: list[float], retry_after: str
) -> None:
    server.script(rate_limited(retry_after=retry_after), ok("hello"))
    assert chat(backend).choices[0].message.content == "hello"
    assert len(server.requests) == 2
    assert len(backoff) == 1


@pytest.mark.parametrize(
    "fault",
    [server_error, unavailable, lambda: status(502), lambda: status(504), lambda: status(408)],
    ids=["500", "503", "502", "504", "408"],
)
def test_server_error_then_ok(
    server: FaultServer, backend: Backend, backoff: list[float], fault: Callable[[], Any]
) -> None:
    server.script(fault(), ok("hello"))
    assert chat(backend).choices[0].message.content == "hello"
    assert len(server.requests) == 2
    assert len(backoff) == 1


@pytest.mark.parametrize("code", [400, 401, 404, 422])
def test_client_errors_are_not_retried(
    server: FaultServer, backend: Backend, backoff: list[float], code: int
) -> None:
    server.script(status(code), ok(VALID))
    with pytest.raises(BackendError, match=f"HTTP {code}"):
        session(backend).overview("", "", {}, [], [])
    assert len(server.requests) == 1
    assert server.pending == 1
    assert backoff == []


def test_persistent_503_gives_up_after_max_attempts(server: FaultServer, backend: Backend) -> None:
    server.script(*[unavailable()] * ATTEMPTS, ok(VALID))
    with pytest.raises(BackendError, match="503") as caught:
        session(backend).overview("", "", {}, [], [])
    assert "HTTP 503" in str(caught.value) and "overloaded" in str(caught.value)
    assert len(server.requests) == ATTEMPTS
    assert server.pending == 1, "no request after the last attempt"


def test_persistent_503_raw_client_is_openai_status_error(server: FaultServer, backend: Backend) -> None:
    # Straight from the openai client (no Session), the last 503 surfaces as openai's own error.
    server.script(*[unavailable()] * ATTEMPTS, ok("hello"))
    with pytest.raises(openai.InternalServerError) as caught:
        chat(backend)
    assert caught.value.status_code == 503
    assert len(server.requests) == ATTEMPTS
    assert server.pending == 1


def test_hang_times_out_with_bounded_attempts(server: FaultServer, backend: Backend) -> None:
    server.script(*[hang(10)] * ATTEMPTS, ok(VALID))
    started = time.monotonic()
    with pytest.raises(BackendError, match=r"(?i)time") as caught:
        session(backend).overview("", "", {}, [], [])
    elapsed = time.monotonic() - started
    message = str(caught.value)
    assert "ReadTimeout" in message and f"after {ATTEMPTS} attempts" in message
    assert server.base_url in message
    assert len(server.requests) == ATTEMPTS
    assert server.pending == 1
    assert ATTEMPTS * TIMEOUT <= elapsed < ATTEMPTS * TIMEOUT + 30  # each attempt its timeout; no hang


@pytest.mark.parametrize("reset", [False, True], ids=["fin", "rst"])
def test_dropped_connection_then_ok(
    server: FaultServer, backend: Backend, backoff: list[float], reset: bool
) -> None:
    server.script(drop(reset=reset), ok("hello"))
    assert chat(backend).choices[0].message.content == "hello"
    assert len(server.requests) == 2
    assert len(backoff) == 1


def test_persistent_drop_gives_up(server: FaultServer, backend: Backend) -> None:
    server.script(*[drop()] * ATTEMPTS, ok(VALID))
    with pytest.raises(BackendError, match=f"after {ATTEMPTS} attempts") as caught:
        session(backend).overview("", "", {}, [], [])
    assert "RemoteProtocolError" in str(caught.value)
    assert len(server.requests) == ATTEMPTS
    assert server.pending == 1
    server.script(*[drop()] * ATTEMPTS)
    assert chat(backend).choices[0].message.content == json.dumps(VALID)  # the leftover answer
    # From the raw openai client, RetryTransport's BackendError arrives as the cause of its
    # APIConnectionError ("Connection error."), which Session unwraps.
    server.script(*[drop()] * ATTEMPTS)
    with pytest.raises(openai.APIConnectionError) as raw:
        chat(backend)
    assert isinstance(raw.value.__cause__, BackendError)
    assert len(server.requests) == 2 * ATTEMPTS + 1


@pytest.mark.parametrize(
    "fault",
    [lambda: unavailable(), lambda: rate_limited(0), lambda: drop(), lambda: hang(5)],
    ids=["503", "429", "drop", "hang"],
)
def test_openai_client_does_not_retry(
    server: FaultServer, open_client: OpenBackend, fault: Callable[[], Any]
) -> None:
    """With max_attempts=1 nothing may retry: had the openai client's own retries been on, the answer
    scripted after the fault would have been fetched."""
    backend = open_client(max_attempts=1)
    assert backend.openai.max_retries == 0
    server.script(fault(), ok("hello"))
    with pytest.raises(openai.APIError):
        chat(backend)
    assert len(server.requests) == 1
    assert server.pending == 1


# ---- answers that are not what was asked for -------------------------------------------------------


def test_invalid_json_body_is_a_backend_error_naming_the_endpoint(
    server: FaultServer, backend: Backend
) -> None:
    server.script(invalid_json(), ok("hello"))
    with pytest.raises(BackendError, match=r"127\.0\.0\.1.*not JSON"):
        session(backend).overview("", "", {}, [], [])
    assert len(server.requests) == 1, "a broken body is not re-asked"
    assert server.pending == 1


def test_schema_failure_then_valid_is_reasked(fake: FakeModel, fake_backend: Backend) -> None:
    fake.enqueue(FAILS_SCHEMA, VALID)
    record = RunRecord()
    answer = session(fake_backend, record).overview("", "", {}, [], [])
    assert isinstance(answer, OverviewAnswer)
    assert answer.headline == VALID["headline"] and answer.summary == VALID["summary"]
    assert record.warnings == []
    first, second = (request["messages"] for request in fake.history)
    assert len(second) > len(first)
    reask = "\n".join(str(m.get("content")) for m in second[len(first) :])
    assert "validation error" in reask and "headline" in reask and "summary" in reask
    assert second[: len(first)] == first


def test_schema_failure_twice_drops_the_pass(fake: FakeModel, fake_backend: Backend) -> None:
    # A third request would meet an empty queue (HTTP 418) and fail the pass loudly.
    fake.enqueue(FAILS_SCHEMA, FAILS_SCHEMA)
    record = RunRecord()
    assert session(fake_backend, record, max_reasks=1).overview("", "", {}, [], []) is None
    text = "overview: no valid answer after 2 attempts"
    assert record.warnings == [RunWarning(WarningKind.NO_ANSWER, "overview", text)]
    assert len(fake.history) == 2, "no re-ask beyond max_reasks"


def test_cut_off_answer_is_dropped_with_a_warning(fake: FakeModel, fake_backend: Backend) -> None:
    fake.enqueue(json.dumps(VALID)[:60], finish_reason="length")
    record = RunRecord()
    assert session(fake_backend, record).overview("", "", {}, [], []) is None
    text = "overview: the answer was cut off at the token limit and dropped"
    assert record.warnings == [RunWarning(WarningKind.CUT_OFF, "overview", text)]
    assert len(fake.history) == 1, "a cut-off answer is not re-asked"


def test_a_bug_of_ours_in_a_pass_is_raised_as_it_is(
    fake: FakeModel, fake_backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only what the endpoint or the client library raise becomes a BackendError or an ExtractionError:
    our own bug keeps its type and its traceback, so that it is seen as one."""

    def bug(info: object) -> dict[str, Any]:
        raise TypeError("a bug of ours")

    monkeypatch.setattr(answers, "_context", bug)
    fake.enqueue(VALID)
    with pytest.raises(TypeError, match="a bug of ours") as caught:
        session(fake_backend).overview("", "", {}, [], [])
    assert not isinstance(caught.value, SummarizerError)
    assert "_from_the_article" in "".join(traceback.format_tb(caught.value.__traceback__))


# ---- what goes over the wire, and what never does --------------------------------------------------


def test_api_key_only_in_the_authorization_header(
    server: FaultServer,
    open_client: OpenBackend,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    backend = open_client()
    errors: list[BaseException] = []
    faults = [
        [unavailable()] * ATTEMPTS,
        [drop()] * ATTEMPTS,
        [rate_limited(0)] * ATTEMPTS,
        [invalid_json()],
    ]
    for script in faults:
        server.script(*script)
        with pytest.raises(SummarizerError) as caught:
            session(backend).overview("", "", {}, [], [])
        errors.append(caught.value)
    quick = open_client(timeout=0.3, max_attempts=2)
    server.script(hang(5), hang(5))
    with pytest.raises(BackendError) as timed_out:
        session(quick).overview("", "", {}, [], [])
    errors.append(timed_out.value)
    server.script(*[unavailable()] * ATTEMPTS)
    with pytest.raises(openai.APIError) as raw:
        chat(backend)
    errors.append(raw.value)

    for error in errors:
        assert SECRET not in "".join(traceback.format_exception(error)), type(error)
        assert SECRET not in repr(error.args)
    assert caplog.records, "the stack logs at DEBUG: the check below must see something"
    assert SECRET not in caplog.text
    assert not [r for r in caplog.records if SECRET in r.getMessage()]
    out, err = capfd.readouterr()
    assert SECRET not in out + err
    assert len(server.requests) == 3 * ATTEMPTS + 1 + 2 + ATTEMPTS
    for request in server.requests:
        assert request.headers["authorization"] == f"Bearer {SECRET}"
        assert SECRET not in request.body.decode()
        assert not [v for k, v in request.headers.items() if k != "authorization" and SECRET in v]


def test_response_format_is_json_schema_by_default(fake: FakeModel, fake_backend: Backend) -> None:
    fake.enqueue(VALID)
    assert session(fake_backend).overview("", "", {}, [], []) is not None
    sent = fake.history[0]["response_format"]
    assert sent["type"] == "json_schema"
    schema = sent["json_schema"]["schema"]
    assert set(schema["properties"]) == {"headline", "summary"}
    assert schema["properties"]["headline"]["pattern"]  # OverviewAnswer.constrain ran


def test_response_format_json_object(fake: FakeModel) -> None:
    backend = open_fake(fake, response_format=ResponseFormat.JSON_OBJECT)
    fake.enqueue(VALID)
    assert session(backend).overview("", "", {}, [], []) is not None
    backend.close()
    sent = fake.history[0]["response_format"]
    assert set(sent) == {"type", "schema"}
    assert sent["type"] == "json_object"
    assert set(sent["schema"]["properties"]) == {"headline", "summary"}
    assert sent["schema"]["properties"]["summary"]["pattern"].endswith("[.!?]$")


# ---- the fault server itself -----------------------------------------------------------------------


def test_unscripted_request_is_refused_not_retried(server: FaultServer, backend: Backend) -> None:
    with pytest.raises(openai.APIStatusError, match="no behaviour scripted") as caught:
        chat(backend)
    assert caught.value.status_code == 418
    assert len(server.requests) == 1


def test_request_cap(open_client: OpenBackend, server: FaultServer) -> None:
    server.max_requests = 2
    server.script(ok("one"), ok("two"), ok("three"))
    backend = open_client()
    assert chat(backend).choices[0].message.content == "one"
    assert chat(backend).choices[0].message.content == "two"
    with pytest.raises(openai.APIStatusError, match="request cap"):
        chat(backend)
    assert len(server.requests) == 3


def test_server_stops_by_itself_and_releases_hangs() -> None:
    fault_server = FaultServer(lifetime=0.5).start()
    fault_server.script(hang(30))
    url = f"{fault_server.base_url}/chat/completions"
    started = time.monotonic()
    outcome: list[BaseException] = []

    def call() -> None:
        try:
            httpx2.post(url, json={"messages": []}, timeout=20)
        except httpx2.HTTPError as exc:
            outcome.append(exc)

    caller = threading.Thread(target=call)
    caller.start()
    caller.join(timeout=10)
    assert not caller.is_alive()
    assert fault_server.stopped.wait(timeout=5)
    assert fault_server.expired
    assert time.monotonic() - started < 15, "the hang was released (the client would wait 20 s)"
    assert outcome and isinstance(outcome[0], httpx2.RemoteProtocolError)
    with pytest.raises(httpx2.ConnectError):
        httpx2.post(url, json={}, timeout=2)
    fault_server.stop()  # idempotent
