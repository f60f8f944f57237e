"""The hall server as an ASGI application, and ``serve`` for ``kiosk serve``.

Starlette on uvicorn: small (routing, a streamed response for server-sent events, static
files; no ORM, no form or session machinery we would have to work around), async so hundreds
of open event streams cost no threads, while the domain's BLOCKING calls run in its thread pool.
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from types import FrameType

import uvicorn
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from kiosk import identity
from kiosk.api.hall import Hall
from kiosk.catalog.loader import load_catalogue
from kiosk.catalog.schema import Catalogue
from kiosk.config import Settings
from kiosk.errors import ConfigError, OperationFailed
from ui.web import counter, front, helpers, report_cases, reports, resident, security, staff
from ui.web.accounts import AccountCheck
from ui.web.context import HERE, Web, WebConfig
from ui.web.live import LiveBoard
from ui.web.security import Clock, SecurityHeaders, Signer

log = logging.getLogger(__name__)


def make_app(
    hall: Hall,
    catalogue: Catalogue,
    key: bytes,
    config: WebConfig,
    clock: Clock = security.now,
) -> Starlette:
    live = LiveBoard(hall, ended_within_s=config.idle_s + helpers.KEEPALIVE_S)
    web = Web(hall, catalogue, Signer(key), config, live, clock)

    async def failed(request: Request, exc: Exception) -> Response:
        log.error("page %s failed", request.url.path, exc_info=exc)
        return HTMLResponse(
            "<!doctype html><html lang='zh-CN'><meta charset='utf-8'><title>出错了</title>"
            "<main><h1>出错了</h1><p>请稍后再试，或联系管理员。</p></main></html>",
            status_code=500,
        )

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        live.start()
        try:
            yield
        finally:
            live.stop()

    routes = [
        *front.routes(web),
        *staff.routes(web),
        *helpers.routes(web),
        *counter.routes(web),
        *resident.routes(web),
        *reports.routes(web),
        *report_cases.routes(web),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            # First: the scheme and client as the balancer saw them, for everything after.
            *proxy_middleware(config.trusted_proxies),
            Middleware(SecurityHeaders),
            Middleware(AccountCheck, web=web),
        ],
        exception_handlers={404: front.not_found(web), Exception: failed},
        lifespan=lifespan,
    )
    app.state.web = web
    return app


def proxy_middleware(trusted: tuple[str, ...]) -> list[Middleware]:
    """Behind a load balancer that ends TLS: X-Forwarded-Proto and X-Forwarded-For are believed
    from the listed addresses only (anyone else could claim HTTPS or another address)."""
    if not trusted:
        return []
    return [Middleware(ProxyHeadersMiddleware, trusted_hosts=list(trusted))]


def trusted_proxies(settings: Settings) -> tuple[str, ...]:
    """``[server] trusted_proxies``, each an address or a network; a malformed one is a
    configuration error (never silently trusted or dropped)."""
    found: list[str] = []
    for item in settings.server.trusted_proxies.split(","):
        item = item.strip()
        if not item:
            continue
        try:
            network = ipaddress.ip_network(item, strict=False)
        except ValueError:
            raise ConfigError(
                f"[server] trusted_proxies: {item!r} is not an address or a network "
                "(e.g. 10.0.0.5 or 10.0.0.0/24)"
            ) from None
        if network.prefixlen == 0:
            raise ConfigError(
                f"[server] trusted_proxies: {item!r} trusts every address; list the balancers"
            )
        found.append(str(network) if "/" in item else str(network.network_address))
    return tuple(found)


def parse_listen(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ConfigError(f"--listen {text!r}: expected HOST:PORT, e.g. 0.0.0.0:8080")
    return host.strip("[]") or "0.0.0.0", int(port)


def tls_files(settings: Settings) -> tuple[str, str] | None:
    cert, key = settings.server.cert_file, settings.server.key_file
    if not cert and not key:
        return None
    if not (cert and key):
        raise ConfigError("[server] cert_file and key_file go together: set both or neither")
    for name, path in (("cert_file", cert), ("key_file", key)):
        if not Path(path).expanduser().is_file():
            raise ConfigError(f"[server] {name} {path} does not exist")
    return str(Path(cert).expanduser()), str(Path(key).expanduser())


def server_key(settings: Settings) -> bytes:
    path = settings.server_secret_file
    try:
        return identity.load_secret(path)
    except ConfigError:
        raise ConfigError(
            f"the server key {path} is damaged: restore the hall's copy (every instance must "
            "share it) or delete it on every instance to sign everyone out"
        ) from None


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto given explicitly: asyncio sets TCP_NODELAY on accepted connections only when the
    # listening socket says IPPROTO_TCP; with 0 every kept-alive response waited 40 ms for a
    # delayed ACK (measured by bench/web.py's floor).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise OperationFailed(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


class HallServer(uvicorn.Server):
    """uvicorn, but a stop also ends the open event streams: otherwise it waits for them."""

    def __init__(self, config: uvicorn.Config, live: LiveBoard) -> None:
        super().__init__(config)
        self.live = live

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        self.live.end_streams()
        super().handle_exit(sig, frame)


def serve(settings: Settings, listen: str | None = None) -> int:
    host, port = parse_listen(listen or settings.server.listen)
    tls = tls_files(settings)
    catalogue = load_catalogue(settings.services_dir)
    # A missing or empty store is refused (exit 2, naming `kiosk db upgrade`), as by every other
    # command: the store is made by the upgrade, never by a server started on the wrong folder.
    # Before the server key, so a refused start leaves nothing behind.
    hall = Hall.open(settings, create=False)
    try:
        key = server_key(settings)
        config = WebConfig(
            base_url=settings.server_url,
            idle_s=settings.server.session_idle_s,
            max_s=settings.server.session_max_s,
            trusted_proxies=trusted_proxies(settings),
        )
        app = make_app(hall, catalogue, key, config)
        sock = bind(host, port)
    except BaseException:
        hall.close()
        raise
    server = HallServer(
        uvicorn.Config(
            app,
            log_level="warning",
            access_log=False,
            ssl_certfile=tls[0] if tls else None,
            ssl_keyfile=tls[1] if tls else None,
            timeout_graceful_shutdown=2,
            proxy_headers=False,  # ours, from [server] trusted_proxies (make_app)
        ),
        app.state.web.live,
    )
    # The socket is listening: connections wait in its queue until the loop takes them.
    print(f"listening on {sock.getsockname()[1]}", flush=True)
    sys.stdout.flush()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        hall.close()
    return 0
