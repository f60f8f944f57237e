"""A hall server run inside the test's process, on a clock the test moves: its app is at hand
(to end its event streams as a stopping server does)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
import uvicorn

from kiosk.api.hall import Hall
from kiosk.catalog.loader import load_catalogue
from tests.web.conftest import HallUnderTest, Phone, sign_in
from ui.web.app import HallServer, bind, make_app
from ui.web.context import WebConfig

IDLE_S, MAX_S = 600.0, 3000.0  # a helper's session in these tests: idle time, absolute end


def expect() -> Any:
    """Playwright's ``expect`` (the browser tests fail, not skip, in CI when it is missing)."""
    return pytest.importorskip("playwright.sync_api").expect


def on_calls(
    helper: Phone, base: str, staff_no: str = "1001", pin: str = "2468", *, clock: bool = True
) -> None:
    """Signed in and on the calls page with its first board drawn; with ``clock``, the page's
    timers on Playwright's clock (the test moves them)."""
    if clock:
        helper.page.clock.install()
    sign_in(helper.page, base, staff_no, pin)
    helper.page.wait_for_url(base + "/calls")
    helper.page.locator("#board[data-updated]").wait_for(state="attached")


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Served:
    base: str
    clock: Clock
    app: Any


@contextmanager
def serve(hall_under_test: HallUnderTest, idle_s: float, max_s: float) -> Iterator[Served]:
    clock = Clock()
    hall = Hall.open(hall_under_test.settings)
    config = WebConfig(base_url="", idle_s=idle_s, max_s=max_s)
    catalogue = load_catalogue(hall_under_test.settings.services_dir)
    app = make_app(hall, catalogue, b"k" * 32, config, clock)
    sock = bind("127.0.0.1", 0)
    server = HallServer(uvicorn.Config(app, log_level="warning"), app.state.web.live)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    hall_under_test.base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    try:
        yield Served(hall_under_test.base, clock, app)
    finally:
        app.state.web.live.end_streams()
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        hall.close()
