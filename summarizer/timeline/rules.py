"""The rules of time expressions: what each looks like (a pattern) and what it means against the date it
is read from (a resolver). ``summarizer.timeline`` says which conventions they follow."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from .patterns import (
    DAY,
    MONTH_ANY,
    MONTH_FULL,
    NUMBER,
    PART,
    REL,
    START,
    WD_NAMES,
    WD_PREFIX,
    YEAR4,
    count,
    group,
    month_number,
    norm,
    weekday_number,
)
from .values import Resolved, as_day, as_month, as_week, as_year

__all__ = ["RULES", "Rule", "Tense"]

Tense = Literal["past", "present", "future"]
"""The tense of the clause a time expression dates, which says which way a weekday or month alone
points from the dateline."""

_SATURDAY = 5
"""``date.weekday()`` of a Saturday: a weekend's first day."""
_LESS = r"(?:(?P<less>less\s+than|fewer\s+than|under)\s+)?"
"""Words that make "N weeks ago" any time since then ("less than two weeks ago")."""
# The date a relative expression is resolved against; for an absolute one it is ignored.
_Resolver = Callable[[re.Match[str], datetime.date, Tense], Resolved | None]


@dataclass(frozen=True)
class Rule:
    """One kind of time expression: its pattern, and how a match resolves against a date."""

    name: str
    pattern: re.Pattern[str]
    resolve: _Resolver
    relative: bool


def _explicit_day(m: re.Match[str], _ref: datetime.date, _tense: Tense) -> Resolved | None:
    # A weekday before the date ("Tuesday, March 17, 2021") is ignored: the date is the more specific.
    return as_day(datetime.date(int(m["y"]), month_number(m), int(m["d"])))


def _month_day(m: re.Match[str], ref: datetime.date, tense: Tense) -> Resolved | None:
    month, day = month_number(m), int(m["d"])
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidates.append(datetime.date(year, month, day))
        except ValueError:
            continue
    ahead = [c for c in candidates if c >= ref]
    if tense == "future" and ahead:
        return as_day(ahead[0])
    # Nearest to the dateline; on a tie the earlier, since news mostly reports what has happened.
    return as_day(min(candidates, key=lambda c: (abs((c - ref).days), c))) if candidates else None


def _paired_day(m: re.Match[str], ref: datetime.date, tense: Tense) -> Resolved | None:
    if group(m, "y") is not None:
        return _explicit_day(m, ref, tense)
    return _month_day(m, ref, tense)


def _iso_day(m: re.Match[str], _ref: datetime.date, _tense: Tense) -> Resolved | None:
    return as_day(datetime.date(int(m["y"]), int(m["m"]), int(m["d"])))


def _iso_week(m: re.Match[str], _ref: datetime.date, _tense: Tense) -> Resolved | None:
    return as_week(datetime.date.fromisocalendar(int(m["y"]), int(m["w"]), 1))


def _numeric(m: re.Match[str], _ref: datetime.date, _tense: Tense) -> Resolved | None:
    first, second, year_text = int(m["a"]), int(m["b"]), m["y"]
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000 if year < 70 else 1900
    # American order (7/8/07 is July 8) unless the first number cannot be a month.
    month, day = (second, first) if first > 12 else (first, second)
    return as_day(datetime.date(year, month, day))


def _numeric_ymd(m: re.Match[str], _ref: datetime.date, _tense: Tense) -> Resolved | None:
    return as_day(datetime.date(int(m["y"]), int(m["m"]), int(m["d"])))


def _month_year(m: re.Match[str], _ref: datetime.date, _tense: Tense) -> Resolved | None:
    return as_month(int(m["y"]), month_number(m))


def _month_relative_year(m: re.Match[str], ref: datetime.date, _tense: Tense) -> Resolved | None:
    rel = norm(m["rel"])
    return as_month(ref.year + (-1 if rel == "last" else 1 if rel == "next" else 0), month_number(m))


def _year_only(m: re.Match[str], _ref: datetime.date, _tense: Tense) -> Resolved | None:
    year = int(m["y"])
    return _year_part(m, year) if year >= 1000 else None


def _year_part(m: re.Match[str], year: int) -> Resolved:
    """A year, or its December where the words name its end ("by the end of 2026")."""
    return as_month(year, 12) if norm(group(m, "part")) == "end" else as_year(year)


def _bare_month(m: re.Match[str], ref: datetime.date, tense: Tense) -> Resolved | None:
    month, rel = month_number(m), norm(group(m, "rel"))
    if rel in ("last", "past", "this past"):
        return as_month(ref.year if month < ref.month else ref.year - 1, month)
    if rel in ("next", "coming", "this coming"):
        return as_month(ref.year if month > ref.month else ref.year + 1, month)
    if rel == "this":
        return as_month(ref.year, month)
    if tense == "future":
        return as_month(ref.year if month >= ref.month else ref.year + 1, month)
    if tense == "past" or month == ref.month:
        return as_month(ref.year if month <= ref.month else ref.year - 1, month)
    # The present ("talks resume in January", "the contract expires in September") says neither way:
    # the nearer of the month before the dateline and the one after, the one before on a tie.
    back, ahead = (ref.month - month) % 12, (month - ref.month) % 12
    return (
        as_month(ref.year + (1 if month < ref.month else 0), month)
        if ahead < back
        else as_month(ref.year - (1 if month > ref.month else 0), month)
    )


def _weekday(m: re.Match[str], ref: datetime.date, tense: Tense) -> Resolved | None:
    wanted, rel = weekday_number(m), norm(group(m, "rel"))
    back = (ref.weekday() - wanted) % 7  # days since the most recent such day, 0 if it is today
    ahead = (wanted - ref.weekday()) % 7
    if rel in ("last", "past", "this past"):
        return as_day(ref - datetime.timedelta(days=back or 7))
    if rel in ("next", "coming", "this coming"):
        return as_day(ref + datetime.timedelta(days=ahead or 7))
    if rel == "this":
        return as_day(ref + datetime.timedelta(days=wanted - ref.weekday()))
    if tense == "future" or (tense == "present" and ahead < back):
        # The present ("the shop opens Friday", "shares are lower Monday") says neither way: the
        # nearer such day, as for a month.
        return as_day(ref + datetime.timedelta(days=ahead))
    return as_day(ref - datetime.timedelta(days=back))


def _deictic(m: re.Match[str], ref: datetime.date, _tense: Tense) -> Resolved | None:
    word = norm(m["w"] or m["w2"])  # "this morning" and "last night" name their day by the first word
    offset = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "last": -1, "tomorrow": 1}[word]
    return as_day(ref + datetime.timedelta(days=offset))


def _day_before(m: re.Match[str], ref: datetime.date, _tense: Tense) -> Resolved | None:
    offset = {"before": -1, "before yesterday": -2, "after tomorrow": 2}.get(norm(m["w"]))
    return None if offset is None else as_day(ref + datetime.timedelta(days=offset))


def _relative_unit(m: re.Match[str], ref: datetime.date, tense: Tense) -> Resolved | None:
    rel, unit = norm(m["rel"]), norm(m["unit"])
    if rel == "the" and group(m, "part") is None:
        return None  # "the year" alone names no particular year
    step = -1 if rel in ("last", "this past") else 1 if rel in ("next", "this coming") else 0
    if unit == "weekend" and rel == "this" and tense == "past" and ref.weekday() < _SATURDAY:
        step = -1  # "became public this weekend", written on a weekday: the weekend just gone
    if unit in ("week", "weekend"):
        # A weekend belongs to the ISO week whose Monday precedes it.
        return as_week(ref + datetime.timedelta(weeks=step))
    if unit == "month":
        return as_month(ref.year, ref.month + step)
    return _year_part(m, ref.year + step)


def _ago(m: re.Match[str], ref: datetime.date, _tense: Tense) -> Resolved | None:
    n = count(norm(m["n"]))
    unit = norm(m["unit"])
    if group(m, "less") is not None:
        # "less than two weeks ago" is any day since then: the month, or the year, that holds them all.
        days = {"day": n, "week": 7 * n, "month": 31 * n, "year": 366 * n}[unit]
        since = ref - datetime.timedelta(days=days)
        if (since.year, since.month) == (ref.year, ref.month):
            return as_month(ref.year, ref.month)
        return as_year(ref.year) if since.year == ref.year else None
    if unit == "day":
        return as_day(ref - datetime.timedelta(days=n))
    if unit == "week":
        return as_week(ref - datetime.timedelta(weeks=n))
    if unit == "month":
        return as_month(ref.year, ref.month - n)
    return as_year(ref.year - n)


def _rule(name: str, pattern: str, resolver: _Resolver, *, relative: bool) -> Rule:
    return Rule(name, re.compile(pattern, re.IGNORECASE), resolver, relative)


RULES = [
    _rule(
        "iso_day",
        START + r"(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})(?!(?!T[0-9])[\w/]|[.-][0-9])",
        _iso_day,
        relative=False,
    ),
    _rule("iso_week", START + r"(?P<y>[0-9]{4})-W(?P<w>[0-9]{2})(?![\w-])", _iso_week, relative=False),
    _rule(
        "numeric",
        START + r"(?P<a>[0-9]{1,2})/(?P<b>[0-9]{1,2})/(?P<y>[0-9]{4}|[0-9]{2})(?![\w/]|[.,][0-9])",
        _numeric,
        relative=False,
    ),
    _rule(
        "numeric_ymd",
        START + r"(?P<y>[0-9]{4})/(?P<m>[0-9]{1,2})/(?P<d>[0-9]{1,2})(?![\w/]|[.,][0-9])",
        _numeric_ymd,
        relative=False,
    ),
    _rule(
        "mdy",
        r"\b" + WD_PREFIX + MONTH_ANY + r"\s*" + DAY + r",?\s+(?:of\s+)?" + YEAR4,
        _explicit_day,
        relative=False,
    ),
    _rule(
        "dmy",
        r"\b" + WD_PREFIX + r"(?:the\s+)?" + START + DAY + r"\s+(?:of\s+)?" + MONTH_ANY + r",?\s+" + YEAR4,
        _explicit_day,
        relative=False,
    ),
    # The first of two days of a month and year ("June 2 and 3, 2022"): the year is its too.
    _rule(
        "mdy_pair",
        r"\b"
        + WD_PREFIX
        + r"(?P<shown>"
        + MONTH_ANY
        + r"\s*"
        + DAY
        + r")\s+(?:and|or|&)\s+[0-9]{1,2}(?:st|nd|rd|th)?,?\s+"
        + YEAR4,
        _explicit_day,
        relative=False,
    ),
    _rule(
        "md",
        r"\b" + WD_PREFIX + MONTH_ANY + r"\s*" + DAY + r"(?![%-]|[.,:][0-9])",
        _month_day,
        relative=True,
    ),
    _rule(
        "dm",
        r"\b" + WD_PREFIX + r"(?:the\s+)?" + START + DAY + r"\s+(?:of\s+)?" + MONTH_ANY,
        _month_day,
        relative=True,
    ),
    # The other day of two that share a month ("Oct. 15 and 16", "15 and 16 October"): only the day's
    # number is the expression (group "shown"); the month beside it is the other day's.
    _rule(
        "md_pair",
        r"\b" + MONTH_ANY + r"\s*[0-9]{1,2}(?:st|nd|rd|th)?\s+(?:and|or|&)\s+(?P<shown>" + DAY + r")"
        r"(?:,?\s+" + YEAR4 + r")?(?![%-]|[.,:][0-9]|\s+[a-z])",
        _paired_day,
        relative=True,
    ),
    _rule(
        "dm_pair",
        r"\b"
        + START
        + r"(?P<shown>"
        + DAY
        + r")\s+(?:and|or|&)\s+[0-9]{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?"
        + MONTH_ANY
        + r"(?:,?\s+"
        + YEAR4
        + r")?",
        _paired_day,
        relative=True,
    ),
    _rule("my", r"\b" + PART + r"?" + MONTH_ANY + r",?\s+(?:of\s+)?" + YEAR4, _month_year, relative=False),
    _rule(
        "month_rel_year",
        r"\b" + PART + r"?" + MONTH_FULL + r",?\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b",
        _month_relative_year,
        relative=True,
    ),
    _rule("year", START + PART + r"?(?:the\s+year\s+)?" + YEAR4, _year_only, relative=False),
    _rule(
        "month",
        r"\b(?:" + REL + r"\s+|" + PART + r")?" + MONTH_FULL + r"(?![-\s]*[0-9])",
        _bare_month,
        relative=True,
    ),
    _rule(
        "weekday",
        r"\b(?:"
        + REL
        + r"\s+)?(?:(?P<mod>early|late|mid|midday)\s+)?"
        + WD_NAMES
        + r"(?:\s+(?P<tod>morning|afternoon|evening|night|midday|noon|overnight)\b)?",
        _weekday,
        relative=True,
    ),
    _rule(
        "deictic",
        r"\b(?:(?:early|late)\s+)?(?:(?P<w>today|tonight|yesterday|tomorrow)\b"
        r"(?:\s+(?:morning|afternoon|evening|night)\b)?|(?P<w2>this|last)\s+(?:morning|afternoon|"
        r"evening|night)\b)",
        _deictic,
        relative=True,
    ),
    _rule(
        "day_before",
        r"\bthe\s+day\s+(?P<w>before(?:\s+yesterday)?|after\s+tomorrow)\b",
        _day_before,
        relative=True,
    ),
    _rule(
        "unit",
        r"\b(?:(?P<pre>earlier|later|early|late)\s+|" + PART + r")?"
        r"(?P<rel>this\s+past|this\s+coming|this|last|next|the)\s+(?P<unit>week|weekend|month|year)\b"
        r"(?!-)",
        _relative_unit,
        relative=True,
    ),
    _rule("ago", r"\b" + _LESS + NUMBER + r"\s+(?P<unit>day|week|month|year)s?\s+ago\b", _ago, relative=True),
]
