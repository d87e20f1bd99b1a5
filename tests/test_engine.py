"""The local serving engine (llama.cpp's llama-server) as a real process on 127.0.0.1, and what the
command line tells of servers' slots.

The tests marked ``embedded`` start the real engine with the real weights; every engine a test starts is
stopped by the test or its fixture, and none may outlive its parent.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2
import pytest
from conftest import EXAMPLE, RECORDINGS, ROOT, SUMMARIZER, Spawn
from faultserver import Behaviour, FaultServer, ok, replaying, status
from typer.testing import CliRunner

from summarizer import BackendError, Brief, CacheMode, ConfigError, Settings, Summarizer, read_path
from summarizer.backends.client import engine_options, open_backend
from summarizer.backends.engine import LlamaServer, find_server
from summarizer.backends.serving import server_slots
from summarizer.backends.threads import SHORT_READ, Threads, choose_threads
from summarizer.backends.weights import DEFAULT_WEIGHTS, ensure_weights
from summarizer.cli import app

HANG = 120  # seconds: a hang detector, never a speed check


# ---- threads -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("cores", "read", "write"), [(1, 1, 1), (2, 2, 1), (8, 8, 7)])
def test_reading_takes_every_usable_core_and_writing_leaves_one(
    monkeypatch: pytest.MonkeyPatch, cores: int, read: int, write: int
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)))
    threads = choose_threads(None)
    assert (threads.read, threads.write) == (read, write)


def test_a_short_read_takes_the_writing_threads_and_a_long_one_every_reading_thread() -> None:
    threads = Threads(read=2, write=1)
    assert threads.reading(80) == 1  # a question's own words after an article already read
    assert threads.reading(SHORT_READ + 1) == 2
    assert threads.reading(962) == 2  # an article


def test_the_threads_setting_sets_both(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_THREADS", "3")
    settings = Settings.from_env()
    assert settings.threads == 3
    assert choose_threads(settings.threads).write == 3
    with pytest.raises(ConfigError, match="SUMMARIZER_THREADS"):
        Settings.from_env(threads="0")


# ---- what servers say of their slots -------------------------------------------------------------------


def _brief_two(server: FaultServer, tmp_path: Path, concurrency: int) -> str:
    articles = [EXAMPLE, ROOT / "tests" / "articles" / "no-quotes.txt"]
    result = CliRunner().invoke(
        app,
        [
            "brief",
            *map(str, articles),
            "-f",
            "json",
            "-o",
            f"{tmp_path}/",
            "--base-url",
            server.base_url,
            "--model",
            DEFAULT_WEIGHTS.name,
            "--no-cache",
            "--concurrency",
            str(concurrency),
        ],
        env={"SUMMARIZER_RESPONSE_FORMAT": "json_object"},
    )
    assert result.exit_code == 0, result.stderr
    return result.stderr


@pytest.fixture
def recorded_server() -> Iterator[FaultServer]:
    recorded = replaying(RECORDINGS / "responses", namespace=f"gguf:{DEFAULT_WEIGHTS.sha256}", delay=0.05)
    with FaultServer(otherwise=recorded, max_requests=100) as server:
        yield server


def test_concurrency_against_llama_cpp_pythons_single_slot_server_is_warned_of(
    recorded_server: FaultServer, tmp_path: Path
) -> None:
    # What llama-cpp-python's server (FastAPI) says of itself: it answers one request at a time.
    recorded_server.pages["/openapi.json"] = {"info": {"title": "🦙 llama.cpp Python API"}}
    err = _brief_two(recorded_server, tmp_path, 2)
    assert "answers one request at a time: --concurrency 2 will not help" in err


def test_concurrency_within_a_servers_slots_is_not_warned_of(
    recorded_server: FaultServer, tmp_path: Path
) -> None:
    recorded_server.pages["/props"] = {"total_slots": 4}  # llama-server's
    assert "will not help" not in _brief_two(recorded_server, tmp_path, 2)


@pytest.mark.parametrize(
    "props",
    [b"{" * 1 + b'"total_slots": ' + b"[" * 200_000 + b"]" * 200_000 + b"}", b" " * 2_000_000, b"4"],
    ids=["nested-too-deep", "over-1-MB", "no-object"],
)
def test_what_a_server_says_of_its_slots_that_cannot_be_read_is_not_said(props: bytes) -> None:
    """The slots a server says it has are its courtesy: an answer that cannot be read costs no brief."""
    with FaultServer(pages={"/props": props, "/openapi.json": props}) as server:
        assert server_slots(server.base_url) is None


@dataclass(frozen=True)
class EngineStandIn(Behaviour):
    """Answers as the embedded model did to the same messages, asked the engine's way: the schema as the
    in-process model's grammar."""

    answers: dict[str, bytes]
    forms: list[tuple[bool, bool]] = field(default_factory=list)

    def act(self, handler: Any) -> None:
        body = handler.received.json
        self.forms.append(("grammar" in body, "response_format" in body))
        key = json.dumps([body["messages"], body["max_tokens"]])
        if key not in self.answers:
            status(418, "no recorded answer to these messages").act(handler)
            return
        handler.server.stopping.wait(0.05)
        choice = json.loads(self.answers[key])["choices"][0]
        # An answer the model cut at its token limit is sent cut, as the engine would send it.
        ok(choice["message"]["content"], finish_reason=choice.get("finish_reason") or "stop").act(handler)


def _recorded_answers() -> dict[str, bytes]:
    answers = {}
    for path in (RECORDINGS / "responses").glob("*/*.json"):
        entry = json.loads(path.read_text())
        request = entry["request"]
        if (request.get("response_format") or {}).get("type") == "json_object":
            key = json.dumps([request["messages"], request["max_tokens"]])
            answers[key] = json.dumps(entry["response"]).encode()
    return answers


def test_a_brief_on_the_embedded_path_goes_to_the_engine_serve_keeps(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    weights = tmp_path / "weights.gguf"
    weights.write_bytes(b"GGUF")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("SUMMARIZER_MODEL_PATH", str(weights))
    stand_in = EngineStandIn(_recorded_answers())
    with FaultServer(otherwise=stand_in, max_requests=60, pages={"/health": {"status": "ok"}}) as server:
        # The fault server stands in for the engine `summarizer serve` keeps; serve.json says where.
        served = {
            "base_url": server.base_url.removesuffix("/v1"),
            "owner": os.getpid(),
            "model": str(weights),
            "slots": 2,
            "context_tokens": 4096,
        }
        serve_file = tmp_path / "xdg" / "summarizer" / "engine" / "serve.json"
        serve_file.parent.mkdir(parents=True)
        serve_file.write_text(json.dumps(served))
        with Summarizer(engine="server", cache="off", model=DEFAULT_WEIGHTS.name) as summarizer:
            assert summarizer.backend.slots() == 2
            brief = summarizer.summarize(read_path(EXAMPLE))
        assert server.most_in_flight >= 2
    assert brief.run.backend == "embedded" and brief.quotes and brief.headline
    assert stand_in.forms and set(stand_in.forms) == {(True, False)}, "not asked the engine's way"


# ---- a missing binary ----------------------------------------------------------------------------------


def test_a_missing_engine_binary_is_a_config_error_saying_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"SUMMARIZER_LLAMA_SERVER: .* is not an executable file"):
        find_server(tmp_path / "llama-server")


def test_the_command_line_says_the_engine_is_missing_and_exits_2(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("The mayor said the bridge will reopen on Monday after repairs to its deck.\n")
    result = CliRunner().invoke(
        app,
        ["brief", str(article), "--engine", "server", "--no-cache"],
        # A cache of the test's own: an engine that `summarizer serve` keeps for the user is not this one.
        env={
            "SUMMARIZER_LLAMA_SERVER": str(tmp_path / "no-such-llama-server"),
            "XDG_CACHE_HOME": str(tmp_path),
        },
    )
    assert result.exit_code == 2
    assert "is not an executable file (expected llama.cpp's llama-server)" in result.stderr
    assert "Traceback" not in result.stderr


# ---- the real engine ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def weights() -> Path:
    from summarizer.backends.client import _models_dir

    return ensure_weights(DEFAULT_WEIGHTS, _models_dir())


@pytest.fixture
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, weights: Path) -> Path:
    """The engine's logs and ``serve.json`` in a folder of the test's own; the real weights."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("SUMMARIZER_MODEL_PATH", str(weights))
    return tmp_path / "xdg" / "summarizer" / "engine"


def _env(**extra: str) -> dict[str, str]:
    """The test's environment for a child process, which imports this checkout's code."""
    return {**os.environ, "PYTHONPATH": str(ROOT), **extra}


def _engines_under(pid: int) -> list[int]:
    """The llama-server processes whose parent is ``pid``."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and (stat.parent / "comm").read_text().strip() == "llama-server":
                found.append(int(stat.parent.name))
    return found


def _gone(pid: int, within: float = 15.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state == "Z":  # ended, not yet reaped by its (dead) parent's reaper
            return True
        time.sleep(0.1)
    return False


@pytest.mark.embedded
def test_the_engine_starts_on_first_use_answers_and_stops_with_the_backend(isolated: Path) -> None:
    backend = open_backend(Settings.from_env(engine="server", cache=CacheMode.OFF))
    try:
        assert backend.slots() == 4
        assert _engines_under(os.getpid()) == [], "started before its first use"
        answer = backend.openai.chat.completions.create(
            model=backend.model, messages=[{"role": "user", "content": "Say yes."}], max_tokens=4
        )
        assert answer.choices[0].message.content
        (engine,) = _engines_under(os.getpid())
        logs = list(isolated.glob("llama-server-*.log"))
        assert logs and b"listening on http://127.0.0.1:" in logs[0].read_bytes()
    finally:
        backend.close()
    assert _gone(engine)


CHILD = """
import sys, time
from summarizer import Settings
from summarizer.backends.client import open_backend
backend = open_backend(Settings.from_env(engine="server", cache="off"))
backend.openai.chat.completions.create(  # starts it
    model=backend.model, messages=[{"role": "user", "content": "Say yes."}], max_tokens=1
)
print("ready", flush=True)
time.sleep(600)
"""


@pytest.mark.embedded
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_killing_the_parent_leaves_no_engine(isolated: Path, how: signal.Signals, spawn: Spawn) -> None:
    child = spawn([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, env=_env())
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        (engine,) = _engines_under(child.pid)
        child.send_signal(how)
        child.wait(timeout=HANG)
        assert _gone(engine), "the engine outlived its parent"
    finally:
        child.kill()
        for pid in _engines_under(child.pid):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.embedded
def test_a_port_in_use_is_a_clear_error(isolated: Path, weights: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        engine = LlamaServer(engine_options(Settings.from_env(), weights, slots=1, port=port), isolated)
        try:
            with pytest.raises(BackendError, match=rf"port {port} on 127.0.0.1 is in use.*its log is"):
                engine.ensure()
        finally:
            engine.stop()
        result = subprocess.run(
            [*SUMMARIZER, "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=HANG,
            env=_env(),
        )
    assert result.returncode == 1
    assert f"port {port} on 127.0.0.1 is in use" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture
def serve(isolated: Path) -> Iterator[subprocess.Popen[str]]:
    """``summarizer serve`` with two slots, ready."""
    process = subprocess.Popen(
        [*SUMMARIZER, "serve", "--slots", "2"],
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    assert process.stderr is not None
    line = process.stderr.readline()
    assert "the local engine listens at http://127.0.0.1:" in line, line
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=HANG)
        process.stderr.close()
        for pid in _engines_under(process.pid):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.embedded
def test_serve_keeps_one_engine_that_other_commands_use(serve: subprocess.Popen[str], isolated: Path) -> None:
    (engine,) = _engines_under(serve.pid)
    served = json.loads((isolated / "serve.json").read_text())
    assert served["owner"] == serve.pid and served["slots"] == 2
    with Summarizer(engine="server", cache="off") as summarizer:
        answer = summarizer.backend.openai.chat.completions.create(
            model=summarizer.backend.model, messages=[{"role": "user", "content": "Say yes."}], max_tokens=1
        )
        assert answer.choices
        assert summarizer.backend.slots() == 2
        assert _engines_under(os.getpid()) == [], "the command started an engine of its own"
    assert not _gone(engine, within=1), "closing a command stopped the served engine"
    serve.send_signal(signal.SIGINT)
    assert serve.wait(timeout=HANG) == 0
    assert _gone(engine)
    assert not (isolated / "serve.json").exists()


@pytest.mark.embedded
def test_an_engine_that_dies_mid_brief_fails_that_brief_clearly_and_keeps_the_finished_ones(
    isolated: Path, tmp_path: Path, spawn: Spawn
) -> None:
    # The example is answered from a copy of the recordings; the second article is new, so the engine
    # works on it when it is killed.
    cache = tmp_path / "cache"
    (cache / "responses").mkdir(parents=True)
    subprocess.run(["cp", "-r", f"{RECORDINGS}/responses/.", f"{cache}/responses/"], check=True)
    fresh = tmp_path / "fresh.txt"
    fresh.write_text(
        "date 2024-05-02\nThe city council voted on Tuesday to close the old harbour bridge for a year of "
        "repairs. “We had no choice,” said the mayor, Ana Ruiz. Ferries will run every twenty minutes from "
        "June, the council said.\n"
    )
    out = tmp_path / "out"
    command = spawn(
        [*SUMMARIZER, "brief", str(EXAMPLE), str(fresh), "-f", "json", "-o", f"{out}/", "--quiet"],
        stderr=subprocess.PIPE,
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "SUMMARIZER_CACHE_DIR": str(cache),
            "SUMMARIZER_ENGINE": "server",
        },
    )
    try:
        # The engine starts, loads the model and briefs the example first: on a machine busy with other
        # work (CI beside `yes`) that alone can take minutes; the bound only catches a hang.
        deadline = time.monotonic() + 5 * HANG
        killed = None
        while killed is None and time.monotonic() < deadline and command.poll() is None:
            engines = _engines_under(command.pid)
            if engines and (out / "russia-recalls-ambassador.json").exists() and _busy(isolated):
                os.kill(engines[0], signal.SIGKILL)
                killed = engines[0]
            time.sleep(0.2)
        assert killed is not None, "the engine was never seen answering the second article"
        _, err = command.communicate(timeout=HANG)
    finally:
        command.kill()
        for pid in _engines_under(command.pid):
            os.kill(pid, signal.SIGKILL)
    assert command.returncode == 1
    assert "fresh.txt: the local engine (llama-server) stopped (killed by SIGKILL); its log is" in err
    assert "Traceback" not in err
    Brief.model_validate_json((out / "russia-recalls-ambassador.json").read_text())
    assert not (out / "fresh.json").exists()


def _busy(engine_dir: Path) -> bool:
    """Whether the engine whose log is newest in ``engine_dir`` is answering a request."""
    logs = sorted(engine_dir.glob("llama-server-*.log"), key=lambda p: p.stat().st_mtime)
    if not logs:
        return False
    found = re.search(rb"listening on (http://127\.0\.0\.1:\d+)", logs[-1].read_bytes())
    if found is None:
        return False
    with contextlib.suppress(httpx2.HTTPError, ValueError):
        slots = httpx2.get(f"{found.group(1).decode()}/slots", timeout=2).json()
        return any(slot.get("is_processing") for slot in slots)
    return False
