"""A table as people read it: headings in words, codes as words, each time column in one unit
(seconds or minutes, whichever its longest time needs, said in its heading), moments in the
hall's time. The printable report and the text report lay out the same cells."""

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


def shown(t: Table, zone: dt.tzinfo = dt.UTC, title: str = "") -> Shown:
    kinds = t.kinds or ("",) * len(t.columns)
    headers, units = [], []
    for i, (column, kind) in enumerate(zip(t.columns, kinds, strict=True)):
        heading = w.COLUMNS.get(column, column)
        unit = ""
        if kind == "seconds":
            times = [float(v) for r in t.rows if isinstance(v := r[i], int | float)]
            unit = w.time_unit(times)
            heading = f"{heading}（{unit}）"
        headers.append(heading)
        units.append(unit)
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
