"""The manager pages' figures: the four measures, where residents give up, devices, and each
table as CSV, for a period and the filters the report takes.

Only an active manager gets in: ``Reports.authorize`` reads the account as it stands now and
audits a refusal, which is answered with a 403 page in the browser's language. The figures are
``Hall.reports``' aggregations; tables and inline SVG charts are the HTML report's own
(``kiosk.api.report_views``), so a page, its printout, its CSV and ``kiosk report`` agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kiosk.api.errors import NotPermitted, StoreUnavailable
from kiosk.api.report_views import (
    CONVENIENCE,
    REACH,
    SECTIONS,
    Table,
    alerting,
    charts_for,
    csv_table,
    heading,
    named,
    project,
    section_tables,
    time_units,
)
from kiosk.api.reports import Report
from kiosk.assist.vocabulary import StaffInfo
from ui.web import report_words
from ui.web.context import Web
from ui.web.report_filters import Filters, parse
from ui.web.report_words import Labels
from ui.web.security import StaffSession
from ui.web.staff import need_staff

FLAGS = {"cases_overdue": "已超期", "unseen": "需检查", "cases_due": "有超期"}
BOM = "\ufeff"  # spreadsheets then read the CSV as UTF-8, Chinese included


@dataclass(frozen=True)
class Row:
    head: str
    cells: list[str]
    alert: bool = False


@dataclass(frozen=True)
class TableView:
    id: str  # the report's table id: its CSV and its anchor
    title: str
    headers: list[tuple[str, bool]]  # label, numeric
    rows: list[Row]
    anchor: str = ""
    flag: str = ""  # the words that mark an alerting row (not its colour alone)


@dataclass(frozen=True)
class Part:
    """One heading of a page: its key figures, charts and tables."""

    id: str
    title: str
    lead: str = ""
    facts: list[tuple[str, str]] = field(default_factory=list)
    charts: list[str] = field(default_factory=list)
    tables: list[TableView] = field(default_factory=list)


@dataclass(frozen=True)
class Manager:
    session: StaffSession
    who: StaffInfo
    filters: Filters
    problem: str


def view(labels: Labels, table: Table, title: str = "", anchor: str = "") -> TableView:
    numeric = [
        i > 0
        and bool(table.rows)
        and all(isinstance(r[i], int | float) or r[i] is None for r in table.rows)
        for i in range(len(table.columns))
    ]
    # One unit per time column, said in its heading: the report files' rule, through their code.
    units = time_units(table)
    headers = [(heading(c, u), n) for c, u, n in zip(table.columns, units, numeric, strict=True)]
    rows = []
    for row in table.rows:
        cells = [labels.cell(table, i, row, units[i]) for i in range(len(row))]
        rows.append(Row(cells[0], cells[1:], alerting(table, row)))
    title = title or report_words.TITLES.get(table.id, table.title)
    return TableView(table.id, title, headers, rows, anchor or table.id, FLAGS.get(table.id, ""))


def labels_for(web: Web, values: dict[str, Any]) -> Labels:
    """Names for a page's cells, and its times in the hall's."""
    languages = dict(values["choices"].languages)
    return Labels(web.catalogue, languages, web.hall.reports.utc_offset_hours)


def for_charts(report: Report, labels: Labels) -> Report:
    """The report with services and steps named as people know them (the charts' labels)."""
    return named(report, labels.names)


def tables_of(report: Report) -> dict[str, Table]:
    return {t.id: t for name in SECTIONS for t in section_tables(report, name)}


async def manager(web: Web, request: Request) -> Manager | Response:
    """The signed-in manager and the page's filters; otherwise the sign-in page, or a 403
    page in the browser's language (the attempt audited by the domain)."""
    session = need_staff(web, request)
    if isinstance(session, Response):
        return session
    try:
        who = await web.call(
            web.hall.reports.authorize, session.staff_id, web.place(request), request.url.path
        )
        today = web.hall.reports.today()
    except NotPermitted:
        lang = report_words.staff_language(request.headers.get("accept-language", ""))
        return web.render(
            request,
            "reports_refused.html",
            status_code=403,
            session=session,
            lang=lang,
            text=report_words.REFUSED[lang],
        )
    except StoreUnavailable:
        return unavailable(web, request, session)
    filters, problem = parse(request.query_params, today)
    return Manager(session, who, filters, problem)


def unavailable(web: Web, request: Request, session: StaffSession) -> Response:
    return web.render(
        request,
        "reports_unavailable.html",
        status_code=503,
        session=session,
    )


async def page_values(web: Web, m: Manager, page: str) -> dict[str, Any]:
    """What every manager page's frame shows: the filter form, its choices, the page links."""
    choices = await web.call(web.hall.reports.choices)
    return {
        "filters": m.filters,
        "query": m.filters.query(),
        "problem": m.problem,
        "choices": choices,
        "services": [(s.id, s.title.get("zh")) for s in web.catalogue.services],
        "page": page,
        "W": report_words,
    }


def measures(labels: Labels, report: Report, by: str, charts: dict[str, list[str]]) -> list[Part]:
    t = tables_of(report)
    o = report.overall
    name = report_words.DIMENSIONS[by]
    show = labels.cell
    overall = project(t["overall"], CONVENIENCE)
    facts = [
        (report_words.COLUMNS[c], show(overall, i, overall.rows[0]))
        for i, c in enumerate(CONVENIENCE)
        if i > 0
    ]
    reach_all = project(t["overall"], REACH)
    reach_facts = [
        (report_words.COLUMNS[c], show(reach_all, i, reach_all.rows[0]))
        for i, c in enumerate(REACH)
        if i > 1
    ]
    breakdown = t[f"by_{by}"]
    reach_tables = [
        view(labels, project(t["by_language"], REACH), "可及：按语言", "reach-language")
    ]
    if by != "language":
        reach_tables.append(view(labels, project(breakdown, REACH), f"可及：{name}", "reach-by"))
    timely = report.timeliness
    return [
        Part(
            "convenience",
            "便利",
            "办完的比例、办完所用的时间（只计办完的），以及读卡和打印的重试。",
            facts,
            charts["visits"],
            [view(labels, project(breakdown, CONVENIENCE), f"便利：{name}", "convenience-by")],
        ),
        Part(
            "reach",
            "可及",
            "长者模式、语音模式、各语言的使用，在工作人员协助下办完的比例，以及转到窗口的居民。",
            [*reach_facts, ("办理次数", str(o.visits))],
            [],
            reach_tables,
        ),
        Part(
            "timeliness",
            "及时",
            f"呼叫后多久有人响应、到场、解决（P50 和 P90）；好差评工单 {timely.cases_open} "
            f"件未办结，其中 {timely.cases_overdue} 件已超期。",
            [("呼叫", str(timely.overall.calls)), ("已超期工单", str(timely.cases_overdue))],
            charts["timeliness"],
            [view(labels, t[i]) for i in ("help", "cases_due", "cases_overdue")],
        ),
        Part(
            "warmth",
            "温度",
            "五级满意度（撤销的和未评价的不计入）、不满意的原因、工单分类、接管后办完的比例。",
            [],
            charts["warmth"],
            [view(labels, t[i]) for i in ("ratings", "reasons", "case_categories", "takeovers")],
        ),
    ]


def routes(web: Web) -> list[Route]:
    async def figures(request: Request, page: str) -> Response:
        m = await manager(web, request)
        if not isinstance(m, Manager):
            return m
        by = m.filters.by
        dimensions = tuple(dict.fromkeys((by, "service", "day", "language")))
        try:
            period = m.filters.period(web.hall.reports)
            report: Report = await web.call(
                web.hall.reports.report, period, dimensions=dimensions if page == "measures" else ()
            )
            values = await page_values(web, m, page)
            labels = labels_for(web, values)
        except StoreUnavailable:
            return unavailable(web, request, m.session)
        sections = {"measures": ("visits", "timeliness", "warmth"), "funnel": ("funnel",),
                    "devices": ("devices",)}[page]  # fmt: skip
        named = for_charts(report, labels)
        charts = {name: await web.call(charts_for, named, name) for name in sections}
        if page == "measures":
            parts = measures(labels, report, by, charts)
        elif page == "funnel":
            parts = [
                Part(
                    "funnel",
                    "居民在哪一步放弃",
                    "每个事项的每一步：进入、放弃、超时、返回、呼叫帮助的次数。按流失率从高到低排列，"
                    "第一行就是这段时间最需要改进的步骤。",
                    charts=charts["funnel"],
                    tables=[view(labels, tables_of(report)["funnel"])],
                )
            ]
        else:
            t = tables_of(report)
            parts = [
                Part(
                    "devices",
                    "设备",
                    f"每台终端每个设备的停机时长（从故障到下一次上报）、故障和缺纸次数；"
                    f"超过 {report.devices.unseen_after_min} 分钟没有上报的终端标为需要检查。"
                    "按事项、语言或模式筛选时，设备数字不变：设备只属于终端。",
                    charts=charts["devices"],
                    tables=[
                        view(labels, t["downtime"]),
                        view(
                            labels,
                            t["unseen"],
                            report_words.TITLES["unseen"].format(
                                minutes=report.devices.unseen_after_min
                            ),
                        ),
                    ],
                )
            ]
        return web.render(
            request,
            "reports.html",
            session=m.session,
            parts=parts,
            report=report,
            **values,
        )

    async def measures_page(request: Request) -> Response:
        return await figures(request, "measures")

    async def funnel_page(request: Request) -> Response:
        return await figures(request, "funnel")

    async def devices_page(request: Request) -> Response:
        return await figures(request, "devices")

    async def table_csv(request: Request) -> Response:
        m = await manager(web, request)
        if not isinstance(m, Manager):
            return m
        table_id = request.path_params["table"]
        by = table_id.removeprefix("by_") if table_id.startswith("by_") else ""
        try:
            period = m.filters.period(web.hall.reports)
            report: Report = await web.call(
                web.hall.reports.report,
                period,
                dimensions=(by,) if by in report_words.DIMENSIONS else (),
            )
        except StoreUnavailable:
            return unavailable(web, request, m.session)
        table = tables_of(report).get(table_id)
        if table is None:
            return Response("no such table", status_code=404, media_type="text/plain")
        return csv_response(csv_table(table), f"{table_id}_{m.filters.first}_{m.filters.last}.csv")

    return [
        Route("/reports", measures_page, methods=["GET"]),
        Route("/reports/funnel", funnel_page, methods=["GET"]),
        Route("/reports/devices", devices_page, methods=["GET"]),
        Route("/reports/csv/{table}", table_csv, methods=["GET"]),
    ]


def csv_response(content: str, filename: str) -> Response:
    return Response(
        BOM + content,
        media_type="text/csv; charset=utf-8",
        headers={
            "content-disposition": f'attachment; filename="{filename}"',
            "cache-control": "no-store",
        },
    )
