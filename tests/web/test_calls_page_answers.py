"""The calls page's forms, answered in place: a refusal that brings no words of its own (a
403, a 500) still says that nothing was done, and an answer that brings the board shows the
page as up to date again, however stale it was.

The server runs in this process (``tests.web.in_process``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.web.conftest import HallUnderTest, Phone
from tests.web.in_process import IDLE_S, MAX_S, Served, expect, on_calls, serve

pytestmark = pytest.mark.browser
NOT_DONE = "没有完成，请再试一次。"


@pytest.fixture
def served(sqlite_hall: HallUnderTest) -> Iterator[Served]:
    with serve(sqlite_hall, IDLE_S, MAX_S) as running:
        yield running


@pytest.mark.parametrize("status", [403, 500])
def test_a_refusal_without_words_still_says_nothing_was_done(
    served: Served, sqlite_hall: HallUnderTest, phone: Any, status: int
) -> None:
    helper: Phone = phone()
    on_calls(helper, served.base, clock=False)
    page = helper.page
    call = sqlite_hall.kiosk("call")["call"]
    page.route(
        f"**/calls/{call}/ack",
        lambda route: route.fulfill(status=status, body="<html><body>refused</body></html>"),
    )
    card = page.locator(f"#call-{call}")
    card.get_by_role("button", name=re.compile("我去处理")).click()
    alert = page.locator("#message")
    expect()(alert).to_have_text(NOT_DONE)
    expect()(alert).to_have_attribute("role", "alert")  # said at once by a screen reader
    expect()(card).to_contain_text("等待")  # nothing changed: the call still waits


def test_an_answer_with_the_board_shows_a_stale_page_as_fresh(
    served: Served, sqlite_hall: HallUnderTest, phone: Any
) -> None:
    helper: Phone = phone()
    on_calls(helper, served.base, clock=False)
    page = helper.page
    call = sqlite_hall.kiosk("call")["call"]
    # The stream is gone and stays gone: only the form's answer can bring the board.
    page.route("**/calls/live", lambda route: route.abort())
    served.app.state.web.live.end_streams()
    board = page.locator("#board")
    expect()(board).to_have_attribute("data-stale", "true")
    card = page.locator(f"#call-{call}")
    card.get_by_role("button", name=re.compile("我去处理")).click()
    expect()(card).to_contain_text("张三 正在前往")
    expect()(board).not_to_have_attribute("data-stale", "true")
    expect()(page.locator("#connection-lost")).to_have_count(0)
