"""Portable SQL pieces for SQLite and PostgreSQL: durations, calendar buckets, percentiles.

Percentiles are nearest-rank over whole seconds, from GROUP BY and a running ``sum()`` window,
so both databases compute them the same way without an extension (SQLite has no
percentile_cont).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    Float,
    Integer,
    case,
    cast,
    func,
    literal_column,
    select,
)
from sqlalchemy.sql.elements import KeyedColumnElement


def seconds_between(dialect: str, a: Any, b: Any) -> ColumnElement[float]:
    if dialect == "postgresql":
        return cast(func.extract("epoch", b - a), Float)
    return cast((func.julianday(b) - func.julianday(a)) * 86400.0, Float)


def bucket(dialect: str, at: Any, period: str, offset_hours: float) -> ColumnElement[str]:
    """The local day (YYYY-MM-DD), week (its Monday) or month (YYYY-MM) of a UTC time."""
    minutes = round(offset_hours * 60)
    if dialect == "postgresql":
        local = func.timezone("UTC", at) + literal_column(f"interval '{minutes} minutes'")
        if period == "month":
            return func.to_char(local, "YYYY-MM")
        return func.to_char(
            func.date_trunc("week" if period == "week" else "day", local), "YYYY-MM-DD"
        )
    shift = f"{minutes:+d} minutes"
    if period == "month":
        return func.strftime("%Y-%m", at, shift)
    if period == "week":
        return func.date(at, shift, "weekday 0", "-6 days")
    return func.date(at, shift)


def percentiles(key: KeyedColumnElement[Any], value: KeyedColumnElement[Any], source: Any) -> Any:
    """Per key: the count of values, the median and the 90th percentile (nearest rank).

    Values are rounded to whole seconds and counted per second first, so the window functions
    run over a few hundred bins a key instead of every row. ``source`` selects columns labelled
    like ``key`` and ``value``; nulls are left out.
    """
    src = source.subquery("pct_src")
    k, v = src.c[key.key], src.c[value.key]
    second = cast(func.round(v), Integer)
    bins = (
        select(k.label("k"), second.label("s"), func.count().label("c"))
        .where(v.is_not(None))
        .group_by(k, second)
        .subquery("pct_bins")
    )
    cum = select(
        bins.c.k,
        bins.c.s,
        func.sum(bins.c.c).over(partition_by=bins.c.k, order_by=bins.c.s).label("cum"),
        func.sum(bins.c.c).over(partition_by=bins.c.k).label("n"),
    ).subquery("pct_cum")
    n = cast(cum.c.n, Integer)
    return select(
        cum.c.k,
        func.max(n),
        func.min(case((cum.c.cum >= (n + 1) // 2, cum.c.s))),
        func.min(case((cum.c.cum >= (9 * n + 9) // 10, cum.c.s))),
    ).group_by(cum.c.k)


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def count_if(cond: Any) -> ColumnElement[int]:
    """How many rows of the group meet ``cond`` (0, never null, for an empty group)."""
    return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)


def flag(cond: Any) -> Any:
    """1 where ``cond`` holds, else 0: a column to sum."""
    return case((cond, 1), else_=0)


def whole(value: Any) -> int:
    return int(value or 0)


def tenths(value: Any) -> float | None:
    """Seconds from the database, to a tenth (None stays None: no value, not zero)."""
    return None if value is None else round(float(value), 1)
