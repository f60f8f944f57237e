"""Signing out ends the session on the server: a copy of the cookie is refused afterwards,
also by the page's keep-alive; and the cookie carries no name, number or role."""

from __future__ import annotations

import base64
import json
import re
from typing import Any

import pytest

from tests.web.conftest import HallUnderTest, Phone, signed_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "store", ["sqlite_hall", pytest.param("pg_hall", marks=pytest.mark.postgres)]
)
def test_a_copied_cookie_is_refused_after_signing_out(
    store: str, request: pytest.FixtureRequest, phone: Any
) -> None:
    hall: HallUnderTest = request.getfixturevalue(store)
    base, helper = signed_in(hall, phone)
    cookies = helper.context.cookies()
    copy: Phone = phone()
    copy.context.add_cookies(cookies)
    copy.page.goto(base + "/calls")
    assert copy.page.url == base + "/calls"  # the copy works while the session stands
    helper.page.get_by_role("button", name="退出登录").click()
    helper.page.wait_for_url(re.compile(r"/signin"))
    copy.page.wait_for_url(re.compile(r"/signin"))  # its open page is signed out at once
    for path in ("/calls", "/counter"):
        copy.page.goto(base + path)
        assert "/signin" in copy.page.url, path
    token = next(c["value"] for c in cookies if c["name"] == "kiosk_csrf")
    alive = copy.context.request.post(base + "/session/alive", form={"csrf": token})
    assert alive.status == 401
    # A second server on the same store refuses it too.
    other = hall.serve()
    copy.page.goto(other + "/calls")
    assert "/signin" in copy.page.url


def test_the_cookie_names_nobody(sqlite_hall: HallUnderTest, phone: Any) -> None:
    _, helper = signed_in(sqlite_hall, phone)
    value = next(c["value"] for c in helper.context.cookies() if c["name"] == "kiosk_session")
    body = value.split(".")[0]
    decoded = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode()
    assert "张三" not in json.loads(decoded)
    for told in ("1001", "helper", "张三", "\\u5f20"):
        assert told not in decoded
