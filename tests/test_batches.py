"""Batches against a real HTTP server with several articles in flight at once.

The server is the fault-injection server on 127.0.0.1 answering with the embedded model's recorded
answers (tests/recordings), each after a short delay, so requests overlap as they would on a real server
(a longer one where the overlap is what a test checks).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import EXAMPLE, RECORDINGS, ROOT, SUMMARIZER, Spawn
from faultserver import FaultServer, hang, rate_limited, replaying
from typer.testing import CliRunner

from summarizer import Brief, Summarizer, read_path
from summarizer.backends.weights import DEFAULT_WEIGHTS
from summarizer.cli import app

ARTICLES = [EXAMPLE, *sorted((ROOT / "tests" / "articles").glob("*.txt"))]


def _serving(delay: float) -> FaultServer:
    recorded = replaying(RECORDINGS / "responses", namespace=f"gguf:{DEFAULT_WEIGHTS.sha256}", delay=delay)
    return FaultServer(otherwise=recorded, max_requests=200)


@pytest.fixture
def server() -> Iterator[FaultServer]:
    """The recorded answers, each after 0.05 s."""
    with _serving(0.05) as server:
        yield server


@pytest.fixture
def slow_server() -> Iterator[FaultServer]:
    """The recorded answers, each after 0.2 s: long enough that a batch's requests surely overlap."""
    with _serving(0.2) as server:
        yield server


def brief_all(server: FaultServer, out: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        app,
        [
            "brief",
            *map(str, ARTICLES),
            "-f",
            "json",
            "-o",
            f"{out}/",
            "--base-url",
            server.base_url,
            "--model",
            DEFAULT_WEIGHTS.name,
            "--no-cache",
            *extra,
        ],
        env={"SUMMARIZER_RESPONSE_FORMAT": "json_object"},
    )
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stderr


def test_concurrent_briefs_overlap_and_equal_the_sequential_ones(
    slow_server: FaultServer, recorded: Summarizer, tmp_path: Path
) -> None:
    code, err = brief_all(slow_server, tmp_path, "--concurrency", "4")
    assert code == 0, err
    assert slow_server.most_in_flight >= 2, "the articles were briefed one after another"
    # llama-cpp-python's server defaults to 1.1; the embedded model's answers need 1.0.
    assert {r.json.get("repeat_penalty") for r in slow_server.requests} == {1.0}
    assert sorted(p.name for p in tmp_path.glob("*.json")) == sorted(f"{a.stem}.json" for a in ARTICLES)
    for article in ARTICLES:
        written = Brief.model_validate_json((tmp_path / f"{article.stem}.json").read_text())
        alone = recorded.summarize(read_path(article))
        assert written.quotes == alone.quotes
        assert written.actors == alone.actors
        assert written.events == alone.events


def test_rate_limits_under_concurrency_are_waited_out(server: FaultServer, tmp_path: Path) -> None:
    # Two 429s, one fewer than a request's attempts: whichever requests of the four in flight meet them
    # (all on one, when the others are still being parsed), every article must still be briefed.
    server.script(*[rate_limited(retry_after=0.1) for _ in range(2)])
    code, err = brief_all(server, tmp_path, "--concurrency", "4")
    assert code == 0, err
    assert len(list(tmp_path.glob("*.json"))) == len(ARTICLES)
    asked = [r.body for r in server.requests if r.path.endswith("/chat/completions")]
    assert len(asked) == len(set(asked)) + 2  # each 429 was asked again, the same request


def test_a_failing_article_does_not_stop_the_others(server: FaultServer, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    ARTICLES.append(missing)
    try:
        code, err = brief_all(server, tmp_path / "out", "--concurrency", "3")
    finally:
        ARTICLES.remove(missing)
    assert code == 1
    assert "missing.txt" in err
    assert len(list((tmp_path / "out").glob("*.json"))) == len(ARTICLES)


def test_the_in_process_model_takes_one_article_at_a_time(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["brief", str(EXAMPLE), str(EXAMPLE), "-f", "json", "--concurrency", "2", "-o", f"{tmp_path}/"],
        env={
            "SUMMARIZER_CACHE": "replay",
            "SUMMARIZER_CACHE_DIR": str(RECORDINGS),
            "SUMMARIZER_ENGINE": "in-process",
        },
    )
    assert result.exit_code == 0, result.stderr
    assert "one article at a time" in result.stderr
    assert json.loads((tmp_path / "russia-recalls-ambassador.json").read_text())["quotes"]


@pytest.mark.parametrize("concurrency", ["1", "2"])
def test_ctrl_c_ends_the_batch_at_once_with_requests_in_flight(
    concurrency: str, tmp_path: Path, spawn: Spawn
) -> None:
    """Requests still waiting on a server that hangs do not keep an interrupted batch alive. (The child
    takes SIGINT as a terminal's Ctrl-C, whatever started the tests; the fixture ends it should this
    fail; the bounds are hang detectors, generous for a busy machine.)"""
    with FaultServer(otherwise=hang(600)) as server:
        command = [*SUMMARIZER, "brief", *map(str, ARTICLES[:3]), "-o", f"{tmp_path}/"]
        command += ["--base-url", server.base_url, "--model", "m", "--no-cache", "-j", concurrency]
        batch = spawn(command, stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"})
        waited = time.monotonic()
        while len(server.requests) < int(concurrency):
            assert batch.poll() is None, batch.communicate()[1]
            assert time.monotonic() - waited < 300, "no request reached the server"
            time.sleep(0.05)
        batch.send_signal(signal.SIGINT)
        _, err = batch.communicate(timeout=120)  # the server would hang for 600 s
    assert batch.returncode == 130
    assert "interrupted; 0 of 3 briefs written" in err and "Traceback" not in err
