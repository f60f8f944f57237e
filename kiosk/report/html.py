"""The report as one self-contained, printable HTML page: tables and inline SVG charts.

Nothing is fetched: styles are inline, charts are SVG in the page. Each section is a function
returning a fragment, so the hall server can serve the same sections as live pages.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from kiosk.report import charts
from kiosk.report import figures as f
from kiosk.report.tables import SECTIONS, Table, show

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


def table(t: Table, alert: Callable[[tuple[object, ...]], bool] | None = None) -> str:
    kinds = t.kinds or ("",) * len(t.columns)
    # Numbers right-aligned under right-aligned headings; a table with no rows has no numbers,
    # so its headings stay over the line that says so.
    numeric = [
        i > 0
        and bool(t.rows)
        and all(isinstance(r[i], int | float) or r[i] is None for r in t.rows)
        for i in range(len(t.columns))
    ]
    head = "".join(
        f'<th scope="col"{" class=n" if n else ""}>{escape(c)}</th>'
        for c, n in zip(t.columns, numeric, strict=True)
    )
    body = []
    for row in t.rows:
        cells = "".join(
            f"<td{' class=n' if n else ''}>{escape(show(v, k))}</td>"
            for v, k, n in zip(row, kinds, numeric, strict=True)
        )
        cls = ' class="alert"' if alert and alert(row) else ""
        body.append(f"<tr{cls}>{cells}</tr>")
    if not t.rows:
        body.append(f'<tr class="empty"><td colspan="{len(t.columns)}">{NOTHING_HTML}</td></tr>')
    return (
        f'<h3 id="{escape(t.id)}">{escape(t.title)}</h3>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _figure(svg: str) -> str:
    return f"<figure>{svg}</figure>"


def section(report: f.Report, name: str) -> str:
    """One section: its charts, then its tables. Overdue cases and silent kiosks stand out."""
    title, make = SECTIONS[name]
    parts = [f'<section id="s-{name}"><h2>{escape(title)}</h2>']
    parts.extend(_figure(svg) for svg in charts_for(report, name))
    for t in make(report):
        parts.append(table(t, ALERTS.get(t.id)))
    parts.append("</section>")
    return "".join(parts)


def _always(_row: tuple[object, ...]) -> bool:
    return True


def _overdue_count(row: tuple[object, ...]) -> bool:
    return isinstance(row[1], int) and row[1] > 0


ALERTS: dict[str, Callable[[tuple[object, ...]], bool]] = {
    "cases_overdue": _always,
    "unseen": _always,
    "cases_due": _overdue_count,
}


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
        return [charts.help_times(report.timeliness.overall, "求助响应：呼叫后多久")]
    if name == "warmth":
        rows = [r for r in report.warmth.ratings if r.key == "all"]
        return [charts.satisfaction(rows[0], "满意度")] if rows else []
    if name == "funnel" and any(r.entered for r in report.funnel):
        return [charts.funnel(report.funnel, "最易放弃的步骤")]
    if name == "devices" and report.devices.downtime:
        return [charts.downtime(report.devices.downtime, "设备停机时长")]
    return []


def render(report: f.Report) -> str:
    p = report.period
    span = f"{p.start:%Y-%m-%d %H:%M} – {p.end:%Y-%m-%d %H:%M} UTC"
    hall = "".join(f" · {escape(name)} {escape(value)}" for name, value in p.filters())
    notes = "".join(f"<p class=meta>{escape(n)}</p>" for n in report.notes)
    body = "".join(section(report, name) for name in SECTIONS)
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>服务评价报告 {escape(span)}</title><style>{STYLE}</style></head><body>"
        f"<h1>服务评价报告 Service report</h1><p class=meta>{escape(span)}{hall} · "
        f"generated {report.generated_at:%Y-%m-%d %H:%M} UTC</p>{notes}{body}</body></html>\n"
    )
