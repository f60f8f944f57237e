"""The report as plain text for a terminal: one aligned table after another."""

from __future__ import annotations

import unicodedata

from kiosk.report import figures as f
from kiosk.report.tables import SECTIONS, Table, show


def _width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - _width(text))
    return gap + text if right else text + gap


def table(t: Table) -> str:
    kinds = t.kinds or ("",) * len(t.columns)
    cells = [[show(v, k) for v, k in zip(row, kinds, strict=True)] for row in t.rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(t.columns)]
    numeric = [
        all(isinstance(r[i], int | float) or r[i] is None for r in t.rows) and i > 0
        for i in range(len(t.columns))
    ]
    lines = [
        t.title,
        "  ".join(_pad(c, w, n) for c, w, n in zip(t.columns, widths, numeric, strict=True)),
    ]
    lines.append("  ".join("-" * w for w in widths))
    for r in cells:
        lines.append("  ".join(_pad(c, w, n) for c, w, n in zip(r, widths, numeric, strict=True)))
    if not t.rows:
        lines.append("(none)")
    return "\n".join(lines)


def render(report: f.Report) -> str:
    p = report.period
    head = [
        "服务评价报告 Service report",
        f"{p.start:%Y-%m-%d %H:%M} – {p.end:%Y-%m-%d %H:%M} UTC"
        + "".join(f", {name} {value}" for name, value in p.filters()),
        *report.notes,
    ]
    parts = ["\n".join(head)]
    for title, make in SECTIONS.values():
        parts.append(f"== {title} ==")
        parts.extend(table(t) for t in make(report))
    return "\n\n".join(parts) + "\n"
