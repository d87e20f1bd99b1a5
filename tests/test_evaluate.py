"""Tests of summarizer.evaluate: the gold readers, each metric on small hand-made briefs, the rule-based
baseline, and the report. No model runs here: the model's side is played by hand-made briefs."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import SHARED

from summarizer.analysis.quotations import find_quoted_passages
from summarizer.analysis.text import content_words
from summarizer.errors import ExtractionError, InputError
from summarizer.evaluate import (
    METRICS,
    GoldActor,
    GoldArticle,
    GoldConsequence,
    GoldEvent,
    GoldQuote,
    Ratio,
    Report,
    baseline_brief,
    consequence_matches,
    evaluate,
    load_gold,
    same_date,
    score,
    totals,
)
from summarizer.evaluate.gold import (
    MEANTIME_ACTORS,
    MEANTIME_CONSEQUENCES,
    MEANTIME_EVENTS,
    MEANTIME_SPEAKERS,
)
from summarizer.ingest import source_from_text
from summarizer.models import (
    Actor,
    ActorKind,
    Brief,
    Certainty,
    Consequence,
    Event,
    Quote,
    RunInfo,
    Span,
    Usage,
    When,
)

SEED = SHARED / "eval" / "seed-gold.json"
MEANTIME = SHARED / "eval" / "meantime-dev.jsonl"


# ---- hand-made briefs ----------------------------------------------------------------------------


def _actor(n: int, name: str, kind: ActorKind = ActorKind.PERSON, aliases: list[str] | None = None) -> Actor:
    return Actor(id=f"a{n}", name=name, kind=kind, aliases=aliases or [])


def _quote(text: str, speaker: str | None = None) -> Quote:
    return Quote(text=text, speaker=speaker, full=True)


def _event(when: str, value: str | None, span: Span | None = None) -> Event:
    return Event(what="Something happened.", when=When(text=when, value=value, span=span))


def _brief(**parts: Any) -> Brief:
    run = parts.pop("run", RunInfo(backend="test", model="hand", prompt_version="-"))
    return Brief(headline="", summary="", dateline=dt.date(2021, 3, 18), run=run, **parts)


def _gold(**parts: Any) -> GoldArticle:
    return GoldArticle(id=parts.pop("id", "g"), text=parts.pop("text", "text"), dateline=None, **parts)


# ---- the readers ---------------------------------------------------------------------------------


@pytest.mark.shared
def test_seed_gold_loads_with_its_article_text() -> None:
    [article] = load_gold(SEED)
    assert article.id == "russia-recalls-ambassador"
    assert article.dateline == dt.date(2021, 3, 18)
    assert article.text == (SHARED / "examples" / "russia-recalls-ambassador.txt").read_text(encoding="utf-8")
    assert (len(article.actors), len(article.key_actors), len(article.quotes)) == (17, 8, 18)
    assert (len(article.events), len(article.consequences)) == (13, 5)
    assert article.quotes_complete
    # The README promises quote texts are exact substrings of the article.
    assert all(q.text in article.text for q in article.quotes)
    biden = next(a for a in article.actors if a.name == "Joe Biden")
    assert biden.kind == "person" and "Biden" in biden.aliases
    i_do = next(q for q in article.quotes if q.text == "I do.")
    assert i_do.speaker == "Joe Biden" and "Biden" in i_do.speaker_aliases
    week = next(e for e in article.events if e.date == "2021-W11")
    assert week.evidence == "earlier this week"


@pytest.mark.shared
def test_meantime_loads_actors_quotes_events_and_timex() -> None:
    # Without this project's files: MEANTIME's own (corpus-derived) quotes.
    articles = load_gold(MEANTIME, speakers=None, consequences=None, actors=None, events=None)
    assert len(articles) == 60
    by_id = {a.id: a for a in articles}
    assert len(by_id) == 60
    for article in articles:
        assert article.dateline is not None
        assert not article.quotes_complete and not article.consequences
        for actor in article.actors:
            assert actor.kind in ("person", "organization")
            assert not {n.lower() for n in actor.aliases} & {"he", "it", "we", "us", "they", "its", "our"}
        assert all(q.text in article.text for q in article.quotes)
        for event in article.events:
            assert event.evidence_span is not None
            assert article.text[event.evidence_span.start : event.evidence_span.end] == event.evidence
        for timex in article.timex:
            assert timex.span is not None
            assert article.text[timex.span.start : timex.span.end] == timex.text
    # MEANTIME's own dateline (the document creation time) is not a time expression of the prose.
    first = by_id["meantime-en-100911"]
    assert first.dateline == dt.date(2008, 3, 1)
    assert "March 01, 2008" not in [t.text for t in first.timex]
    # Nor where the annotation lacks the creation-time mark, as in this article.
    unmarked = by_id["meantime-en-78496"]
    assert "September 01, 2007" not in [t.text for t in unmarked.timex]
    assert "September 01, 2007" not in [e.evidence for e in unmarked.events]
    assert sum(len(a.quotes) for a in articles) == 10
    assert sum(len(a.events) for a in articles) == 67
    assert sum(len(a.actors) for a in articles) == 159

    ryanair = by_id["meantime-en-11714"]
    [quote] = ryanair.quotes
    # "… ensures that Ryanair is …" is a speech event inside the quote: its Arg0 is not the speaker.
    assert quote.speaker == "Michael O'Leary"
    assert "The Boeing 737-800" not in quote.speaker_aliases
    oleary = next(a for a in ryanair.actors if a.name == "Michael O'Leary")
    assert "Michael O' Leary" in oleary.aliases and "his" not in oleary.aliases

    # "Detik.com quoted Djamal as saying …": both speech events' speakers count.
    djamal = by_id["meantime-en-87805"].quotes[0]
    assert {"Detik.com", "Jusman Syafii Djamal"} <= {djamal.speaker, *djamal.speaker_aliases}

    # An acronym in parentheses is a name; a qualifier is not.
    raf = next(a for a in by_id["meantime-en-102977"].actors if a.name == "Royal Air Force")
    assert "RAF" in raf.aliases
    mod = next(a for a in by_id["meantime-en-102977"].actors if a.name == "Ministry of Defence")
    assert "UK" not in mod.aliases

    dated = {(e.evidence, e.date) for e in by_id["meantime-en-108294"].events}
    assert dated == {("June 18", "2008-06-18"), ("February 29", "2008-02-29")}


def _meantime_line(id_: str, text: str, quotes: list[dict[str, Any]] | None = None) -> str:
    gold = {"entities": [], "timex": [], "events": [], "quotes": quotes or [], "summary": None}
    return json.dumps({"id": id_, "text": text, "dct": "2008-03-01", "gold": gold})


def test_meantime_gets_this_projects_speakers_and_consequences(tmp_path: Path) -> None:
    one = "Title\nMarch 01, 2008\n\n“We won,” Ann Lee said. The “Dreamliner” flies. Prices will rise."
    two = "Title\nMarch 02, 2008\n\nNothing quoted. Acme will close a plant unless sales grow."
    corpus = [{"direct": True, "quoted_text": ["We won,"], "speaker_entity": "Ann Lee", "cue_span": [40, 44]}]
    gold = tmp_path / "meantime.jsonl"
    gold.write_text(_meantime_line("one", one, corpus) + "\n" + _meantime_line("two", two) + "\n", "utf-8")
    speakers = tmp_path / "speakers.jsonl"
    speakers.write_text(
        json.dumps(
            {
                "id": "one",
                "quotes": [
                    {"text": "We won,", "span": [23, 30], "kind": "speech", "speaker": "Ann Lee",
                     "speaker_aliases": ["Lee"]},
                    {"text": "Dreamliner", "span": [51, 61], "kind": "term", "speaker": None,
                     "speaker_aliases": []},
                ],
            }
        ) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    consequences = tmp_path / "consequences.jsonl"
    consequences.write_text(
        json.dumps(
            {
                "id": "two",
                "consequences": [
                    {"description": "Acme may close a plant",
                     "evidence": "Acme will close a plant unless sales grow", "span": [38, 79],
                     "kind": "conditional", "certainty": "conditional", "claimed_by": None},
                    {"description": "Sales", "evidence": "unless sales grow", "kind": "conditional",
                     "more_evidence": [{"text": "Nothing quoted.", "span": [22, 37]}]},
                ],
            }
        ) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    first, second = load_gold(gold, speakers=speakers, consequences=consequences)
    # The project's speaker gold replaces the corpus-derived quotes, terms kept but marked.
    assert first.quotes == [
        GoldQuote("We won,", "Ann Lee", ["Lee"], span=Span(start=23, end=30)),
        GoldQuote("Dreamliner", None, [], term=True, span=Span(start=51, end=61)),
    ]
    assert first.quotes_complete and first.consequences == []
    # An article the speakers file leaves out has no quoted passage: its quote gold is complete and empty.
    assert (second.quotes, second.quotes_complete) == ([], True)
    plant, sales = second.consequences
    assert plant == GoldConsequence(
        "Acme may close a plant",
        "conditional",
        "conditional",
        None,
        ["Acme will close a plant unless sales grow"],
        [Span(start=38, end=79)],
    )
    assert second.text[38:79] == plant.evidence[0]
    # Evidence without a span is looked up in the text; restatements add their spans.
    assert sales.evidence == ["unless sales grow", "Nothing quoted."]
    assert sales.evidence_spans == [Span(start=62, end=79), Span(start=22, end=37)]
    # Without the files (or when they are absent) MEANTIME's own quotes stay.
    for missing in (None, tmp_path / "absent.jsonl"):
        plain, _ = load_gold(gold, speakers=missing, consequences=missing)
        assert [q.text for q in plain.quotes] == ["We won,"]
        assert not plain.quotes_complete and not plain.consequences


def test_seed_consequences_load_from_strings_or_objects(tmp_path: Path) -> None:
    gold = tmp_path / "gold.json"
    text = "Acme said prices will rise. Jobs may go."
    gold.write_text(
        json.dumps(
            {
                "id": "s",
                "text": text,
                "consequences": [
                    "Prices rise",
                    {"description": "Jobs may go", "kind": "stated risk"},
                    {"description": "Dearer", "evidence": "prices will rise", "certainty": "expected",
                     "claimed_by": "Acme"},
                ],
                "quotes": [{"text": "x", "speaker": None, "kind": "term"}],
            }
        ),
        encoding="utf-8",
    )  # fmt: skip
    [article] = load_gold(gold)
    assert article.consequences == [
        GoldConsequence("Prices rise"),
        GoldConsequence("Jobs may go", "stated risk"),
        GoldConsequence("Dearer", "", "expected", "Acme", ["prices will rise"], [Span(start=10, end=26)]),
    ]
    assert article.quotes == [GoldQuote("x", None, [], term=True)]


@pytest.mark.shared
def test_seed_consequences_are_descriptions_without_evidence() -> None:
    [article] = load_gold(SEED)
    assert len(article.consequences) == 5
    assert all(c.description and c.kind and not c.evidence_spans for c in article.consequences)


# Passages find_quoted_passages reports that are not quoted passages (marks it pairs wrongly). Each is
# documented in eval/README.md.
NOT_PASSAGES = {
    # ''I' d distribute …” opens with two apostrophes: every later mark is paired with the wrong one.
    "meantime-en-1173": {(3070, 3267), (3369, 3391), (3404, 3416), (3728, 3805), (3868, 4004), (4130, 4701)},
    # 13.3”, 15” and 17” are inch marks.
    "meantime-en-40986": {(299, 365)},
}


def _jsonl(path: Path) -> dict[str, dict[str, Any]]:
    objects = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_id = {str(o["id"]): o for o in objects}
    assert len(by_id) == len(objects), f"{path.name}: an article twice"
    return by_id


@pytest.mark.shared
def test_this_projects_meantime_gold_is_exact_and_complete() -> None:
    texts = {
        (o := json.loads(line))["id"]: o["text"]
        for line in MEANTIME.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    speakers, consequences = _jsonl(MEANTIME_SPEAKERS), _jsonl(MEANTIME_CONSEQUENCES)
    actors, events = _jsonl(MEANTIME_ACTORS), _jsonl(MEANTIME_EVENTS)
    # The reader's gold covers every article.
    assert set(consequences) == set(actors) == set(events) == set(texts)
    for id_, item in speakers.items():
        text = texts[id_]
        assert item["quotes"], id_
        for q in item["quotes"]:
            start, end = q["span"]
            assert text[start:end] == q["text"], (id_, q["text"])
            assert q["kind"] in ("speech", "term")
            assert q["kind"] == "speech" or q["speaker"] is None
            assert isinstance(q["speaker_aliases"], list)
        starts = [q["span"][0] for q in item["quotes"]]
        assert starts == sorted(starts)
    for id_, text in texts.items():
        # Every passage the finder sees in the article is in the file, bar the documented exceptions.
        body = source_from_text(text).body_start
        listed = {tuple(q["span"]) for q in speakers.get(id_, {}).get("quotes", [])}
        found = {(p.span.start, p.span.end) for p in find_quoted_passages(text, body)}
        assert found - listed <= NOT_PASSAGES.get(id_, set()), id_
    certainties = {c.value for c in Certainty}
    for id_, item in consequences.items():
        text = texts[id_]
        for c in item["consequences"]:
            assert c["description"] and c["kind"] and c["certainty"] in certainties
            for words, (start, end) in [
                (c["evidence"], c["span"]),
                *((m["text"], m["span"]) for m in c.get("more_evidence", [])),
            ]:
                assert text[start:end] == words, (id_, words)
            assert c["claimed_by"] is None or c["claimed_by"] in text
            assert not (c["claimed_by"] and c.get("source_unnamed"))
        for n in item.get("not_consequences", []):
            start, end = n["span"]
            assert text[start:end] == n["evidence"], (id_, n["evidence"])
    for id_, item in actors.items():
        body = texts[id_][texts[id_].index("\n", texts[id_].index("\n") + 1) :]
        for actor in item["actors"]:
            assert actor["kind"] in ("person", "organization", "country", "group"), (id_, actor)
        for named in [*item["actors"], *item["not_actors"]]:
            for name in [named["name"], *named.get("aliases", [])]:
                # Every name is the article's, except a person's fullest name the article never spells
                # out whole is not allowed either: names are read off the text.
                assert name in body, (id_, name)
    for id_, item in events.items():
        text = texts[id_]
        for e in item["events"]:
            start, end = e["span"]
            assert text[start:end] == e["when"], (id_, e["when"])
            first, last = e["sentence"]
            assert first <= start and end <= last, (id_, e["when"])
            assert e["status"] in {*certainties, "scheduled"} and e["polarity"] in ("positive", "negative")


@pytest.mark.shared
def test_meantime_loads_with_this_projects_gold_by_default() -> None:
    articles = load_gold(MEANTIME)
    quotes = [q for a in articles for q in a.quotes]
    speech = [q for q in quotes if not q.term]
    assert (len(quotes), len(speech)) == (132, 104)
    assert sum(q.speaker is not None for q in speech) == 99
    assert all(a.quotes_complete for a in articles)
    for article in articles:
        for q in article.quotes:
            assert q.span is not None and article.text[q.span.start : q.span.end] == q.text
    with_consequences = [a for a in articles if a.consequences]
    assert (len(with_consequences), sum(len(a.consequences) for a in with_consequences)) == (57, 293)
    assert all(a.consequences_complete and a.actors_complete and a.events_complete for a in articles)
    assert sum(len(a.actors) for a in articles) == 339
    assert sum(len(a.events) for a in articles) == 311
    by_id = {a.id: a for a in articles}
    djamal = by_id["meantime-en-87805"].quotes[0]
    assert (djamal.speaker, djamal.speaker_aliases) == ("Jusman Syafii Djamal", ["Djamal"])
    dreamliner = by_id["meantime-en-145930"].quotes[0]
    assert dreamliner.term and dreamliner.speaker is None


def test_gold_in_this_projects_format_inline_or_by_file(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "one.txt").write_text("date 2024-05-02\nAcme said so.", encoding="utf-8")
    gold = tmp_path / "gold.json"
    gold.write_text(
        json.dumps(
            {
                "articles": [
                    {"file": "articles/one.txt", "actors": [{"name": "Acme", "kind": "organization"}]},
                    {"id": "two", "text": "Inline text.", "dateline": "2024-05-03", "quotes_complete": False},
                ]
            }
        ),
        encoding="utf-8",
    )
    one, two = load_gold(gold)
    assert (one.id, one.text, one.dateline) == ("one", "date 2024-05-02\nAcme said so.", None)
    assert one.actors == [GoldActor("Acme", [], "organization")]
    assert (two.id, two.dateline, two.quotes_complete) == ("two", dt.date(2024, 5, 3), False)
    lines = tmp_path / "gold.jsonl"
    lines.write_text(json.dumps({"id": "x", "text": "T."}) + "\n\n", encoding="utf-8")
    assert [a.id for a in load_gold(lines)] == ["x"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read"),
        ("{not json", "not valid JSON"),
        ('[{"id": "a", "file": "nowhere.txt"}]', "nowhere.txt"),
        (
            '[{"id": "a", "text": "T", "quotes": [{"speaker": "X"}]}]',
            r"item 1 \(a\): bad or missing field: 'text'",
        ),
        ("[1]", "not a JSON object"),
        ('"text"', "expected an article"),
    ],
)
def test_unusable_gold_files_raise_input_error(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "gold.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_gold(path)


# ---- the metrics ---------------------------------------------------------------------------------


def test_actor_precision_and_recall_are_alias_aware() -> None:
    gold = _gold(
        actors=[
            GoldActor("Joe Biden", ["President Joe Biden"], "person"),
            GoldActor("Russia", ["Moscow"], "country"),
            GoldActor("Kremlin", [], "organization"),
            GoldActor("Dmitry Peskov", [], "person"),
            GoldActor("White House", [], "organization"),
        ],
        key_actors=["Joe Biden", "Kremlin"],
        non_actors=["Tass"],
    )
    brief = _brief(
        actors=[
            _actor(1, "Biden"),  # the surname of a gold person
            _actor(2, "moscow", ActorKind.COUNTRY),  # an alias, case aside
            _actor(3, "Tass", ActorKind.ORGANIZATION),  # a known non-actor: left out of precision
            _actor(4, "Facebook", ActorKind.ORGANIZATION),  # wrong
            _actor(5, "House", ActorKind.ORGANIZATION),  # surnames are for people only: wrong
            _actor(6, "D. Peskov", aliases=["Peskov"]),  # matched through its own alias
        ]
    )
    result = score(brief, gold)
    assert result.actor_precision == Ratio(3, 5)
    assert result.actor_recall == Ratio(3, 5)
    assert result.key_actor_recall == Ratio(1, 2)
    assert result.notes["extra_actors"] == ["Facebook", "House"]
    assert result.notes["missed_actors"] == ["Kremlin", "White House"]
    assert result.actor_precision.value == 0.6


def test_actor_names_match_modulo_the_possessive_and_leading_article() -> None:
    gold = _gold(actors=[GoldActor("Kremlin", [], "organization"), GoldActor("U.S. State Department", [])])
    brief = _brief(actors=[_actor(1, "the Kremlin’s", ActorKind.ORGANIZATION), _actor(2, "State Department")])
    result = score(brief, gold)
    assert (result.actor_precision, result.actor_recall) == (Ratio(1, 2), Ratio(1, 2))


def test_quote_precision_recall_and_speaker_accuracy() -> None:
    gold = _gold(
        actors=[
            GoldActor("Joe Biden", ["Biden"], "person"),
            GoldActor("Dmitry Peskov", ["Peskov"], "person"),
        ],
        quotes=[
            GoldQuote("I do.", "Joe Biden"),
            GoldQuote("have a soul", "Joe Biden"),
            GoldQuote("very bad.", "Dmitry Peskov"),
            GoldQuote("We understand each other.", None),
            GoldQuote("never said", "Joe Biden"),
        ],
    )
    brief = _brief(
        actors=[_actor(1, "Biden"), _actor(2, "Vladimir Putin")],
        quotes=[
            _quote("“I  do.”", "a1"),  # quotation marks and spacing aside: a match, right speaker
            _quote("have a soul", None),  # a match, no speaker: wrong
            _quote("Very bad.", "a2"),  # case aside: a match, wrong speaker
            _quote("We understand each other.", "a2"),  # a match, gold speaker unknown: not judged
            _quote("an invented quote", "a1"),  # no match
        ],
    )
    result = score(brief, gold)
    assert result.quote_recall == Ratio(4, 5)
    assert result.quote_precision == Ratio(4, 5)
    assert result.speaker_accuracy == Ratio(1, 3)
    assert result.notes["missed_quotes"] == ["never said"]
    assert result.notes["extra_quotes"] == ["an invented quote"]
    assert len(result.notes["wrong_speakers"]) == 2


def test_quotes_pair_one_to_one_and_incomplete_gold_has_no_precision() -> None:
    gold = _gold(
        quotes=[GoldQuote("consultations", "Maria Zakharova"), GoldQuote("consultations", "Maria Zakharova")],
        quotes_complete=False,
    )
    brief = _brief(quotes=[_quote("consultations"), _quote("something else")])
    result = score(brief, gold)
    assert result.quote_recall == Ratio(1, 2)
    assert result.quote_precision == Ratio(0, 0) and result.quote_precision.value is None
    assert "extra_quotes" not in result.notes


def test_speaker_matches_any_of_the_gold_speakers_names() -> None:
    gold = _gold(quotes=[GoldQuote("We do not need to buy", "Jusman Syafii Djamal", ["Djamal", "Detik.com"])])
    brief = _brief(actors=[_actor(1, "Djamal")], quotes=[_quote("We do not need to buy", "a1")])
    assert score(brief, gold).speaker_accuracy == Ratio(1, 1)


def test_terms_are_not_quotes_to_attribute() -> None:
    gold = _gold(
        actors=[GoldActor("Steve Jobs", ["Jobs"], "person")],
        quotes=[
            GoldQuote("We think it's the future,", "Steve Jobs"),
            GoldQuote("Lion", None, term=True),
            GoldQuote("Snow Leopard", None, term=True),
            GoldQuote("Launchpad", None, term=True),
        ],
    )
    brief = _brief(
        actors=[_actor(1, "Jobs")],
        quotes=[
            _quote("We think it's the future,", "a1"),  # speech, right speaker
            _quote("Lion", None),  # a term listed without a speaker: neither right nor wrong
            _quote("Snow Leopard", "a1"),  # a term given a speaker: a speaker error
        ],
    )
    result = score(brief, gold)
    assert result.quote_recall == Ratio(1, 1)  # terms need not be listed
    assert result.quote_precision == Ratio(1, 1)  # quotes on terms are left out of precision
    assert result.speaker_accuracy == Ratio(1, 2)
    assert result.notes["wrong_speakers"] == ["'Snow Leopard': Jobs (gold: a term)"]
    assert "missed_quotes" not in result.notes and "extra_quotes" not in result.notes


def _consequence(what: str, *spans: tuple[int, int]) -> Consequence:
    return Consequence(
        what=what,
        certainty=Certainty.EXPECTED,
        spans=[Span(start=a, end=b) for a, b in spans],
    )


def _gold_consequence(description: str, span: tuple[int, int]) -> GoldConsequence:
    return GoldConsequence(description, evidence=["…"], evidence_spans=[Span(start=span[0], end=span[1])])


def test_consequences_match_by_evidence_span_overlap() -> None:
    text = "Acme will close a plant. Prices will rise. Unions threaten a strike."
    gold = _gold(
        text=text,
        consequences=[
            _gold_consequence("plant closes", (0, 24)),
            _gold_consequence("prices rise", (25, 42)),
            _gold_consequence("strike", (58, 66)),
        ],
    )
    brief = _brief(
        consequences=[
            _consequence("A plant shuts.", (0, 24)),  # overlaps the first
            _consequence("The plant closes, says Acme.", (10, 20)),  # the first again: right, no second pair
            _consequence("A strike may follow.", (43, 68)),  # the sentence holding the third's words
            _consequence("Something invented.", (70, 80)),  # no gold there: wrong
            _consequence("Prices will rise."),  # no spans and the gold has evidence: no match
        ]
    )
    result = score(brief, gold)
    assert result.consequence_recall == Ratio(2, 3)
    assert result.consequence_precision == Ratio(3, 5)
    assert result.notes["missed_consequences"] == ["prices rise"]
    assert result.notes["extra_consequences"] == ["Something invented.", "Prices will rise."]


def test_consequences_pair_one_to_one_as_many_as_possible() -> None:
    # The first brief consequence fits both gold ones, the second only the first gold one: a greedy
    # pairing in gold order would pair one; the best pairing pairs both.
    gold = _gold(
        text="x" * 100,
        consequences=[
            GoldConsequence("a", evidence=["x"], evidence_spans=[Span(start=0, end=10)]),
            GoldConsequence("b", evidence=["x"], evidence_spans=[Span(start=8, end=20)]),
        ],
    )
    brief = _brief(consequences=[_consequence("one", (5, 15)), _consequence("two", (0, 5))])
    result = score(brief, gold)
    assert (result.consequence_recall, result.consequence_precision) == (Ratio(2, 2), Ratio(2, 2))


def test_consequences_without_gold_evidence_match_by_words() -> None:
    text = "The embassy warned that relations could collapse. Officials met on Monday."
    gold = _gold(
        text=text,
        consequences=[
            # content words: u.s, russia, relations, threat, collapse (5): 3 needed
            GoldConsequence("U.S.-Russia relations are under threat of collapse", "stated risk"),
            GoldConsequence("Putin will pay a price for election interference", "threatened action"),
        ],
    )
    brief = _brief(
        consequences=[
            # "relations", "collapse" in the evidence sentence, "Russia" in what: 3 of 5
            _consequence("Russia's ties may break down.", (0, 49)),
            # "Putin", "price": 2 of 5 (putin, pay, price, election, interference)
            _consequence("Putin faces a price.", (50, 74)),
        ]
    )
    result = score(brief, gold)
    assert result.consequence_recall == Ratio(1, 2)
    assert result.consequence_precision == Ratio(1, 2)
    assert consequence_matches(
        _consequence("Putin will pay for the election.", (50, 74)), gold.consequences[1], text
    )  # putin, pay, election: 3 of 5
    assert content_words("The U.S. says it is collapsing") == {"u.s.", "collapse"}


def test_consequence_figures_only_where_the_gold_has_consequences() -> None:
    brief = _brief(consequences=[_consequence("Something.", (0, 5))])
    result = score(brief, _gold())
    assert result.consequence_precision.value is None and result.consequence_recall.value is None
    gold = _gold(consequences=[GoldConsequence("a", evidence=["t"], evidence_spans=[Span(start=0, end=1)])])
    none = score(_brief(), gold)  # the baseline makes no consequences
    assert (none.consequence_recall, none.consequence_precision) == (Ratio(0, 1), Ratio(0, 0))
    assert totals([result, none])["consequence_recall"] == 0.0


@pytest.mark.parametrize(
    ("value", "gold", "same"),
    [
        ("2021-03-17", "2021-03-17", True),
        ("2021-03-18", "2021-03-17", False),
        ("2021-03-17", "2021-03", True),  # finer than the gold: compared at the gold's precision
        ("2021-02", "2021-03", False),
        ("2021-03", "2021-03-17", False),  # coarser than the gold: never
        ("2021-03-15", "2021-W11", True),  # a Monday of ISO week 11
        ("2021-03-21", "2021-W11", True),  # its Sunday
        ("2021-03-22", "2021-W11", False),
        ("2021-W11", "2021-W11", True),
        ("2021-03", "2021-W11", False),
        ("2011-06-01", "2011", True),
        ("2011-W20", "2011", True),
        ("2012", "2011", False),
        (None, "2011", False),
        ("", "2011", False),
        ("2021-02-30", "2021-W09", False),  # not a date
    ],
)
def test_same_date_at_the_gold_precision(value: str | None, gold: str, same: bool) -> None:
    assert same_date(value, gold) is same


def test_date_accuracy_pairs_events_by_their_time_words() -> None:
    gold = _gold(
        events=[
            GoldEvent("recall", "2021-03-17", "Wednesday"),
            GoldEvent("report", "2021-W11", "earlier this week"),
            GoldEvent("sanctions", "2021-03", "earlier this month"),
            GoldEvent("visit", "2011", "in 2011"),
            GoldEvent("election", "2020-11", "last November's election"),
            GoldEvent("undated", "XXXX-XX-XX", "once"),  # no calendar value: not scored
        ]
    )
    brief = _brief(
        events=[
            _event("Wednesday", "2021-03-17"),
            _event("earlier this week", "2021-03-16"),  # a day of the gold week: right
            _event("earlier this month", "2021-02"),  # wrong month
            _event("2011", "2011"),  # the brief's words within the gold's
            _event("Friday", "2021-03-12"),  # no gold event on these words
        ]
    )
    result = score(brief, gold)
    assert result.date_accuracy == Ratio(3, 4)
    assert result.date_recall == Ratio(3, 5)
    assert result.notes["missed_dates"] == ["last November's election = 2020-11"]
    assert result.notes["wrong_dates"] == ["earlier this month = 2021-03: 2021-02"]


def test_date_pairs_use_spans_when_both_sides_have_them_and_prefer_the_right_value() -> None:
    gold = _gold(
        events=[
            GoldEvent("a", "2021-03-18", "Thursday", Span(start=100, end=108)),
            GoldEvent("b", "2021-03-18", "Thursday", Span(start=300, end=308)),
        ]
    )
    brief = _brief(
        events=[
            _event("Thursday", "2021-03-11", Span(start=100, end=108)),
            _event("Thursday", "2021-03-18", Span(start=100, end=108)),
            _event("Thursday", "2021-03-18", Span(start=500, end=508)),  # same words, elsewhere
        ]
    )
    result = score(brief, gold)
    assert (result.date_accuracy, result.date_recall) == (Ratio(1, 1), Ratio(1, 2))


def test_validity_reasks_tokens_and_seconds_come_from_the_run() -> None:
    run = RunInfo(
        backend="test",
        model="hand",
        prompt_version="-",
        seconds={"actors": 1.5, "quotes": 2.25},
        usage=Usage(prompt_tokens=1000, completion_tokens=234),
        reasks=2,
    )
    result = score(_brief(run=run, actors=[_actor(1, "Real")]), _gold())
    assert (result.schema_valid_first, result.schema_valid_final) == (False, True)
    assert (result.reasks, result.tokens, result.seconds) == (2, 1234, 3.75)

    failed = RunInfo(backend="test", model="hand", prompt_version="-", failed_passes=["events"])
    result = score(_brief(run=failed), _gold())
    assert (result.schema_valid_first, result.schema_valid_final) == (False, False)
    fine = RunInfo(backend="test", model="hand", prompt_version="-", warnings=["no dateline: relative …"])
    assert score(_brief(run=fine), _gold()).schema_valid_first


def test_totals_are_micro_averages() -> None:
    gold = _gold(quotes=[GoldQuote("a", None), GoldQuote("b", None), GoldQuote("c", None)])
    one = score(_brief(quotes=[_quote("a")]), gold)  # 1 of 3
    two = score(_brief(quotes=[_quote("a"), _quote("b"), _quote("c")]), gold)  # 3 of 3
    figures = totals([one, two])
    assert figures["quote_recall"] == round(4 / 6, 4)  # not the mean of 1/3 and 1
    assert figures["quote_precision"] == 1.0
    assert figures["actor_recall"] is None  # nothing to count
    assert set(figures) == {m.name for m in METRICS}


# ---- the baseline --------------------------------------------------------------------------------


def test_baseline_attributes_quotes_to_the_nearest_name() -> None:
    text = (
        "date 2024-05-02\nAcme Corp hired John Smith last year.\n\n"
        "“We won,” Smith said on Monday. Acme Corp called it “a new start.”"
    )
    brief = baseline_brief(text, None)
    assert brief.dateline == dt.date(2024, 5, 2)  # read from the text's date line
    names = {a.name: a for a in brief.actors}
    assert set(names) == {"Acme Corp", "John Smith"}
    assert names["John Smith"].kind is ActorKind.PERSON and names["John Smith"].aliases == ["Smith"]
    assert names["Acme Corp"].kind is ActorKind.ORGANIZATION
    speakers = {q.text: brief.actor(q.speaker).name for q in brief.quotes if brief.actor(q.speaker)}
    assert speakers == {"We won,": "John Smith", "a new start.": "Acme Corp"}
    whens = [(e.when.text, e.when.value) for e in brief.events if e.when]
    assert whens == [("last year", "2023"), ("Monday", "2024-04-29")]
    assert (brief.run.backend, brief.run.model, brief.run.prompt_version) == ("baseline", "rules", "-")


@pytest.mark.shared
def test_the_baseline_table_script_prints_its_figures() -> None:
    # scripts/eval_baseline.py makes the baseline table of docs/evaluation.md.
    script = Path(__file__).parent.parent / "scripts" / "eval_baseline.py"
    command = [sys.executable, str(script), str(SEED)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=900)
    [seed] = json.loads(done.stdout)["baseline"]
    assert seed["counts"]["speaker_accuracy"] == [4, 18] and seed["totals"]["actor_f1"] is not None
    # The analysis alone, no model: the parse names every seed speaker.
    [analysed] = json.loads(done.stdout)["analysis"]
    assert analysed["counts"]["speaker_accuracy"] == [18, 18]


@pytest.mark.shared
def test_baseline_on_the_example_article(capsys: pytest.CaptureFixture[str]) -> None:
    [article] = load_gold(SEED)
    brief = baseline_brief(article.text, article.dateline)
    result = score(brief, article)
    figures = {name: getattr(result, name).value for name in ("actor_precision", "actor_recall")}
    figures |= {
        name: getattr(result, name).value
        for name in ("key_actor_recall", "quote_precision", "quote_recall", "speaker_accuracy")
    }
    figures |= {"date_accuracy": result.date_accuracy.value, "date_recall": result.date_recall.value}
    with capsys.disabled():
        print("\nbaseline on the example article:", json.dumps(figures))
    # Quotes and dates come from the same code the product uses, so the baseline finds them all.
    assert result.quote_recall == Ratio(18, 18) and result.quote_precision == Ratio(18, 18)
    assert 0.9 <= figures["actor_recall"] <= 1.0 and result.key_actor_recall == Ratio(8, 8)
    assert 0.4 <= figures["actor_precision"] <= 0.8
    # The nearest name is a poor speaker rule: the bar the product's attribution must clear.
    assert 0.0 < figures["speaker_accuracy"] <= 0.5
    assert figures["date_accuracy"] >= 0.9 and figures["date_recall"] >= 0.8
    assert all(brief.actor(q.speaker) is not None for q in brief.quotes if q.speaker)


# ---- the report ----------------------------------------------------------------------------------


def _articles() -> list[GoldArticle]:
    text = "Acme Corp hired John Smith. “We will win,” Smith said on Monday, 3 June 2024."
    return [
        _gold(
            id="one",
            text=text,
            actors=[GoldActor("John Smith", [], "person"), GoldActor("Acme Corp", [], "organization")],
            quotes=[GoldQuote("We will win,", "John Smith")],
            events=[GoldEvent("win", "2024-06-03", "Monday, 3 June 2024")],
        ),
        _gold(id="two", text=text, actors=[GoldActor("Acme Corp", [], "organization")]),
    ]


def _fake_model(article: GoldArticle) -> Brief:
    if article.id == "two":
        raise ExtractionError("the model's answers kept failing validation")
    run = RunInfo(
        backend="fake",
        model="fake-1b",
        prompt_version="p1",
        seconds={"actors": 2.0},
        usage=Usage(prompt_tokens=90, completion_tokens=10),
        reasks=1,
    )
    return _brief(actors=[_actor(1, "John Smith")], quotes=[_quote("We will win,", "a1")], run=run)


def test_report_json_shape() -> None:
    calls: list[tuple[int, int, str]] = []
    report = evaluate(_articles(), _fake_model, lambda *told: calls.append(told), gold="g.json")
    assert calls == [(0, 2, "one"), (1, 2, "two"), (2, 2, "")]
    data = json.loads(report.to_json())
    assert set(data) == {
        "gold",
        "created",
        "articles",
        "run",
        "wall_seconds",
        "metrics",
        "beats_baseline",
        "totals",
        "counts",
        "per_article",
    }
    assert (data["gold"], data["articles"]) == ("g.json", 2)
    assert data["run"] == {"backend": "fake", "model": "fake-1b", "prompt_version": "p1"}
    names = [m.name for m in METRICS]
    assert list(data["metrics"]) == names
    assert set(data["totals"]) == {"model", "baseline", "delta"}
    for side in ("model", "baseline", "delta"):
        assert list(data["totals"][side]) == names
    model, baseline, delta = (data["totals"][k] for k in ("model", "baseline", "delta"))
    # The failed article's gold counts as missed; its brief counts in no per-brief mean.
    assert model["actor_recall"] == round(1 / 3, 4)
    assert data["counts"]["model"]["actor_recall"] == [1, 3]
    assert model["schema_valid_final"] == 0.5 and model["schema_valid_first"] == 0.0
    assert (model["reasks_per_brief"], model["tokens_per_brief"], model["seconds_per_brief"]) == (1, 100, 2)
    assert baseline["actor_recall"] == 1.0 and baseline["tokens_per_brief"] == 0
    assert delta["actor_recall"] == round(model["actor_recall"] - baseline["actor_recall"], 4)
    precision, recall = model["actor_precision"], model["actor_recall"]
    assert model["actor_f1"] == round(2 * precision * recall / (precision + recall), 4)
    # Article two has no gold quotes, so the baseline's quote there is wrong; the model made no brief.
    assert (model["quote_precision"], baseline["quote_precision"], delta["quote_precision"]) == (
        1.0,
        0.5,
        0.5,
    )
    one, two = data["per_article"]
    assert (one["id"], two["id"]) == ("one", "two")
    assert set(one) == {"id", "model", "baseline"}
    assert one["model"]["error"] is None and two["model"]["error"].startswith("the model's answers")
    assert one["model"]["counts"]["quote_recall"] == [1, 1]
    assert one["baseline"]["date_accuracy"] == 1.0
    extraction = [delta[m.name] for m in METRICS if m.kind == "extraction" and delta[m.name] is not None]
    assert data["beats_baseline"] == {"metrics": sum(d > 0 for d in extraction), "of": len(extraction)}


def test_other_errors_stop_the_run() -> None:
    def broken(_article: GoldArticle) -> Brief:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        evaluate(_articles(), broken)


def test_report_totals_and_beaten_count_extraction_metrics_only() -> None:
    gold = _gold(actors=[GoldActor("Acme", [], "organization")])
    better = score(_brief(actors=[_actor(1, "Acme", ActorKind.ORGANIZATION)]), gold)
    worse = score(_brief(actors=[_actor(1, "Other", ActorKind.ORGANIZATION)]), gold)
    report = Report("g", [better], [worse])
    assert report.totals()["delta"]["actor_recall"] == 1.0
    assert report.beaten() == (2, 2)  # actor precision and recall; validity and costs are no contest


OWN = Path(__file__).resolve().parents[1] / "eval"


@pytest.mark.parametrize("path", [OWN / "own" / "gold.json", OWN / "example-gold.json"], ids=lambda p: p.name)
def test_this_projects_reader_gold_of_its_own_articles_is_exact(path: Path) -> None:
    """The thirteen held-out articles of other topics and the example: every span is its words."""
    articles = load_gold(path)
    assert articles and all(
        a.actors_complete and a.consequences_complete and a.events_complete for a in articles
    )
    for a in articles:
        spans = [(q.span, q.text) for q in a.quotes if q.span is not None]
        spans += [(e.evidence_span, e.evidence) for e in a.events if e.evidence_span is not None]
        spans += [(s, w) for c in a.consequences for s, w in zip(c.evidence_spans, c.evidence, strict=True)]
        assert spans
        for span, words in spans:
            assert a.text[span.start : span.end] == words, (a.id, words)


def test_a_surname_two_people_share_names_neither_of_them() -> None:
    # Two Okafors, no relation: the words of one given to the other are wrong, though the surname is
    # in both names; a surname only one person has still names them.
    gold = _gold(
        actors=[
            GoldActor("Grace Okafor", [], "person"),
            GoldActor("Tunde Okafor", ["Okafor"], "person"),
            GoldActor("Helen Brandt", [], "person"),
        ],
        quotes=[
            GoldQuote("The river is rising.", "Grace Okafor"),
            GoldQuote("We left at dawn.", "Tunde Okafor"),
        ],
    )
    brief = _brief(
        actors=[_actor(1, "Grace Okafor", aliases=["Okafor"]), _actor(2, "Brandt")],
        quotes=[_quote("The river is rising.", "a1"), _quote("We left at dawn.", "a1")],
    )
    result = score(brief, gold)
    assert result.speaker_accuracy == Ratio(1, 2)
    assert result.ratio("speakers_wrong") == Ratio(1, 2)
    # Tunde Okafor is not found through Grace's "Okafor"; Helen Brandt is, by her surname.
    assert result.actor_recall == Ratio(2, 3)
    assert result.notes["missed_actors"] == ["Tunde Okafor"]
