"""Finding time expressions in English news text and resolving them against the article's dateline.

Deterministic rules, no model. The conventions are those of news writing and of TIMEX3 annotation:

- A weekday alone points the way of its clause's tense, which ``find_dates`` is given from the parse
  (analysis/tense.py): in a past clause the most recent such day on or before the dateline
  ("Wednesday" in a Thursday article is the day before; "Thursday" is the dateline itself), in a future,
  a condition or a forecast the next on or after ("if the winds return on Friday"), in the present the
  nearer of the two; without the parse, a future cue just before it in the same sentence ("is set to
  begin on Wednesday") makes it the next, and it is otherwise the most recent. "last Monday" is strictly
  before, "next Monday" and "this coming Monday" strictly after, "this Monday" the Monday of the
  dateline's week.
- A month alone means the most recent such month on or before the dateline's month (same future cue);
  "last November" is strictly before it, "next November" strictly after.
- A month and day without a year take the year that puts the date nearest the dateline, which is the
  dateline's year except around the turn of a year ("11 December" in a January article). Of two days
  that share a month ("Oct. 15 and 16", "9 and 10 March"), the one written without it is a date too,
  its number alone the expression.
- Values are ISO at the expression's precision: ``2021-03-17`` day, ``2021-W11`` ISO week, ``2021-03``
  month, ``2011`` year.

Durations ("three years", "fifty-year"), sets ("every week", "each Monday", "Mondays") and times of day
alone ("3 p.m.") are not time expressions here. Spans are TIMEX3-like: they cover the words that carry
the time ("early Thursday", "earlier this week", "last November") without a leading preposition.

Each name is imported from its module on first use (PEP 562): showing a brief needs only the order of
its events, not the rules that find dates, which take longest to import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import exports

if TYPE_CHECKING:
    from .find import find_dates, resolve
    from .order import first_day, in_date_order

__all__ = ["find_dates", "first_day", "in_date_order", "resolve"]

if not TYPE_CHECKING:
    __getattr__, __dir__ = exports(
        __name__, {"find": ["find_dates", "resolve"], "order": ["first_day", "in_date_order"]}
    )
