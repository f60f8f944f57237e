"""The helpers' phone page: live calls with their actions, kiosks and devices, escalations.

Every action is a plain form POST answered by a redirect to the page (it works without
JavaScript); ``/calls/live`` streams the board as server-sent events for the page's script,
which swaps the list in place, chimes and vibrates while a call is unanswered.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from kiosk.api.errors import (
    AlreadyTaken,
    CallTaken,
    RequestClosed,
    StoreUnavailable,
    UnknownRequest,
)
from kiosk.api.help import Snapshot
from kiosk.assist.vocabulary import RESOLUTIONS, call_taken_words
from ui.web.accounts import why_ended
from ui.web.context import FormRefused, Web
from ui.web.live import Live
from ui.web.security import StaffSession
from ui.web.staff import need_staff

KEEPALIVE_S = 15.0
NOTE_MAX = 500  # characters; the input says so too (maxlength)
MESSAGES = {
    "note_empty": "备注是空的，请先写上内容再添加",
    "note_long": f"备注太长了，最多 {NOTE_MAX} 个字，请缩短后再添加",
    "closed": "这个呼叫已经结束了",
    "gone": "没有这个呼叫",
    "store": "暂时连不上系统，请稍后再试",
    "refused": "页面已过期，请再按一次",
}


def summary(board: Snapshot) -> str:
    waiting = [r for r in board.requests if r.status in ("requested", "escalated")]
    if not board.requests:
        return "现在没有呼叫"
    if waiting:
        names = "、".join(r.kiosk_name or r.kiosk_id for r in waiting[:3])
        return f"{len(waiting)} 个呼叫等待响应：{names}"
    return f"{len(board.requests)} 个呼叫正在处理，没有呼叫在等待响应"


def ping_s(idle_s: float) -> float:
    """How often a visible calls page says it is looked at: well inside the idle time."""
    return max(5.0, min(idle_s / 4, 300.0))


def sse(event: str, html: str) -> bytes:
    data = "".join(f"data: {line}\n" for line in html.splitlines() or [""])
    return f"event: {event}\n{data}\n".encode()


def routes(web: Web) -> list[Route]:
    def board_html(board: Snapshot, csrf: str, session: StaffSession) -> str:
        return web.fragment(
            "board.html",
            board=board,
            csrf=csrf,
            staff=session,
            summary=summary(board),
            resolutions=RESOLUTIONS,
        )

    async def page(request: Request) -> Response:
        session = need_staff(web, request)
        if isinstance(session, Response):
            return session
        message = MESSAGES.get(request.query_params.get("msg", ""), "")
        taken = request.query_params.get("taken", "")
        held = request.query_params.get("held", "")
        try:
            board = await web.call(web.hall.help.board)
            if taken.isdigit() or held.isdigit():
                view = await web.call(web.hall.help.call, int(taken or held))
                message = call_taken_words(view.staff_name if view else "", bool(held))
        except StoreUnavailable:
            return web.render(
                request,
                "calls.html",
                status_code=503,
                session=session,
                board=None,
                message=MESSAGES["store"],
                board_html="",
                ping_ms=int(ping_s(web.config.idle_s) * 1000),
            )
        return web.render(
            request,
            "calls.html",
            session=session,
            message=message,
            board_html=board_html(board, web.csrf(request), session),
            ping_ms=int(ping_s(web.config.idle_s) * 1000),
        )

    async def act(request: Request) -> Response:
        session = need_staff(web, request, back="/calls")
        if isinstance(session, Response):
            return session
        try:
            form = await web.form(request)
        except FormRefused:
            return web.redirect(request, "/calls?msg=refused", session)
        call_id = int(request.path_params["call_id"])
        action = request.path_params["action"]
        help = web.hall.help
        try:
            if action == "ack":
                await web.call(help.acknowledge, call_id, session.staff_id, 60)
            elif action == "arrive":
                await web.call(help.arrive, call_id, session.staff_id, web.place(request))
            elif action == "note":
                text = form.get("text", "").strip()
                if not text or len(text) > NOTE_MAX:
                    why = "note_empty" if not text else "note_long"
                    return web.redirect(request, f"/calls?msg={why}#call-{call_id}", session)
                # A press sent twice is kept once by the store (``kiosk.assist.notes``).
                await web.call(help.note, call_id, session.staff_id, text, web.place(request))
            elif action == "resolve":
                outcome = form.get("outcome", "")
                if outcome not in RESOLUTIONS:
                    return web.redirect(request, f"/calls#call-{call_id}", session)
                await web.call(
                    help.resolve, call_id, outcome, session.staff_id, "", web.place(request)
                )
            else:
                return Response("unknown action", status_code=404)
        except CallTaken:
            return web.redirect(request, f"/calls?held={call_id}#call-{call_id}", session)
        except AlreadyTaken:
            return web.redirect(request, f"/calls?taken={call_id}#call-{call_id}", session)
        except RequestClosed:
            return web.redirect(request, "/calls?msg=closed", session)
        except UnknownRequest:
            return web.redirect(request, "/calls?msg=gone", session)
        except StoreUnavailable:
            return web.redirect(request, "/calls?msg=store", session)
        return web.redirect(request, f"/calls#call-{call_id}", session)

    async def live(request: Request) -> Response:
        session = web.session(request)
        if session is None:
            return Response("signed out", status_code=401)
        csrf = web.csrf(request)
        # The stream ends when the session would, unless used meanwhile: the page's script
        # then opens a new one with the cookie its pings kept fresh (the stream itself is not
        # use: a page in a background tab keeps it open).
        ends = session.ends(web.config.idle_s, web.config.max_s)

        def account_gone(live: Live) -> str:
            """Where to go if the account changed (disabled, new PIN): "" while it has not."""
            reason = why_ended(session, live.stamps.get(session.staff_id))
            if reason is None and session.session_id in live.ended:
                # Signed out (on this phone, its page may still be on its way to /signin).
                return "/signin"
            return f"/signin?ended={reason}&next=%2Fcalls" if reason else ""

        async def events() -> AsyncIterator[bytes]:
            queue = web.live.subscribe()
            try:
                # Read afresh: the process's latest board may predate the action that
                # brought this page (its notification can still be on its way).
                try:
                    latest: Live | None = await web.call(web.live.read)
                except StoreUnavailable:
                    return  # the browser tries again in a few seconds
                while latest is not None:
                    gone = account_gone(latest)
                    if gone:
                        yield sse("expired", gone)
                        return
                    yield sse("board", board_html(latest.board, csrf, session))
                    latest = None
                    while latest is None:
                        left = ends - web.clock()
                        if left <= 0:
                            yield sse("expired", "")
                            return
                        try:
                            latest = await asyncio.wait_for(queue.get(), min(KEEPALIVE_S, left))
                        except TimeoutError:
                            yield b": keepalive\n\n"
                            continue
                        if latest is None:
                            return  # the server is stopping; the page's script reconnects
                        while not queue.empty():  # only the newest counts
                            newer = queue.get_nowait()
                            if newer is None:
                                return
                            latest = newer
            finally:
                web.live.unsubscribe(queue)

        return StreamingResponse(
            events(),
            media_type="text/event-stream",
            headers={"cache-control": "no-store", "x-accel-buffering": "no"},
        )

    return [
        Route("/calls", page, methods=["GET"]),
        Route("/calls/live", live, methods=["GET"]),
        Route("/calls/{call_id:int}/{action}", act, methods=["POST"]),
    ]
