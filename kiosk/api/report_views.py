"""The report's sections as a page lays them out: titled tables, their cells for people, charts
as inline SVG (matplotlib, loaded with this module and not with ``Hall``), and CSV.

Pure functions of a ``Report`` (``kiosk.api.reports``): no store, no I/O.
"""

from __future__ import annotations

from kiosk.report import csvout, html, words
from kiosk.report.figures import Report
from kiosk.report.layout import CONVENIENCE, REACH, alerting, project
from kiosk.report.names import Names, named
from kiosk.report.people import heading, time_units
from kiosk.report.tables import SECTIONS, Cell, Table, show
from kiosk.report.words import DEVICE_NAMES, LEVEL_TITLES

__all__ = [
    "CONVENIENCE",
    "DEVICE_NAMES",
    "LEVEL_TITLES",
    "NOTHING",
    "NOTHING_HTML",
    "REACH",
    "SECTIONS",
    "Cell",
    "Names",
    "Table",
    "alerting",
    "charts_for",
    "csv_rows",
    "csv_table",
    "heading",
    "named",
    "project",
    "section_tables",
    "show",
    "time_units",
    "words",
]

# CONVENIENCE, REACH, project, alerting: the four measures' columns and the rows that need
# attention, as the files lay them out.
# time_units, heading: one unit per time column, said in its heading, as the files have it.
# words: the headings, titles and coded values' words, shared with the printable report.
NOTHING, NOTHING_HTML = html.NOTHING, html.NOTHING_HTML  # what an empty table says
charts_for = html.charts_for  # one section's charts
csv_table = csvout.table  # one table, a header row first
csv_rows = csvout.rows  # any rows, a header first


def section_tables(report: Report, section: str) -> list[Table]:
    """The titled tables of one section of ``SECTIONS``."""
    return SECTIONS[section][1](report)
