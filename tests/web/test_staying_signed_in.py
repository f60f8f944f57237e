"""What counts as use of a helper's session, as a bank would count it: a calls page that is
looked at (visible) says so while it stays open and keeps the helper signed in, up to the
session's absolute end; a page in the background or a phone with its screen off does not, and
idles out; the open event stream alone is not use.

The server runs in this process on a clock the test moves; the page's timers run on
Playwright's clock, so an hour passes in a moment."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.web.conftest import HallUnderTest, Phone
from tests.web.in_process import IDLE_S, MAX_S, Clock, on_calls, serve
from ui.web.helpers import ping_s

pytestmark = pytest.mark.browser
PING_MS = int(ping_s(IDLE_S) * 1000)


@pytest.fixture
def served(sqlite_hall: HallUnderTest) -> Iterator[tuple[str, Clock, HallUnderTest]]:
    with serve(sqlite_hall, IDLE_S, MAX_S) as server:
        yield server.base, server.clock, sqlite_hall


def test_a_visible_page_stays_signed_in_up_to_the_absolute_end(
    served: tuple[str, Clock, HallUnderTest], phone: Any
) -> None:
    expect = pytest.importorskip("playwright.sync_api").expect
    base, clock, hall = served
    helper: Phone = phone()
    on_calls(helper, base)
    board = helper.page.locator("#board")
    # Three idle times pass with nobody touching the phone, the page in view.
    for n in range(1, 4):
        clock.now += IDLE_S - 100
        helper.page.clock.run_for(PING_MS)
        expect(board).to_have_attribute("data-pinged", str(n))
    # The stream the page opened at sign-in has run out meanwhile; the page opened another.
    call = hall.kiosk("call")["call"]
    expect(helper.page.locator(f"#call-{call}")).to_be_visible()
    assert helper.page.url == base + "/calls"
    helper.page.goto(base + "/counter")
    assert helper.page.url == base + "/counter"  # still signed in, after 3 idle times

    # The absolute end: no ping keeps it.
    helper.page.goto(base + "/calls")
    clock.now += MAX_S
    helper.page.clock.run_for(PING_MS)
    # Refused ping (timed out, said) or the stream's end, whichever the page hears first.
    helper.page.wait_for_url(re.compile(r"/signin\?(ended=timeout&)?next=%2Fcalls$"))


def test_a_hidden_page_idles_out(served: tuple[str, Clock, HallUnderTest], phone: Any) -> None:
    base, clock, _hall = served
    helper: Phone = phone()
    on_calls(helper, base)
    helper.page.evaluate(
        """() => {
            Object.defineProperty(document, 'visibilityState', {get: () => 'hidden'});
            document.dispatchEvent(new Event('visibilitychange'));
        }"""
    )
    clock.now += IDLE_S + 1
    helper.page.clock.run_for(4 * PING_MS)
    # Never said (read from the requests: the page may already be on its way to sign in).
    assert not [u for u in helper.requests if u.endswith("/session/alive")]
    # The stream ends with the session; the page cannot renew it and goes to sign in.
    helper.page.wait_for_url(re.compile(r"/signin\?next=%2Fcalls$"), timeout=20000)


def test_two_refusals_together_leave_for_sign_in_once(
    served: tuple[str, Clock, HallUnderTest], phone: Any
) -> None:
    """A refused ping often comes with the stream's end or another refused ping. Each says
    go to sign in; a second navigation cancels the first, and the helper is left on a page
    half loaded (the browser reports the first as aborted)."""
    base, clock, _hall = served
    helper: Phone = phone()
    on_calls(helper, base)
    held: list[Any] = []
    helper.page.route("**/session/alive", lambda route: held.append(route))
    helper.page.clock.run_for(PING_MS)  # the timer's ping
    helper.page.evaluate("() => document.dispatchEvent(new Event('visibilitychange'))")
    deadline = time.monotonic() + 20
    while len(held) < 2 and time.monotonic() < deadline:
        helper.page.wait_for_timeout(20)
    assert len(held) == 2

    clock.now += MAX_S  # both pings are refused by the server itself
    before = len(helper.requests)
    for route in held:
        route.fulfill(response=route.fetch())
    helper.page.wait_for_url(re.compile(r"/signin\?ended=timeout&next=%2Fcalls$"))
    helper.page.wait_for_load_state("load")
    left_for = [u for u in helper.requests[before:] if "/signin" in u]
    assert left_for == [base + "/signin?ended=timeout&next=%2Fcalls"]
    assert "登录已超时" in helper.page.locator("main").inner_text()
