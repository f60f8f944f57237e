"""The report as one CSV in long form: table, row key, column, value (spreadsheets pivot it)."""

from __future__ import annotations

import csv
import io

from kiosk.report import figures as f
from kiosk.report.tables import all_tables


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
