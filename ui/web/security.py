"""Signed cookies, CSRF tokens and security headers.

A staff session is a signed cookie (HMAC-SHA256 with the hall's server key, shared by every
instance) carrying the session's id, the staff member's id, when they signed in and when the
session was last used; it is refused after ``idle_s`` unused or ``max_s`` in all, and by
``ui.web.accounts`` once the session is ended in the store (signed out) or its account is
disabled or its PIN changed. Who it is (name, number, role) is read from the store. A form
carries a CSRF token that must equal the signed ``csrf`` cookie (double submit; an attacker's
page can neither read nor forge it), and a POST whose Origin is another site is refused as well.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
import urllib.parse
from collections.abc import Callable, Collection
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
class SessionCookie:
    """What the session cookie holds: the session's id (its row in the store, which signing
    out ends), the staff member's id, and the times that end it. Nothing that names them: the
    name and role are read from the store with the session."""

    session_id: str
    staff_id: int
    signed_in: float
    last_used: float

    def to_cookie(self, signer: Signer) -> str:
        data = [self.session_id, self.staff_id, self.signed_in, self.last_used]
        return signer.sign("session", data)

    @classmethod
    def from_cookie(
        cls, signer: Signer, text: str | None, now: float, idle_s: float, max_s: float
    ) -> SessionCookie | None:
        data = signer.unsign("session", text)
        if not isinstance(data, list) or len(data) != 4:
            return None
        session_id, staff_id, signed_in, last_used = data
        if not isinstance(session_id, str) or not isinstance(staff_id, int):
            return None
        cookie = cls(session_id, staff_id, float(signed_in), float(last_used))
        if now - cookie.last_used > idle_s or now - cookie.signed_in > max_s:
            return None
        return cookie

    def ends(self, idle_s: float, max_s: float) -> float:
        """When it ends unless used again."""
        return min(self.last_used + idle_s, self.signed_in + max_s)


@dataclass(frozen=True)
class StaffSession:
    """A session whose cookie checked out against the store: who it is, as the account is."""

    cookie: SessionCookie
    staff_no: str
    name: str
    role: str
    stamp: str  # the account's PIN stamp at sign-in (kiosk.assist.staff.credential_stamp)

    @property
    def session_id(self) -> str:
        return self.cookie.session_id

    @property
    def staff_id(self) -> int:
        return self.cookie.staff_id

    def ends(self, idle_s: float, max_s: float) -> float:
        return self.cookie.ends(idle_s, max_s)


def new_csrf(signer: Signer) -> str:
    return signer.sign("csrf", secrets.token_urlsafe(16))


def csrf_ok(signer: Signer, cookie: str | None, submitted: str | None) -> bool:
    if not cookie or not submitted or signer.unsign("csrf", cookie) is None:
        return False
    return hmac.compare_digest(cookie, submitted)


def same_origin(origin: str | None, allowed: Collection[str]) -> bool:
    """A browser's Origin header names the page the form came from (scheme, host and port);
    it must be one of ``allowed``. Absent is allowed (the CSRF token still has to match). The
    referrer policy is same-origin, not no-referrer: under no-referrer a browser sends
    "Origin: null" with our own forms."""
    if not origin:
        return True
    return origin != "null" and origin.lower() in allowed


def origin_of(url: str) -> str:
    """scheme://host[:port] of an address, lower case, the default port left out."""
    parts = urllib.parse.urlsplit(url.strip())
    if not parts.scheme or not parts.hostname:
        return ""
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        return ""
    return f"{parts.scheme.lower()}://{host}" + (f":{port}" if port and port != default else "")


CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; media-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


class SecurityHeaders:
    """Pure ASGI (a streamed response, the live feed, passes straight through). HSTS goes with
    responses to HTTPS requests only: served here with a certificate, or through a trusted
    balancer that ended TLS (``scope["scheme"]`` as ``ProxyHeadersMiddleware`` set it)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", CSP.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"same-origin"),
            (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]
        self.hsts = [(b"strict-transport-security", b"max-age=31536000")]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = self.headers + (self.hsts if scope.get("scheme") == "https" else [])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def now() -> float:
    return time.time()
