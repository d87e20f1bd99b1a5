"""The response cache and the JSON store under it: hits, misses, damage, concurrency, secrets."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import httpx2
import pytest
from conftest import RECORDINGS, Spawn

from summarizer import Brief, MissingRecording, RunInfo, Settings
from summarizer.backends import identify
from summarizer.backends.cache import CACHE_HEADER, PROMPT_VERSION_HEADER, CacheTransport
from summarizer.briefcache import BriefCache
from summarizer.ingest import source_from_text
from summarizer.prompts import prompt_version
from summarizer.store import JsonStore, digest

COMPLETION = {
    "id": "x",
    "object": "chat.completion",
    "created": 0,
    "model": "m",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "{}"}, "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
}


class Counting(httpx2.BaseTransport):
    """A stand-in for a model server: answers every request and counts them."""

    def __init__(self) -> None:
        self.calls = 0

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        self.calls += 1
        return httpx2.Response(200, json=COMPLETION)


def ask(transport: httpx2.BaseTransport, body: dict[str, object], key: str = "sk-secret") -> httpx2.Response:
    with httpx2.Client(transport=transport, base_url="http://model/v1") as client:
        return client.post(
            "/chat/completions",
            json=body,
            headers={"Authorization": f"Bearer {key}", PROMPT_VERSION_HEADER: "1+abc"},
        )


def test_miss_then_hit(tmp_path: Path) -> None:
    inner = Counting()
    cache = CacheTransport(inner, tmp_path, namespace="n")
    body = {"model": "m", "messages": [{"role": "user", "content": "hi"}], "temperature": 0}
    first, second = ask(cache, body), ask(cache, body)
    assert first.json() == second.json() == COMPLETION
    assert inner.calls == 1
    assert (first.headers.get(CACHE_HEADER), second.headers.get(CACHE_HEADER)) == (None, "hit")


def test_key_covers_everything_that_determines_the_answer(tmp_path: Path) -> None:
    inner = Counting()
    cache = CacheTransport(inner, tmp_path, namespace="n")
    base = {"model": "m", "messages": [{"role": "user", "content": "hi"}], "temperature": 0}
    for body in (base, {**base, "temperature": 0.5}, {**base, "model": "other"}, {**base, "max_tokens": 9}):
        ask(cache, body)
    assert inner.calls == 4
    other_namespace = CacheTransport(inner, tmp_path, namespace="another backend")
    ask(other_namespace, base)
    assert inner.calls == 5


def test_entries_are_readable_and_hold_no_secret(tmp_path: Path) -> None:
    cache = CacheTransport(Counting(), tmp_path, namespace="n")
    ask(cache, {"model": "m", "messages": []}, key="sk-very-secret-key")
    files = list(tmp_path.rglob("*.json"))
    assert len(files) == 1
    text = files[0].read_text()
    assert "sk-very-secret-key" not in text
    entry = json.loads(text)
    assert entry["request"] == {"model": "m", "messages": []}
    assert entry["prompt_version"] == "1+abc", "an entry says which prompts it answered"


def test_every_recording_answers_the_current_prompts_under_its_own_key() -> None:
    """A recording is an answer to today's prompts, filed under the key today's request has: one that a
    prompt change left behind is found here, not by a replay that quietly never asks for it."""
    namespace = identify(Settings.from_env(cache="replay")).namespace
    recordings = sorted((RECORDINGS / "responses").rglob("*.json"))
    assert recordings
    for path in recordings:
        entry = json.loads(path.read_text(encoding="utf-8"))
        assert entry["prompt_version"] == prompt_version(), f"{path.name}: re-record it (`make record`)"
        key = digest(namespace, entry["prompt_version"], "/v1/chat/completions", entry["request"])
        assert key == path.stem, f"{path.name} is not filed under its request's key"


def test_a_corrupt_entry_is_a_miss_and_is_rewritten(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    inner = Counting()
    cache = CacheTransport(inner, tmp_path, namespace="n")
    body = {"model": "m", "messages": []}
    ask(cache, body)
    (entry,) = tmp_path.rglob("*.json")
    for damage in ('{"response": {"choi', "", "[]", '{"response": {"no": "choices"}}'):
        entry.write_text(damage)
        assert ask(cache, body).json() == COMPLETION
        assert json.loads(entry.read_text())["response"] == COMPLETION
    assert inner.calls == 5
    assert "damaged cache entry" in caplog.text


def test_replay_only_fails_loudly_on_a_miss(tmp_path: Path) -> None:
    with pytest.raises(MissingRecording, match="make record"):
        ask(CacheTransport(None, tmp_path, namespace="n"), {"model": "m"})


def test_concurrent_writers_in_threads_leave_whole_entries(tmp_path: Path) -> None:
    store = JsonStore(tmp_path)
    key = digest("same key")
    payloads = [{"writer": i, "blob": "x" * 50_000} for i in range(16)]
    threads = [threading.Thread(target=store.put, args=(key, p)) for p in payloads]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.get(key) in payloads
    assert not list(tmp_path.rglob(".tmp-*"))


WRITE_MANY = """
import sys
from pathlib import Path
from summarizer.store import JsonStore, digest
store, writer = JsonStore(Path(sys.argv[1])), int(sys.argv[2])
for n in list(range(20)) * 10:  # each key ten times, so the writers meet whatever their start
    store.put(digest(n), {"writer": writer, "n": n, "blob": "y" * 20_000})
"""


def test_concurrent_writers_in_processes_leave_whole_entries(tmp_path: Path, spawn: Spawn) -> None:
    # Interpreters that import the store alone: a multiprocessing child would import this module, and
    # pytest and the client stack with it, for each writer.
    writers = [spawn([sys.executable, "-c", WRITE_MANY, str(tmp_path), str(w)]) for w in range(4)]
    # A hang detector: each imports summarizer, on what may be a busy machine.
    assert [w.wait(timeout=300) for w in writers] == [0] * 4
    store = JsonStore(tmp_path)
    for n in range(20):
        entry = store.get(digest(n))
        assert entry is not None and entry["n"] == n


def test_a_writer_killed_halfway_leaves_the_old_entry(tmp_path: Path, spawn: Spawn) -> None:
    store = JsonStore(tmp_path)
    key = digest("k")
    store.put(key, {"version": "old"})
    # A child process starts writing a huge entry and is killed while it writes.
    script = (
        "import sys; from pathlib import Path; from summarizer.store import JsonStore;"
        f"JsonStore(Path({str(tmp_path)!r})).put({key!r}, {{'blob': 'z' * 400_000_000}})"
    )
    child = spawn([sys.executable, "-c", script])
    try:
        child.wait(timeout=0.8)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
    entry = store.get(key)
    # Old or new, never torn (on a machine fast enough to finish the write, the new one).
    assert entry == {"version": "old"} or (entry is not None and len(entry["blob"]) == 400_000_000)


def test_a_cached_brief_is_served_only_for_the_same_response_format(tmp_path: Path) -> None:
    """A server asked with no schema answers otherwise than one held to it: the brief cache keeps them
    apart."""
    source = source_from_text("date 2021-03-18\nThe council met on Wednesday and voted.")
    brief = Brief(
        headline="h", summary="s.", dateline=None, run=RunInfo(backend="b", model="m", prompt_version="1")
    )

    def cache(response_format: str) -> BriefCache:
        settings = Settings.from_env(
            base_url="http://127.0.0.1:9/v1", model="m", cache_dir=tmp_path, response_format=response_format
        )
        return BriefCache(settings)

    cache("json_schema").put(source, brief)
    assert cache("json_schema").get(source) == brief
    assert cache("none").get(source) is None
