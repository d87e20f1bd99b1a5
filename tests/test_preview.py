"""Something useful at once: what the text shows is previewed as soon as the article is read, what the
analysis found once it is parsed, both before the model's first pass."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT
from rich.console import Console

from summarizer import Brief, Preview, Quote, Summarizer, read_path
from summarizer.render.preview import preview
from summarizer.render.progress import Display

# Stops at the second preview; says, at each, what was loaded and whether the backend was opened.
FRESH = """
import json, sys
from pathlib import Path
from summarizer import CacheMode, Summarizer, read_path
seen = []
def shown(found):
    heavy = {m.split(".")[0] for m in sys.modules} & {"spacy", "openai", "instructor", "llama_cpp"}
    seen.append({"parsed": found.parsed, "loaded": sorted(heavy), "backend": s._backend is not None,
                 "quotes": len(found.brief.quotes), "dates": len(found.brief.events)})
    if found.parsed:
        print(json.dumps(seen))
        raise SystemExit(0)
s = Summarizer(cache=CacheMode.OFF)
s.summarize(read_path(Path(sys.argv[1])), preview=shown)
"""


def test_the_text_is_previewed_before_spacy_is_imported(tmp_path: Path) -> None:
    # A fresh interpreter: this one may have imported spaCy for another test.
    env = {"SUMMARIZER_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", FRESH, str(EXAMPLE)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    quick, full = json.loads(done.stdout)
    assert quick == {"parsed": False, "loaded": [], "backend": False, "quotes": 18, "dates": 13}
    # The model's backend opens only at the first pass, after both previews.
    assert full == {"parsed": True, "loaded": ["spacy"], "backend": False, "quotes": 18, "dates": 13}


def test_both_previews_come_before_the_first_pass(
    recorded: Summarizer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # rich draws for a terminal
    display = Display(1, enabled=True)
    seen: list[str] = []
    found: list[Preview] = []

    def shown(it: Preview) -> None:
        seen.append("parsed" if it.parsed else "text")
        found.append(it)
        display.preview(it)

    display.begin("example")
    try:
        brief = recorded.summarize(read_path(EXAMPLE), progress=lambda name: seen.append(name), preview=shown)
    finally:
        display.stop()
    assert seen[:2] == ["text", "parsed"] and len(seen) > 2, seen
    shown_on_screen = capsys.readouterr().err
    # The text's preview is drawn first, and the parse's takes its place.
    assert 0 <= shown_on_screen.find("parsing for names") < shown_on_screen.find("the model is still reading")
    quick, full = found
    # Terms set in quotation marks are told from speech only by the parse: the text's preview has them too.
    assert {q.text for q in quick.brief.quotes} >= {q.text for q in brief.quotes}
    assert not quick.brief.actors and all(q.speaker is None for q in quick.brief.quotes)
    # Everything the parse's preview shows stands unchanged in the finished brief: it needed no model.
    # The model only takes out names it judged things; this article has none left to it ("Solar" of
    # "the Solar Winds hack" the parse itself reads as a piece of a thing's name).
    kept = {a.name for a in brief.actors}
    assert [a.name for a in full.brief.actors if a.name in kept] == [a.name for a in brief.actors]
    assert {a.name for a in full.brief.actors} <= kept
    # By name: an actor taken out renumbers the ones after it.
    sure = [(q.text, _speaker(full.brief, q)) for q in full.brief.quotes if q.speaker_basis is not None]
    assert sure and set(sure) <= {(q.text, _speaker(brief, q)) for q in brief.quotes}
    assert {e.when for e in quick.brief.events} == {e.when for e in full.brief.events}
    assert {e.when for e in full.brief.events} >= {e.when for e in brief.events}


def test_the_previews_show_quotes_dates_and_sure_speakers(recorded: Summarizer) -> None:
    found: list[Preview] = []
    recorded.summarize(read_path(EXAMPLE), preview=found.append)
    shown = []
    for it in found:
        out = io.StringIO()
        Console(file=out, width=120, color_system=None).print(preview(it))
        shown.append(out.getvalue())
    quick, full = shown
    assert "“as long as they need,”" in quick  # a quote, its speaker not yet known
    # A resolved date in its sentence, cut to keep the date's words in sight.
    assert "2020-11 (month)  … operations to help Donald Trump in last November’s election." in quick
    assert "Maria Zakharova: “as long as they need,”" in full  # a quote with the speaker the parse names
    assert "2021-02 (month)  The U.S. and Russia extended" in full  # a resolved date and its clause


def _speaker(brief: Brief, quote: Quote) -> str | None:
    actor = brief.actor(quote.speaker)
    return actor.name if actor else None
