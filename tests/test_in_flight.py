"""One brief's independent requests in flight together, and a brief that does not depend on the order
their answers arrive."""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass
from typing import Any

import pytest
from conftest import EXAMPLE, RECORDINGS, recorded_settings
from faultserver import Behaviour, FaultServer, replaying

from summarizer import Brief, Summarizer, read_path
from summarizer.accounting import RunRecord, RunWarning, WarningKind
from summarizer.backends.weights import DEFAULT_WEIGHTS
from summarizer.extract.flight import InFlight


@dataclass
class Jumbled(Behaviour):
    """The recorded answer, after a delay drawn at random: answers arrive in another order than asked."""

    recorded: Behaviour
    rng: random.Random

    def act(self, handler: Any) -> None:
        handler.server.stopping.wait(self.rng.uniform(0.0, 0.4))
        self.recorded.act(handler)


def _brief(server: FaultServer) -> Brief:
    with Summarizer(
        base_url=server.base_url, model=DEFAULT_WEIGHTS.name, cache="off", response_format="json_object"
    ) as summarizer:
        return summarizer.summarize(read_path(EXAMPLE))


def _said(brief: Brief) -> Any:
    """Everything a brief says, but for what answered it, how fast, and from which cache."""
    return brief.model_dump(exclude={"run": {"seconds", "backend", "cached"}})


@pytest.mark.parametrize("seed", [1, 2])
def test_a_brief_does_not_depend_on_the_order_answers_arrive(seed: int) -> None:
    recorded = replaying(RECORDINGS / "responses", namespace=f"gguf:{DEFAULT_WEIGHTS.sha256}", delay=0.0)
    with FaultServer(otherwise=Jumbled(recorded, random.Random(seed)), max_requests=60) as server:
        brief = _brief(server)
        assert server.most_in_flight >= 2, "the brief's requests went one at a time"
    # The same requests asked one at a time, in the order they are made, by the in-process model.
    with Summarizer(recorded_settings(engine="in-process")) as one_at_a_time:
        alone = one_at_a_time.summarize(read_path(EXAMPLE))
    assert _said(brief) == _said(alone)


def test_the_first_request_goes_alone_and_warnings_keep_the_order_asked() -> None:
    record = RunRecord()
    order: list[str] = []
    running = threading.Semaphore(0)

    def first() -> str:
        order.append("first")
        return "first"

    def slow(name: str) -> str:
        # Each later request waits until the one after it has started: they are in flight together.
        running.acquire(timeout=5)
        order.append(name)
        return name

    def warns(name: str) -> str:
        from summarizer.extract.flight import call_warnings

        warnings = call_warnings()
        assert warnings is not None
        warnings.append(RunWarning(WarningKind.DROPPED, name, f"{name}: dropped"))
        running.release()
        return name

    with InFlight(4, record) as flight:
        one = flight.ask("things", first)
        assert order == ["first"], "the first request did not go alone"
        two = flight.ask("events", slow, "events")
        three = flight.ask("overview", warns, "overview")
        assert (one.result(), two.result(), three.result()) == ("first", "events", "overview")
    assert list(record.seconds) == ["things", "events", "overview"]
    assert [w.pass_name for w in record.warnings] == ["overview"]


def test_one_at_a_time_runs_in_the_callers_thread_in_the_order_asked() -> None:
    record = RunRecord()
    threads: list[str] = []
    with InFlight(1, record) as flight:
        for name in ("a", "b", "c"):
            flight.ask(name, lambda n=name: threads.append(f"{n}:{threading.current_thread().name}"))
    assert threads == [f"{n}:{threading.current_thread().name}" for n in "abc"]
