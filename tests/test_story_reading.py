"""What a reader of a brief or a story brief sees (issue #19), on the example brief and two recorded pairs
of articles about one story, in every output format: no text cut, one timeline entry per happening with
every source that tells it, terms apart from speech, no names that are not actors."""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser
from typing import Literal, NamedTuple

import pytest
from conftest import EXAMPLE, RECORDING, RECORDINGS, ROOT
from rich.console import Console
from rich.markdown import Markdown
from typer.testing import CliRunner

from summarizer import Brief, Story, Summarizer, read_path
from summarizer.cli import app
from summarizer.ingest import Source
from summarizer.models import Span
from summarizer.render import Format, render
from summarizer.render.markdown import inline
from summarizer.render.page import escape
from summarizer.render.story import story_markdown
from summarizer.render.story_html import story_html

STORIES = ROOT / "tests" / "articles" / "story"
PAIRS = {
    "a380": ["a380-delivered.txt", "a380-in-service.txt"],
    "iphone4": ["iphone4-free-cases.txt", "iphone4-executive-leaves.txt"],
}
NOT_ACTORS = {
    "First Airbus A380", "A380", "Special", "GMT", "Toulouse", "Sydney", "Airbus President",
    "Executive Officer", "Delivery Center",
}  # fmt: skip
FORMATS = list(Format)
# Words no sentence ends with: a line ending in one was stopped mid-sentence ("…from Singapore and").
DANGLING = frozenset("a an the and or but of to in on at by for with from as that".split())
ENDINGS = ("s", "es", "d", "ed", "ing")


def _cli(*args: str) -> str:
    env = {"SUMMARIZER_CACHE": "record" if RECORDING else "replay", "SUMMARIZER_CACHE_DIR": str(RECORDINGS)}
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _story(pair: str, fmt: str) -> str:
    return _cli("story", *(str(STORIES / name) for name in PAIRS[pair]), "-f", fmt)


@cache
def _merged(pair: str) -> Story:
    return Story.model_validate_json(_story(pair, "json"))


@pytest.fixture(scope="module", params=list(PAIRS))
def pair(request: pytest.FixtureRequest) -> tuple[str, Story]:
    return request.param, _merged(request.param)


def _articles(pair: str) -> dict[str, str]:
    """Each source's article text by its story id."""
    return {f"s{n}": read_path(STORIES / name).text for n, name in enumerate(PAIRS[pair], start=1)}


# --- no text cut -----------------------------------------------------------------------------------------


def _cut(text: str, words: set[str]) -> str | None:
    """Why ``text`` looks cut, or None: it ends inside a word (its last word is no word of the articles,
    in any of its endings: "…next year. TheA"), or on a word no sentence ends with."""
    found = re.findall(r"\w[\w’'.-]*\w|\w", text)
    if not found or text != text.strip():
        return "empty or padded"
    last = found[-1].rstrip(".")
    if last.casefold() in DANGLING:
        return f"ends on {last!r}"
    # A word of the articles, or one with an ending added ("needed", the article's "need"), or another
    # form of one that keeps its stem and differs only at its end ("criticism", "criticizing").
    word = last.casefold()
    if word in words or any(word.endswith(e) and word[: -len(e)] in words for e in ENDINGS):
        return None
    if not any(_shared_start(word, w) >= max(5, len(word) - 4) for w in words):
        return f"ends in {last!r}, no word of the articles"
    return None


def _shared_start(one: str, other: str) -> int:
    return sum(1 for _ in itertools.takewhile(lambda pair: pair[0] == pair[1], zip(one, other, strict=False)))


def _words(*texts: str) -> set[str]:
    return {w.rstrip(".").casefold() for text in texts for w in re.findall(r"\w[\w’'.-]*\w|\w", text)}


def _assert_nothing_cut(summary: str, lines: list[str], passages: list[_Passage], words: set[str]) -> None:
    """The summary the model wrote as sentences ends with its closing punctuation; each line (headline,
    names, events) ends on a whole word that can end a sentence; each passage of an article's own is its
    words at its span, ending at the end of a word, a quote where the article's quotation marks close."""
    assert re.search(r"[.!?][’”\"')]*$", summary), summary
    for text in [summary, *lines]:
        assert _cut(text, words) is None, (text, _cut(text, words))
    for text, article, span, quoted in passages:
        assert article[span.start : span.end] == text
        assert span.end == len(article) or not article[span.end].isalnum(), text
        if quoted:
            assert article[span.end :].lstrip()[:1] in "\"”’'", text


class _Passage(NamedTuple):
    text: str
    article: str
    span: Span
    quoted: bool


def _story_fields(story: Story) -> list[str]:
    """Every text of the story a reader sees in every format."""
    return [
        story.headline,
        story.summary,
        *(s.headline for s in story.sources),
        *(a.name for a in story.actors),
        *(a.role for a in story.actors if a.role),
        *(e.what for e in story.timeline),
        *(q.text for q in story.quotes),
        *(c.what for c in story.consequences),
        *(d.subject for d in story.disagreements),
    ]


def test_no_field_of_a_story_is_cut(pair: tuple[str, Story]) -> None:
    name, story = pair
    articles = _articles(name)
    passages = [
        *(_Passage(q.text, articles[q.source.source], q.source.spans[0], True) for q in story.quotes),
        *(_Passage(c.what, articles[c.source.source], c.source.spans[0], False) for c in story.consequences),
    ]
    lines = [story.headline, *(a.name for a in story.actors), *(e.what for e in story.timeline)]
    _assert_nothing_cut(story.summary, lines, passages, _words(*articles.values()))


def test_the_cut_texts_of_issue_19_are_caught() -> None:
    words = _words(*_articles("a380").values())
    for cut in [
        "Terminal 3 will open its doors in January next year. TheA",
        "The first flight will take off from Singapore and",
        "The A380 will begin regular service on the Singapore-Sydney route on",
        "It lands at Changi, near the SGD1.75-billionTerminal",
    ]:
        assert _cut(cut, words) is not None, cut
    assert _cut("Terminal 3 will open its doors in January next year", words) is None
    assert _cut("The A380 landed", words) is None  # "land" with an ending


def _rich(markdown: str) -> str:
    """What a terminal shows of a Markdown note, wide enough that no line is wrapped."""
    buffer = io.StringIO()
    Console(file=buffer, width=2000, color_system=None, emoji=False, highlight=False).print(
        Markdown(markdown)
    )
    return buffer.getvalue()


def _flat(text: str) -> str:
    return " ".join(text.replace("│", " ").split())


def _shown(fmt: str, field: str, output: str) -> bool:
    """Whether ``field`` is shown whole in ``output``, written as the format writes text."""
    if fmt == "markdown":
        return inline(field) in output
    if fmt == "html":
        return _flat(field) in _flat(_Text.of(output))
    return _flat(field) in _flat(output)


class _Text(HTMLParser):
    """The text a browser shows of a page, entities decoded."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    @classmethod
    def of(cls, page: str) -> str:
        parser = cls()
        parser.feed(page)
        return "".join(parser.parts)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_shows_every_story_field_whole(pair: tuple[str, Story], fmt: str) -> None:
    _, story = pair
    if fmt == "json":
        output = story.model_dump_json()
        assert Story.model_validate_json(output) == story
        return
    output = {"markdown": story_markdown, "html": story_html}.get(fmt, lambda s: _rich(story_markdown(s)))(
        story
    )
    for field in _story_fields(story):
        assert _shown(fmt, field, output), (fmt, field)


@pytest.fixture(scope="module")
def example(recorded: Summarizer) -> tuple[Brief, Source]:
    source = read_path(EXAMPLE)
    return recorded.summarize(source), source


def test_no_field_of_the_example_brief_is_cut(example: tuple[Brief, Source]) -> None:
    brief, source = example
    passages = [
        *(_Passage(q.text, source.text, q.spans[0], True) for q in brief.quotes),
        *(_Passage(c.what, source.text, c.spans[0], False) for c in brief.consequences),
    ]
    lines = [brief.headline, *(a.name for a in brief.actors), *(e.what for e in brief.events)]
    _assert_nothing_cut(brief.summary, lines, passages, _words(source.text))


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_shows_every_field_of_the_example_brief_whole(
    example: tuple[Brief, Source], fmt: Literal["rich", "markdown", "json", "html"]
) -> None:
    brief, source = example
    output = render(brief, source, fmt, width=2000)
    if fmt == "json":
        assert Brief.model_validate_json(output) == brief
        return
    if fmt == "html":
        output = output[: output.index('<main class="article"')]  # the brief's column, not the article
    fields = [
        brief.headline,
        *(s.sentence for s in brief.summary_support),  # each summary sentence is shown with its mark
        *(a.name for a in brief.actors),
        *(e.what for e in brief.events),
        *(q.text for q in brief.quotes),
        *(c.what for c in brief.consequences),
    ]
    for field in fields:
        assert _shown(fmt, field, output), (fmt, field)


# --- one entry per happening; terms; actors ----------------------------------------------------------------


def test_a_happening_both_articles_tell_is_one_entry(pair: tuple[str, Story]) -> None:
    name, story = pair
    if name == "a380":
        for day in ["2007-10-25", "2007-10-28"]:
            (entry,) = [e for e in story.timeline if e.when is not None and e.when.value == day]
            assert [m.source for m in entry.sources] == ["s1", "s2"]
        return
    # July 16, as the first article tells it three times: "Apple Inc. announced Friday that it will give
    # … a free case" (its lede), "The announcement came in a rare press conference …", and "Jobs said
    # yesterday that Apple will offer a free case …". The lede and Jobs's words are one happening told
    # twice: one entry, the source listed once with both spans. The press conference, named as the
    # announcement's ("The announcement [by Apple Inc.] came …"), is the same happening and joins them;
    # so does the second article's "In a July 16 press conference, Jobs said … a free case".
    day = [e for e in story.timeline if e.when is not None and e.when.value == "2010-07-16"]
    assert len(day) <= 2, [e.what for e in day]
    assert [[m.source for m in e.sources] for e in day].count(["s1", "s2"]) == 1
    assert sum(len(m.spans) for e in day for m in e.sources if m.source == "s1") == 4


def test_terms_are_not_quotes_and_speakers_are_named(pair: tuple[str, Story]) -> None:
    name, story = pair
    quoted = {q.text: story.actor(q.speaker) for q in story.quotes}
    assert not [text for text in quoted if "charity-flight" in text]
    if name == "a380":
        (milestone,) = [q for q in story.quotes if q.text.startswith("This is a major milestone")]
        speaker = story.actor(milestone.speaker)
        assert speaker is not None and speaker.name == "Tom Enders"
        assert milestone.speaker_basis is not None and milestone.speaker_basis.value == "analysis"


def test_terms_of_the_iphone_articles_are_not_quotes() -> None:
    spoken = {q.text.strip(" ,") for q in _merged("iphone4").quotes if q.speaker is not None}
    assert not spoken & {"death grip", "Antennagate", "bumper"}


def test_products_are_not_actors() -> None:
    # "iPhone" is an organization's name taken with an article; the model judges "iPod Touch" ("some
    # related to the iPod Touch") a thing.
    assert not {a.name for a in _merged("iphone4").actors} & {"iPhone", "iPod Touch"}


def test_a_product_line_named_in_a_title_is_no_actor() -> None:
    # "senior vice president for Macintosh engineering": a line of the employer's products, read off the
    # role (analysis/things.py), which the model had judged a division and an actor.
    assert "Macintosh" not in {a.name for a in _merged("iphone4").actors}


def test_none_of_the_non_actors(pair: tuple[str, Story]) -> None:
    _, story = pair
    assert not {n for a in story.actors for n in (a.name, *a.aliases)} & NOT_ACTORS


def test_one_company_under_its_short_and_its_legal_name_is_one_actor(pair: tuple[str, Story]) -> None:
    name, story = pair
    if name == "iphone4":
        (apple,) = [a for a in story.actors if "Apple" in (a.name, *a.aliases)]
        # "Apple Inc." and "Apple" are one company, named without its legal form.
        assert apple.name == "Apple" and set(apple.in_sources) == {"s1", "s2"}


@pytest.mark.parametrize("fmt", ["markdown", "rich"])
def test_the_a380_story_note_reads_as_issue_19_asks(fmt: str) -> None:
    note = _story("a380", fmt)
    if fmt == "rich":
        note = _rich(note)  # what a terminal shows; not a terminal here, the command writes the Markdown
    lines = note.splitlines()
    for day in ["2007-10-25", "2007-10-28"]:
        (entry,) = [line for line in lines if day in line]
        assert "s1, s2" in entry
    flat = _flat(note.replace("*", ""))
    milestone = flat.index("This is a major milestone")
    assert "Tom Enders, full quote, found by analysis" in flat[milestone : flat.index("(s1)", milestone)]
    quoted = [line for line in lines if line.lstrip().startswith((">", "▌"))]
    assert quoted and not [line for line in quoted if "charity-flight" in line]
    for name in NOT_ACTORS:
        assert not re.search(rf"[|│] {re.escape(name)} +[|│]", note), name


# --- the A380 story as HTML ---------------------------------------------------------------------------------


class _Items(HTMLParser):
    """The text of each list item of the page, by the section it stands in."""

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[str, list[str]] = {}
        self.inner: dict[str, list[str]] = {}
        self._section = ""
        self._depth = 0
        self._texts: list[str] = []
        self._html: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section":
            self._section = dict(attrs).get("id") or ""
        # Items are the list items of class "item"; a list inside one (a disagreement's claims) is its own.
        if tag == "li" and (self._depth or "item" in (dict(attrs).get("class") or "").split()):
            self._depth += 1
        if self._depth:
            self._html.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._html.append(f"</{tag}>")
        if tag == "li" and self._depth:
            self._depth -= 1
            if not self._depth:
                self.items.setdefault(self._section, []).append(" ".join("".join(self._texts).split()))
                self.inner.setdefault(self._section, []).append("".join(self._html))
                self._texts, self._html = [], []

    def handle_data(self, data: str) -> None:
        if self._depth:
            self._texts.append(data)
            self._html.append(escape(data))


@pytest.fixture(scope="module")
def a380_html() -> Iterator[_Items]:
    page = _story("a380", "html")
    assert page.startswith("<!doctype html>") and "<script" not in page
    assert "script-src 'none'" in page, "a story page runs no script"
    items = _Items()
    items.feed(page)
    yield items


def test_the_a380_story_page_has_one_entry_per_happening(a380_html: _Items) -> None:
    timeline = a380_html.items["timeline"]
    for day in ["2007-10-25", "2007-10-28"]:
        (entry,) = [text for text in timeline if text.startswith(day)]
        assert "told by s1, s2" in entry
    charity = next(text for text in timeline if text.startswith("2007-10-25"))
    assert "charity" in charity


def test_the_a380_story_page_gives_the_milestone_to_tom_enders_as_found(a380_html: _Items) -> None:
    quotes = a380_html.inner["quotes"]
    (milestone,) = [html for html in quotes if "This is a major milestone" in html]
    assert "<b>Tom Enders</b>" in milestone and "found by analysis" in milestone
    assert not [html for html in quotes if "charity-flight" in html]


def test_the_a380_story_page_names_no_non_actor(a380_html: _Items) -> None:
    actors = "".join(a380_html.inner["actors"])
    names = set(re.findall(r'<span class="name">([^<]*)</span>', actors))
    assert "Tom Enders" in names and not names & NOT_ACTORS
    # No role is the model's: a role is the article's, stated beside the name, or none (issue #27).
    assert "the model" not in actors


def test_the_a380_story_page_cuts_no_text(a380_html: _Items) -> None:
    story = _merged("a380")
    shown = " ".join(text for texts in a380_html.items.values() for text in texts)
    for event in story.timeline:
        assert " ".join(event.what.split()) in shown
    for quote in story.quotes:
        assert " ".join(quote.text.split()) in shown
    assert "TheA" not in shown and "Terminal 3 will open its doors" in shown
