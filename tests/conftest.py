"""Shared fixtures: a clean environment, and recordings of real model runs replayed offline.

Every test runs with the summarizer's environment variables removed and its cache in a temporary folder.
Tests that need a model take the ``recorded`` fixture: a Summarizer that answers only from the
recordings in tests/recordings (a missing one fails loudly). `make record` re-runs them with
SUMMARIZER_RECORD=1, when a miss asks the real embedded model and stores its answer.

Pass-level tests take ``fake`` and ``fake_backend`` instead: a backend whose model is a FakeModel in the
same process, answering what the test queued. Transport faults have the fault server (faultserver.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
from faultserver import completion

from summarizer import CacheMode, Settings, Summarizer
from summarizer.backends.client import Backend, open_backend

ROOT = Path(__file__).resolve().parent.parent
RECORDINGS = ROOT / "tests" / "recordings"
EXAMPLE = ROOT / "examples" / "russia-recalls-ambassador.txt"
SHARED = ROOT.parent / "shared"
RECORDING = os.environ.get("SUMMARIZER_RECORD") == "1"
SUMMARIZER = [
    sys.executable,
    "-c",
    # SIGINT as an interactive shell leaves it: a shell without job control (a CI runner, `nohup make
    # test &`) starts its background jobs with SIGINT ignored, and Python then keeps ignoring it.
    "import runpy, signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "runpy.run_module('summarizer', run_name='__main__')",
]
"""The command line in a process of its own: ``[*SUMMARIZER, "brief", ...]``."""


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.startswith(("SUMMARIZER_", "OPENAI_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_COLOR", "1")


def recorded_settings(**overrides: object) -> Settings:
    """Settings that replay the recordings (or record them, under `make record`)."""
    return Settings.from_env(
        cache=CacheMode.RECORD if RECORDING else CacheMode.REPLAY, cache_dir=RECORDINGS, **overrides
    )


@pytest.fixture(scope="session")
def recorded() -> Iterator[Summarizer]:
    """A Summarizer over the embedded model's recorded answers."""
    with Summarizer(recorded_settings()) as summarizer:
        yield summarizer


class FakeModel(httpx2.BaseTransport):
    """A model server in the test's own process, as httpx's MockTransport is: each chat completion is
    answered with the next queued answer, and every request's body is kept in ``history``. A request
    with nothing queued gets HTTP 418, which nothing retries."""

    def __init__(self) -> None:
        self.queue: deque[tuple[str, str]] = deque()
        self.history: list[dict[str, Any]] = []

    def enqueue(self, *answers: object, finish_reason: str = "stop") -> None:
        """Queue ``answers``: a str is the message content as it is, anything else its JSON text.
        ``finish_reason="length"`` makes them answers cut off at the token limit."""
        for answer in answers:
            self.queue.append((answer if isinstance(answer, str) else json.dumps(answer), finish_reason))

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        self.history.append(json.loads(request.read()))
        if not self.queue:
            error = {"message": "the fake model has no answer queued", "type": "test"}
            return httpx2.Response(418, json={"error": error})
        content, finish_reason = self.queue.popleft()
        body = json.dumps(completion(content, finish_reason=finish_reason)).encode()
        # A stream, as a server's answer is: the retry layer reads it whole itself.
        headers = {"content-type": "application/json", "content-length": str(len(body))}
        return httpx2.Response(200, headers=headers, stream=httpx2.ByteStream(body))


def open_fake(model: FakeModel, **options: Any) -> Backend:
    """A backend whose server is ``model``, response cache off, ``options`` on top."""
    settings = Settings.from_env(
        **{"base_url": "http://fake.invalid/v1", "model": "fake-model", "cache": CacheMode.OFF, **options}
    )
    return open_backend(settings, transport=model)


Spawn = Callable[..., "subprocess.Popen[str]"]


@pytest.fixture
def spawn() -> Iterator[Spawn]:
    """``subprocess.Popen`` (text mode) for processes that end with the test, whether it passed or not:
    killed if still running, waited for, their pipes closed (an unclosed pipe's ResourceWarning would
    fail a later test)."""
    started: list[subprocess.Popen[str]] = []

    def start(args: list[str], **options: Any) -> subprocess.Popen[str]:
        started.append(subprocess.Popen(args, text=True, **options))
        return started[-1]

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=60)


@pytest.fixture
def fake() -> FakeModel:
    return FakeModel()


@pytest.fixture
def fake_backend(fake: FakeModel) -> Iterator[Backend]:
    """The backend of the ``fake`` model."""
    backend = open_fake(fake)
    yield backend
    backend.close()
