"""Story briefs: several articles about one story merged, from recordings of the embedded model."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import EXAMPLE, RECORDING, RECORDINGS, ROOT
from typer.testing import CliRunner

from summarizer import Story, Summarizer, merge_briefs, read_path
from summarizer.cli import app
from summarizer.models import Actor, ActorKind, Brief, Event, Precision, RunInfo, When
from summarizer.render.story_html import story_html
from summarizer.story import StoryEvent
from summarizer.timeline import in_date_order

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


def test_a_happening_both_articles_tell_is_one_entry(story: Story) -> None:
    # Issue #19: the charity flight of 2007-10-25 and the service from 2007-10-28 were listed twice.
    for day in ("2007-10-25", "2007-10-28"):
        (entry,) = [e for e in story.timeline if e.when and e.when.value == day]
        assert [m.source for m in entry.sources] == ["s1", "s2"]


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


# Hand-built briefs: how the merge decides that two events are one happening, with no model in the loop.

RUN = RunInfo(backend="hand", model="hand", prompt_version="hand")
KINDS = {
    "Airbus": ActorKind.ORGANIZATION,
    "Singapore Airlines": ActorKind.ORGANIZATION,
    "Apple": ActorKind.ORGANIZATION,
    "Apple Inc.": ActorKind.ORGANIZATION,
    "Consumer Reports": ActorKind.ORGANIZATION,
}


def hand_brief(dateline: str, *events: tuple[str, str | None, list[str]]) -> Brief:
    """A brief of ``events`` (what, ISO date or None, names of the actors taking part)."""
    names = list(dict.fromkeys(name for _, _, who in events for name in who))
    ids = {name: f"a{n}" for n, name in enumerate(names, start=1)}
    return Brief(
        headline=f"Brief of {dateline}",
        summary="A hand-built brief.",
        dateline=dt.date.fromisoformat(dateline),
        actors=[Actor(id=ids[n], name=n, kind=KINDS.get(n, ActorKind.PERSON)) for n in names],
        events=[
            Event(
                what=what,
                when=When(text=value, value=value, precision=PRECISION[len(value)]) if value else None,
                actors=[ids[n] for n in who],
            )
            for what, value, who in events
        ],
        run=RUN,
    )


PRECISION = {4: Precision.YEAR, 7: Precision.MONTH, 8: Precision.WEEK, 10: Precision.DAY}
SIA = ["Singapore Airlines"]
# The two articles of issue #19, as a model tells them.
DELIVERED = hand_brief(
    "2007-10-15",
    ("Airbus delivers the first A380 superjumbo to Singapore Airlines", "2007-10-15", ["Airbus", *SIA]),
    ("About 500 guests attend the delivery ceremony in Toulouse", "2007-10-15", ["Airbus"]),
    ("Singapore Airlines flies the first A380 charity flight to Sydney", "2007-10-25", SIA),
    ("Special services with the A380 continue from October 28", "2007-10-28", SIA),
    ("Tom Enders thanks the teams who worked on the A380", None, ["Tom Enders", "Airbus"]),
)
IN_SERVICE = hand_brief(
    "2007-10-17",
    ("The first A380 lands at Changi Airport after a 12-hour flight", None, SIA),
    ("Lee Hsien Loong applauds Singapore Airlines in a speech", None, ["Lee Hsien Loong", *SIA]),
    ("Terminal 3 of Changi Airport opens", "2008-01", []),
    ("First A380 flight with passengers, a charity flight from Singapore to Sydney", "2007-10-25", SIA),
    ("The A380 begins regular service on the Singapore-Sydney route", "2007-10-28", SIA),
)


def entry(story: Story, words: str) -> StoryEvent:
    (found,) = [e for e in story.timeline if words in e.what]
    return found


def test_two_tellings_of_one_happening_are_one_entry_with_both_sources() -> None:
    story = merge_briefs([("delivered", DELIVERED), ("in-service", IN_SERVICE)])
    charity = entry(story, "charity flight to Sydney")
    assert [m.source for m in charity.sources] == ["s1", "s2"]
    assert charity.when is not None and charity.when.value == "2007-10-25"
    names = {a.id: a.name for a in story.actors}
    assert [names[a] for a in charity.actors] == ["Singapore Airlines"]
    service = entry(story, "Special services")
    assert [m.source for m in service.sources] == ["s1", "s2"]
    assert not [e for e in story.timeline if "Sydney" in e.what and e not in (charity, service)]
    # Agreeing tellings: nothing to report, and "October 28" is a date, not a number.
    assert story.disagreements == []
    # Every other event is its own entry: 5 + 5 events, two happenings told twice.
    assert len(story.timeline) == 8
    assert [len(e.sources) for e in story.timeline].count(2) == 2


def test_happenings_of_one_day_stay_apart() -> None:
    # The same day and a shared actor, yet the words tell two happenings.
    delivered = hand_brief(
        "2007-10-15",
        ("Airbus delivers the first A380 superjumbo to Singapore Airlines", "2007-10-15", ["Airbus", *SIA]),
        ("Singapore Airlines flies the first A380 charity flight to Sydney", "2007-10-25", SIA),
    )
    thanks = hand_brief(
        "2007-10-16",
        (
            "Airbus chief Tom Enders thanks the teams who built the A380",
            "2007-10-15",
            ["Airbus", "Tom Enders"],
        ),
    )
    story = merge_briefs([("delivered", delivered), ("thanks", thanks)])
    assert [len(e.sources) for e in story.timeline] == [1, 1, 1]
    cases = hand_brief(
        "2010-07-17",
        ("Apple will give every iPhone 4 owner a free case", "2010-07-16", ["Apple"]),
        ("Jobs shows videos of other smartphones losing signal", "2010-07-16", ["Steve Jobs"]),
    )
    refunds = hand_brief(
        "2010-07-18",
        ("Jobs says buyers can return the iPhone 4 for a full refund", "2010-07-16", ["Steve Jobs"]),
    )
    story = merge_briefs([("cases", cases), ("refunds", refunds)])
    assert [len(e.sources) for e in story.timeline] == [1, 1, 1]
    assert story.disagreements == []


def test_a_day_inside_a_month_or_a_week_is_the_same_date() -> None:
    charity = "Singapore Airlines flies the first A380 charity flight to Sydney"
    day = hand_brief("2007-10-15", (charity, "2007-10-25", SIA))
    for value in ("2007-10", "2007-W43", "2007"):
        other = hand_brief(
            "2007-10-20", ("A charity flight takes the first A380 from Singapore to Sydney", value, [])
        )
        story = merge_briefs([("month", other), ("day", day)])
        (merged,) = story.timeline
        assert merged.when is not None and merged.when.value == "2007-10-25", value
        assert story.disagreements == []


def test_one_happening_told_with_two_dates_is_one_entry_and_a_disagreement() -> None:
    one = hand_brief(
        "2007-10-15", ("Singapore Airlines flies the first A380 charity flight to Sydney", "2007-10-25", SIA)
    )
    other = hand_brief(
        "2007-10-17",
        ("First A380 flight with passengers, a charity flight from Singapore to Sydney", "2007-10-26", SIA),
    )
    story = merge_briefs([("one", one), ("other", other)])
    (merged,) = story.timeline
    assert [m.source for m in merged.sources] == ["s1", "s2"]
    assert merged.when is not None and merged.when.value == "2007-10-25"
    (date,) = story.disagreements
    assert date.about == "date" and date.subject == merged.what
    assert [(c.source, c.says) for c in date.claims] == [
        ("s1", "2007-10-25 (2007-10-25)"),
        ("s2", "2007-10-26 (2007-10-26)"),
    ]


def test_similar_words_on_distant_dates_are_two_happenings() -> None:
    one = hand_brief(
        "2007-10-15", ("Airbus delivers the first A380 to Singapore Airlines", "2007-10-15", ["Airbus"])
    )
    other = hand_brief(
        "2008-03-01", ("Airbus delivers the second A380 to Singapore Airlines", "2008-02", ["Airbus"])
    )
    story = merge_briefs([("one", one), ("other", other)])
    assert len(story.timeline) == 2


def test_numbers_that_disagree_are_listed() -> None:
    one = hand_brief(
        "2007-10-15",
        ("About 500 guests attend the A380 delivery ceremony in Toulouse", "2007-10-15", ["Airbus"]),
    )
    other = hand_brief(
        "2007-10-17",
        ("Some 400 guests attend the delivery ceremony of the A380 in Toulouse", "2007-10-15", []),
    )
    story = merge_briefs([("one", one), ("other", other)])
    (merged,) = story.timeline
    (number,) = story.disagreements
    assert number.about == "number" and number.subject == merged.what
    assert [c.source for c in number.claims] == ["s1", "s2"]
    assert "500" in number.claims[0].says and "400" in number.claims[1].says
    # A number the other telling leaves out, or a number that is part of a date or a name, is no dispute.
    same = hand_brief(
        "2007-10-17",
        ("500 guests attend the A380 delivery ceremony in Toulouse on October 15", "2007-10-15", []),
    )
    assert merge_briefs([("one", one), ("same", same)]).disagreements == []
    silent = hand_brief(
        "2007-10-17", ("Guests attend the A380 delivery ceremony in Toulouse", "2007-10-15", [])
    )
    assert merge_briefs([("one", one), ("silent", silent)]).disagreements == []


def test_a_happening_one_source_tells_twice_is_one_entry_listing_the_source_once() -> None:
    # An article tells its main happening in its lede and again in its details: the same day, a common
    # actor, words in common. The other article tells it once.
    cases = hand_brief(
        "2010-07-17",
        ("Apple will give every iPhone 4 owner a free case", "2010-07-16", ["Apple Inc."]),
        ("Jobs shows videos of other smartphones losing signal", "2010-07-16", ["Steve Jobs"]),
        ("Jobs says Apple will offer a free case to iPhone 4 buyers", "2010-07-16", ["Steve Jobs", "Apple"]),
    )
    later = hand_brief(
        "2010-08-09",
        ("At a press conference, Jobs offers every iPhone 4 buyer a free case", "2010-07-16", ["Steve Jobs"]),
    )
    story = merge_briefs([("cases", cases), ("later", later)])
    merged = entry(story, "owner a free case")
    assert [m.source for m in merged.sources] == ["s1", "s2"]
    assert merged.what == "Apple will give every iPhone 4 owner a free case"
    # "Apple Inc." and "Apple" are one company.
    (apple,) = [a for a in story.actors if a.name == "Apple Inc."]
    assert apple.aliases == ["Apple"] and apple.id in merged.actors
    # The videos share the day and Jobs, not the words: their own entry.
    assert [len(e.sources) for e in story.timeline] == [2, 1]
    assert story.disagreements == []


def test_happenings_of_one_source_on_different_days_stay_apart() -> None:
    # A telling dated only by its month fits both flights of the first article; it joins one of them,
    # and never makes the two one entry.
    flights = hand_brief(
        "2007-10-15",
        ("Singapore Airlines flies the A380 from Singapore to Sydney", "2007-10-25", SIA),
        ("Singapore Airlines flies the A380 from Singapore to Sydney again", "2007-10-28", SIA),
    )
    month = hand_brief(
        "2007-11-01", ("Singapore Airlines flies the A380 from Singapore to Sydney", "2007-10", SIA)
    )
    story = merge_briefs([("flights", flights), ("month", month)])
    assert sorted(len(e.sources) for e in story.timeline) == [1, 2]
    # Nor are two events of one source and one day one happening without an actor in common.
    apart = hand_brief(
        "2010-07-17",
        ("Apple will give every iPhone 4 owner a free case", "2010-07-16", ["Apple"]),
        ("Consumer Reports calls a free case a good first step", "2010-07-16", ["Consumer Reports"]),
    )
    assert len(merge_briefs([("apart", apart), ("flights", flights)]).timeline) == 4


def test_the_story_timeline_is_in_the_one_timeline_order() -> None:
    one = hand_brief(
        "2007-10-15",
        ("Undated happening of the first source", None, []),
        ("Happening in the week of the delivery", "2007-W42", []),
        ("Happening on the day of the delivery", "2007-10-15", []),
        ("Happening in the delivery's month", "2007-10", []),
    )
    other = hand_brief(
        "2007-10-17", ("Happening early that year", "2007", []), ("Undated thing of the second", None, [])
    )
    story = merge_briefs([("one", one), ("other", other)])
    assert [e.what.split()[-1] for e in story.timeline] == [
        "year",
        "month",
        "delivery",
        "delivery",
        "source",
        "second",
    ]
    assert [e.when.value if e.when else None for e in story.timeline] == [
        "2007",
        "2007-10",
        "2007-W42",
        "2007-10-15",
        None,
        None,
    ]
    assert story.timeline == in_date_order(story.timeline, lambda e: e.when)


def test_an_event_joins_the_telling_it_is_closest_to() -> None:
    charity = hand_brief(
        "2007-10-15", ("The A380 flies from Singapore to Sydney on a charity flight", "2007-10-25", [])
    )
    toulouse = ("The A380 flies from Toulouse to Singapore", "2007-10-25", [])
    sydney = ("A charity flight takes the A380 from Singapore to Sydney", "2007-10-25", [])
    # Alone, the flight from Toulouse would pass for the charity flight (same day, words in common) ...
    (alone,) = merge_briefs([("charity", charity), ("other", hand_brief("2007-10-17", toulouse))]).timeline
    assert len(alone.sources) == 2
    # ... but the closer telling comes first, whatever the order of the events.
    for events in ((toulouse, sydney), (sydney, toulouse)):
        story = merge_briefs([("charity", charity), ("other", hand_brief("2007-10-17", *events))])
        merged = [e for e in story.timeline if len(e.sources) == 2]
        assert [m.source for e in merged for m in e.sources] == ["s1", "s2"]
        assert len(story.timeline) == 2
        other = next(e for e in story.timeline if len(e.sources) == 1)
        assert other.what == toulouse[0]


def test_the_story_page_escapes_everything_and_runs_no_script() -> None:
    hostile = '<script>alert(1)</script> & "quoted" \x1b[31m'
    one = hand_brief("2007-10-15", (f"Airbus delivers {hostile}", "2007-10-15", ["Airbus"]))
    other = hand_brief("2007-10-17", (f"Airbus delivers the A380 {hostile}", "2007-10-15", ["Airbus"]))
    story = merge_briefs([(f"one{hostile}", one), ("other", other)])
    story = story.model_copy(update={"headline": hostile, "summary": hostile})
    page = story_html(story)
    assert "<script" not in page and "alert(1)" in page
    assert "&lt;script&gt;" in page and "&quot;quoted&quot;" in page
    assert "\x1b" not in page, "no control character reaches the page"
    assert "script-src 'none'" in page
