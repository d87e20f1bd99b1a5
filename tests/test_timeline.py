"""Tests of summarizer.timeline: resolving time expressions against the dateline and finding them in text."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from conftest import EXAMPLE, SHARED
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.models import Precision
from summarizer.timeline import find_dates, resolve

_THURSDAY = datetime.date(2021, 3, 18)
_MEANTIME = SHARED / "eval" / "meantime-dev.jsonl"
_CALENDAR = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")

D, W, M, Y = Precision.DAY, Precision.WEEK, Precision.MONTH, Precision.YEAR


@pytest.mark.parametrize(
    ("expression", "value", "precision"),
    [
        # Weekdays: the most recent such day on or before the dateline, a Thursday.
        ("Wednesday", "2021-03-17", D),
        ("Thursday", "2021-03-18", D),
        ("on Thursday", "2021-03-18", D),
        ("Friday", "2021-03-12", D),
        ("early Thursday", "2021-03-18", D),
        ("late Wednesday", "2021-03-17", D),
        ("Thursday night", "2021-03-18", D),
        ("Wednesday morning", "2021-03-17", D),
        ("last Thursday", "2021-03-11", D),
        ("last Monday", "2021-03-15", D),
        ("next Monday", "2021-03-22", D),
        ("next Thursday", "2021-03-25", D),
        ("this coming Friday", "2021-03-19", D),
        ("this Monday", "2021-03-15", D),
        # Days named from today.
        ("today", "2021-03-18", D),
        ("tonight", "2021-03-18", D),
        ("yesterday", "2021-03-17", D),
        ("tomorrow", "2021-03-19", D),
        ("this morning", "2021-03-18", D),
        ("last night", "2021-03-17", D),
        ("the day before", "2021-03-17", D),
        ("the day before yesterday", "2021-03-16", D),
        # Weeks, ISO numbered.
        ("this week", "2021-W11", W),
        ("earlier this week", "2021-W11", W),
        ("later this week", "2021-W11", W),
        ("last week", "2021-W10", W),
        ("next week", "2021-W12", W),
        ("this weekend", "2021-W11", W),
        # Months.
        ("this month", "2021-03", M),
        ("earlier this month", "2021-03", M),
        ("last month", "2021-02", M),
        ("next month", "2021-04", M),
        ("the end of the month", "2021-03", M),
        ("last November", "2020-11", M),
        ("last November's election", "2020-11", M),
        ("last March", "2020-03", M),
        ("next November", "2021-11", M),
        ("in November", "2020-11", M),
        ("in March", "2021-03", M),
        ("January", "2021-01", M),
        ("early March", "2021-03", M),
        ("January next year", "2022-01", M),
        ("June of last year", "2020-06", M),
        # Years.
        ("last year", "2020", Y),
        ("this year", "2021", Y),
        ("next year", "2022", Y),
        ("earlier this year", "2021", Y),
        ("the beginning of the year", "2021", Y),
        ("in 2011", "2011", Y),
        ("2008", "2008", Y),
        ("early 2009", "2009", Y),
        ("mid-2011", "2011", Y),
        # Explicit dates.
        ("March 17, 2021", "2021-03-17", D),
        ("17 March 2021", "2021-03-17", D),
        ("March 01, 2008", "2008-03-01", D),
        ("Mar. 17, 2021", "2021-03-17", D),
        ("the 17th of March, 2021", "2021-03-17", D),
        ("Wednesday, March 17, 2021", "2021-03-17", D),
        ("2021-03-17", "2021-03-17", D),
        ("2021-W11", "2021-W11", W),
        ("7/8/07", "2007-07-08", D),
        ("March 17", "2021-03-17", D),
        ("April 2nd", "2021-04-02", D),
        ("11 December", "2020-12-11", D),
        ("March 2021", "2021-03", M),
        ("November 2006", "2006-11", M),
        # So long ago.
        ("three days ago", "2021-03-15", D),
        ("two weeks ago", "2021-W09", W),
        ("six months ago", "2020-09", M),
        ("a year ago", "2020", Y),
        ("twenty-five years ago", "1996", Y),
    ],
)
def test_resolve(expression: str, value: str, precision: Precision) -> None:
    assert resolve(expression, _THURSDAY) == (value, precision)


@pytest.mark.parametrize(
    ("expression", "dateline", "value"),
    [
        ("11 December", datetime.date(2010, 1, 25), "2009-12-11"),  # across the turn of the year
        ("November 11", datetime.date(2005, 11, 5), "2005-11-11"),  # a few days ahead
        ("last week", datetime.date(2004, 11, 24), "2004-W47"),
        ("last week", datetime.date(2021, 1, 6), "2020-W53"),  # ISO years have 53 weeks sometimes
        ("Tuesday", datetime.date(2006, 5, 29), "2006-05-23"),
        ("Sunday", datetime.date(2007, 7, 9), "2007-07-08"),
        ("last month", datetime.date(2021, 1, 10), "2020-12"),
        ("next month", datetime.date(2021, 12, 10), "2022-01"),
        ("October", datetime.date(2004, 11, 24), "2004-10"),
        ("December", datetime.date(2005, 1, 18), "2004-12"),
        ("February 29", datetime.date(2008, 7, 2), "2008-02-29"),
    ],
)
def test_resolve_other_datelines(expression: str, dateline: datetime.date, value: str) -> None:
    assert resolve(expression, dateline)[0] == value


@pytest.mark.parametrize(
    "expression",
    [
        "fifty-year",
        "three years",
        "a year",
        "every week",
        "every Monday",
        "each Wednesday",
        "Mondays",
        "3 p.m.",
        "the day before the vote",
        "over the next year",
        "February 30",
        "the 1990s",
        "now",
        "",
        "   ",
    ],
)
def test_not_a_date(expression: str) -> None:
    assert resolve(expression, _THURSDAY) == (None, None)


@pytest.mark.parametrize(
    "expression",
    ["Wednesday", "yesterday", "last month", "earlier this week", "March 17", "November", "two days ago"],
)
def test_relative_without_dateline(expression: str) -> None:
    assert resolve(expression, None) == (None, None)


@pytest.mark.parametrize(
    ("expression", "value", "precision"),
    [
        ("March 17, 2021", "2021-03-17", D),
        ("in 2011", "2011", Y),
        ("March 2021", "2021-03", M),
        ("2021-03-17", "2021-03-17", D),
    ],
)
def test_absolute_without_dateline(expression: str, value: str, precision: Precision) -> None:
    assert resolve(expression, None) == (value, precision)


def test_example_article() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    whens = find_dates(text, _THURSDAY)
    for when in whens:
        assert when.span is not None
        assert text[when.span.start : when.span.end] == when.text
    assert [(w.text, w.value) for w in whens] == [
        ("2021-03-18", "2021-03-18"),  # the "date 2021-03-18" line is a date too
        ("Wednesday", "2021-03-17"),
        ("Thursday", "2021-03-18"),
        ("early Thursday", "2021-03-18"),
        ("2011", "2011"),
        ("last year", "2020"),
        ("earlier this week", "2021-W11"),
        ("last November", "2020-11"),
        ("Thursday", "2021-03-18"),
        ("Wednesday", "2021-03-17"),
        ("last year", "2020"),
        ("earlier this month", "2021-03"),
        ("last month", "2021-02"),
        ("Thursday", "2021-03-18"),
    ]
    assert whens[7].precision is Precision.MONTH


def test_find_without_dateline() -> None:
    text = "On Wednesday, officials said the deal signed on March 17, 2021 ended a dispute begun in 2011."
    found = {w.text: (w.value, w.precision) for w in find_dates(text, None)}
    assert found == {
        "Wednesday": (None, None),
        "March 17, 2021": ("2021-03-17", D),
        "2011": ("2011", Y),
    }


def test_find_skips_durations_sets_times_and_names() -> None:
    text = (
        "The fifty-year lease runs three years, renewed every week and each Monday at 3 p.m.; "
        "on Mondays 2,000 jobs and 2000 workers, April Ryan said. May I ask? The March on Washington "
        "over the next year."
    )
    assert find_dates(text, _THURSDAY) == []


def test_find_takes_future_cue_for_weekdays_and_months() -> None:
    dateline = datetime.date(2006, 3, 28)  # a Tuesday
    text = "The trial is set to begin on Wednesday. The company said Wednesday that it will appeal in June."
    assert [(w.text, w.value) for w in find_dates(text, dateline)] == [
        ("Wednesday", "2006-03-29"),
        ("Wednesday", "2006-03-22"),
        ("June", "2006-06"),
    ]
    assert resolve("Wednesday", dateline) == ("2006-03-22", D)
    could = find_dates("The lanes could open by September if funding arrives.", datetime.date(2024, 5, 2))
    assert [(w.text, w.value) for w in could] == [("September", "2024-09")]


def test_find_prefers_the_longest_expression() -> None:
    text = "Talks ended early Thursday morning, Wednesday, March 17, 2021 and in late May."
    assert [w.text for w in find_dates(text, _THURSDAY)] == [
        "early Thursday morning",
        "Wednesday, March 17, 2021",
        "late May",
    ]


@pytest.mark.shared
def test_meantime_resolve_accuracy() -> None:
    total = correct = 0
    for line in _MEANTIME.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        doc = json.loads(line)
        dct = datetime.date.fromisoformat(doc["dct"])
        for timex in doc["gold"]["timex"]:
            if timex["type"] != "DATE" or timex.get("function") == "CREATION_TIME":
                continue
            if not _CALENDAR.match(timex["value"]):
                continue
            total += 1
            correct += resolve(timex["text"], dct)[0] == timex["value"]
    assert total > 50
    assert correct / total >= 0.90


_DATE_WORDS = st.sampled_from(
    [
        "Monday",
        "last",
        "next",
        "this",
        "week",
        "month",
        "year",
        "March",
        "May",
        "17",
        "2021",
        "ago",
        "days",
        "early",
        "the",
        "day",
        "before",
        "of",
        ",",
        " ",
        "-",
        "/",
        "'s",
        "every",
        "in",
        "31",
        "00",
        "9999",
        "0001",
        "2021-03-17",
        "7/8/07",
        "W53",
        "mid",
        "today",
        "ſ",
        "İ",
        "\n",
        "will",
        "three",
    ]
)


@settings(max_examples=300, deadline=None, database=None)
@given(
    text=st.one_of(
        st.text(), st.lists(st.one_of(_DATE_WORDS, st.text(max_size=3)), max_size=30).map("".join)
    ),
    dateline=st.one_of(st.none(), st.dates()),
)
def test_find_dates_never_raises_and_spans_slice(text: str, dateline: datetime.date | None) -> None:
    for when in find_dates(text, dateline):
        assert when.span is not None
        assert 0 <= when.span.start < when.span.end <= len(text)
        assert text[when.span.start : when.span.end] == when.text
        assert (when.value is None) == (when.precision is None)
    resolve(text, dateline)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # The other day of two that share a month is a date of its own, its number alone the expression.
        ("The courts sat on Nov. 4 and 5.", [("Nov. 4", "2020-11-04"), ("5", "2020-11-05")]),
        (
            "Ballots were counted on 9 and 10 March by hand.",
            [("9", "2021-03-09"), ("10 March", "2021-03-10")],
        ),
        (
            "The fair runs June 2 and 3, 2022.",
            [("June 2", "2022-06-02"), ("3", "2022-06-03"), ("2022", "2022")],
        ),
        # A count after the month's day is no day.
        ("Votes on May 3 and 4 million more counted", [("May 3", "2021-05-03")]),
    ],
)
def test_two_days_of_one_month_are_two_dates(text: str, found: list[tuple[str, str]]) -> None:
    assert [(w.text, w.value) for w in find_dates(text, _THURSDAY)] == found
