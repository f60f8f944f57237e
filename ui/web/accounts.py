"""A staff session ends as soon as its account changes, not when it idles out.

Every request that carries a live session cookie is checked against the account (one indexed
read): disabled, or its PIN changed since the sign-in (the stamp in the cookie is not the
account's any more), and the request goes on as signed out: the cookie is taken off the
request and deleted in the answer, the sign-in page says why, and the end is audited once
(``staff_sign_out`` with the reason). Open pages learn it from their event stream
(``ui.web.helpers``), which reads every account's stamp with each board.

Why a changed PIN ends the session too: a PIN is reset when it was forgotten or may be known to
someone else; a session made with that PIN is then as doubtful as the PIN. A lockout (five wrong
PINs typed by anyone) does not end it: that would let anyone sign a helper out.

If the store does not answer, the request goes on (every page needs the store and says so).
"""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kiosk.api.errors import StoreUnavailable
from kiosk.api.staff import StaffInfo
from kiosk.assist.vocabulary import session_end
from ui.web.context import Web, secure
from ui.web.security import SESSION_COOKIE, StaffSession

log = logging.getLogger(__name__)
NAME = SESSION_COOKIE.encode()

ENDED_WORDS = {
    "account_disabled": "此工号已停用，已退出登录。",
    "pin_changed": "密码已更改，请用新密码重新登录。",
    "timeout": "登录已超时，请重新登录。",
}


def why_ended(session: StaffSession, stamp: str | None) -> str | None:
    """The reason a session may no longer be used, given the account's stamp now."""
    return session_end(session.stamp, stamp)


def ended_reason(request: Request) -> str | None:
    """Set by ``AccountCheck`` on a request whose session it just ended."""
    reason: str | None = request.scope.get("state", {}).get("session_ended")
    return reason


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
        session = self.web.session(request)
        if session is None:
            await self.app(scope, receive, send)
            return
        try:
            stamp = await self.web.call(self.web.hall.staff.stamp, session.staff_id)
        except StoreUnavailable:
            await self.app(scope, receive, send)
            return
        reason = why_ended(session, stamp)
        if reason is None:
            await self.app(scope, receive, send)
            return
        who = StaffInfo(session.staff_id, session.staff_no, session.name, session.role, False)
        try:
            await self.web.call(self.web.hall.staff.sign_out, who, self.web.place(request), reason)
        except StoreUnavailable:
            log.warning("the end of %s's session (%s) is not in the audit", who.label, reason)
        scope = dict(scope)
        scope["headers"] = without_session(scope["headers"])
        scope.setdefault("state", {})["session_ended"] = reason
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
