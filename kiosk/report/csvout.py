"""The report as CSV: the whole report in long form (table, row key, column, value, which
spreadsheets pivot), or one table as it is laid out (a header row, then its rows)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from kiosk.report import figures as f
from kiosk.report.tables import Cell, Table, all_tables


def render(report: f.Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("section", "table", "row", "column", "value"))
    for t in all_tables(report):
        for row in t.rows:
            key = row[0]
            for column, value in zip(t.columns[1:], row[1:], strict=True):
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
