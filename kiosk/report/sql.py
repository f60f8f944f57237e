"""Portable SQL pieces for SQLite and PostgreSQL: durations, calendar buckets, percentiles.

Percentiles are nearest-rank, from ``row_number()`` and ``count()`` window functions, so both
databases compute them the same way without an extension (SQLite has no percentile_cont).
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

    ``source`` must select columns labelled like ``key`` and ``value``; nulls are left out.
    """
    src = source.subquery("pct_src")
    k, v = src.c[key.key], src.c[value.key]
    ranked = (
        select(
            k.label("k"),
            v.label("v"),
            func.row_number().over(partition_by=k, order_by=v).label("rn"),
            func.count().over(partition_by=k).label("n"),
        )
        .where(v.is_not(None))
        .subquery("pct_ranked")
    )
    n = cast(ranked.c.n, Integer)
    return select(
        ranked.c.k,
        func.max(ranked.c.n),
        func.max(case((ranked.c.rn == (n + 1) // 2, ranked.c.v))),
        func.max(case((ranked.c.rn == (9 * n + 9) // 10, ranked.c.v))),
    ).group_by(ranked.c.k)


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None
