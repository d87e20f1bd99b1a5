"""A brief already in the cache prints without loading the client stack or a model."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLE, RECORDINGS

SCRIPT = """
import sys, time
from pathlib import Path
started = time.perf_counter()
from summarizer import Summarizer, read_path, CacheMode, Settings
with Summarizer(Settings.from_env(cache=CacheMode.USE)) as s:
    brief = s.summarize(read_path(Path(sys.argv[1])))
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"openai", "instructor", "llama_cpp"})
print(round(time.perf_counter() - started, 3), ",".join(heavy) or "-", brief.headline != "")
"""


def run(cache: Path) -> list[str]:
    """Brief the example in a fresh interpreter: seconds, heavy modules loaded, whether it worked."""
    env = {"SUMMARIZER_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(EXAMPLE)], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.split()


def test_a_cached_brief_needs_no_heavy_import(tmp_path: Path) -> None:
    # The responses come from the recordings, so the first run needs no model either.
    shutil.copytree(RECORDINGS / "responses", tmp_path / "responses")
    _, heavy, ok = run(tmp_path)
    assert "openai" in heavy and ok == "True"
    _, heavy, ok = run(tmp_path)
    assert heavy == "-" and ok == "True"
