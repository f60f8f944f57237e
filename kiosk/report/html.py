"""The report as one self-contained, printable HTML page: tables and inline SVG charts.

Nothing is fetched: styles are inline, charts are SVG in the page. Each section is a function
returning a fragment, so the hall server can serve the same sections as live pages.
"""

from __future__ import annotations

from html import escape

from kiosk.report import charts, layout, tables
from kiosk.report import figures as f
from kiosk.report.layout import Part, period_words
from kiosk.report.people import Shown, time_units
from kiosk.report.tables import Table

STYLE = """
body { font-family: "Noto Sans CJK SC", "Noto Sans", sans-serif; color: #1f3b57;
       margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { border-bottom: 2px solid #2f7bbf; padding-bottom: 0.2rem; margin-top: 2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 0.4rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; margin-bottom: 0.6rem; }
th, td { border-bottom: 1px solid #d5dde5; padding: 0.2rem 0.4rem; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.alert td { background: #fdecea; color: #8e1b10; font-weight: bold; }
tr.empty td { color: #5d6d7e; padding: 0.5rem 0.4rem; }
figure { margin: 0.6rem 0; break-inside: avoid; }
svg.chart { max-width: 100%; height: auto; }
.meta { color: #5d6d7e; }
.headline { font-size: 1.1rem; font-weight: bold; margin: 0.4rem 0 0.8rem; }
section { break-inside: auto; }
@media print {
  body { margin: 0; max-width: none; }
  h2 { break-after: avoid; }
  table, figure { break-inside: avoid; }
}
"""


# What a table with no rows says, across all its columns, here and on the hall server's
# manager pages: in Chinese, the pages' language, then in English, marked as English so a
# screen reader says it with an English voice.
NOTHING_ZH, NOTHING_EN = "这段时间内没有记录", "nothing in this period"
NOTHING = f"{NOTHING_ZH} · {NOTHING_EN}"
NOTHING_HTML = f'{NOTHING_ZH} · <span lang="en">{NOTHING_EN}</span>'


def table(t: Shown, alerts: list[bool] | None = None) -> str:
    head = "".join(
        f'<th scope="col"{" class=n" if n else ""}>{escape(c)}</th>'
        for c, n in zip(t.headers, t.numeric, strict=True)
    )
    body = []
    for i, row in enumerate(t.rows):
        cells = "".join(
            f"<td{' class=n' if n else ''}>{escape(v)}</td>"
            for v, n in zip(row, t.numeric, strict=True)
        )
        cls = ' class="alert"' if alerts and alerts[i] else ""
        body.append(f"<tr{cls}>{cells}</tr>")
    if not t.rows:
        body.append(f'<tr class="empty"><td colspan="{len(t.headers)}">{NOTHING_HTML}</td></tr>')
    return (
        f'<h3 id="{escape(t.id)}">{escape(t.title)}</h3>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _figure(svg: str) -> str:
    return f"<figure>{svg}</figure>"


def section(report: f.Report, part: Part) -> str:
    """One part: its headline figure, its charts, then its tables. Overdue cases and silent
    kiosks stand out."""
    parts = [
        f'<section id="s-{part.id}"><h2>{escape(part.title)}</h2>'
        f"<p class=headline>{escape(part.headline)}</p>"
    ]
    if part.charts:
        parts.extend(_figure(svg) for svg in charts_for(report, part.charts))
    parts.extend(table(t, part.alerts.get(t.id)) for t in part.tables)
    parts.append("</section>")
    return "".join(parts)


def _units(section: list[Table], table_id: str) -> list[str]:
    return time_units(next(t for t in section if t.id == table_id))


def charts_for(report: f.Report, name: str) -> list[str]:
    """The charts of one section (of ``tables.SECTIONS``), as inline SVG, in Chinese: the
    hall server's pages are, and a chart has no room for two languages."""
    b = report.breakdowns
    if name == "visits":
        out = []
        if b.get("service"):
            out.append(charts.completion(b["service"], "各事项完成率"))
        if b.get("day"):
            out.append(charts.per_day(b["day"], "每日办理次数"))
        return out
    if name == "timeliness" and report.timeliness.overall.calls:
        unit = next(u for u in _units(tables.timeliness(report), "help") if u)  # the table's
        return [charts.help_times(report.timeliness.overall, "求助响应：呼叫后多久", unit)]
    if name == "warmth":
        rows = [r for r in report.warmth.ratings if r.key == "all"]
        return [charts.satisfaction(rows[0], "满意度")] if rows else []
    if name == "funnel" and any(r.entered for r in report.funnel):
        return [charts.funnel(report.funnel, "最易放弃的步骤")]
    if name == "devices" and report.devices.downtime:
        unit = next(u for u in _units(tables.devices(report), "downtime") if u)  # the table's
        return [charts.downtime(report.devices.downtime, "设备停机时长", unit)]
    return []


def render(report: f.Report) -> str:
    span = period_words(report)
    notes = "".join(f"<p class=meta>{escape(n)}</p>" for n in layout.notes(report))
    body = "".join(section(report, part) for part in layout.parts(report))
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>服务评价报告 {escape(span)}</title><style>{STYLE}</style></head><body>"
        f"<h1>服务评价报告</h1><p class=meta>{escape(span)}</p>{notes}{body}</body></html>\n"
    )
