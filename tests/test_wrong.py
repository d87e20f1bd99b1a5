"""Tests of the shown-wrong figures (summarizer.evaluate.wrong): each class of the reader's check on
small hand-made briefs against a reader's gold, and the readability test of an entry in the article's
words. No model runs here."""

from __future__ import annotations

from typing import Any

import pytest

from summarizer.evaluate import GoldActor, GoldArticle, GoldConsequence, GoldEvent, GoldQuote, Ratio, score
from summarizer.evaluate.readable import readable_alone
from summarizer.models import Actor, Basis, Brief, ClaimSource, Consequence, Event, Quote, RunInfo, Span, When

_TEXT = (
    "General Motors said on Monday it will close a plant in Ohio unless the United Auto Workers (UAW) "
    "accept wage cuts. The UAW refused on Tuesday. “We will not,” said Ron Gettelfinger."
)


def _item(cls: type[Any], **fields: Any) -> Any:
    return cls.model_validate({"spans": [], **fields})


def _actor(n: int, name: str, kind: str = "organization", aliases: list[str] | None = None) -> Actor:
    actor: Actor = _item(Actor, id=f"a{n}", name=name, kind=kind, aliases=aliases or [])
    return actor


def _brief(**parts: Any) -> Brief:
    return Brief(
        headline="",
        summary="",
        dateline=None,
        run=RunInfo(backend="t", model="t", prompt_version="t"),
        **parts,
    )


def _gold(**parts: Any) -> GoldArticle:
    base: dict[str, Any] = {
        "id": "t",
        "text": _TEXT,
        "dateline": None,
        "actors": [
            GoldActor("General Motors", ["GM"], "organization"),
            GoldActor("United Auto Workers", ["UAW"], "organization"),
            GoldActor("Ron Gettelfinger", [], "person"),
        ],
        "non_actors": ["Ohio"],
        "actors_complete": True,
    }
    return GoldArticle(**{**base, **parts})


def _figure(brief: Brief, gold: GoldArticle, name: str) -> Ratio:
    return score(brief, gold).ratio(name)


def test_broken_names_duplicates_and_non_actors_are_counted_against_the_actors_shown() -> None:
    brief = _brief(
        actors=[
            _actor(1, "Motors"),
            _actor(2, "General Motors"),
            _actor(3, "UAW"),
            _actor(4, "United Auto Workers"),
            _actor(5, "Ohio", "country"),
            _actor(6, "Ron Gettelfinger", "person"),
        ]
    )
    scored = score(brief, _gold())
    assert scored.ratio("broken_names") == Ratio(1, 6)
    assert scored.ratio("duplicate_actors") == Ratio(1, 6)
    assert scored.ratio("non_actors") == Ratio(1, 6)
    assert scored.notes["broken_names"] == ["Motors"]
    assert scored.notes["duplicate_actors"] == ["United Auto Workers (= UAW)"]


def test_actor_classes_are_not_scored_without_a_complete_reader_gold() -> None:
    brief = _brief(actors=[_actor(1, "Motors")])
    assert _figure(brief, _gold(actors_complete=False), "broken_names") == Ratio()


def test_a_wrong_speaker_is_wrong_and_an_unknown_one_is_only_unknown() -> None:
    actors = [_actor(1, "General Motors"), _actor(2, "Ron Gettelfinger", "person")]
    gold = _gold(
        quotes=[
            GoldQuote("We will not,", "Ron Gettelfinger"),
            GoldQuote("Motor City", None, term=True),
            GoldQuote("no one knows", None),
        ]
    )
    wrong = _brief(
        actors=actors,
        quotes=[
            _item(Quote, text="We will not,", speaker="a1", full=True),
            _item(Quote, text="Motor City", speaker="a1", full=False),
            _item(Quote, text="no one knows", speaker=None, full=False),
        ],
    )
    assert _figure(wrong, gold, "speakers_wrong") == Ratio(2, 3)
    unknown = _brief(actors=actors, quotes=[_item(Quote, text="We will not,", speaker=None, full=True)])
    assert _figure(unknown, gold, "speakers_wrong") == Ratio(0, 1)
    assert _figure(unknown, gold, "speakers_unknown") == Ratio(1, 1)


def _consequence(
    at: tuple[int, int], certainty: str, claimant: str | None, source: ClaimSource = ClaimSource.ARTICLE
) -> Consequence:
    what = _TEXT[at[0] : at[1]]
    basis = None if source is ClaimSource.ARTICLE else Basis.ANALYSIS
    fields = {
        "what": what,
        "certainty": certainty,
        "claim_source": source,
        "claimed_by": claimant,
        "claim_basis": basis,
    }
    consequence: Consequence = _item(Consequence, **fields, spans=[Span(start=at[0], end=at[1])])
    return consequence


def test_certainty_and_claimant_are_judged_on_the_gold_consequence_each_overlaps() -> None:
    close = (_TEXT.index("it will close"), _TEXT.index(" The UAW"))
    gold = _gold(
        consequences=[
            GoldConsequence(
                "GM will close a plant unless the UAW accepts cuts",
                certainty="conditional",
                claimed_by="General Motors",
                evidence_spans=[Span(start=close[0], end=close[1])],
            )
        ],
        consequences_complete=True,
    )
    actors = [_actor(1, "General Motors"), _actor(2, "United Auto Workers", aliases=["UAW"])]
    right = _brief(actors=actors, consequences=[_consequence(close, "conditional", "a1", ClaimSource.ACTOR)])
    assert _figure(right, gold, "certainty_wrong") == Ratio(0, 1)
    assert _figure(right, gold, "claimants_wrong") == Ratio(0, 1)
    wrong = _brief(actors=actors, consequences=[_consequence(close, "happened", None)])
    scored = score(wrong, gold)
    assert scored.ratio("certainty_wrong") == Ratio(1, 1)
    assert scored.ratio("claimants_wrong") == Ratio(1, 1)
    assert scored.notes["claimants_wrong"][0].endswith("the article (gold: General Motors)")


def test_an_unnamed_source_is_not_the_article() -> None:
    close = (_TEXT.index("it will close"), _TEXT.index(" The UAW"))
    want = GoldConsequence(
        "x", claimed_by=None, source_unnamed=True, evidence_spans=[Span(start=close[0], end=close[1])]
    )
    gold = _gold(consequences=[want], consequences_complete=True)
    article = _brief(consequences=[_consequence(close, "conditional", None)])
    assert _figure(article, gold, "claimants_wrong") == Ratio(1, 1)
    unnamed = _brief(consequences=[_consequence(close, "conditional", None, ClaimSource.UNNAMED)])
    assert _figure(unnamed, gold, "claimants_wrong") == Ratio(0, 1)
    # A claimant shown unknown is never wrong.
    unknown = _brief(consequences=[_consequence(close, "conditional", None, ClaimSource.UNKNOWN)])
    assert _figure(unknown, gold, "claimants_wrong") == Ratio(0, 1)


def test_a_complete_gold_with_no_consequence_makes_every_brief_consequence_wrong() -> None:
    close = (_TEXT.index("it will close"), _TEXT.index(" The UAW"))
    brief = _brief(consequences=[_consequence(close, "conditional", None)])
    assert score(brief, _gold(consequences_complete=True)).consequence_precision == Ratio(0, 1)
    assert score(brief, _gold()).consequence_precision == Ratio()


def _dated(what: str, when: str, value: str | None) -> Event:
    at = _TEXT.index(when)
    event: Event = _item(
        Event,
        what=what,
        when=When(text=when, span=Span(start=at, end=at + len(when)), value=value, precision="day"),
    )
    return event


def _timeline_gold() -> GoldArticle:
    monday, tuesday = _TEXT.index("Monday"), _TEXT.index("Tuesday")
    return _gold(
        events=[
            GoldEvent(
                "GM said it will close a plant",
                "2008-12-01",
                "Monday",
                Span(start=monday, end=monday + 6),
            ),
            GoldEvent(
                "The UAW refused wage cuts",
                "2008-12-02",
                "Tuesday",
                Span(start=tuesday, end=tuesday + 7),
            ),
        ],
        events_complete=True,
    )


def test_dates_wrong_and_entries_unreadable_alone() -> None:
    brief = _brief(
        events=[
            _dated("it will close a plant in Ohio", "Monday", "2008-12-01"),
            _dated("The UAW agreed to wage cuts on Tuesday", "Tuesday", "2007-12-02"),
        ]
    )
    scored = score(brief, _timeline_gold())
    assert scored.ratio("dates_wrong") == Ratio(1, 2)
    assert scored.ratio("unreadable_entries") == Ratio(1, 2)


def test_readable_entries_on_the_right_dates_pass() -> None:
    brief = _brief(
        events=[
            _dated("[General Motors] said on Monday it will close a plant in Ohio", "Monday", "2008-12-01"),
            _dated("The UAW rejected the wage cuts on Tuesday", "Tuesday", "2008-12-02"),
        ]
    )
    scored = score(brief, _timeline_gold())
    assert scored.ratio("unreadable_entries") == Ratio(0, 2)
    assert scored.ratio("dates_wrong") == Ratio(0, 2)


@pytest.mark.parametrize(
    ("what", "readable"),
    [
        ("The union refused the company's offer", True),
        ("[GM] might run out of money by March", True),
        ("Republican leaders insisted that the UAW agree to cuts", True),
        ("it might run out of money by March", False),
        ("to the same month a year ago", False),
        ("to help Donald Trump in last November's election", False),
        ("that the plant would close in May", False),
        ("sales of cars in the first quarter", False),
        ("we will not give up, ” he", False),
        # A possessive needs something shown before it to stand for; a name added in brackets is one.
        ("His clinic shut a program in September", False),
        ("[Dr. Ana Reyes'] clinic shut a program in September", True),
        ("The company said its profits fell in May", True),
        ("After his election in 2020, Biden signed the bill", True),
        # A clause with no subject, a demonstrative one, a pronoun in a quotation with nothing in it.
        ("Ordered it to file a report by June", False),
        ("That decision is due by the end of next month.", False),
        ('[Dmitry Peskov said:] "He does not want to talk before May."', False),
        # An object pronoun never stands for its own verb's subject.
        ("A federal judge barred him from working until April", False),
        ("Papermaster joined in 2008, but a federal judge barred him from working until April", True),
        # An "it" that stands for the clause after it reads alone.
        ("It was not clear whether the plant would reopen in May", True),
        # A person the brief added is no antecedent for "it", an organization is.
        ("[Ada Moss] ordered it to file a report by June", False),
        ("[Harbor Water Board] said it would file a report by June", True),
    ],
)
def test_readable_alone(what: str, readable: bool) -> None:
    assert (readable_alone(what) is None) is readable, readable_alone(what)


@pytest.mark.parametrize(
    ("what", "readable"),
    [
        # A definite description that nothing in the entry names, after an article that named others.
        ("The deliveries are scheduled for 2029.", False),
        ("The first aircraft can be tested in 2030", False),
        ("The first of the jets will fly in May", False),
        ("The airline's delivery was delayed until May", False),
        # Its own words name it: a name, a number that is one, a complement, a name added after it.
        ("The Airbus A330 jetliner crashed in June", True),
        ("The first flight of the 777 was in 1994", True),
        ("The price of oil fell in May", True),
        ("The firm [Kanto Data] said sales had risen since 2021", True),
        ("This company [Acme] closed in May", True),
        ("Through the use of new designs [the aircraft] will burn less fuel in 2030", True),
        # A complement named after it says which the whole is.
        ("The first flight of the engine [Vesta V2] will take place in June", True),
        ("The first of the jets [Kestrel K9] will fly in May", True),
    ],
)
def test_a_definite_description_must_say_which_one(what: str, readable: bool) -> None:
    before = "Kestrel Air ordered ten jets from Boeing on Monday. "
    assert (readable_alone(what, before=before) is None) is readable, readable_alone(what, before=before)
    # In an article's lead, with no one named before it, the description says all the article does.
    assert readable_alone(what, before="") is None


def test_an_entry_must_show_the_words_that_date_it() -> None:
    assert readable_alone("The hospital would rehire 22 clinicians", "August") is not None
    assert readable_alone("The hospital said in August it would rehire 22 clinicians", "August") is None
    assert readable_alone("The team won on Sunday’s final", "Sunday's") is None


def test_a_gold_that_only_describes_its_consequences_judges_no_claimant() -> None:
    close = (_TEXT.index("it will close"), _TEXT.index(" The UAW"))
    want = GoldConsequence(
        "GM will close a plant, according to GM", evidence_spans=[Span(start=close[0], end=close[1])]
    )
    brief = _brief(
        actors=[_actor(1, "General Motors")],
        consequences=[_consequence(close, "conditional", "a1", ClaimSource.ACTOR)],
    )
    assert _figure(brief, _gold(consequences=[want]), "claimants_wrong") == Ratio(0, 0)
    assert _figure(brief, _gold(consequences=[want], consequences_complete=True), "claimants_wrong") == Ratio(
        1, 1
    )
