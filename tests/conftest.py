"""Shared fixtures: a clean environment, no network, and recordings of real model runs replayed offline.

Every test runs with the summarizer's environment variables removed, its cache and archive in a
temporary folder, and no socket connecting anywhere but 127.0.0.1. Tests that need a model take the
``recorded`` fixture: a Summarizer that answers only from the recordings in tests/recordings (a missing
one fails loudly). `make record` re-runs them with SUMMARIZER_RECORD=1, when a miss asks the real
embedded model and stores its answer with the prompt version it answered. A whole run fails on a
recording no test played: a stale answer would otherwise sit there unseen.

Pass-level tests take ``fake`` and ``fake_backend`` instead: a backend whose model is a FakeModel in the
same process, answering what the test queued; a test that leaves answers in the queue fails. Transport
faults have the fault server (faultserver.py). Tests marked ``shared`` read the team's data in ../shared
beside the repository, as CI has it: without it they fail, they do not skip.

A test process parses each text once (``_parsed_once``), and under pytest-xdist (`make check`) the
controller judges the recordings played from what each worker played.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx2
import pytest
from faultserver import completion

from summarizer import CacheMode, Settings, Summarizer, source_from_text
from summarizer.analysis import Entity, analyze, nlp
from summarizer.backends.client import Backend, open_backend
from summarizer.store import JsonStore

if TYPE_CHECKING:
    from spacy.tokens import Doc

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


LOOPBACK = frozenset({"127.0.0.1", "::1"})


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.startswith(("SUMMARIZER_", "OPENAI_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SUMMARIZER_ARCHIVE", str(tmp_path / "archive.db"))
    # The default archive's folder too, for the tests that clear SUMMARIZER_*: never the user's own.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """No socket of this process connects anywhere but 127.0.0.1: a test that would reach the network
    fails at once, whatever retries would have made of it."""
    connect, connect_ex = socket.socket.connect, socket.socket.connect_ex

    def checked(address: Any) -> None:
        host = address[0] if isinstance(address, tuple) else None
        if host is not None and host not in LOOPBACK:
            pytest.fail(f"a test connected to {host}: tests reach no network but 127.0.0.1", pytrace=False)

    def guarded_connect(self: socket.socket, address: Any) -> None:
        checked(address)
        connect(self, address)

    def guarded_connect_ex(self: socket.socket, address: Any) -> int:
        checked(address)
        return connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("shared") and not SHARED.is_dir():
        pytest.fail(f"{SHARED} is missing: this test reads the team's data there, beside the repository")


# ---- recordings played, and the ones no test played ----------------------------------------------

_PLAYED: set[Path] = set()
_PART_OF_A_RUN: list[str] = []
"""Why this run is not a whole one (tests left out that may play recordings), if it is not."""
_NO_RECORDINGS = ("embedded", "browser", "network")
"""Markers of tests that play no recording: leaving them out leaves out no recording."""
_get = JsonStore.get


def _played_get(self: JsonStore, key: str) -> dict[str, Any] | None:
    entry = _get(self, key)
    if entry is not None and self.directory.is_relative_to(RECORDINGS):
        _PLAYED.add(self.path(key))
    return entry


JsonStore.get = _played_get  # type: ignore[method-assign]


def pytest_deselected(items: list[pytest.Item]) -> None:
    if any(not any(item.get_closest_marker(m) for m in _NO_RECORDINGS) for item in items):
        _PART_OF_A_RUN.append("tests were deselected")


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """Under pytest-xdist (`make check`), in the controller: what a worker played, and why its part was
    not a whole run, if it was not; a worker that ended without saying makes the run no whole one."""
    said = getattr(node, "workeroutput", {})
    if error is not None or "played" not in said:
        _PART_OF_A_RUN.append(f"a worker ended early ({error})")
        return
    _PLAYED.update(map(Path, said["played"]))
    _PART_OF_A_RUN.extend(said["part_of_a_run"])


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A whole run that passed fails on the recordings no test played: an answer to a request no test
    makes any more (a prompt changed, a test went) is stale, and `make record` would not replace it.
    Under pytest-xdist each worker runs a share of the tests: it hands what it played to the controller
    (``pytest_testnodedown``), which judges the whole run."""
    if hasattr(session.config, "workerinput"):
        said = session.config.workeroutput  # type: ignore[attr-defined]
        said["played"], said["part_of_a_run"] = sorted(map(str, _PLAYED)), _PART_OF_A_RUN
        return
    named = {Path(arg.split("::")[0]).resolve() for arg in session.config.args}
    whole = not _PART_OF_A_RUN and named <= {ROOT / "tests", ROOT}
    if exitstatus != 0 or not whole or session.testscollected == 0 or session.config.option.collectonly:
        return
    unplayed = sorted(set((RECORDINGS / "responses").rglob("*.json")) - _PLAYED)
    if unplayed:
        names = "\n".join(f"  {path.relative_to(ROOT)}" for path in unplayed)
        session.config.get_terminal_writer().line(
            f"{len(unplayed)} recordings were never played; remove them (or re-record):\n{names}", red=True
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


# ---- each text parsed once in a test process --------------------------------------------------------

_parse = nlp.parse
_PARSED: dict[tuple[str, int], bytes] = {}


def _parsed_once(text: str) -> Doc:
    """``nlp.parse``, each text parsed once in this process: the tests brief the same articles and the
    same recorded answers again and again (the example a hundred times), which was most of the fast
    lane's time. Every call gets a Doc of its own, read back from the parse's bytes, equal to a fresh
    parse (tokens, tags, parse, entities, sentences, lemmas, tensor): a caller that changed its Doc
    changes no other test's. Keyed by the piece size too, so that a test shrinking it parses again."""
    from spacy.tokens import Doc

    pipeline = nlp._pipeline()
    key = (text, min(nlp._PIECE, pipeline.max_length))
    if key not in _PARSED:
        _PARSED[key] = _parse(text).to_bytes()
    return Doc(pipeline.vocab).from_bytes(_PARSED[key])


nlp.parse = _parsed_once


def with_entities(text: str, names: list[tuple[str, str]]) -> Doc:
    """The parse of ``text`` with its entities set to ``names`` (words, label), in order: a shape the NER
    gives some articles, for tests of what the analysis makes of it."""
    from spacy.tokens import Span

    doc = nlp.parse(text)
    ents, end = [], 0
    for words, label in names:
        start = text.index(words, end)
        end = start + len(words)
        span = doc.char_span(start, end, alignment_mode="expand")
        assert span is not None
        ents.append(Span(doc, span.start, span.end, label=label))
    doc.ents = ents
    return doc


def actors_of(text: str) -> dict[str, Entity]:
    """The entities the analysis finds in an article, by name."""
    return {e.name: e for e in analyze(source_from_text(text)).entities}


def named_with(text: str, names: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The names (words, label) ``whole.named`` makes of a parse whose entities are set to ``names``."""
    from summarizer.analysis.whole import named

    return [(ent.text, ent.label_) for ent in named(with_entities(text, names))]


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
def fake() -> Iterator[FakeModel]:
    """A FakeModel; the test fails if it leaves answers queued (a request it expected never came)."""
    model = FakeModel()
    yield model
    if model.queue:
        pytest.fail(f"{len(model.queue)} queued answers were never asked for: {list(model.queue)[:2]}")


@pytest.fixture
def fake_backend(fake: FakeModel) -> Iterator[Backend]:
    """The backend of the ``fake`` model."""
    backend = open_fake(fake)
    yield backend
    backend.close()
