"""The report as plain text for a terminal, in the managers' words: for each part its headline
figure, then one aligned table after another."""

from __future__ import annotations

import unicodedata

from kiosk.report import figures as f
from kiosk.report import layout
from kiosk.report.html import NOTHING
from kiosk.report.people import Shown


def _width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - _width(text))
    return gap + text if right else text + gap


def table(t: Shown) -> str:
    widths = [max([_width(h)] + [_width(r[i]) for r in t.rows]) for i, h in enumerate(t.headers)]
    lines = [
        t.title,
        "  ".join(_pad(c, w, n) for c, w, n in zip(t.headers, widths, t.numeric, strict=True)),
        "  ".join("-" * w for w in widths),
    ]
    for r in t.rows:
        lines.append("  ".join(_pad(c, w, n) for c, w, n in zip(r, widths, t.numeric, strict=True)))
    if not t.rows:
        lines.append(NOTHING)
    return "\n".join(lines)


def render(report: f.Report) -> str:
    head = ["服务评价报告", layout.period_words(report), *layout.notes(report)]
    parts = ["\n".join(head)]
    for part in layout.parts(report):
        parts.append(f"== {part.title} ==\n{part.headline}")
        parts.extend(table(t) for t in part.tables)
    return "\n\n".join(parts) + "\n"
