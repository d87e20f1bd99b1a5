"""Shared fixtures: a clean environment, and recordings of real model runs replayed offline.

Every test runs with the summarizer's environment variables removed and its cache in a temporary folder.
Tests that need a model take the ``recorded`` fixture: a Summarizer that answers only from the
recordings in tests/recordings (a missing one fails loudly). `make record` re-runs them with
SUMMARIZER_RECORD=1, when a miss asks the real embedded model and stores its answer.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer import CacheMode, Settings, Summarizer

ROOT = Path(__file__).resolve().parent.parent
RECORDINGS = ROOT / "tests" / "recordings"
EXAMPLE = ROOT / "examples" / "russia-recalls-ambassador.txt"
SHARED = ROOT.parent / "shared"
RECORDING = os.environ.get("SUMMARIZER_RECORD") == "1"


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
