"""Articles longer than the model's context: read in overlapping parts, merged into one brief whose
offsets point into the whole article. From recordings of the embedded model, its context set small."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from conftest import EXAMPLE, SHARED, recorded_settings
from faultserver import FaultServer
from typer.testing import CliRunner

from summarizer import Brief, InputError, Summarizer, read_path, source_from_text, summarize
from summarizer.analysis import analyze, nlp
from summarizer.analysis.nlp import parse
from summarizer.chunks import windows
from summarizer.cli import app
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


# ---- issue #31, defect 1: articles of megabytes -----------------------------------------------------


def test_a_text_over_spacys_limit_is_parsed_in_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """spaCy refuses a text over its ``max_length`` (1,000,000 characters; here made 5,000, so that the
    test is quick): the text is parsed a piece at a time, cut at paragraph ends, its offsets kept. The
    words and sentences are those of one parse; near the start of a piece, with less before it to go by,
    the tagger, parser and NER may now and then decide otherwise."""
    text = "\n\n".join([EXAMPLE.read_text(encoding="utf-8")] * 5)
    whole = parse(text)
    monkeypatch.setattr(nlp._pipeline(), "max_length", 5_000)
    cut = parse(text)
    assert cut.text == text
    assert [(t.idx, t.text) for t in cut] == [(t.idx, t.text) for t in whole]
    assert [(s.start_char, s.end_char) for s in cut.sents] == [
        (s.start_char, s.end_char) for s in whole.sents
    ]
    same = sum(
        (a.tag_, a.dep_, a.head.i) == (b.tag_, b.dep_, b.head.i) for a, b in zip(whole, cut, strict=True)
    )
    assert same >= 0.99 * len(whole)
    names = {(e.start_char, e.end_char, e.label_) for e in whole.ents}
    assert len(names & {(e.start_char, e.end_char, e.label_) for e in cut.ents}) >= 0.95 * len(names)
    analysis = analyze(source_from_text(text))
    assert analysis.passages and all(
        text[p.quoted.span.start : p.quoted.span.end] == p.quoted.text for p in analysis.passages
    )


def test_an_article_too_long_to_send_whole_is_refused_before_any_work(tmp_path: Path) -> None:
    """5 MB to a server that takes requests of up to 2 MB (the default): refused at once, saying the
    limit and how to read it in parts. (It spent 308 s in the preview, then crashed in spaCy.) The bound
    is a hang detector."""
    article = tmp_path / "page.txt"
    paragraph = EXAMPLE.read_text(encoding="utf-8").split("\n", 1)[1]
    article.write_text(
        "date 2021-03-18\n" + "\n\n".join([paragraph] * (5_000_000 // len(paragraph))), "utf-8"
    )
    started = time.monotonic()
    with FaultServer() as server:
        with pytest.raises(InputError, match=r"5\.\d MB.*2\.0 MB.*--context-tokens"):
            summarize(read_path(article), base_url=server.base_url, model="m", cache="off")
        result = CliRunner().invoke(
            app, ["brief", str(article), "--base-url", server.base_url, "--model", "m"]
        )
    assert time.monotonic() - started < 60
    assert server.requests == []
    assert result.exit_code == 1 and result.stderr.startswith("summarizer: error: ")
    assert "MB" in result.stderr and "--context-tokens" in result.stderr and "Traceback" not in result.stderr


def test_names_are_grouped_without_comparing_every_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    """A long page names thousands of people: each name is compared with the few that share a word with
    it, not with every other (all pairs took 37 s of the 110 s analysis of 100 kB)."""
    import itertools
    import random
    import string
    from collections import Counter

    from summarizer.analysis import aliases
    from summarizer.analysis.mentions import Mention
    from summarizer.models import Span

    calls: Counter[str] = Counter()
    for name in ("_same", "_spelling", "_person_part"):
        real = getattr(aliases, name)
        monkeypatch.setattr(aliases, name, lambda *a, _r=real, _n=name: calls.update([_n]) or _r(*a))
    letters = random.Random(31)
    people = [f"Anna {''.join(letters.choices(string.ascii_lowercase, k=8)).title()}" for _ in range(3000)]
    names = [*people, *(p.split()[-1] for p in people)]  # each named in full, then by surname
    text = ". ".join(names)
    starts = itertools.accumulate((len(n) + 2 for n in names), initial=0)
    mentions = [
        Mention(name, Span(start=at, end=at + len(name)), "PERSON", None)  # type: ignore[arg-type]
        for name, at in zip(names, starts, strict=False)
    ]
    assert [len(g) for g in aliases.group(mentions, text)] == [2] * len(people)
    assert sum(calls.values()) < 20 * len(names)  # every pair: 18 million
