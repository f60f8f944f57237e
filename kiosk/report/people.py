"""A table as people read it: headings in words, codes as words, each time column in one unit
(seconds or minutes, whichever its longest time needs, said in its heading), moments in the
hall's time. The printable report and the text report lay out the same cells; the hall server's
pages pick their units here too (``time_units``, through ``kiosk.api.report_views``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from kiosk.report import words as w
from kiosk.report.tables import Cell, Table, show


@dataclass(frozen=True)
class Shown:
    id: str
    title: str
    headers: list[str]
    numeric: list[bool]  # right-aligned: numbers (a table with no rows has none)
    rows: list[list[str]]


def title_of(t: Table) -> str:
    if t.id.startswith("by_"):
        return w.DIMENSIONS.get(t.id.removeprefix("by_"), t.title)
    return w.TITLES.get(t.id, t.title)


def _value(t: Table, column: str, value: Cell, zone: dt.tzinfo) -> str:
    text = str(value)
    if column in ("key", "service", "who", "reason") and text == "all":
        return w.ALL
    if column == "key":
        if t.id == "by_language":
            return w.LANGUAGES.get(text, text)
        if t.id == "by_elder":
            return w.MODES.get(text, text)
        return text
    if column == "last_seen" and isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return text
        moment = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
        return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")
    named: Mapping[str, str] | None = {
        "device": w.DEVICE_NAMES,
        "level": w.LEVEL_TITLES,
        "category": w.CATEGORIES,
        "status": w.STATUSES,
        "reason": w.REASONS,
    }.get(column)
    return named.get(text, text) if named is not None else text


# Tables whose times are drawn on one chart axis (help: responded, arrived, resolved): one unit
# for all their time columns, the chart's, so that the chart and its table read alike.
ONE_UNIT = ("help",)


def time_units(t: Table) -> list[str]:
    """Each column's unit ("" for a column that is not a time): seconds or minutes, whichever
    its longest time needs; the hall server's pages and the report files pick them here."""
    kinds = t.kinds or ("",) * len(t.columns)
    timed = [i for i, kind in enumerate(kinds) if kind == "seconds"]

    def longest(columns: list[int]) -> str:
        return w.time_unit(
            [float(v) for r in t.rows for i in columns if isinstance(v := r[i], int | float)]
        )

    shared = longest(timed) if t.id in ONE_UNIT else ""
    return [(shared or longest([i])) if i in timed else "" for i in range(len(kinds))]


def heading(column: str, unit: str = "") -> str:
    """A column's heading, its unit said in it: "用时中位数（秒）"."""
    words = w.COLUMNS.get(column, column)
    return f"{words}（{unit}）" if unit else words


def shown(t: Table, zone: dt.tzinfo = dt.UTC, title: str = "") -> Shown:
    kinds = t.kinds or ("",) * len(t.columns)
    units = time_units(t)
    headers = [heading(column, unit) for column, unit in zip(t.columns, units, strict=True)]
    numeric = [
        i > 0 and bool(t.rows) and all(isinstance(r[i], int | float | None) for r in t.rows)
        for i in range(len(t.columns))
    ]
    rows = []
    for row in t.rows:
        cells = []
        for column, kind, unit, value in zip(t.columns, kinds, units, row, strict=True):
            if value is None:
                cells.append("–")
            elif unit and isinstance(value, int | float):
                cells.append(w.in_unit(float(value), unit))
            elif isinstance(value, int | float):
                cells.append(show(value, kind))
            else:
                cells.append(_value(t, column, value, zone))
        rows.append(cells)
    return Shown(t.id, title or title_of(t), headers, numeric, rows)
