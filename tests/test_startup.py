"""A brief already in the cache prints without importing the stages that made it: no spaCy, no client stack,
no model, through the Python API and through the command line alike. How fast is benchmarks/startup.py's
business; these tests only say what is imported."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE, RECORDINGS, ROOT

# sqlite_utils probes for numpy and pandas: only an archive that needs its schema made or migrated uses it.
HEAVY = {"spacy", "llama_cpp", "httpx", "httpx2", "openai", "instructor", "sqlite_utils", "numpy"}
# The stages that make a brief: they import the heavy packages, and a cached brief needs none of them.
STAGES = {"summarizer.analysis", "summarizer.extract", "summarizer.backends.client"}

API = """
import sys
from pathlib import Path
from summarizer import CacheMode, Settings, Summarizer, read_path
with Summarizer(Settings.from_env(cache=CacheMode.USE)) as s:
    brief = s.summarize(read_path(Path(sys.argv[1])))
print(brief.headline)
print(" ".join(sys.modules), file=sys.stderr)
"""

# What the `summarizer` console script runs (pyproject.toml: summarizer.cli:app), with stdout a pipe.
CLI = """
import sys
from summarizer.cli import app
sys.argv = ["summarizer", "brief", sys.argv[1], "--format", "markdown"]
try:
    app()
finally:
    print(" ".join(sys.modules), file=sys.stderr)
"""


def run(script: str, cache: Path) -> tuple[str, set[str]]:
    """Brief the example in a fresh interpreter: what it printed, and the modules it imported."""
    # PYTHONPATH: this checkout's code, whichever one the interpreter's editable install points at.
    env = {
        "SUMMARIZER_CACHE_DIR": str(cache),
        "SUMMARIZER_ARCHIVE": str(cache / "archive.db"),
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-c", script, str(EXAMPLE)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return done.stdout, set(done.stderr.splitlines()[-1].split())


def heavy(modules: set[str]) -> set[str]:
    """The heavy packages and the stages among ``modules``."""
    return {m for m in modules if m.split(".")[0] in HEAVY} | (modules & STAGES)


@pytest.fixture(scope="module")
def cached(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A cache holding the example's brief, and that brief as the command line printed it when made."""
    cache = tmp_path_factory.mktemp("cache")
    # The responses come from the recordings, so making the brief needs no model either.
    shutil.copytree(RECORDINGS / "responses", cache / "responses")
    printed, modules = run(CLI, cache)
    # Made, not read from the cache: without it every heavy package is imported.
    assert {"openai", "spacy", "summarizer.analysis"} <= {m.split(".")[0] for m in modules} | modules
    return cache, printed


def test_a_cached_brief_needs_no_heavy_import(cached: tuple[Path, str]) -> None:
    cache, made = cached
    printed, modules = run(API, cache)
    assert made.startswith(f"# {printed}")
    assert heavy(modules) == set()


def test_the_command_line_prints_a_cached_brief_without_heavy_imports(cached: tuple[Path, str]) -> None:
    cache, made = cached
    printed, modules = run(CLI, cache)
    assert printed == made
    assert heavy(modules) == set()
    # Markdown into a pipe: nothing is shown on a terminal, so rich is not even imported.
    assert not {m for m in modules if m.split(".")[0] == "rich"}
