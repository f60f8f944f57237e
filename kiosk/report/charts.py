"""Charts as inline SVG, drawn by matplotlib without a screen or the network.

matplotlib is long-kept, renders on a server with no browser, and writes SVG that a page can
carry inline, so a printed or mailed report needs nothing from outside. Text stays text
(``svg.fonttype = none``): the browser draws Chinese labels with its own fonts, and the charts
can be read and searched. pyplot is not used: ``Figure`` objects hold no global state.

Styles become presentation attributes (``fill="#c0392b"``, not ``style="fill: #c0392b"``): a
page whose Content-Security-Policy allows no inline styles (the hall server's) draws the chart
all the same, and so does the report file.
"""

from __future__ import annotations

import functools
import io
import re
import threading
from collections.abc import Callable, Sequence
from html import escape
from typing import Any, ParamSpec

import matplotlib
from matplotlib.figure import Figure

from kiosk.report import figures as f
from kiosk.report.words import DEVICE_NAMES, LEVEL_TITLES, MINUTES, SECONDS, scaled

STYLE: dict[str, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "kiosk-report",  # the same report gives the same file
    "font.family": ["Noto Sans CJK SC", "DejaVu Sans", "sans-serif"],
    # Text as large as a page's small text (15 pt = 20 px) when a chart is drawn at its own
    # size, which the hall server's pages keep (a narrow screen scrolls the chart instead).
    "font.size": 15,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
P = ParamSpec("P")


def _styled(draw: Callable[P, str]) -> Callable[P, str]:
    """Each chart with the report's style, leaving matplotlib's global settings alone."""

    @functools.wraps(draw)
    def styled(*args: P.args, **kwargs: P.kwargs) -> str:
        # rc_context changes matplotlib's process-wide settings: one chart at a time (the hall
        # server draws them on its worker threads).
        with _DRAWING, matplotlib.rc_context(STYLE):  # type: ignore[arg-type]
            return draw(*args, **kwargs)

    return styled


INK, ACCENT, WARN = "#1f3b57", "#2f7bbf", "#c0392b"
_DRAWING = threading.Lock()
STYLE_ATTRIBUTE = re.compile(r'style="([^"]*)"')
STYLE_ELEMENT = re.compile(r"<style[^>]*>.*?</style>", re.S)
# What matplotlib's one <style> element says, as attributes the root's children inherit.
ROOT_STROKE = 'stroke-linejoin="round" stroke-linecap="butt" '


def _attributes(match: re.Match[str]) -> str:
    pairs = (part.split(":", 1) for part in match.group(1).split(";") if ":" in part)
    return " ".join(f'{name.strip()}="{value.strip()}"' for name, value in pairs)


def presentational(svg: str) -> str:
    """Inline styles as SVG presentation attributes, which no page policy blocks."""
    svg = STYLE_ELEMENT.sub("", svg)
    svg = svg.replace("<svg ", "<svg " + ROOT_STROKE, 1)
    return STYLE_ATTRIBUTE.sub(_attributes, svg)


def _svg(fig: Figure, title: str) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Title": title}, bbox_inches="tight")
    text = buf.getvalue()
    start = text.find("<svg")  # drop the XML prolog and doctype: the SVG goes inline
    svg = presentational(text[start:])
    label = escape(title)
    # matplotlib writes the metadata's Title as the first <title>: what hovering shows.
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" class="chart" ', 1)


def _bars(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float], str]],
    *,
    percent: bool = False,
    unit: str = "",
) -> str:
    height = max(2.0, 0.5 * len(labels) * max(1, len(series)) + 1.2)
    fig = Figure(figsize=(7.0, height))
    ax = fig.subplots()
    n = len(series)
    step = 0.8 / max(1, n)
    for i, (name, values, color) in enumerate(series):
        ys = [j + (i - (n - 1) / 2) * step for j in range(len(labels))]
        shown = [v * 100 if percent else v for v in values]
        ax.barh(ys, shown, height=step * 0.9, color=color, label=name)
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()  # the first row on top, as in the table
    ax.set_title(title, loc="left", color=INK)
    ax.set_xlabel("%" if percent else unit)
    if n > 1:  # beside the plot, where no bar can be
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return _svg(fig, title)


@_styled
def completion(rows: Sequence[f.VisitRow], title: str) -> str:
    rows = [r for r in rows if r.visits]
    return _bars(
        title,
        [r.key for r in rows],
        [("完成率", [r.completion_rate or 0.0 for r in rows], ACCENT)],
        percent=True,
    )


@_styled
def per_day(rows: Sequence[f.VisitRow], title: str) -> str:
    fig = Figure(figsize=(9.0, 3.6))
    ax = fig.subplots()
    xs = range(len(rows))  # positions, not date strings: matplotlib would guess at those
    ax.bar(xs, [r.visits for r in rows], color=ACCENT, label="办理次数")
    ax.bar(xs, [r.completed for r in rows], color=INK, label="办完", width=0.5)
    ax.set_xticks(xs, [r.key[5:] for r in rows])  # MM-DD
    ax.set_title(title, loc="left", color=INK)
    ax.tick_params(axis="x", labelrotation=60)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return _svg(fig, title)


@_styled
def satisfaction(row: f.RatingRow, title: str) -> str:
    labels = [LEVEL_TITLES[lv] for lv in f.LEVELS] + ["未评价"]
    values = [row.levels[lv] for lv in f.LEVELS] + [row.not_rated]
    fig = Figure(figsize=(7.0, 3.6))
    ax = fig.subplots()
    colors = ["#1e8449", "#52be80", "#a9cce3", "#f5b041", WARN, "#bdc3c7"]
    ax.barh(range(len(labels)), values, color=colors)
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    ax.set_title(title, loc="left", color=INK)
    ax.set_xlabel("评价数")
    return _svg(fig, title)


@_styled
def funnel(rows: Sequence[f.FunnelRow], title: str, top: int = 10) -> str:
    worst = [r for r in rows if r.entered][:top]
    return _bars(
        title,
        [f"{r.service} / {r.step}" for r in worst],
        [
            ("放弃", [r.gave_up / r.entered for r in worst], WARN),
            ("超时", [r.timed_out / r.entered for r in worst], "#f5b041"),
        ],
        percent=True,
    )


@_styled
def help_times(overall: f.HelpRow, title: str, unit: str = SECONDS) -> str:
    """``unit``: the help table's (seconds or minutes), so the chart reads as its table."""
    stages = ["响应", "到场", "解决"]
    p50 = [overall.acknowledged_p50_s, overall.arrived_p50_s, overall.resolved_p50_s]
    p90 = [overall.acknowledged_p90_s, overall.arrived_p90_s, overall.resolved_p90_s]
    return _bars(
        title,
        stages,
        [
            ("P50", [scaled(v or 0.0, unit) for v in p50], ACCENT),
            ("P90", [scaled(v or 0.0, unit) for v in p90], INK),
        ],
        unit=f"呼叫后的{unit}数",
    )


@_styled
def downtime(rows: Sequence[f.DowntimeRow], title: str, unit: str = MINUTES) -> str:
    """``unit``: the downtime table's, so the chart reads as its table."""
    return _bars(
        title,
        [f"{r.kiosk} {DEVICE_NAMES.get(r.device, r.device)}" for r in rows],
        [("停机", [scaled(r.down_s, unit) for r in rows], WARN)],
        unit=unit,
    )
