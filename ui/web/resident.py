"""Pages for residents, no sign-in: 掌上办 (``/m/<token>``: one visit's result, the ticket and
how many are ahead, the next step, in the visit's language) and the service guides
(``/guide/<service>[/<topic>]``) the kiosk's QR codes point at, with a print button."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kiosk.api.errors import StoreUnavailable
from kiosk.api.handoff import PhoneVisit
from kiosk.catalog.schema import Catalogue, ChooseStep, DoneStep, Option, Service
from kiosk.text import Lang
from ui.web.context import Web


def guide_options(service: Service) -> list[Option]:
    """The options of a service that carry a guide (paragraphs to read)."""
    return [
        o
        for step in service.steps
        if isinstance(step, ChooseStep)
        for o in step.options
        if o.detail
    ]


def guides(catalogue: Catalogue) -> list[Service]:
    """The services that carry guides to read: where a page that leads nowhere points."""
    return [s for s in catalogue.services if guide_options(s)]


def next_step(service: Service | None, visit: PhoneVisit) -> tuple[list[str], Option | None]:
    """What to do next: the chosen guide topic, else the service's closing words."""
    lang: Lang = "en" if visit.language == "en" else "zh"
    if service is None:
        return [], None
    chosen = dict(visit.content.get("chosen") or {})
    for option in guide_options(service):
        if option.value in chosen.values():
            return [p.get(lang) for p in option.detail], option
    done = next((s for s in service.steps if isinstance(s, DoneStep)), None)
    if done is not None and done.message is not None:
        return [done.message.get(lang)], None
    return [], None


def routes(web: Web) -> list[Route]:
    def service_or_none(service_id: str) -> Service | None:
        try:
            return web.catalogue.get(service_id)
        except KeyError:
            return None

    async def phone(request: Request) -> Response:
        token = request.path_params["token"]
        try:
            visit = await web.call(web.hall.links.open, token)
            ticket = await web.call(web.hall.counter.ticket_of, visit.visit_id) if visit else None
        except StoreUnavailable:
            visit, ticket = None, None
        lang = request.query_params.get("lang") or (visit.language if visit else "zh")
        lang = "en" if lang == "en" else "zh"
        if visit is None:
            response = web.render(request, "gone.html", status_code=404, lang=lang)
            response.headers["x-robots-tag"] = "noindex"
            return response
        service = service_or_none(visit.service_id)
        paragraphs, option = next_step(service, visit)
        response = web.render(
            request,
            "phone.html",
            lang=lang,
            visit=visit,
            service=service,
            ticket=ticket,
            ticket_saved=visit.content.get("ticket") or {},
            paragraphs=paragraphs,
            option=option,
            path=request.url.path,
        )
        response.headers["x-robots-tag"] = "noindex"
        return response

    async def guide(request: Request) -> Response:
        lang = "en" if request.query_params.get("lang") == "en" else "zh"
        service = service_or_none(request.path_params["service"])
        topic = request.path_params.get("topic")
        options = guide_options(service) if service else []
        chosen = next((o for o in options if o.value == topic), None) if topic else None
        if service is None or (topic and chosen is None):
            return web.render(
                request,
                "guide.html",
                status_code=404,
                lang=lang,
                service=None,
                guides=guides(web.catalogue),
            )
        return web.render(
            request,
            "guide.html",
            lang=lang,
            service=service,
            options=options,
            chosen=chosen,
            path=request.url.path,
        )

    return [
        Route("/m/{token}", phone, methods=["GET"]),
        Route("/guide/{service}", guide, methods=["GET"]),
        Route("/guide/{service}/{topic}", guide, methods=["GET"]),
    ]
