"""The hall's front door: ``/`` (a small page for whoever opens the bare address: the guides,
and where staff sign in; staff already signed in go to their calls), a page for addresses
that lead nowhere (in Chinese, with a way on), and the site's icon, served from the hall."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ui.web.context import Web
from ui.web.resident import guides


def routes(web: Web) -> list[Route]:
    async def home(request: Request) -> Response:
        if web.session(request):
            return RedirectResponse("/calls", 303)
        return web.render(request, "hall.html", guides=guides(web.catalogue))

    async def icon(_request: Request) -> Response:
        # Browsers ask for /favicon.ico whatever the page declares; the hall's own icon.
        return RedirectResponse("/static/favicon.svg", 301)

    return [Route("/", home), Route("/favicon.ico", icon, methods=["GET"])]


def not_found(web: Web) -> Callable[[Request, Exception], Awaitable[Response]]:
    """The handler for addresses that lead nowhere: a page, never a bare "Not Found"."""

    async def page(request: Request, exc: Exception) -> Response:
        if not isinstance(exc, HTTPException) or exc.status_code != 404:
            raise exc
        lang = "en" if request.query_params.get("lang") == "en" else "zh"
        response = web.render(
            request,
            "missing.html",
            status_code=404,
            session=web.session(request),
            lang=lang,
            guides=guides(web.catalogue),
        )
        response.headers["x-robots-tag"] = "noindex"
        return response

    return page
