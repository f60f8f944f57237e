"""A helper on a phone: signs in, a kiosk in another process calls, the call appears without
a reload with a chime, 我去处理, 我到了, a note, an outcome; nothing leaves the hall's origin."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import HallUnderTest, check_accessible, sign_in, signed_in

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screens"


def test_a_call_from_a_kiosk_reaches_the_phone_and_is_handled(
    sqlite_hall: HallUnderTest, phone: Any
) -> None:
    base, helper = signed_in(sqlite_hall, phone)
    page = helper.page
    expect = pytest.importorskip("playwright.sync_api").expect
    expect(page.get_by_text("现在没有呼叫").first).to_be_visible()
    # The stream is open once the board was drawn by it.
    page.locator("#board[data-updated]").wait_for(state="attached")
    loaded_at = page.evaluate("performance.timeOrigin")

    call = sqlite_hall.kiosk("call")["call"]
    card = page.locator(f"#call-{call}")
    expect(card).to_be_visible()
    assert page.evaluate("performance.timeOrigin") == loaded_at, "the page was reloaded"
    expect(card).to_contain_text("社保卡状态查询与挂失")
    expect(card).to_contain_text("第 1 步，最多 7 步")  # the card's status not looked up yet
    expect(card).to_contain_text("居民按了呼叫")
    expect(card).to_contain_text("等待")
    expect(page.locator("#live-status")).to_contain_text("1 个呼叫等待响应")
    page.locator("body[data-chimes]").wait_for(state="attached")
    expect(page.locator("body")).to_have_class(re.compile(r"\balerting\b"))

    check_accessible(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "web-phone-call.png"), full_page=True)

    card.get_by_role("button", name=re.compile("我去处理")).click()
    expect(card).to_contain_text("张三 正在前往")
    expect(page.locator("body")).not_to_have_class(re.compile(r"\balerting\b"))
    card.get_by_role("button", name=re.compile("我到了")).click()
    expect(card).to_contain_text("张三 协助中")
    card.get_by_label("备注").fill("读卡器接触不良，已换卡槽")
    card.get_by_role("button", name="添加备注").click()
    expect(card).to_contain_text("读卡器接触不良，已换卡槽")
    card.get_by_label("处理结果").select_option("completed_with_help")
    card.get_by_role("button", name="结束呼叫").click()
    expect(page.locator(f"#call-{call}")).to_have_count(0)
    expect(page.get_by_text("现在没有呼叫").first).to_be_visible()

    with sqlite_hall.hall() as hall:
        assert hall.help.call(call) is not None
        view = hall.help.call(call)
        assert view is not None and view.status == "resolved"
    assert helper.left_origin(base) == []


def test_the_actions_work_without_javascript(sqlite_hall: HallUnderTest, browser: Any) -> None:
    base = sqlite_hall.serve()
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        sign_in(page, base, "1002", "1357")
        page.wait_for_url(base + "/calls")
        call = sqlite_hall.kiosk("call")["call"]
        page.goto(base + "/calls")
        card = page.locator(f"#call-{call}")
        card.get_by_role("button", name=re.compile("我去处理")).click()
        page.wait_for_url(re.compile(r"/calls"))
        assert "李四 正在前往" in page.locator(f"#call-{call}").inner_text()
    finally:
        context.close()


def test_only_one_helper_gets_a_call(sqlite_hall: HallUnderTest, phone: Any) -> None:
    base = sqlite_hall.serve()
    first, second = phone(), phone()
    sign_in(first.page, base, "1001", "2468")
    sign_in(second.page, base, "1002", "1357")
    for p in (first.page, second.page):
        p.wait_for_url(base + "/calls")
    call = sqlite_hall.kiosk("call")["call"]
    # The second helper's page has the button; the first helper goes meanwhile.
    second.page.locator(f"#call-{call}").wait_for()
    with sqlite_hall.hall() as hall:
        hall.help.acknowledge(call, 1, 60)
    # A page still showing the old list (say, JS off): pressing tells who has it.
    token = second.page.locator("input[name=csrf]").first.get_attribute("value")
    second.page.evaluate(
        """([call, token]) => {
            const f = document.createElement('form');
            f.method = 'post'; f.action = '/calls/' + call + '/ack';
            const i = document.createElement('input');
            i.name = 'csrf'; i.value = token; f.appendChild(i);
            document.body.appendChild(f); f.submit();
        }""",
        [call, token],
    )
    second.page.wait_for_url(re.compile(rf"taken={call}"))
    assert "这个呼叫已由 张三 接手" in second.page.locator("#message").inner_text()
