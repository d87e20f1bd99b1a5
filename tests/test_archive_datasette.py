"""`summarizer archive browse`: Datasette, a real server on 127.0.0.1, shows the archive's tables labelled and
faceted, and searches them. Datasette is an optional extra of the package and part of its dev extra, which
`make test` installs: without it these tests fail rather than skip."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest
from conftest import ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return str(response.read().decode("utf-8"))


@pytest.fixture(scope="module")
def datasette(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Datasette on an archive of the recorded briefs (the first version's archive, migrated on opening);
    its base URL. The server's whole process group is ended afterwards."""
    archive = tmp_path_factory.mktemp("datasette") / "archive.db"
    shutil.copy(ROOT / "tests" / "archives" / "archive-v1.db", archive)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "summarizer", "archive", "browse", "--archive", str(archive)]
    server = subprocess.Popen(
        [*command, "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # Datasette runs as its child: the group is ended together
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120  # a hang detector, not a speed check
        while True:
            assert server.poll() is None, server.communicate()[1]
            try:
                fetch(f"{base}/-/versions.json")
                break
            except OSError:
                assert time.monotonic() < deadline, "Datasette did not start"
                time.sleep(0.3)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.communicate()


def test_a_table_page_is_labelled_and_faceted(datasette: str) -> None:
    page = fetch(f"{datasette}/archive/quotes")
    assert "Words the articles put in quotation marks" in page  # the table's description
    assert "Dmitry Peskov" in page
    # Facets on the speaker and the date; foreign keys shown by their labels.
    facets = json.loads(fetch(f"{datasette}/archive/quotes.json"))["facet_results"]
    shown = {(facet["name"], facet["type"]) for facet in facets.values()}
    assert {("speaker", "column"), ("dateline", "date")} <= shown
    speakers = {row["value"]: row["count"] for row in facets["speaker"]["results"]}
    assert speakers["Dmitry Peskov"] == 4
    rows = json.loads(fetch(f"{datasette}/archive/quotes.json?_labels=on&_shape=array&speaker=Dmitry+Peskov"))
    assert len(rows) == 4
    assert {row["brief_id"]["label"] for row in rows} == {
        "Russia recalls ambassador to U.S. over Putin criticism"
    }


def test_a_search(datasette: str) -> None:
    found = json.loads(fetch(f"{datasette}/archive/quotes.json?_search=consultations&_shape=array"))
    assert {row["speaker"] for row in found} >= {"Maria Zakharova"}
    assert all("consultations" in row["text"].lower() for row in found)
    page = fetch(f"{datasette}/archive/consequences?_search=consultations")
    assert "consultations" in page and "1 row" in page
