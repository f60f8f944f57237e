"""Signed cookies, CSRF tokens and security headers: nothing kept in the process.

A staff session is a signed cookie (HMAC-SHA256 with the hall's server key, shared by every
instance) carrying who signed in, when, and when the session was last used; it is refused
after ``idle_s`` unused or ``max_s`` in all. A form carries a CSRF token that must equal the
signed ``csrf`` cookie (double submit; an attacker's page can neither read nor forge it), and a
POST whose Origin is another site is refused as well.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

SESSION_COOKIE = "kiosk_session"
CSRF_COOKIE = "kiosk_csrf"
Clock = Callable[[], float]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Signer:
    def __init__(self, key: bytes) -> None:
        self.key = key

    def _mac(self, purpose: str, body: str) -> str:
        return _b64(hmac.new(self.key, f"{purpose}:{body}".encode(), hashlib.sha256).digest())

    def sign(self, purpose: str, value: Any) -> str:
        body = _b64(json.dumps(value, separators=(",", ":")).encode())
        return f"{body}.{self._mac(purpose, body)}"

    def unsign(self, purpose: str, text: str | None) -> Any:
        """The value, or None for anything not signed by us for this purpose."""
        if not text or text.count(".") != 1:
            return None
        body, mac = text.split(".")
        if not hmac.compare_digest(mac, self._mac(purpose, body)):
            return None
        try:
            return json.loads(_unb64(body))
        except ValueError:
            return None


@dataclass(frozen=True)
class StaffSession:
    staff_id: int
    staff_no: str
    name: str
    role: str
    signed_in: float
    last_used: float

    def to_cookie(self, signer: Signer) -> str:
        data = [self.staff_id, self.staff_no, self.name, self.role, self.signed_in, self.last_used]
        return signer.sign("session", data)

    @classmethod
    def from_cookie(
        cls, signer: Signer, text: str | None, now: float, idle_s: float, max_s: float
    ) -> StaffSession | None:
        data = signer.unsign("session", text)
        if not isinstance(data, list) or len(data) != 6:
            return None
        session = cls(int(data[0]), str(data[1]), str(data[2]), str(data[3]), data[4], data[5])
        if now - session.last_used > idle_s or now - session.signed_in > max_s:
            return None
        return session


def new_csrf(signer: Signer) -> str:
    return signer.sign("csrf", secrets.token_urlsafe(16))


def csrf_ok(signer: Signer, cookie: str | None, submitted: str | None) -> bool:
    if not cookie or not submitted or signer.unsign("csrf", cookie) is None:
        return False
    return hmac.compare_digest(cookie, submitted)


def same_origin(origin: str | None, host: str | None) -> bool:
    """A browser's Origin header names the page the form came from; absent is allowed (the
    CSRF token still has to match). The referrer policy is same-origin, not no-referrer: under
    no-referrer a browser sends "Origin: null" with our own forms."""
    if not origin:
        return True
    if origin == "null" or host is None:
        return False
    return origin.split("://", 1)[-1] == host


CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; media-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


class SecurityHeaders:
    """Pure ASGI (a streamed response, the live feed, passes straight through)."""

    def __init__(self, app: ASGIApp, *, https: bool) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", CSP.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"same-origin"),
            (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]
        if https:
            self.headers.append((b"strict-transport-security", b"max-age=31536000"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + self.headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def now() -> float:
    return time.time()
