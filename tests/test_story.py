"""Story briefs: several articles about one story merged, from recordings of the embedded model."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import EXAMPLE, RECORDING, RECORDINGS, ROOT
from typer.testing import CliRunner

from summarizer import Story, Summarizer, merge_briefs, read_path
from summarizer.cli import app
from summarizer.models import When

STORY = sorted((ROOT / "tests" / "articles" / "story").glob("a380-*.txt"))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app,
        list(args),
        env={
            "SUMMARIZER_CACHE": "record" if RECORDING else "replay",
            "SUMMARIZER_CACHE_DIR": str(RECORDINGS),
        },
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def story() -> Story:
    code, out, err = run("story", *map(str, STORY), "-f", "json")
    assert code == 0, err
    return Story.model_validate_json(out)


def test_a_story_keeps_every_quote_with_its_article(story: Story) -> None:
    assert [s.origin for s in story.sources] == [str(p) for p in STORY]
    texts = {s.id: read_path(p).text for s, p in zip(story.sources, STORY, strict=True)}
    assert story.quotes
    for quote in story.quotes:
        text = texts[quote.source.source]
        assert [text[s.start : s.end] for s in quote.source.spans] == [quote.text]


def test_actors_are_unified_across_articles(story: Story) -> None:
    names = [a.name.casefold() for a in story.actors]
    assert len(names) == len(set(names))
    both = [a for a in story.actors if len(a.in_sources) == 2]
    assert both, "no actor was found in both articles"
    for actor in story.actors:
        assert set(actor.in_sources) <= {s.id for s in story.sources}


def test_one_timeline_in_date_order(story: Story) -> None:
    days = [e.when.value for e in story.timeline if e.when and e.when.value and len(e.when.value) == 10]
    assert days == sorted(days)
    assert {m.source for e in story.timeline for m in e.sources} == {"s1", "s2"}


def test_the_latest_article_gives_the_headline(story: Story) -> None:
    latest = max(story.sources, key=lambda s: s.dateline or dt.date.min)
    assert story.headline == latest.headline


def test_markdown_note(tmp_path: Path) -> None:
    code, _, err = run("story", *map(str, STORY), "-f", "markdown", "-o", str(tmp_path / "story.md"))
    assert code == 0, err
    note = (tmp_path / "story.md").read_text()
    for section in ("## Sources", "## Where the sources disagree", "## Actors", "## Timeline", "## Quotes"):
        assert section in note


def test_a_story_needs_two_articles() -> None:
    code, _, err = run("story", str(STORY[0]))
    assert code == 2
    assert "at least two articles" in err


def test_a_failed_article_leaves_the_story_of_the_others(tmp_path: Path) -> None:
    code, out, err = run("story", *map(str, STORY), str(tmp_path / "missing.txt"), "-f", "json")
    assert code == 1
    assert "missing.txt" in err
    assert len(Story.model_validate_json(out).sources) == 2


def test_disagreements_on_dates_and_speakers_are_listed(recorded: Summarizer) -> None:
    brief = recorded.summarize(read_path(EXAMPLE))
    assert merge_briefs([("a", brief), ("b", brief)]).disagreements == []
    dated = next(i for i, e in enumerate(brief.events) if e.when and e.when.value and len(e.when.value) == 10)
    event = brief.events[dated]
    assert event.when is not None and event.when.value is not None
    other_day = (dt.date.fromisoformat(event.when.value) - dt.timedelta(days=1)).isoformat()
    spoken = next(i for i, q in enumerate(brief.quotes) if q.speaker)
    other_speaker = next(a.id for a in brief.actors if a.id != brief.quotes[spoken].speaker)
    other = brief.model_copy(
        update={
            "events": [
                e.model_copy(update={"when": When(text="yesterday", value=other_day)}) if i == dated else e
                for i, e in enumerate(brief.events)
            ],
            "quotes": [
                q.model_copy(update={"speaker": other_speaker}) if i == spoken else q
                for i, q in enumerate(brief.quotes)
            ],
        }
    )
    story = merge_briefs([("a", brief), ("b", other)])
    about = {(d.about, d.subject) for d in story.disagreements}
    assert ("date", event.what) in about
    assert ("speaker", brief.quotes[spoken].text) in about
    date = next(d for d in story.disagreements if d.about == "date")
    assert {c.source for c in date.claims} == {"s1", "s2"}
    assert any(other_day in c.says for c in date.claims)
