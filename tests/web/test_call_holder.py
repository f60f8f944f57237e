"""On the phone, a call another helper took is theirs: the board shows who has it and no
我到了 or 结束呼叫; a stale page's press is refused with their name, the call unchanged; a
note's audit row names the phone's address."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.assist.vocabulary import call_taken_words
from kiosk.store.models import AuditEntry
from tests.web.conftest import HallUnderTest, sign_in

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

POST_JS = """([action, token, fields]) => {
    const f = document.createElement('form');
    f.method = 'post'; f.action = action;
    for (const [k, v] of Object.entries({csrf: token, ...fields})) {
        const i = document.createElement('input'); i.name = k; i.value = v; f.appendChild(i);
    }
    document.body.appendChild(f); f.submit();
}"""


def test_only_the_helper_who_took_a_call_may_arrive_or_close_it(
    sqlite_hall: HallUnderTest, phone: Any
) -> None:
    base = sqlite_hall.serve()
    other = phone()
    sign_in(other.page, base, "1002", "1357")
    other.page.wait_for_url(base + "/calls")
    call = sqlite_hall.kiosk("call")["call"]
    with sqlite_hall.hall() as hall:
        zhang = next(s for s in hall.staff.list() if s.staff_no == "1001")
        hall.help.acknowledge(call, zhang.id, 60)
    other.page.goto(base + "/calls")
    card = other.page.locator(f"#call-{call}")
    assert call_taken_words("张三") in card.inner_text()
    assert card.get_by_role("button", name=re.compile("我到了")).count() == 0
    assert card.get_by_role("button", name="结束呼叫").count() == 0
    token = other.page.locator("input[name=csrf]").first.get_attribute("value")
    for action, fields in (("arrive", {}), ("resolve", {"outcome": "resident_left"})):
        other.page.evaluate(POST_JS, [f"/calls/{call}/{action}", token, fields])
        other.page.wait_for_url(re.compile(rf"held={call}"))
        message = other.page.locator("#message").inner_text()
        assert "这个呼叫已由 张三 接手" in message and "只有 张三" in message
        other.page.goto(base + "/calls")
    other.page.get_by_label("备注").fill("居民带了户口本")
    other.page.get_by_role("button", name="添加备注").click()
    expect(other.page.locator(f"#call-{call}")).to_contain_text("居民带了户口本")
    with sqlite_hall.hall() as hall:
        view = hall.help.call(call)
        assert view is not None and (view.status, view.staff_name) == ("acknowledged", "张三")
        with hall.store.sessions() as session:
            note = session.scalars(select(AuditEntry).where(AuditEntry.action == "help_note")).one()
            assert note.kiosk_id == "web:127.0.0.1"


def test_a_supervisor_may_close_anyones_call_and_a_closed_call_takes_no_note(
    sqlite_hall: HallUnderTest, phone: Any
) -> None:
    with sqlite_hall.hall() as hall:
        hall.staff.add("2001", "周主管", "3333", role="supervisor")
    base = sqlite_hall.serve()
    boss = phone()
    sign_in(boss.page, base, "2001", "3333")
    boss.page.wait_for_url(base + "/calls")
    call = sqlite_hall.kiosk("call")["call"]
    with sqlite_hall.hall() as hall:
        zhang = next(s for s in hall.staff.list() if s.staff_no == "1001")
        hall.help.acknowledge(call, zhang.id, 60)
    boss.page.goto(base + "/calls")
    card = boss.page.locator(f"#call-{call}")
    token = boss.page.locator("input[name=csrf]").first.get_attribute("value")
    card.get_by_label("处理结果").select_option("sent_to_counter")
    card.get_by_role("button", name="结束呼叫").click()
    expect(boss.page.locator(f"#call-{call}")).to_have_count(0)
    with sqlite_hall.hall() as hall:
        view = hall.help.call(call)
        assert view is not None and view.status == "resolved"
    # A page still showing the call: its note is refused, and says why.
    boss.page.evaluate(POST_JS, [f"/calls/{call}/note", token, {"text": "太晚了"}])
    boss.page.wait_for_url(re.compile(r"msg=closed"))
    assert "这个呼叫已经结束了" in boss.page.locator("#message").inner_text()
