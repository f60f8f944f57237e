"""The report as CSV: the whole report in long form (table, row key, column, value, which
spreadsheets pivot), or one table as it is laid out (a header row, then its rows).

In long form the first rows say what the report covers (section ``report``, table ``period``:
the first and last day as the hall reads them, its time zone, and each filter in force), every
row key is unique in its table (a funnel row is ``service/step``, a downtime row
``kiosk/device``), and columns are named as the JSON export's fields."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from kiosk.report import figures as f
from kiosk.report.tables import Cell, Table, all_tables

KEY_JOIN = "/"


def _about(report: f.Report) -> list[tuple[str, str, str, str, Cell]]:
    first, last = report.days()
    rows: list[tuple[str, str, str, str, Cell]] = [
        ("report", "period", "period", "first_day", first.isoformat()),
        ("report", "period", "period", "last_day", last.isoformat()),
        ("report", "period", "period", "utc_offset_hours", report.utc_offset_hours),
        ("report", "period", "period", "start", report.period.start.isoformat()),
        ("report", "period", "period", "end", report.period.end.isoformat()),
    ]
    filters = report.period.filters()
    rows.extend(("report", "period", "filter", name, value) for name, value in filters)
    return rows


def row_key(t: Table, row: Sequence[Cell]) -> str:
    """What names a row in its table: its key columns joined, or "all" for a table with one
    row about everything."""
    if t.keys == 0:
        return "all"
    return KEY_JOIN.join(str(v) for v in row[: t.keys])


def render(report: f.Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("section", "table", "row", "column", "value"))
    writer.writerows(_about(report))
    for t in all_tables(report):
        for row in t.rows:
            key = row_key(t, row)
            for column, value in zip(t.columns[t.keys :], row[t.keys :], strict=True):
                writer.writerow((t.section, t.id, key, column, "" if value is None else value))
    return out.getvalue()


def rows(header: Sequence[str], body: Sequence[Sequence[Cell]]) -> str:
    """A header and rows; no value is an empty cell (not zero)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in body:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue()


def table(t: Table) -> str:
    return rows(t.columns, t.rows)
