"""The counter page: a ticket number, a reference or a scanned ticket QR opens what the
resident did at the kiosk, so the window does not ask again. Every lookup is audited (by
``kiosk.api.counter``); staff can close the visit's phone links from here."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kiosk.api.counter import TicketView, VisitRecord
from kiosk.api.errors import StoreUnavailable
from kiosk.api.handoff import LinkView
from kiosk.catalog.schema import Catalogue, ChooseStep
from ui.web import words
from ui.web.context import FormRefused, Web
from ui.web.staff import need_staff, who


@dataclass
class Story:
    """A visit told for the window: steps done, answers, what failed, help received."""

    steps: list[str] = field(default_factory=list)
    answers: list[tuple[str, str]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    identified: bool = False


def story(record: VisitRecord, catalogue: Catalogue) -> Story:
    try:
        service = catalogue.get(record.service_id)
        steps = {s.id: s for s in service.steps}
    except KeyError:
        steps = {}
    out = Story()
    for event in record.events:
        step = steps.get(event.step)
        title = words.step_title(step) if step else event.step
        if event.kind == "step_entered" and title not in out.steps:
            out.steps.append(title)
        elif event.kind == "identified":
            out.identified = True
        elif event.kind == "chosen":
            value = str(event.detail.get("value", ""))
            label = value
            if isinstance(step, ChooseStep):
                label = next((o.label.get("zh") for o in step.options if o.value == value), value)
            out.answers.append((title, label))
        elif event.kind == "confirmed":
            out.answers.append((title, "已确认"))
        elif event.kind == "input_accepted" and not event.detail.get("first_of_two"):
            out.answers.append((title, "已输入（内容不在记录中）"))
        elif event.kind == "input_rejected":
            out.failures.append(f"{title}：输入有误（{event.detail.get('problem', '')}）")
        elif event.kind == "backend_failed":
            out.failures.append(f"{title}：查询失败（{event.detail.get('error', '')}）")
        elif event.kind == "print_failed":
            out.failures.append(f"{title}：打印失败（{event.detail.get('reason', '')}）")
        elif event.kind == "timed_out":
            out.failures.append(f"{title}：超时结束")
    return out


def link_purpose(link: LinkView) -> str:
    """Which 掌上办 link this is, by what it shows, so staff close the one they mean."""
    if link.receipt:
        return "回执的链接"
    if link.ticket_number:
        return f"排队号 {link.ticket_number} 的链接"
    return "办理结果的链接"


def routes(web: Web) -> list[Route]:
    async def page(request: Request) -> Response:
        session = need_staff(web, request)
        if isinstance(session, Response):
            return session
        query = request.query_params.get("q", "").strip()[:200]
        record: VisitRecord | None = None
        ticket: TicketView | None = None
        links: list[LinkView] = []
        message = ""
        if query:
            try:
                record = await web.call(
                    web.hall.counter.lookup, query, who(session), web.place(request)
                )
                if record is not None:
                    ticket = await web.call(web.hall.counter.ticket_of, record.visit_id)
                    links = await web.call(web.hall.links.for_visit, record.visit_id)
            except StoreUnavailable:
                message = "暂时连不上系统，请稍后再试"
            else:
                if record is None:
                    message = "没有找到，请核对票号或查询码"
        if request.query_params.get("revoked"):
            message = "链接已关闭"
        return web.render(
            request,
            "counter.html",
            session=session,
            query=query,
            record=record,
            story=story(record, web.catalogue) if record else None,
            ticket=ticket,
            links=links,
            now=web.hall.links.now(),
            message=message,
            link_purpose=link_purpose,
            service_title=words.titles(web.catalogue, record.service_id)[0] if record else "",
        )

    async def revoke(request: Request) -> Response:
        session = need_staff(web, request)
        if isinstance(session, Response):
            return session
        try:
            form = await web.form(request)
        except FormRefused:
            return web.render(request, "refused.html", status_code=403, session=session)
        link_id = int(request.path_params["link_id"])
        try:
            await web.call(web.hall.links.revoke, link_id, who(session), web.place(request))
        except StoreUnavailable:
            return web.render(request, "refused.html", status_code=503, session=session)
        query = form.get("q", "")
        return web.redirect(request, f"/counter?q={quote(query)}&revoked=1", session)

    return [
        Route("/counter", page, methods=["GET"]),
        Route("/links/{link_id:int}/revoke", revoke, methods=["POST"]),
    ]
