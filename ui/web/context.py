"""What every route needs: the hall, the catalogue, the signer, the templates and the rules
for sessions and forms. One per process, built by ``ui.web.app.make_app``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kiosk.api.hall import Hall
from kiosk.catalog.schema import Catalogue
from ui.web import security, words
from ui.web.live import LiveBoard
from ui.web.security import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    Clock,
    SessionCookie,
    Signer,
    StaffSession,
)

HERE = Path(__file__).resolve().parent
SESSION_STATE = "staff_session"  # where AccountCheck leaves the request's session
KNOWN_SESSIONS = 1000


@dataclass(frozen=True)
class WebConfig:
    base_url: str  # as phones reach the hall (its origin is accepted on forms)
    idle_s: float
    max_s: float
    trusted_proxies: tuple[str, ...] = ()  # balancers whose X-Forwarded-* are believed


class FormRefused(Exception):
    """A POST without a matching CSRF token or from another site."""


def templates(catalogue: Catalogue) -> Environment:
    """The pages' templates, with the words and the catalogue their titles come from."""
    found = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    found.globals.update(words=words, catalogue=catalogue)
    found.filters["clock"] = lambda t: t.astimezone().strftime("%H:%M")
    found.filters["when"] = lambda t: t.astimezone().strftime("%m-%d %H:%M")
    found.filters["iso"] = lambda t: t.astimezone(dt.UTC).isoformat()
    return found


class Web:
    def __init__(
        self,
        hall: Hall,
        catalogue: Catalogue,
        signer: Signer,
        config: WebConfig,
        live: LiveBoard,
        clock: Clock = security.now,
    ) -> None:
        self.hall = hall
        self.catalogue = catalogue
        self.signer = signer
        self.config = config
        self.live = live
        self.clock = clock
        self.known: dict[str, StaffSession] = {}  # session id: as last read from the store
        self.templates = templates(catalogue)

    # -- sessions -------------------------------------------------------------------------------

    def cookie(self, request: Request) -> SessionCookie | None:
        """The request's session cookie, if signed by us and not idle or old; whether its
        session still stands is for ``AccountCheck`` to ask the store."""
        return SessionCookie.from_cookie(
            self.signer,
            request.cookies.get(SESSION_COOKIE),
            self.clock(),
            self.config.idle_s,
            self.config.max_s,
        )

    def session(self, request: Request) -> StaffSession | None:
        """The signed-in staff member, as ``AccountCheck`` found them in the store."""
        found: StaffSession | None = request.scope.get("state", {}).get(SESSION_STATE)
        return found

    def remember(self, session: StaffSession) -> None:
        """Kept for a store that stops answering: a session checked before is believed for
        the while (every page needs the store and says so; only who is signed in is kept)."""
        self.known.pop(session.session_id, None)
        self.known[session.session_id] = session
        while len(self.known) > KNOWN_SESSIONS:
            self.known.pop(next(iter(self.known)))

    def set_session(
        self, request: Request, response: Response, session: StaffSession | None
    ) -> None:
        if session is None:
            response.delete_cookie(SESSION_COOKIE, path="/")
            return
        response.set_cookie(
            SESSION_COOKIE,
            session.cookie.to_cookie(self.signer),
            max_age=int(self.config.idle_s),
            path="/",
            secure=secure(request),
            httponly=True,
            samesite="lax",
        )

    def touched(self, session: StaffSession) -> StaffSession:
        """The session used now: idle time starts again (never past its absolute end)."""
        cookie = dataclasses.replace(session.cookie, last_used=self.clock())
        return dataclasses.replace(session, cookie=cookie)

    @staticmethod
    def place(request: Request) -> str:
        host = request.client.host if request.client else "?"
        return f"web:{host}"

    # -- forms ------------------------------------------------------------------------------------

    def csrf(self, request: Request) -> str:
        """This browser's form token: the cookie's, or a new one (set by ``render``)."""
        current = request.cookies.get(CSRF_COOKIE)
        if current and self.signer.unsign("csrf", current) is not None:
            return current
        token: str | None = getattr(request.state, "new_csrf", None)
        if token is None:
            token = security.new_csrf(self.signer)
            request.state.new_csrf = token  # set as a cookie by ``finish``
        return token

    async def form(self, request: Request) -> dict[str, str]:
        """The POSTed form, after the CSRF and origin checks (``FormRefused`` otherwise)."""
        body = (await request.body()).decode("utf-8", "replace")
        fields = {k: v[-1] for k, v in urllib.parse.parse_qs(body, max_num_fields=50).items()}
        if not security.same_origin(request.headers.get("origin"), self.origins(request)):
            raise FormRefused("another site")
        if not security.csrf_ok(self.signer, request.cookies.get(CSRF_COOKIE), fields.get("csrf")):
            raise FormRefused("no matching form token")
        return fields

    def origins(self, request: Request) -> set[str]:
        """Where this server's own pages are: the request's scheme and Host (the scheme as
        a trusted balancer said it), and the configured address phones use."""
        host = request.headers.get("host", "")
        found = {security.origin_of(f"{request.url.scheme}://{host}") if host else ""}
        if self.config.base_url:
            found.add(security.origin_of(self.config.base_url))
        return found - {""}

    # -- responses ------------------------------------------------------------------------------

    def render(
        self,
        request: Request,
        name: str,
        status_code: int = 200,
        session: StaffSession | None = None,
        **values: Any,
    ) -> HTMLResponse:
        values.setdefault("lang", "zh")
        html = self.templates.get_template(name).render(
            csrf=self.csrf(request), staff=session, request=request, **values
        )
        response = HTMLResponse(html, status_code=status_code)
        response.headers["cache-control"] = "no-store"
        self.finish(request, response, session)
        return response

    def finish(self, request: Request, response: Response, session: StaffSession | None) -> None:
        new = getattr(request.state, "new_csrf", None)
        if new:
            response.set_cookie(
                CSRF_COOKIE,
                new,
                path="/",
                secure=secure(request),
                httponly=True,
                samesite="strict",
            )
        if session is not None:
            self.set_session(request, response, self.touched(session))

    def redirect(
        self, request: Request, url: str, session: StaffSession | None = None
    ) -> RedirectResponse:
        response = RedirectResponse(url, status_code=303)
        self.finish(request, response, session)
        return response

    def fragment(self, name: str, **values: Any) -> str:
        return self.templates.get_template(name).render(**values)

    async def call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """A BLOCKING domain call, off the event loop."""
        return await run_in_threadpool(fn, *args, **kwargs)


def secure(request: Request) -> bool:
    """Whether the request came over HTTPS (here, or to a trusted balancer): its cookies are
    then sent over HTTPS only."""
    return request.url.scheme == "https"
