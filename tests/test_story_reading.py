"""What a reader of a story brief sees, on two recorded pairs of articles about one story: no text cut
mid-word, one timeline entry per happening with every source that tells it, terms apart from speech."""

from __future__ import annotations

import re

import pytest
from conftest import RECORDING, RECORDINGS, ROOT
from typer.testing import CliRunner

from summarizer import Story
from summarizer.cli import app

PAIRS = {
    "a380": ["a380-delivered.txt", "a380-in-service.txt"],
    "iphone4": ["iphone4-free-cases.txt", "iphone4-executive-leaves.txt"],
}
NOT_ACTORS = {
    "First Airbus A380", "A380", "Special", "GMT", "Toulouse", "Sydney", "Airbus President",
    "Executive Officer", "Delivery Center",
}  # fmt: skip


def _story(pair: str, fmt: str) -> str:
    paths = [str(ROOT / "tests" / "articles" / "story" / name) for name in PAIRS[pair]]
    env = {"SUMMARIZER_CACHE": "record" if RECORDING else "replay", "SUMMARIZER_CACHE_DIR": str(RECORDINGS)}
    result = CliRunner().invoke(app, ["story", *paths, "-f", fmt], env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module", params=list(PAIRS))
def pair(request: pytest.FixtureRequest) -> tuple[str, Story]:
    return request.param, Story.model_validate_json(_story(request.param, "json"))


def test_no_text_is_cut(pair: tuple[str, Story]) -> None:
    _, story = pair
    assert re.search(r"[.!?]['’\")]*$", story.summary), story.summary
    for text in [story.headline, story.summary, *(e.what for e in story.timeline)]:
        assert text == text.strip() and text, text
        assert not re.search(r"\w[A-Z]$", text), text  # "…next year. TheA"


def test_terms_are_not_quotes_and_speakers_are_named(pair: tuple[str, Story]) -> None:
    name, story = pair
    quoted = {q.text: story.actor(q.speaker) for q in story.quotes}
    assert "special charity-flight" not in quoted
    if name == "a380":
        milestone = next(
            actor for text, actor in quoted.items() if text.startswith("This is a major milestone")
        )
        assert milestone is not None and milestone.name == "Tom Enders"


def test_none_of_the_non_actors(pair: tuple[str, Story]) -> None:
    _, story = pair
    assert not {a.name for a in story.actors} & NOT_ACTORS


def test_a_happening_both_articles_tell_is_one_entry(pair: tuple[str, Story]) -> None:
    name, story = pair
    if name == "a380":
        for day in ["2007-10-25", "2007-10-28"]:
            entries = [e for e in story.timeline if e.when is not None and e.when.value == day]
            assert len(entries) == 1, [e.what for e in entries]
            assert {m.source for m in entries[0].sources} == {"s1", "s2"}
    else:
        # The press conference of July 16, told by both; the first article also tells that day's
        # announcement twice more in other words, which stay entries of their own (one source each).
        entries = [e for e in story.timeline if e.when is not None and e.when.value == "2010-07-16"]
        assert [{m.source for m in e.sources} for e in entries].count({"s1", "s2"}) == 1


@pytest.mark.parametrize("fmt", ["markdown", "rich"])
def test_every_format_shows_the_story_whole(fmt: str) -> None:
    shown = _story("a380", fmt)
    assert "TheA" not in shown and "special charity-flight” —" not in shown
    assert "Tom Enders" in shown
