"""End to end on the real embedded model: no recording, no network (about two and a half minutes)."""

from __future__ import annotations

import pytest
from conftest import EXAMPLE

from summarizer import Brief, CacheMode, Grounding, Settings, Summarizer, read_path


@pytest.mark.embedded
def test_the_embedded_model_briefs_the_example_article() -> None:
    pytest.importorskip("llama_cpp")
    source = read_path(EXAMPLE)
    with Summarizer(Settings.from_env(cache=CacheMode.OFF)) as summarizer:
        brief = summarizer.summarize(source)
    assert Brief.model_validate_json(brief.model_dump_json()) == brief
    assert brief.run.backend == "embedded" and brief.run.cached == 0
    assert brief.headline and brief.summary and brief.actors and brief.events
    assert len(brief.quotes) == 18
    for quote in brief.quotes:
        assert quote.grounding is Grounding.EXACT
        assert [source.text[s.start : s.end] for s in quote.spans] == [quote.text]
    assert sum(q.speaker is not None for q in brief.quotes) >= 14
