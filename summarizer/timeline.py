"""Finding time expressions in English news text and resolving them against the article's dateline.

Deterministic rules, no model. The conventions are those of news writing and of TIMEX3 annotation:

- A weekday alone means the most recent such day on or before the dateline ("Wednesday" in a Thursday
  article is the day before; "Thursday" is the dateline itself), unless ``find_dates`` sees a future cue
  just before it in the same sentence ("is set to begin on Wednesday"), then the next such day on or
  after. "last Monday" is strictly before, "next Monday" and "this coming Monday" strictly after,
  "this Monday" the Monday of the dateline's week.
- A month alone means the most recent such month on or before the dateline's month (same future cue);
  "last November" is strictly before it, "next November" strictly after.
- A month and day without a year take the year that puts the date nearest the dateline, which is the
  dateline's year except around the turn of a year ("11 December" in a January article).
- Values are ISO at the expression's precision: ``2021-03-17`` day, ``2021-W11`` ISO week, ``2021-03``
  month, ``2011`` year.

Durations ("three years", "fifty-year"), sets ("every week", "each Monday", "Mondays") and times of day
alone ("3 p.m.") are not time expressions here. Spans are TIMEX3-like: they cover the words that carry
the time ("early Thursday", "earlier this week", "last November") without a leading preposition.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from .models import Precision, Span, When

__all__ = ["find_dates", "first_day", "in_date_order", "resolve"]

_Resolved = tuple[str, Precision]
# The date a relative expression is resolved against; for an absolute one it is ignored.
_Resolver = Callable[[re.Match[str], datetime.date, bool], _Resolved | None]

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]  # fmt: skip
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_NUMBER_WORDS: dict[str, int] = {
    **{w: i + 1 for i, w in enumerate(_UNITS)},
    **{w: i + 10 for i, w in enumerate(_TEENS)},
    **{w: 10 * (i + 2) for i, w in enumerate(_TENS)},
    "a": 1, "an": 1,
}  # fmt: skip

# Without a dateline a relative expression is still found, and checked against this date only to drop
# impossible ones (June 31); a leap year keeps February 29.
_PROBE = datetime.date(2000, 6, 15)

# Words before a bare month or year that make it a time and not a name or a count ("in June",
# "since 2009", as against "June Carter" or "2000 jobs").
_TEMPORAL_WORDS = frozenset(
    {
        "in", "since", "by", "until", "till", "from", "during", "of", "through", "throughout", "before",
        "after", "around", "between", "and", "or", "to", "early", "late", "mid", "last", "next", "this",
        "past", "coming", "end", "beginning", "start", "middle", "on", "for", "as", "at",
    }
)  # fmt: skip
# After "the day before", words that start a noun phrase or clause: the day is then before that.
_ANCHOR_STARTS = frozenset(
    {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that", "these", "those",
     "he", "she", "it", "they", "we", "i", "you"}
)  # fmt: skip
_SET_WORDS = frozenset({"every", "each", "per"})
# A weekday or month alone is relative, so the tense of its clause decides its direction; only cues in
# the few words just before it count, because "said Wednesday that it will" is past.
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|won[’']?t|wo\s+n[’']t|(?-i:may|might|could|would)|going\s+to|as\s+(?:early|soon)\s+as|upcoming|"
    r"(?:set|scheduled|slated|expected|poised|planned|planning|plans?|intends?|aims?)\s+(?:to|for|in|on)|"
    r"due\s+(?:for|in|on|until)|(?:is|are)\s+due\s+to)\b|[’']ll\b",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"[.!?;:\n]")
_CUE_WINDOW = 60
# What follows a bare year that makes it a count or a clock time rather than a year.
_NOT_YEAR_AFTER = re.compile(
    r"\s*(?:%|percent\b|per\s*cent\b|GMT\b|UTC\b|BST\b|CET\b|[ECMP][SD]T\b|hrs?\b|hours\b|local\s+time\b|"
    r"(?:people|persons|men|women|staff|workers|employees|jobs|units|aircraft|planes|jets|copies|"
    r"customers|passengers|seats|feet|ft|metres|meters|miles|km|kilometres|tons|tonnes|pounds|dollars|"
    r"euros|shares|songs|points|times|pixels|dpi|mhz|ghz|gb|mb|kb|tb|mm|cm|kg|kw|mw|rpm|x)\b)",
    re.IGNORECASE,
)

_WD_NAMES = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
_WD_PREFIX = r"(?:(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?"
_MONTH_FULL = (
    r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december)\b"
)
_MONTH_ANY = (
    r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?"
)
_DAY = r"(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?\b"
_YEAR4 = r"(?P<y>[0-9]{4})(?![\w%]|[.,][0-9]|-[0-9])"
_START = r"(?<![\w$€£#.,/-])"
_PART = (
    r"(?:(?P<mod>early|mid|late)(?:-|\s+)|"
    r"(?:the\s+)?(?P<part>end|beginning|start|middle|first\s+half|second\s+half|rest)\s+of\s+)"
)
_REL = r"(?P<rel>this\s+past|this\s+coming|this|last|next|past|coming)"
_NUMBER = (
    r"(?P<n>[0-9]{1,3}|(?:"
    + "|".join(_TENS)
    + r")(?:[-\s](?:"
    + "|".join(_UNITS)
    + r"))?|"
    + "|".join(_TEENS + _UNITS)
    + r"|a\s+couple\s+of|an?)"
)


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: _Resolver
    relative: bool


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    value: str | None
    precision: Precision | None


def _day(d: datetime.date) -> _Resolved:
    return d.isoformat(), Precision.DAY


def _week(d: datetime.date) -> _Resolved:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}", Precision.WEEK


def _month(year: int, month: int) -> _Resolved:
    # Shifting months can leave the range; normalising here keeps every caller simple.
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    if not 1 <= year <= 9999:
        raise ValueError("year out of range")
    return f"{year:04d}-{month:02d}", Precision.MONTH


def _year(year: int) -> _Resolved:
    if not 1 <= year <= 9999:
        raise ValueError("year out of range")
    return f"{year:04d}", Precision.YEAR


def _group(m: re.Match[str], name: str) -> str | None:
    # Every rule's pattern has its own set of groups; asking for an absent one means "not given".
    return m.groupdict().get(name)


def _norm(word: str | None) -> str:
    # casefold, not lower: IGNORECASE lets "ſ" match "s", and only casefold maps it back.
    return " ".join(word.casefold().split()) if word else ""


def _month_number(m: re.Match[str]) -> int:
    return _MONTHS[_norm(_group(m, "mon"))[:3]]


def _weekday_number(m: re.Match[str]) -> int:
    return _WEEKDAYS[_norm(_group(m, "wd"))[:3]]


def _explicit_day(m: re.Match[str], _ref: datetime.date, _future: bool) -> _Resolved | None:
    # A weekday before the date ("Tuesday, March 17, 2021") is ignored: the date is the more specific.
    return _day(datetime.date(int(m["y"]), _month_number(m), int(m["d"])))


def _month_day(m: re.Match[str], ref: datetime.date, future: bool) -> _Resolved | None:
    month, day = _month_number(m), int(m["d"])
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidates.append(datetime.date(year, month, day))
        except ValueError:
            continue
    ahead = [c for c in candidates if c >= ref]
    if future and ahead:
        return _day(ahead[0])
    # Nearest to the dateline; on a tie the earlier, since news mostly reports what has happened.
    return _day(min(candidates, key=lambda c: (abs((c - ref).days), c))) if candidates else None


def _iso_day(m: re.Match[str], _ref: datetime.date, _future: bool) -> _Resolved | None:
    return _day(datetime.date(int(m["y"]), int(m["m"]), int(m["d"])))


def _iso_week(m: re.Match[str], _ref: datetime.date, _future: bool) -> _Resolved | None:
    return _week(datetime.date.fromisocalendar(int(m["y"]), int(m["w"]), 1))


def _numeric(m: re.Match[str], _ref: datetime.date, _future: bool) -> _Resolved | None:
    first, second, year_text = int(m["a"]), int(m["b"]), m["y"]
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000 if year < 70 else 1900
    # American order (7/8/07 is July 8) unless the first number cannot be a month.
    month, day = (second, first) if first > 12 else (first, second)
    return _day(datetime.date(year, month, day))


def _numeric_ymd(m: re.Match[str], _ref: datetime.date, _future: bool) -> _Resolved | None:
    return _day(datetime.date(int(m["y"]), int(m["m"]), int(m["d"])))


def _month_year(m: re.Match[str], _ref: datetime.date, _future: bool) -> _Resolved | None:
    return _month(int(m["y"]), _month_number(m))


def _month_relative_year(m: re.Match[str], ref: datetime.date, _future: bool) -> _Resolved | None:
    rel = _norm(m["rel"])
    return _month(ref.year + (-1 if rel == "last" else 1 if rel == "next" else 0), _month_number(m))


def _year_only(m: re.Match[str], _ref: datetime.date, _future: bool) -> _Resolved | None:
    year = int(m["y"])
    return _year(year) if year >= 1000 else None


def _bare_month(m: re.Match[str], ref: datetime.date, future: bool) -> _Resolved | None:
    month, rel = _month_number(m), _norm(_group(m, "rel"))
    if rel in ("last", "past", "this past"):
        return _month(ref.year if month < ref.month else ref.year - 1, month)
    if rel in ("next", "coming", "this coming"):
        return _month(ref.year if month > ref.month else ref.year + 1, month)
    if rel == "this":
        return _month(ref.year, month)
    if future:
        return _month(ref.year if month >= ref.month else ref.year + 1, month)
    return _month(ref.year if month <= ref.month else ref.year - 1, month)


def _weekday(m: re.Match[str], ref: datetime.date, future: bool) -> _Resolved | None:
    wanted, rel = _weekday_number(m), _norm(_group(m, "rel"))
    back = (ref.weekday() - wanted) % 7  # days since the most recent such day, 0 if it is today
    ahead = (wanted - ref.weekday()) % 7
    if rel in ("last", "past", "this past"):
        return _day(ref - datetime.timedelta(days=back or 7))
    if rel in ("next", "coming", "this coming"):
        return _day(ref + datetime.timedelta(days=ahead or 7))
    if rel == "this":
        return _day(ref + datetime.timedelta(days=wanted - ref.weekday()))
    if future:
        return _day(ref + datetime.timedelta(days=ahead))
    return _day(ref - datetime.timedelta(days=back))


def _deictic(m: re.Match[str], ref: datetime.date, _future: bool) -> _Resolved | None:
    word = _norm(m["w"] or m["w2"])  # "this morning" and "last night" name their day by the first word
    offset = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "last": -1, "tomorrow": 1}[word]
    return _day(ref + datetime.timedelta(days=offset))


def _day_before(m: re.Match[str], ref: datetime.date, _future: bool) -> _Resolved | None:
    offset = {"before": -1, "before yesterday": -2, "after tomorrow": 2}.get(_norm(m["w"]))
    return None if offset is None else _day(ref + datetime.timedelta(days=offset))


def _relative_unit(m: re.Match[str], ref: datetime.date, _future: bool) -> _Resolved | None:
    rel, unit = _norm(m["rel"]), _norm(m["unit"])
    if rel == "the" and _group(m, "part") is None:
        return None  # "the year" alone names no particular year
    step = -1 if rel in ("last", "this past") else 1 if rel in ("next", "this coming") else 0
    if unit in ("week", "weekend"):
        # A weekend belongs to the ISO week whose Monday precedes it.
        return _week(ref + datetime.timedelta(weeks=step))
    if unit == "month":
        return _month(ref.year, ref.month + step)
    return _year(ref.year + step)


def _count(words: str) -> int:
    if words.isdigit():
        return int(words)
    if "couple" in words:
        return 2
    return sum(_NUMBER_WORDS[w] for w in re.split(r"[-\s]+", words))


def _ago(m: re.Match[str], ref: datetime.date, _future: bool) -> _Resolved | None:
    n = _count(_norm(m["n"]))
    unit = _norm(m["unit"])
    if unit == "day":
        return _day(ref - datetime.timedelta(days=n))
    if unit == "week":
        return _week(ref - datetime.timedelta(weeks=n))
    if unit == "month":
        return _month(ref.year, ref.month - n)
    return _year(ref.year - n)


def _rule(name: str, pattern: str, resolver: _Resolver, *, relative: bool) -> _Rule:
    return _Rule(name, re.compile(pattern, re.IGNORECASE), resolver, relative)


_RULES = [
    _rule(
        "iso_day",
        _START + r"(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})(?!(?!T[0-9])[\w/]|[.-][0-9])",
        _iso_day,
        relative=False,
    ),
    _rule("iso_week", _START + r"(?P<y>[0-9]{4})-W(?P<w>[0-9]{2})(?![\w-])", _iso_week, relative=False),
    _rule(
        "numeric",
        _START + r"(?P<a>[0-9]{1,2})/(?P<b>[0-9]{1,2})/(?P<y>[0-9]{4}|[0-9]{2})(?![\w/]|[.,][0-9])",
        _numeric,
        relative=False,
    ),
    _rule(
        "numeric_ymd",
        _START + r"(?P<y>[0-9]{4})/(?P<m>[0-9]{1,2})/(?P<d>[0-9]{1,2})(?![\w/]|[.,][0-9])",
        _numeric_ymd,
        relative=False,
    ),
    _rule(
        "mdy",
        r"\b" + _WD_PREFIX + _MONTH_ANY + r"\s*" + _DAY + r",?\s+(?:of\s+)?" + _YEAR4,
        _explicit_day,
        relative=False,
    ),
    _rule(
        "dmy",
        r"\b"
        + _WD_PREFIX
        + r"(?:the\s+)?"
        + _START
        + _DAY
        + r"\s+(?:of\s+)?"
        + _MONTH_ANY
        + r",?\s+"
        + _YEAR4,
        _explicit_day,
        relative=False,
    ),
    _rule(
        "md",
        r"\b" + _WD_PREFIX + _MONTH_ANY + r"\s*" + _DAY + r"(?![%-]|[.,:][0-9])",
        _month_day,
        relative=True,
    ),
    _rule(
        "dm",
        r"\b" + _WD_PREFIX + r"(?:the\s+)?" + _START + _DAY + r"\s+(?:of\s+)?" + _MONTH_ANY,
        _month_day,
        relative=True,
    ),
    _rule("my", r"\b" + _PART + r"?" + _MONTH_ANY + r",?\s+(?:of\s+)?" + _YEAR4, _month_year, relative=False),
    _rule(
        "month_rel_year",
        r"\b" + _PART + r"?" + _MONTH_FULL + r",?\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b",
        _month_relative_year,
        relative=True,
    ),
    _rule("year", _START + _PART + r"?(?:the\s+year\s+)?" + _YEAR4, _year_only, relative=False),
    _rule(
        "month",
        r"\b(?:" + _REL + r"\s+|" + _PART + r")?" + _MONTH_FULL + r"(?![-\s]*[0-9])",
        _bare_month,
        relative=True,
    ),
    _rule(
        "weekday",
        r"\b(?:"
        + _REL
        + r"\s+)?(?:(?P<mod>early|late|mid|midday)\s+)?"
        + _WD_NAMES
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
        r"\b(?:(?P<pre>earlier|later|early|late)\s+|" + _PART + r")?"
        r"(?P<rel>this\s+past|this\s+coming|this|last|next|the)\s+(?P<unit>week|weekend|month|year)\b"
        r"(?!-)",
        _relative_unit,
        relative=True,
    ),
    _rule("ago", r"\b" + _NUMBER + r"\s+(?P<unit>day|week|month|year)s?\s+ago\b", _ago, relative=True),
]


def _word_before(text: str, start: int) -> str:
    found = re.search(r"([\w.$’']+)\s*$", text[max(0, start - 30) : start])
    return found.group(1).casefold() if found else ""


def _text_after(text: str, end: int) -> str:
    return text[end : end + 40]


def _future_cue(text: str, start: int) -> bool:
    before = text[max(0, start - _CUE_WINDOW) : start]
    breaks = list(_SENTENCE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    return _FUTURE_CUE.search(before) is not None


def _capitalized(m: re.Match[str], *names: str) -> bool:
    return all((g := _group(m, n)) is None or g[:1].isupper() for n in names)


def _accept(rule: _Rule, m: re.Match[str], text: str, strict: bool) -> bool:
    """Whether a match is a time expression in its context; strict is for running text."""
    before = _word_before(text, m.start())
    if before in _SET_WORDS:
        return False
    if rule.name == "day_before" and _norm(m["w"]) == "before":
        # "the day before the vote" counts from the vote, not from the dateline.
        after = re.match(r"\s*([\w’']+)", _text_after(text, m.end()))
        word = after.group(1) if after else ""
        if word[:1].isupper() or word[:1].isdigit() or word.casefold() in _ANCHOR_STARTS:
            return False
    if rule.name == "unit" and before == "the" and _norm(m["rel"]) in ("last", "next"):
        return False  # "over the next year", "in the last week" are durations
    if (
        rule.name == "year"
        and m["y"].endswith("0")
        and re.match(r"[’']?s\b", text[m.end() :])
        and (before in ("the", "early", "mid", "late") or _group(m, "mod") is not None)
    ):
        return False  # "the 1980's" is a decade, which no precision here can hold
    if not strict:
        return True
    if not _capitalized(m, "wd", "mon"):
        return False
    if (
        rule.name == "month"
        and _group(m, "rel") is None
        and _group(m, "mod") is None
        and _group(m, "part") is None
    ):
        # A lone month name is also a name ("April Ryan"), a verb ("may") or a noun ("the March").
        if before in ("the", "a", "an"):
            return False
        temporal = before in _TEMPORAL_WORDS
        if _norm(m["mon"]) == "may" and not temporal:
            return False
        if re.match(r"\s+[A-Z]", _text_after(text, m.end())) and not temporal:
            return False
    if rule.name == "year" and _group(m, "mod") is None and _group(m, "part") is None:
        year = int(m["y"])
        if not 1800 <= year <= 2099 or _NOT_YEAR_AFTER.match(_text_after(text, m.end())):
            return False
        if text[max(0, m.start() - 2) : m.start()].strip()[-1:] in ("$", "€", "£", "#", "+", "~"):
            return False
    return True


def _scan(text: str, dateline: datetime.date | None, strict: bool) -> list[_Hit]:
    candidates: list[_Hit] = []
    for rule in _RULES:
        pos = 0
        while (m := rule.pattern.search(text, pos)) is not None:
            # A rejected match may hide a shorter one inside it ("Tuesday, March 17" where "March 17"
            # is fine), so the search resumes just after its start, not after its end.
            pos = m.start() + 1
            if m.end() == m.start() or not _accept(rule, m, text, strict):
                continue
            future = strict and rule.name in ("weekday", "month", "md", "dm") and _future_cue(text, m.start())
            try:
                resolved = rule.resolve(m, dateline or _PROBE, future)
            except (ValueError, OverflowError, KeyError):
                # An impossible date (June 31, week 54) or one off the calendar's edge is not a date.
                resolved = None
            if resolved is None:
                continue
            pos = m.end()
            if rule.relative and dateline is None:
                candidates.append(_Hit(m.start(), m.end(), None, None))
            else:
                candidates.append(_Hit(m.start(), m.end(), resolved[0], resolved[1]))
    # Longest first, so "March 17, 2021" wins over "March 17" and "2021" inside it. The chosen hits never
    # overlap, so kept in order of start they are in order of end too, and only neighbours need checking.
    starts: list[int] = []
    chosen: list[_Hit] = []
    for hit in sorted(candidates, key=lambda h: (h.start - h.end, h.start)):
        i = bisect.bisect_left(starts, hit.start)
        if (i == 0 or chosen[i - 1].end <= hit.start) and (i == len(chosen) or hit.end <= chosen[i].start):
            starts.insert(i, hit.start)
            chosen.insert(i, hit)
    return chosen


def find_dates(text: str, dateline: datetime.date | None) -> list[When]:
    """Every date expression in text, in order, each with its Span (character offsets into text),
    resolved against dateline.

    A relative expression ("Wednesday", "last month") is still found when dateline is None, with value and
    precision None. Weekdays and months alone take the direction of a future cue just before them in the
    same sentence ("will meet on Monday"); otherwise they are the most recent on or before the dateline.
    """
    return [
        When(
            text=text[h.start : h.end],
            span=Span(start=h.start, end=h.end),
            value=h.value,
            precision=h.precision,
        )
        for h in _scan(text, dateline, strict=True)
    ]


def resolve(expression: str, dateline: datetime.date | None) -> tuple[str | None, Precision | None]:
    """ISO value and precision for one expression, or (None, None) when it can't be resolved
    (or is relative and dateline is None).

    The expression may carry words around the time ("last November's election"); the longest time
    expression in it is resolved. Case does not matter, and past is assumed for weekdays and months
    alone, since one expression gives no tense.
    """
    hits = _scan(" ".join(expression.split()), dateline, strict=False)
    if not hits:
        return None, None
    best = max(hits, key=lambda h: (h.end - h.start, -h.start))
    return best.value, best.precision


_ISO_WEEK = re.compile(r"\A(\d{4})-W(\d{2})\Z")


def first_day(when: When | None) -> datetime.date | None:
    """The first day a resolved value covers (2021-W11 → Monday 2021-03-15, 2021-03 → 2021-03-01): the
    key that orders a timeline, where the ISO strings themselves would put a week after every day of its
    year. None when unresolved or unreadable."""
    if when is None or when.value is None:
        return None
    value = when.value.strip()
    try:
        week = _ISO_WEEK.match(value)
        if week:
            return datetime.date.fromisocalendar(int(week[1]), int(week[2]), 1)
        if len(value) == 4:
            return datetime.date(int(value), 1, 1)
        if len(value) == 7:
            return datetime.date(int(value[:4]), int(value[5:]), 1)
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


_T = TypeVar("_T")


def in_date_order(items: Iterable[_T], when: Callable[[_T], When | None]) -> list[_T]:
    """``items`` in timeline order, the one order of every timeline (a brief's, a story's): by the first
    day their date covers (``first_day``), undated and unresolved ones last; items of the same first day,
    and the undated ones, keep the order they were given in."""

    def key(item: _T) -> tuple[bool, datetime.date]:
        start = first_day(when(item))
        return start is None, start or datetime.date.min

    return sorted(items, key=key)
