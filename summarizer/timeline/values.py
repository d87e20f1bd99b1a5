"""A time expression's calendar value: an ISO string at its precision (a day, an ISO week, a month, a
year), the one form every rule resolves to."""

from __future__ import annotations

import datetime

from ..models import Precision

__all__ = ["Resolved", "as_day", "as_month", "as_week", "as_year"]

Resolved = tuple[str, Precision]


def as_day(d: datetime.date) -> Resolved:
    return d.isoformat(), Precision.DAY


def as_week(d: datetime.date) -> Resolved:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}", Precision.WEEK


def as_month(year: int, month: int) -> Resolved:
    # Shifting months can leave the range; normalising here keeps every caller simple.
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    if not 1 <= year <= 9999:
        raise ValueError("year out of range")
    return f"{year:04d}-{month:02d}", Precision.MONTH


def as_year(year: int) -> Resolved:
    if not 1 <= year <= 9999:
        raise ValueError("year out of range")
    return f"{year:04d}", Precision.YEAR
