"""The one order of every timeline: by the first day a date covers."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from ..models import When

__all__ = ["first_day", "in_date_order"]

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
