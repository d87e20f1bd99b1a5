"""Finding time expressions in text: the rules' matches kept where their context makes them times,
resolved against the dateline, the longest of overlapping ones chosen."""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..models import Precision, Span, When
from .patterns import group, norm
from .rules import RULES, Rule, Tense

__all__ = ["find_dates", "resolve"]

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


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    value: str | None
    precision: Precision | None


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
    return all((g := group(m, n)) is None or g[:1].isupper() for n in names)


def _accept(rule: Rule, m: re.Match[str], text: str, strict: bool) -> bool:
    """Whether a match is a time expression in its context; strict is for running text."""
    before = _word_before(text, m.start())
    if before in _SET_WORDS:
        return False
    if rule.name == "day_before" and norm(m["w"]) == "before":
        # "the day before the vote" counts from the vote, not from the dateline.
        after = re.match(r"\s*([\w’']+)", _text_after(text, m.end()))
        word = after.group(1) if after else ""
        if word[:1].isupper() or word[:1].isdigit() or word.casefold() in _ANCHOR_STARTS:
            return False
    if rule.name == "unit" and before == "the" and norm(m["rel"]) in ("last", "next"):
        return False  # "over the next year", "in the last week" are durations
    if (
        rule.name == "year"
        and m["y"].endswith("0")
        and re.match(r"[’']?s\b", text[m.end() :])
        and (before in ("the", "early", "mid", "late") or group(m, "mod") is not None)
    ):
        return False  # "the 1980's" is a decade, which no precision here can hold
    if not strict:
        return True
    if not _capitalized(m, "wd", "mon"):
        return False
    if (
        rule.name == "month"
        and group(m, "rel") is None
        and group(m, "mod") is None
        and group(m, "part") is None
    ):
        # A lone month name is also a name ("April Ryan"), a verb ("may") or a noun ("the March").
        if before in ("the", "a", "an"):
            return False
        temporal = before in _TEMPORAL_WORDS
        if norm(m["mon"]) == "may" and not temporal:
            return False
        if re.match(r"\s+[A-Z]", _text_after(text, m.end())) and not temporal:
            return False
    if rule.name == "year" and group(m, "mod") is None and group(m, "part") is None:
        year = int(m["y"])
        if not 1800 <= year <= 2099 or _NOT_YEAR_AFTER.match(_text_after(text, m.end())):
            return False
        if text[max(0, m.start() - 2) : m.start()].strip()[-1:] in ("$", "€", "£", "#", "+", "~"):
            return False
    return True


def _scan(
    text: str,
    dateline: datetime.date | None,
    strict: bool,
    tenses: Callable[[int], Tense | None] | None = None,
) -> list[_Hit]:
    candidates: list[_Hit] = []
    for rule in RULES:
        pos = 0
        while (m := rule.pattern.search(text, pos)) is not None:
            # A rejected match may hide a shorter one inside it ("Tuesday, March 17" where "March 17"
            # is fine), so the search resumes just after its start, not after its end.
            pos = m.start() + 1
            if m.end() == m.start() or not _accept(rule, m, text, strict):
                continue
            tense: Tense = "past"
            if strict and rule.name in ("weekday", "month", "md", "dm", "md_pair", "dm_pair"):
                told = tenses(m.start()) if tenses is not None else None
                # The parse's tense, unless a cue before the words says the present means a plan ("is set
                # for Monday").
                cue = _future_cue(text, m.start())
                tense = (
                    "future" if cue and told in (None, "present") else told or ("future" if cue else "past")
                )
            elif rule.name == "unit":
                # "this weekend" only points back in a past clause; without the parse, it is the coming one.
                tense = (tenses(m.start()) if strict and tenses is not None else None) or "present"
            try:
                resolved = rule.resolve(m, dateline or _PROBE, tense)
            except (ValueError, OverflowError, KeyError):
                # An impossible date (June 31, week 54) or one off the calendar's edge is not a date.
                resolved = None
            if resolved is None:
                continue
            pos = m.end()
            # A rule may match more words than its expression, which group "shown" then holds.
            start, end = m.span("shown") if "shown" in rule.pattern.groupindex else m.span()
            if rule.relative and dateline is None:
                candidates.append(_Hit(start, end, None, None))
            else:
                candidates.append(_Hit(start, end, resolved[0], resolved[1]))
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


def find_dates(
    text: str, dateline: datetime.date | None, tenses: Callable[[int], Tense | None] | None = None
) -> list[When]:
    """Every date expression in text, in order, each with its Span (character offsets into text),
    resolved against dateline.

    A relative expression ("Wednesday", "last month") is still found when dateline is None, with value and
    precision None. Weekdays and months alone point the way of the tense of the clause they date:
    ``tenses`` gives it for an offset where the parse tells it (a weekday or month in a present clause
    is the nearer one, before or after); otherwise a future cue just before them in the same sentence
    ("will meet on Monday") makes them the next, and they are the most recent on or before the dateline.
    """
    return [
        When(
            text=text[h.start : h.end],
            span=Span(start=h.start, end=h.end),
            value=h.value,
            precision=h.precision,
        )
        for h in _scan(text, dateline, strict=True, tenses=tenses)
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
