"""The words and pieces of pattern the time-expression rules are built from: month and weekday names,
numbers in words, days, years, parts of a period and relative words; and how a match of them is read."""

from __future__ import annotations

import re

__all__ = [
    "DAY",
    "MONTHS",
    "MONTH_ANY",
    "MONTH_FULL",
    "NUMBER",
    "NUMBER_WORDS",
    "PART",
    "REL",
    "START",
    "TEENS",
    "TENS",
    "UNITS",
    "WD_NAMES",
    "WD_PREFIX",
    "WEEKDAYS",
    "YEAR4",
    "count",
    "group",
    "month_number",
    "norm",
    "weekday_number",
]

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]  # fmt: skip
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBER_WORDS: dict[str, int] = {
    **{w: i + 1 for i, w in enumerate(UNITS)},
    **{w: i + 10 for i, w in enumerate(TEENS)},
    **{w: 10 * (i + 2) for i, w in enumerate(TENS)},
    "a": 1, "an": 1,
}  # fmt: skip

WD_NAMES = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
WD_PREFIX = r"(?:(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?"
MONTH_FULL = (
    r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december)\b"
)
MONTH_ANY = (
    r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?"
)
DAY = r"(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?\b"
YEAR4 = r"(?P<y>[0-9]{4})(?![\w%]|[.,][0-9]|-[0-9])"
START = r"(?<![\w$€£#.,/-])"
PART = (
    r"(?:(?P<mod>early|mid|late)(?:-|\s+)|"
    r"(?:the\s+)?(?P<part>end|beginning|start|middle|first\s+half|second\s+half|rest)\s+of\s+)"
)
REL = r"(?P<rel>this\s+past|this\s+coming|this|last|next|past|coming)"
NUMBER = (
    r"(?P<n>[0-9]{1,3}|(?:"
    + "|".join(TENS)
    + r")(?:[-\s](?:"
    + "|".join(UNITS)
    + r"))?|"
    + "|".join(TEENS + UNITS)
    + r"|a\s+couple\s+of|an?)"
)


def group(m: re.Match[str], name: str) -> str | None:
    """The text of group ``name`` of ``m``; None when not matched or not in its pattern."""
    # Every rule's pattern has its own set of groups; asking for an absent one means "not given".
    return m.groupdict().get(name)


def norm(word: str | None) -> str:
    """``word`` as the rules compare it: case and spacing folded."""
    # casefold, not lower: IGNORECASE lets "ſ" match "s", and only casefold maps it back.
    return " ".join(word.casefold().split()) if word else ""


def month_number(m: re.Match[str]) -> int:
    """The number of the month group ``mon`` names (1-12)."""
    return MONTHS[norm(group(m, "mon"))[:3]]


def weekday_number(m: re.Match[str]) -> int:
    """The number of the weekday group ``wd`` names (Monday 0)."""
    return WEEKDAYS[norm(group(m, "wd"))[:3]]


def count(words: str) -> int:
    """The number ``words`` say: digits, number words ("twenty-one"), or "a couple"."""
    if words.isdigit():
        return int(words)
    if "couple" in words:
        return 2
    return sum(NUMBER_WORDS[w] for w in re.split(r"[-\s]+", words))
