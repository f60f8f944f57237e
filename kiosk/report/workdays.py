"""Working days: weekends and public holidays off, 调休 weekend days on.

A follow-up case is due a number of working days after the rating; the holiday list and the
make-up working days come from configuration, because they change every year by decree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from kiosk.errors import ConfigError


def parse_dates(text: str, key: str) -> frozenset[dt.date]:
    """``2027-01-01, 2027-02-10..2027-02-16``: single days and inclusive ranges."""
    days: set[dt.date] = set()
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        first, _, last = part.partition("..")
        try:
            start = dt.date.fromisoformat(first.strip())
            end = dt.date.fromisoformat(last.strip()) if last else start
        except ValueError:
            raise ConfigError(
                f"key '{key}': {part!r} is not a date YYYY-MM-DD or a range A..B"
            ) from None
        if end < start:
            raise ConfigError(f"key '{key}': range {part!r} ends before it starts")
        days.update(start + dt.timedelta(days=i) for i in range((end - start).days + 1))
    return frozenset(days)


@dataclass(frozen=True)
class Calendar:
    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    extra_workdays: frozenset[dt.date] = field(default_factory=frozenset)

    @classmethod
    def of(cls, holidays: Iterable[dt.date] = (), extra: Iterable[dt.date] = ()) -> Calendar:
        return cls(frozenset(holidays), frozenset(extra))

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.extra_workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The ``days``-th working day after ``start`` (``start`` itself never counts)."""
        if days < 1:
            raise ValueError("days must be at least 1")
        day, left = start, days
        while left:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative if end < start)."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(
            1
            for i in range(1, (end - start).days + 1)
            if self.is_working_day(start + dt.timedelta(days=i))
        )
