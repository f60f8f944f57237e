"""The 好差评 follow-up cases as a manager works them: the list (open ones by deadline, the
overdue marked), one case with its history, and its changes (category, 回访 and its result,
rectification, closure, withdrawing the rating with a reason). Each change is a form POST
answered by a redirect; the domain audits it with the manager's name and the place."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kiosk.api.errors import NotPermitted, StoreUnavailable
from kiosk.api.report_views import csv_rows
from kiosk.api.reports import CATEGORIES, WITHDRAW_KINDS, CaseError, CaseNotFound, CaseView
from ui.web.context import FormRefused, Web
from ui.web.reports import (
    Manager,
    csv_response,
    labels_for,
    manager,
    page_values,
    unavailable,
)

SHOW = ("open", "overdue", "all")
LONGEST = 2000  # characters of a note
MESSAGES = {
    "categorize": "已保存分类",
    "contact": "已记录回访",
    "rectify": "已记录整改",
    "close": "工单已办结",
    "withdraw": "评价已撤销，不再计入统计",
}
PROBLEMS = {
    "empty": "请先填写内容再保存",
    "category": "请选择一个分类",
    "kind": "请选择撤销的理由类别",
    "need_contact": "请先记录回访，再整改或办结",
    "closed": "这个工单已经办结或撤销，不能再修改",
    "refused": "页面已过期，请再提交一次",
    "store": "暂时连不上系统，没有保存，请稍后再试",
}
CSV_COLUMNS = ("case", "service", "kiosk", "level", "reason", "rated_at", "category", "status",
               "due_on", "overdue", "contact_result", "rectification", "closure",
               "withdrawn_reason")  # fmt: skip


def _csv_row(c: CaseView) -> tuple[str | int, ...]:
    return (
        c.id,
        c.service_id,
        c.kiosk_id,
        c.level,
        c.reason,
        c.rated_at.isoformat(timespec="seconds"),
        c.category,
        c.status,
        c.due_on.isoformat(),
        "yes" if c.overdue else "",
        c.contact_result,
        c.rectification,
        c.closure,
        c.withdrawn_reason,
    )


def _why(case: CaseView | None) -> str:
    """The domain's refusal, in the page's words."""
    if case is None or case.status in ("closed", "withdrawn"):
        return "closed"
    if case.status == "open":
        return "need_contact"
    return "empty"


def routes(web: Web) -> list[Route]:
    async def listing(request: Request, m: Manager) -> list[CaseView]:
        show = request.query_params.get("show", "open")
        within = m.filters.period(web.hall.reports) if m.filters.narrowed() else None
        found: list[CaseView] = await web.call(
            web.hall.reports.cases,
            within,
            include_closed=show == "all",
            overdue_only=show == "overdue",
        )
        return found

    async def cases_page(request: Request) -> Response:
        m = await manager(web, request)
        if not isinstance(m, Manager):
            return m
        show = request.query_params.get("show", "open")
        try:
            found = await listing(request, m)
            values = await page_values(web, m, "cases")
        except StoreUnavailable:
            return unavailable(web, request, m.session)
        return web.render(
            request,
            "reports_cases.html",
            session=m.session,
            cases=found,
            show=show if show in SHOW else "open",
            labels=labels_for(web, values),
            overdue=sum(1 for c in found if c.overdue),
            **values,
        )

    async def cases_csv(request: Request) -> Response:
        m = await manager(web, request)
        if not isinstance(m, Manager):
            return m
        try:
            found = await listing(request, m)
        except StoreUnavailable:
            return unavailable(web, request, m.session)
        rows = [_csv_row(c) for c in found]
        return csv_response(csv_rows(CSV_COLUMNS, rows), f"cases_{m.filters.last}.csv")

    async def case_page(request: Request) -> Response:
        m = await manager(web, request)
        if not isinstance(m, Manager):
            return m
        case_id = int(request.path_params["case_id"])
        try:
            case = await web.call(web.hall.reports.case, case_id)
            trail = await web.call(web.hall.reports.trail, case_id)
            values = await page_values(web, m, "cases")
        except CaseNotFound:
            return web.render(
                request, "reports_case.html", status_code=404, session=m.session, case=None,
                **await page_values(web, m, "cases"),
            )  # fmt: skip
        except StoreUnavailable:
            return unavailable(web, request, m.session)
        done = request.query_params.get("done", "")
        problem = request.query_params.get("error", "")
        return web.render(
            request,
            "reports_case.html",
            session=m.session,
            case=case,
            trail=trail,
            labels=labels_for(web, values),
            done=MESSAGES.get(done, ""),
            error=PROBLEMS.get(problem, ""),
            categories=CATEGORIES,
            withdraw_kinds=WITHDRAW_KINDS,
            **values,
        )

    async def change(request: Request) -> Response:
        m = await manager(web, request)
        if not isinstance(m, Manager):
            return m
        case_id = int(request.path_params["case_id"])
        action = request.path_params["action"]
        back = f"/reports/cases/{case_id}"
        if action not in MESSAGES:
            return Response("unknown action", status_code=404, media_type="text/plain")
        try:
            form = await web.form(request)
        except FormRefused:
            return web.redirect(request, f"{back}?error=refused", m.session)
        note = form.get("text", "").strip()[:LONGEST]
        reports, place = web.hall.reports, web.place(request)
        if action == "categorize" and form.get("category") not in CATEGORIES:
            return web.redirect(request, f"{back}?error=category#categorize", m.session)
        if action == "withdraw" and form.get("kind") not in WITHDRAW_KINDS:
            return web.redirect(request, f"{back}?error=kind#withdraw", m.session)
        if action != "categorize" and not note:
            return web.redirect(request, f"{back}?error=empty#{action}", m.session)
        try:
            if action == "categorize":
                await web.call(reports.categorize, case_id, form["category"], m.who, place)
            elif action == "contact":
                await web.call(reports.contact, case_id, note, m.who, place)
            elif action == "rectify":
                await web.call(reports.rectify, case_id, note, m.who, place)
            elif action == "close":
                await web.call(reports.close, case_id, note, m.who, place)
            else:
                await web.call(reports.withdraw, case_id, form["kind"], note, m.who, place)
        except CaseNotFound:
            return web.redirect(request, back, m.session)
        except CaseError:
            try:
                now: CaseView | None = await web.call(reports.case, case_id)
            except (CaseError, StoreUnavailable):
                now = None
            return web.redirect(request, f"{back}?error={_why(now)}", m.session)
        except NotPermitted:
            return web.redirect(request, "/reports", m.session)
        except StoreUnavailable:
            return web.redirect(request, f"{back}?error=store", m.session)
        return web.redirect(request, f"{back}?done={action}", m.session)

    return [
        Route("/reports/cases", cases_page, methods=["GET"]),
        Route("/reports/cases.csv", cases_csv, methods=["GET"]),
        Route("/reports/cases/{case_id:int}", case_page, methods=["GET"]),
        Route("/reports/cases/{case_id:int}/{action}", change, methods=["POST"]),
    ]
