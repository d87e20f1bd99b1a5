"""Dates from the clause's tense: a month or weekday without a year points from the dateline the way its
clause's tense does, read from the parse; time words inside a quotation date nothing unless the
quotation says it happened. Made-up sentences of several topics; no model runs here."""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer import source_from_text
from summarizer.analysis import analyze
from summarizer.timeline import find_dates


def _dates(text: str, dateline: dt.date) -> dict[str, str | None]:
    analysis = analyze(source_from_text(text, dateline=dateline))
    return {d.when.text: d.when.value for d in analysis.dated}


@pytest.mark.parametrize(
    ("text", "dateline", "when", "value"),
    [
        # Past: the month before the dateline.
        ("The union said sales fell at the end of May.", dt.date(2009, 6, 3), "the end of May", "2009-05"),
        ("Carmaker shares fell in November, analysts said.", dt.date(2010, 1, 5), "November", "2009-11"),
        # Future, through an infinitive's verb: the month after.
        ("The court is expected to rule in March, lawyers said.", dt.date(2009, 12, 10), "March", "2010-03"),
        ("The club plans to open its new stadium in August.", dt.date(2011, 10, 2), "August", "2012-08"),
        ("The council said it would vote in February.", dt.date(2016, 11, 20), "February", "2017-02"),
        # Present: the nearer of the two.
        ("Talks resume in January, the mediator said.", dt.date(2009, 12, 10), "January", "2010-01"),
        ("The nurses' contract expires in September.", dt.date(2010, 6, 5), "September", "2010-09"),
        ("The season ends in May.", dt.date(2012, 11, 20), "May", "2012-05"),
        # What someone was ordered or asked to do comes after the order, whatever its tense.
        ("The judge ordered the firm to pay the fine in April.", dt.date(2018, 11, 2), "April", "2019-04"),
        # A limit ("until", "by") of a clause in the present, or of a demand, is ahead of it.
        ("The museum stays closed until March.", dt.date(2015, 9, 1), "March", "2016-03"),
        ("The league asked clubs for their budgets by July.", dt.date(2021, 2, 8), "July", "2021-07"),
        ("The bridge was closed until March.", dt.date(2015, 9, 1), "March", "2015-03"),
    ],
)
def test_a_month_without_a_year_takes_its_clauses_tense(
    text: str, dateline: dt.date, when: str, value: str
) -> None:
    assert _dates(text, dateline)[when] == value


def test_without_a_parse_the_words_before_a_month_still_say_future() -> None:
    # The text-only rules (a preview before the parse) keep their cue words.
    found = find_dates("The plant will reopen in March.", dt.date(2009, 12, 10))
    assert [(w.text, w.value) for w in found] == [("March", "2010-03")]


def test_time_words_inside_a_quotation_date_only_what_happened() -> None:
    text = (
        "The striking nurses met the hospital's managers on Tuesday.\n\n"
        "“Today nurses are paid less than cleaners,” the union's leader said. “We will walk out again "
        "tomorrow if nothing changes.”\n\n"
        "“Last week we closed two wards,” a manager said.\n\n"
        "“Today we are going to sign the deal,” the mayor said on Wednesday."
    )
    analysis = analyze(source_from_text(text, dateline=dt.date(2019, 3, 14)))
    found = {(d.when.text, d.when.span.start): d.when.value for d in analysis.dated if d.when.span}
    # "Today" meaning nowadays, and "tomorrow" in a threat, date nothing in the story; the mayor's
    # signing that very day does, and so does what a quotation says happened.
    assert found == {
        ("Tuesday", text.index("Tuesday")): "2019-03-12",
        ("Last week", text.index("Last week")): "2019-W10",
        ("Today", text.index("Today we")): "2019-03-14",
        ("Wednesday", text.index("Wednesday")): "2019-03-13",
    }


def test_time_words_outside_quotation_marks_are_the_writers() -> None:
    dates = _dates("The minister resigned today, her office said.", dt.date(2020, 2, 3))
    assert dates == {"today": "2020-02-03"}


@pytest.mark.parametrize(
    ("text", "when", "value"),
    [
        # A condition in the present is ahead: the coming Saturday, not the one gone (dateline Wednesday).
        (
            "If the storm reaches the coast on Saturday as forecast, the port will close.",
            "Saturday",
            "2023-03-11",
        ),
        # So is a clause of time whose main clause is a future, in the past where "would" reports it.
        ("The mayor said the library would hire staff when it reopened in May.", "May", "2023-05"),
        ("The gallery will reopen once repairs end on Friday.", "Friday", "2023-03-10"),
        # A forecast in the present passive is ahead.
        ("Heavy snow is forecast across the valley on Sunday.", "Sunday", "2023-03-12"),
        # The present alone says neither way: the nearer such day.
        ("The bakery on Elm Street opens on Thursday.", "Thursday", "2023-03-09"),
        ("Grain prices are lower on Tuesday.", "Tuesday", "2023-03-07"),
        # A perfect in a condition is past; so is a past clause of time under a past one.
        ("If the dam had failed on Monday, the valley would have flooded.", "Monday", "2023-03-06"),
        ("The crowd left when the band stopped on Saturday.", "Saturday", "2023-03-04"),
    ],
)
def test_a_weekday_without_a_date_points_the_way_of_its_clause(text: str, when: str, value: str) -> None:
    assert _dates(text, dt.date(2023, 3, 8))[when] == value


@pytest.mark.parametrize(
    "text",
    [
        "The coach declined to say whether the striker would play in the final in June.",
        "Asked whether the festival would return next year, the organiser said she would not speculate.",
        "The minister would not say whether fares would rise in April.",
        "The chief executive refused to speculate on a sale of the brewery in March.",
    ],
)
def test_a_clause_nobody_would_state_dates_nothing_and_is_no_consequence(text: str) -> None:
    analysis = analyze(source_from_text(text, dateline=dt.date(2022, 11, 3)))
    assert analysis.dated == []
    assert analysis.candidates == []


def test_a_refusal_itself_is_dated() -> None:
    # What was refused did not happen, and says nothing of a date; the refusal did, on its day.
    dates = _dates("The union declined on Monday to sign the deal.", dt.date(2022, 11, 3))
    assert dates == {"Monday": "2022-10-31"}


@pytest.mark.parametrize(
    ("text", "when"),
    [
        # The base of a comparison, with no verb of its own, dates nothing.
        ("The league has sold 40,000 season tickets so far this year, more than in all of 2019.", "2019"),
        ("Ferry traffic on the lake was higher than last year, the operator said on Friday.", "last year"),
    ],
)
def test_the_base_of_a_comparison_dates_nothing(text: str, when: str) -> None:
    assert when not in _dates(text, dt.date(2021, 6, 9))


def test_a_clause_of_comparison_with_its_own_verb_is_still_dated() -> None:
    dates = _dates("The river rose faster than it did in 2014, the rangers said.", dt.date(2021, 6, 9))
    assert dates["2014"] == "2014"


def test_a_quotation_of_the_time_alone_dates_nothing() -> None:
    # The quoted words are the time alone; the verb they date, outside the marks, is only urged.
    text = "The coach urged fans to buy their tickets “tomorrow, not on match day.”"
    assert "tomorrow" not in _dates(text, dt.date(2022, 5, 4))


def test_what_would_have_happened_dates_nothing() -> None:
    text = "Had the vote passed in March, the new stadium would have been finished by 2027."
    assert "2027" not in _dates(text, dt.date(2024, 5, 6))
    # What may have happened is still dated.
    dates = _dates("The fire may have started on Monday, investigators said.", dt.date(2024, 5, 8))
    assert dates["Monday"] == "2024-05-06"


def test_this_weekend_in_a_past_clause_is_the_weekend_just_gone() -> None:
    # Written on a Tuesday (week 20): the weekend before it is in week 19, the coming one in week 20.
    assert _dates("The leak became known this weekend.", dt.date(2024, 5, 14))["this weekend"] == "2024-W19"
    assert _dates("The festival will open this weekend.", dt.date(2024, 5, 14))["this weekend"] == "2024-W20"


def test_less_than_a_span_ago_is_the_month_or_year_that_holds_it() -> None:
    found = find_dates("The mine reopened less than two weeks ago.", dt.date(2019, 9, 20))
    assert [(w.text, w.value) for w in found] == [("less than two weeks ago", "2019-09")]
    found = find_dates("The mine reopened less than three months ago.", dt.date(2019, 9, 20))
    assert [w.value for w in found] == ["2019"]
    found = find_dates("The mine reopened two weeks ago.", dt.date(2019, 9, 20))
    assert [w.value for w in found] == ["2019-W36"]


def test_the_end_of_a_year_is_its_december() -> None:
    found = find_dates(
        "The canal will reopen by the end of 2027, or at the end of next year.", dt.date(2025, 4, 2)
    )
    assert [(w.text, w.value) for w in found] == [
        ("the end of 2027", "2027-12"),
        ("the end of next year", "2026-12"),
    ]
    # The start and middle of a year are less sure: the year.
    assert [w.value for w in find_dates("Work starts at the start of 2027.", dt.date(2025, 4, 2))] == ["2027"]


@pytest.mark.parametrize(
    ("text", "when"),
    [
        # What the quoted verb waits for, or tells of, is no time of it: the words were said some night.
        ('The mayor told the crowd: "This town has waited ten years for tonight."', "tonight"),
        ('The coach said: "We have worked all season for today."', "today"),
        ('The singer told fans: "Tonight belongs to all of you."', "Tonight"),
    ],
)
def test_a_speaking_time_that_is_not_when_the_quoted_verb_happened_dates_nothing(
    text: str, when: str
) -> None:
    assert when not in _dates(text, dt.date(2023, 4, 12))


@pytest.mark.parametrize(
    ("text", "when"),
    [
        # Said to have happened, with the time as when: still dated.
        ('The harbour master said: "We closed the port to ferries two days ago."', "two days ago"),
        ('The director said: "We signed the contract today."', "today"),
    ],
)
def test_a_speaking_time_that_says_when_the_quoted_event_happened_is_dated(text: str, when: str) -> None:
    assert _dates(text, dt.date(2023, 4, 12)).get(when) is not None
