"""Names the NER calls organizations or people that the article uses for things (products, services,
places, events): which names the model is asked about, how it is asked, and that its "thing" keeps a
name out of the brief's actors."""

from __future__ import annotations

import datetime as dt

from conftest import FakeModel

from summarizer import source_from_text
from summarizer.accounting import RunRecord
from summarizer.analysis import analyze
from summarizer.assemble import Answers, assemble
from summarizer.backends.client import Backend
from summarizer.extract import Session
from summarizer.extract.passes import may_be_a_thing
from summarizer.models import RunInfo

ARTICLE = (
    "date 2010-07-16 Apple will give every buyer of the iPhone 4 a free case, chief executive Steve Jobs "
    "said on Friday. “We are not perfect,” Jobs said. Users of Apple's Safari browser and the iPod Touch "
    "reported no such trouble, according to Consumer Reports."
)


def test_only_names_the_text_leaves_open_are_asked_about() -> None:
    analysis = analyze(source_from_text(ARTICLE))
    asked = {e.name for e in analysis.entities if may_be_a_thing(e, analysis)}
    # Jobs has a role beside his name and speaks, Apple owns: actors whatever the model thinks.
    assert not asked & {"Steve Jobs", "Apple"}
    assert "Consumer Reports" in asked


def test_each_name_is_asked_about_on_its_own(fake: FakeModel, fake_backend: Backend) -> None:
    names = ["Consumer Reports", "Safari", "iPod Touch"]
    fake.enqueue({"kind": "organization"}, {"kind": "thing"}, {"kind": "thing"})
    session = Session(
        fake_backend.instructor(),
        fake_backend.model,
        article=ARTICLE,
        dateline="Friday 2010-07-16",
        max_reasks=1,
        record=RunRecord(),
    )
    assert {name: session.kind(name) for name in names} == {
        "Consumer Reports": "organization",
        "Safari": "thing",
        "iPod Touch": "thing",
    }
    assert len(fake.history) == 3
    for name, request in zip(names, fake.history, strict=True):
        assert f"“{name}”" in request["messages"][-1]["content"]
        schema = request["response_format"]["json_schema"]["schema"]
        assert schema["properties"]["kind"]["enum"] == ["person", "organization", "thing"]


def test_a_name_judged_a_thing_is_no_actor() -> None:
    source = source_from_text(ARTICLE)
    analysis = analyze(source)
    everyone = {e.name for e in analysis.entities}
    things = everyone - {"Apple", "Steve Jobs", "Consumer Reports"}
    assert things, "the NER took some product for an actor"
    run = RunInfo(backend="test", model="test", prompt_version="-")
    brief = assemble(analysis, Answers(things=things), run, dt.date(2010, 7, 16))
    assert {a.name for a in brief.actors} == everyone - things
