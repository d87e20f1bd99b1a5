"""Articles off the beaten path, from recordings of the real embedded model: no quotes, not English."""

from __future__ import annotations

import datetime as dt

from conftest import ROOT

from summarizer import Brief, Summarizer, read_path

ARTICLES = ROOT / "tests" / "articles"


def test_an_article_without_quotes(recorded: Summarizer) -> None:
    source = read_path(ARTICLES / "no-quotes.txt")
    brief = recorded.summarize(source)
    assert Brief.model_validate_json(brief.model_dump_json()) == brief
    assert brief.quotes == []
    assert brief.headline and brief.actors
    dates = {e.when.value for e in brief.events if e.when}
    assert "2023-09-12" in dates, "Tuesday before a Thursday dateline"


def test_an_article_in_spanish_with_guillemets(recorded: Summarizer) -> None:
    source = read_path(ARTICLES / "non-english.txt")
    brief = recorded.summarize(source)
    assert brief.dateline == dt.date(2022, 6, 10)
    # «insuficiente», one word set in guillemets with no verb of speech beside it, is a term, not a quote.
    assert [q.text for q in brief.quotes] == ["Es el mayor paquete de ayudas de la última década"]
    for quote in brief.quotes:
        assert [source.text[s.start : s.end] for s in quote.spans] == [quote.text]
