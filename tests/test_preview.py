"""Something useful at once: what the analysis found is shown before the model's first pass."""

from __future__ import annotations

import io

import pytest
from conftest import EXAMPLE
from rich.console import Console

from summarizer import Brief, Summarizer, read_path
from summarizer.render.preview import preview
from summarizer.render.progress import Display


def test_the_analysis_is_previewed_before_the_first_pass(
    recorded: Summarizer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # rich draws for a terminal
    display = Display(1, enabled=True)
    seen: list[str] = []
    found: list[Brief] = []

    def shown(brief: Brief) -> None:
        seen.append("preview")
        found.append(brief)
        display.preview(brief)

    display.begin("example")
    try:
        brief = recorded.summarize(read_path(EXAMPLE), progress=lambda name: seen.append(name), preview=shown)
    finally:
        display.stop()
    assert seen[0] == "preview" and len(seen) > 1, seen
    shown_on_screen = capsys.readouterr().err
    assert "found in the text so far" in shown_on_screen
    # Everything previewed stands unchanged in the finished brief: it needed no model.
    (early,) = found
    assert [a.name for a in early.actors] == [a.name for a in brief.actors]
    sure = [(q.text, q.speaker) for q in early.quotes if q.speaker_basis is not None]
    assert sure and set(sure) <= {(q.text, q.speaker) for q in brief.quotes}
    assert {e.when for e in early.events} >= {e.when for e in brief.events}


def test_the_preview_shows_sure_speakers_and_dates(recorded: Summarizer) -> None:
    found: list[Brief] = []
    recorded.summarize(read_path(EXAMPLE), preview=found.append)
    out = io.StringIO()
    Console(file=out, width=120, color_system=None).print(preview(found[0]))
    text = out.getvalue()
    assert "Maria Zakharova: “as long as they need,”" in text  # a quote with the speaker the parse names
    assert "2021-02 (month)  when the U.S. and Russia extended" in text  # a resolved date and its clause
