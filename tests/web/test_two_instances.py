"""Two hall servers on one PostgreSQL, as behind a load balancer: a session signed on one is
good on the other, a call shows on both without reload, and acknowledged on one it shows
taken on the other."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.web.conftest import HallUnderTest, Phone, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.postgres]


def test_a_call_taken_on_one_instance_shows_taken_on_the_other(
    pg_hall: HallUnderTest, phone: Any
) -> None:
    expect = pytest.importorskip("playwright.sync_api").expect
    first_base, second_base = pg_hall.serve(), pg_hall.serve()
    first: Phone = phone()
    second: Phone = phone()
    sign_in(first.page, first_base, "1001", "2468")
    sign_in(second.page, second_base, "1002", "1357")
    for helper, base in ((first, first_base), (second, second_base)):
        helper.page.wait_for_url(base + "/calls")
        helper.page.locator("#board[data-updated]").wait_for(state="attached")

    call = pg_hall.kiosk("call")["call"]
    on_first = first.page.locator(f"#call-{call}")
    on_second = second.page.locator(f"#call-{call}")
    expect(on_first).to_be_visible()
    expect(on_second).to_be_visible()
    on_first.get_by_role("button", name=re.compile("我去处理")).click()
    expect(on_second).to_contain_text("张三 正在前往")
    expect(on_second.get_by_role("button", name=re.compile("我去处理"))).to_have_count(0)

    # No state in either process: the first instance's session cookie works on the second.
    roaming: Phone = phone()
    cookies = [dict(c, domain="127.0.0.1") for c in first.context.cookies()]
    roaming.context.add_cookies(cookies)
    roaming.page.goto(second_base + "/calls")
    assert roaming.page.url == second_base + "/calls"
    expect(roaming.page.locator(".who")).to_have_text("张三")
    for helper, base in ((first, first_base), (second, second_base)):
        assert helper.left_origin(base) == []
