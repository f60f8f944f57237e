"""Each request's session is checked in the store: signed out, or its account changed, and
the request goes on as signed out.

The session cookie names a session row (``kiosk.api.staff`` ``session``: one read by primary
key, with the account). It no longer stands once that row is ended (signed out on any phone or
instance: a copy of the cookie is refused too) or its account changed: disabled, or its PIN
changed since the sign-in. Then the cookie is taken off the request and deleted in the answer,
the sign-in page says why, and an account's change ends the row, audited once
(``staff_sign_out`` with the reason). Open pages learn it from their event stream
(``ui.web.helpers``), which reads every account's stamp and the sessions just ended with each
board. Who is signed in (name, role) comes from the same read, never from the cookie.

Why a changed PIN ends the session too: a PIN is reset when it was forgotten or may be known to
someone else; a session made with that PIN is then as doubtful as the PIN. A lockout (five wrong
PINs typed by anyone) does not end it: that would let anyone sign a helper out.

If the store does not answer, a session this process checked before is believed meanwhile
(every page needs the store and says so); any other is signed out.
"""

from __future__ import annotations

import dataclasses
import logging

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kiosk.api.errors import StoreUnavailable
from kiosk.api.staff import SignedIn
from kiosk.assist.vocabulary import session_end
from ui.web.context import SESSION_STATE, Web, secure
from ui.web.security import SESSION_COOKIE, SessionCookie, StaffSession

log = logging.getLogger(__name__)
NAME = SESSION_COOKIE.encode()

ENDED_WORDS = {
    "account_disabled": "此工号已停用，已退出登录。",
    "pin_changed": "密码已更改，请用新密码重新登录。",
    "timeout": "登录已超时，请重新登录。",
    "signed_out": "已退出登录，请重新登录。",
}


def why_ended(session: StaffSession, stamp: str | None) -> str | None:
    """The reason a session may no longer be used, given the account's stamp now."""
    return session_end(session.stamp, stamp)


def ended_reason(request: Request) -> str | None:
    """Set by ``AccountCheck`` on a request whose session it just ended."""
    reason: str | None = request.scope.get("state", {}).get("session_ended")
    return reason


def as_session(cookie: SessionCookie, found: SignedIn) -> StaffSession:
    who = found.who
    return StaffSession(cookie, who.staff_no, who.name, who.role, who.stamp)


class AccountCheck:
    """Pure ASGI, so the event stream passes straight through once checked."""

    def __init__(self, app: ASGIApp, web: Web) -> None:
        self.app = app
        self.web = web

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/static/"):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        cookie = self.web.cookie(request)
        if cookie is None:
            await self.app(scope, receive, send)
            return
        web = self.web
        try:
            found = await web.call(web.hall.staff.session, cookie.session_id)
        except StoreUnavailable:
            known = web.known.get(cookie.session_id)
            if known is not None and known.staff_id == cookie.staff_id:
                believed = dataclasses.replace(known, cookie=cookie)
                scope.setdefault("state", {})[SESSION_STATE] = believed
                await self.app(scope, receive, send)
            else:
                await self.signed_out(scope, receive, send, None)
            return
        if found is None or found.who.id != cookie.staff_id:
            await self.signed_out(scope, receive, send, None)
            return
        if found.ended is None:
            session = as_session(cookie, found)
            web.remember(session)
            scope.setdefault("state", {})[SESSION_STATE] = session
            await self.app(scope, receive, send)
            return
        web.known.pop(cookie.session_id, None)
        if not found.recorded:  # the account changed: the session ends now, audited once
            place = web.place(request)
            try:
                await web.call(web.hall.staff.end_session, cookie.session_id, place, found.ended)
            except StoreUnavailable:
                log.warning("the end of %s's session is not recorded", found.who.label)
        await self.signed_out(scope, receive, send, found.ended)

    async def signed_out(
        self, scope: Scope, receive: Receive, send: Send, reason: str | None
    ) -> None:
        """The request goes on without its session cookie, which the answer deletes."""
        request = Request(scope)
        scope = dict(scope)
        scope["headers"] = without_session(scope["headers"])
        state = scope.setdefault("state", {})
        state.pop(SESSION_STATE, None)
        if reason is not None:
            state["session_ended"] = reason
        gone = self.gone_cookie(secure(request))

        async def send_deleting(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), gone]
            await send(message)

        await self.app(scope, receive, send_deleting)

    @staticmethod
    def gone_cookie(https: bool) -> tuple[bytes, bytes]:
        value = f"{SESSION_COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=lax"
        return b"set-cookie", (value + ("; Secure" if https else "")).encode("latin-1")


def without_session(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """The request's headers with the session cookie taken out (the others kept as sent)."""
    out: list[tuple[bytes, bytes]] = []
    for name, value in headers:
        if name == b"cookie":
            parts = [p for p in value.split(b";") if p.split(b"=", 1)[0].strip() != NAME]
            value = b";".join(parts).strip()
            if not value:
                continue
        out.append((name, value))
    return out
