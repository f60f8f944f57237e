"""Staff sign-in and sign-out: the same accounts, PIN lockout and audit as the kiosk and the
console (``kiosk.api.staff``); the session is a row in the store named by a signed cookie,
kept alive by use (a visible page's ping counts: ``/session/alive``) and ended in the store on
signing out, so a copy of the cookie is refused from then on."""

from __future__ import annotations

import logging
from urllib.parse import quote, urlsplit

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kiosk.api.errors import AuthFailed, StoreUnavailable
from kiosk.api.staff import StaffInfo
from kiosk.assist.vocabulary import sign_in_refusal
from ui.web.accounts import ENDED_WORDS, ended_reason
from ui.web.context import FormRefused, Web
from ui.web.security import SessionCookie, StaffSession, origin_of

log = logging.getLogger(__name__)


def safe_next(url: str | None) -> str:
    """Only a path on this server: a sign-in link cannot send staff elsewhere."""
    if url and url.startswith("/") and not url.startswith("//") and "\\" not in url:
        return url
    return "/calls"


def routes(web: Web) -> list[Route]:
    async def signin_page(request: Request) -> Response:
        ended = request.query_params.get("ended", "") or ended_reason(request) or ""
        return web.render(
            request,
            "signin.html",
            next=safe_next(request.query_params.get("next")),
            message=ENDED_WORDS.get(ended, ""),
        )

    async def signin(request: Request) -> Response:
        try:
            form = await web.form(request)
        except FormRefused:
            return web.render(request, "refused.html", status_code=403)
        staff_no, pin = form.get("staff_no", "").strip(), form.get("pin", "")
        target = safe_next(form.get("next"))
        try:
            who: StaffInfo = await web.call(
                web.hall.staff.sign_in, staff_no, pin, web.place(request)
            )
        except AuthFailed as error:
            return web.render(
                request,
                "signin.html",
                status_code=401,
                next=target,
                message=sign_in_refusal(error),
                staff_no=staff_no,
            )
        except StoreUnavailable:
            return web.render(
                request,
                "signin.html",
                status_code=503,
                next=target,
                message="暂时无法核对，请稍后再试",
                staff_no=staff_no,
            )
        try:
            session_id = await web.call(web.hall.staff.open_session, who, web.place(request))
        except StoreUnavailable:
            session_id = None
        if session_id is None:  # disabled, or the store went away, since the PIN was checked
            return web.render(
                request,
                "signin.html",
                status_code=503,
                next=target,
                message="暂时无法核对，请稍后再试",
                staff_no=staff_no,
            )
        now = web.clock()
        cookie = SessionCookie(session_id, who.id, now, now)
        session = StaffSession(cookie, who.staff_no, who.name, who.role, who.stamp)
        web.remember(session)
        return web.redirect(request, target, session)

    async def signout(request: Request) -> Response:
        session = web.session(request)
        try:
            await web.form(request)
        except FormRefused:
            return web.render(request, "refused.html", status_code=403, session=session)
        if session is not None:
            # Ended in the store: a copy of the cookie is refused by every instance from now.
            web.known.pop(session.session_id, None)
            try:
                await web.call(web.hall.staff.end_session, session.session_id, web.place(request))
            except StoreUnavailable:
                # The cookie goes anyway; a copy of it stands until it idles out.
                log.warning("%s signed out while the store was away", who(session).label)
        response = web.redirect(request, "/signin")
        web.set_session(request, response, None)
        return response

    async def alive(request: Request) -> Response:
        """A page that stays open says it is still looked at (its script asks only while the
        page is visible): the session's idle time starts again, never past its absolute end.
        Signed out, the answer says where to sign in again: a page still looked at was
        signed in, so its session timed out (the sign-in page says so)."""
        session = web.session(request)
        try:
            await web.form(request)
        except FormRefused:
            return Response(status_code=403)
        if session is None:
            signin = signin_url(request, "/calls", "timeout")
            return Response(status_code=401, headers={"x-signin": signin})
        response = Response(status_code=204)
        web.finish(request, response, session)
        return response

    return [
        Route("/signin", signin_page, methods=["GET"]),
        Route("/signin", signin, methods=["POST"]),
        Route("/signout", signout, methods=["POST"]),
        Route("/session/alive", alive, methods=["POST"]),
    ]


def signin_url(request: Request, target: str, ended: str = "") -> str:
    """The sign-in page, back to ``target`` after it; with the reason if the session just
    ended because the account changed (else ``ended``'s)."""
    ended = ended_reason(request) or ended
    return "/signin?" + (f"ended={ended}&" if ended else "") + "next=" + quote(target, safe="")


def need_staff(web: Web, request: Request, back: str = "") -> StaffSession | Response:
    """The signed-in staff member, or the way to the sign-in page, then back here. A form
    (POST) can only have come from a signed-in page, so its session timed out: the sign-in
    page says so, and leads back to the page the form was on (``back``, else the page that
    sent it), never to the form's own path, which answers POST only."""
    session = web.session(request)
    if session is not None:
        return session
    if request.method in ("GET", "HEAD"):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return web.redirect(request, signin_url(request, target))
    target = back or sent_from(web, request) or "/calls"
    return web.redirect(request, signin_url(request, target, "timeout"))


def sent_from(web: Web, request: Request) -> str:
    """The page on this server a form was sent from (its Referer), or ""."""
    sent = request.headers.get("referer", "")
    if not sent or origin_of(sent) not in web.origins(request):
        return ""
    referer = urlsplit(sent)
    return safe_next(referer.path + (f"?{referer.query}" if referer.query else ""))


def who(session: StaffSession) -> StaffInfo:
    return StaffInfo(session.staff_id, session.staff_no, session.name, session.role, True)
