"""Articles longer than the model's context: read in overlapping parts, merged into one brief whose
offsets point into the whole article. From recordings of the embedded model, its context set small."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLE, SHARED, recorded_settings

from summarizer import Brief, Summarizer, read_path
from summarizer.chunks import windows
from summarizer.config import EMBEDDED_CONTEXT_TOKENS

GOLD = SHARED / "eval" / "seed-gold.json"
SMALL_CONTEXT = 2048  # the example (about 1,000 tokens) then needs two parts


@pytest.fixture(scope="module")
def parts() -> tuple[Brief, Brief]:
    """The example briefed whole, and in parts."""
    with (
        Summarizer(recorded_settings()) as whole,
        Summarizer(recorded_settings(context_tokens=SMALL_CONTEXT)) as cut,
    ):
        source = read_path(EXAMPLE)
        return whole.summarize(source), cut.summarize(source)


def test_the_article_was_read_in_parts(parts: tuple[Brief, Brief]) -> None:
    whole, cut = parts
    assert not any("parts" in w for w in whole.run.warnings)
    assert any("read in 2 overlapping parts" in w for w in cut.run.warnings)
    assert len(cut.run.seconds) > 0


def test_every_quote_once_verbatim_with_offsets_into_the_whole_article(parts: tuple[Brief, Brief]) -> None:
    whole, cut = parts
    text = read_path(EXAMPLE).text
    assert [q.text for q in cut.quotes] == [q.text for q in whole.quotes]
    for quote in cut.quotes:
        assert [text[s.start : s.end] for s in quote.spans] == [quote.text]


@pytest.mark.shared
def test_actors_and_events_are_not_repeated(parts: tuple[Brief, Brief]) -> None:
    _, cut = parts
    names = [n.casefold() for a in cut.actors for n in (a.name, *a.aliases)]
    assert len(names) == len(set(names))
    # An event is a time expression and its sentence: one sentence may date several events.
    evidence = [(e.spans[0].start, e.when.span.start if e.when and e.when.span else None) for e in cut.events]
    assert len(evidence) == len(set(evidence))
    gold = json.loads(GOLD.read_text())
    assert set(gold["key_actors"]) <= set(a for a in cut.actors for a in (a.name, *a.aliases))


def test_a_20000_word_article_fits_the_context_part_by_part() -> None:
    example = read_path(EXAMPLE)
    body = example.text[example.body_start :]
    text = "\n\n".join([body] * (20_000 // len(body.split()) + 1))
    assert len(text.split()) >= 20_000
    with Summarizer(recorded_settings()) as summarizer:
        count = summarizer.backend.count_tokens
        budget = EMBEDDED_CONTEXT_TOKENS - 1400
        found = windows(text, 0, budget, count)
        assert len(found) >= 10
        # Counted whole, a window may differ from the sum of its pieces by a token at each seam.
        assert all(count(text[w.shown.start : w.shown.end]) <= budget + 20 for w in found)
