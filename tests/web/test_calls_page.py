"""The helpers' calls page as a helper relies on it: a broken connection is said at once and
the board marked stale; the page's actions do not reload it (sound and vibration stay on); a
form sent after the session ended is not lost; notes are checked and stored once; the words
read once and say what they mean.

The server runs in this process on a clock the test moves (``tests.web.in_process``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.web.conftest import HallUnderTest, Phone, sign_in
from tests.web.in_process import IDLE_S, MAX_S, Served, expect, on_calls, serve

pytestmark = pytest.mark.browser
OFFLINE = "与服务器的连接已中断，呼叫列表可能不是最新的。正在重新连接…"


@pytest.fixture
def served(sqlite_hall: HallUnderTest) -> Iterator[Served]:
    with serve(sqlite_hall, IDLE_S, MAX_S) as running:
        yield running


def test_a_broken_stream_is_said_at_once_and_the_board_marked_stale(
    served: Served, sqlite_hall: HallUnderTest, phone: Any
) -> None:
    helper: Phone = phone()
    on_calls(helper, served.base)
    page = helper.page
    call = sqlite_hall.kiosk("call")["call"]
    timer = page.locator(f"#call-{call} .waited [data-since]")
    expect()(timer).to_be_visible()

    page.route("**/calls/live", lambda route: route.abort())
    served.app.state.web.live.end_streams()  # the server goes away
    alert = page.get_by_role("alert").filter(has_text="与服务器的连接已中断")
    expect()(alert).to_have_text(OFFLINE)
    board = page.locator("#board")
    expect()(board).to_have_attribute("data-stale", "true")
    # The waiting time does not go on as if it were known.
    frozen = timer.inner_text()
    page.clock.run_for(5000)
    assert timer.inner_text() == frozen

    page.unroute("**/calls/live")  # the server is back: the stream's retry brings a board
    expect()(alert).to_have_count(0, timeout=15000)
    expect()(board).not_to_have_attribute("data-stale", "true")
    page.clock.run_for(5000)
    expect()(timer).not_to_have_text(frozen)


def test_sound_stays_on_across_the_helpers_actions(
    served: Served, sqlite_hall: HallUnderTest, phone: Any
) -> None:
    helper: Phone = phone()
    on_calls(helper, served.base)
    page = helper.page
    sound = page.locator("#sound-on")
    sound.click()
    expect()(sound).to_have_attribute("aria-pressed", "true")
    loaded_at = page.evaluate("performance.timeOrigin")

    call = sqlite_hall.kiosk("call")["call"]
    card = page.locator(f"#call-{call}")
    card.get_by_role("button", name=re.compile("我去处理")).click()
    expect()(card).to_contain_text("张三 正在前往")
    card.get_by_role("button", name=re.compile("我到了")).click()
    expect()(card).to_contain_text("张三 协助中")
    assert page.evaluate("performance.timeOrigin") == loaded_at, "the page was reloaded"
    expect()(sound).to_have_attribute("aria-pressed", "true")
    expect()(sound).to_have_attribute("data-audio", "running")

    # A real reload remembers the choice; the next tap anywhere turns the sound back on.
    page.reload()
    expect()(sound).to_have_attribute("aria-pressed", "true")
    page.locator("h1").click()
    expect()(sound).to_have_attribute("data-audio", "running")


def test_a_form_sent_after_the_session_ended_keeps_the_note_and_returns_to_the_page(
    served: Served, sqlite_hall: HallUnderTest, phone: Any
) -> None:
    helper: Phone = phone()
    on_calls(helper, served.base)
    page = helper.page
    call = sqlite_hall.kiosk("call")["call"]
    note = page.locator(f"#note-{call}")
    expect()(note).to_be_visible()
    # The stream cut first: left open, it would end with the session at its next board or
    # keepalive (real seconds) and take the page to sign-in before the form is sent.
    page.route("**/calls/live", lambda route: route.abort())
    served.app.state.web.live.end_streams()
    expect()(page.locator("#board")).to_have_attribute("data-stale", "true")
    note.fill("会话过期后的备注")
    served.clock.now += IDLE_S + 1
    page.locator(f"#call-{call}").get_by_role("button", name="添加备注").click()
    expect()(page.get_by_role("alert").filter(has_text="登录已超时")).to_be_visible()
    expect()(note).to_have_value("会话过期后的备注")
    assert page.url == served.base + "/calls"

    # Signing in (the alert's link) comes back to the calls page, never to the form's path.
    page.get_by_role("link", name=re.compile("重新登录")).click()
    expect()(page.locator("#signin-message")).to_contain_text("登录已超时，请重新登录")
    page.get_by_label("工号").fill("1001")
    page.get_by_label("密码").fill("2468")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(served.base + "/calls")


def test_without_script_a_late_form_signs_in_back_to_the_calls_page(
    served: Served, sqlite_hall: HallUnderTest, browser: Any
) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        sign_in(page, served.base)
        page.wait_for_url(served.base + "/calls")
        call = sqlite_hall.kiosk("call")["call"]
        page.goto(served.base + "/calls")
        page.locator(f"#note-{call}").fill("备注")
        served.clock.now += IDLE_S + 1
        page.locator(f"#call-{call}").get_by_role("button", name="添加备注").click()
        page.wait_for_url(re.compile(r"/signin"))
        assert "登录已超时，请重新登录" in page.locator("#signin-message").inner_text()
        page.get_by_label("工号").fill("1001")
        page.get_by_label("密码").fill("2468")
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(re.compile(r"/calls(#call-\d+)?$"))
        assert page.locator("h1").inner_text() == "呼叫"
    finally:
        context.close()


def test_notes_empty_or_too_long_are_refused_aloud_and_a_double_submit_stores_once(
    served: Served, sqlite_hall: HallUnderTest, phone: Any
) -> None:
    helper: Phone = phone()
    on_calls(helper, served.base)
    page = helper.page
    call = sqlite_hall.kiosk("call")["call"]
    card = page.locator(f"#call-{call}")
    add = card.get_by_role("button", name="添加备注")
    message = page.locator("#message")

    add.click()
    expect()(message).to_contain_text("备注是空的")
    page.evaluate(f"document.getElementById('note-{call}').value = '长'.repeat(501)")
    add.click()
    expect()(message).to_contain_text("备注太长")
    expect()(page.locator(f"#note-{call}")).to_have_value("长" * 501)  # kept, to shorten

    page.locator(f"#note-{call}").fill("读卡器接触不良")
    page.evaluate(
        f"""() => {{
            const form = document.getElementById('note-{call}').form;
            form.requestSubmit(); form.requestSubmit();
        }}"""
    )
    expect()(card.locator(".notes li")).to_have_text(["读卡器接触不良"])
    page.wait_for_timeout(500)
    with sqlite_hall.hall() as hall:
        view = hall.help.call(call)
        assert view is not None and view.notes == ("读卡器接触不良",)


def test_the_summary_is_said_once_and_in_whole_words(
    served: Served, sqlite_hall: HallUnderTest, phone: Any
) -> None:
    helper: Phone = phone()
    on_calls(helper, served.base)
    page = helper.page
    # "No calls" once on screen, and the summary once for a screen reader.
    expect()(page.get_by_text("现在没有呼叫").locator("visible=true")).to_have_count(1)
    assert page.get_by_role("status").filter(has_text="现在没有呼叫").count() == 1
    assert "现在没有呼叫" in page.locator("#live-status").inner_text()

    call = sqlite_hall.kiosk("call")["call"]
    card = page.locator(f"#call-{call}")
    card.get_by_role("button", name=re.compile("我去处理")).click()
    expect()(page.locator("#live-status")).to_have_text("1 个呼叫正在处理，没有呼叫在等待响应")
    expect()(
        page.get_by_text("正在处理，没有呼叫在等待响应").locator("visible=true")
    ).to_have_count(1)

    # The time in the visit ticks with the waiting time (neither is a frozen 0).
    visit = card.locator(".in-visit [data-since]")
    waited = card.locator(".waited [data-since]")
    before = visit.inner_text(), waited.inner_text()
    page.clock.run_for(3000)
    assert visit.inner_text() != before[0] and waited.inner_text() != before[1]
    assert "已办理 0 秒" not in card.inner_text()
