"""An account's change reaches its open sessions at once, not when they idle out: disabled
(``kiosk staff disable``), the calls page left open is signed out by its live stream; a new PIN
(``kiosk staff reset-pin``), the next request is signed out, and the old cookie stays refused.
Both audited."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.store.models import AuditEntry
from tests.web.conftest import ROOT, HallUnderTest, Phone, sign_in, signed_in

pytestmark = pytest.mark.browser


def staff_command(hall: HallUnderTest, *args: str, stdin: str = "") -> None:
    where = ["--data-dir", str(hall.data_dir), "--db", hall.url]
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "staff", *args, *where],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def ends_audited(hall: HallUnderTest) -> list[tuple[int | None, str]]:
    with hall.hall() as opened, opened.store.sessions() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "staff_sign_out").order_by(AuditEntry.id)
        ).all()
        return [(r.staff_id, str(r.detail.get("reason"))) for r in rows]


@pytest.mark.parametrize(
    "store", ["sqlite_hall", pytest.param("pg_hall", marks=pytest.mark.postgres)]
)
def test_a_disabled_account_is_signed_out_of_its_open_page(
    store: str, request: pytest.FixtureRequest, phone: Any
) -> None:
    expect = pytest.importorskip("playwright.sync_api").expect
    hall: HallUnderTest = request.getfixturevalue(store)
    _base, helper = signed_in(hall, phone)
    helper.page.locator("#board[data-updated]").wait_for(state="attached")  # the stream is on

    staff_command(hall, "disable", "1001")
    # No touch, no reload: the stream tells the page, long before any idle time.
    helper.page.wait_for_url(re.compile(r"/signin\?ended=account_disabled"), timeout=15000)
    expect(helper.page.get_by_role("alert")).to_have_text("此工号已停用，已退出登录。")
    assert not any(c["name"] == "kiosk_session" for c in helper.context.cookies())
    with hall.hall() as opened:
        (who,) = [s for s in opened.staff.list() if s.staff_no == "1001"]
    assert (who.id, "account_disabled") in ends_audited(hall)


def test_a_new_pin_signs_out_the_old_session_at_its_next_request(
    sqlite_hall: HallUnderTest, phone: Any
) -> None:
    expect = pytest.importorskip("playwright.sync_api").expect
    base, helper = signed_in(sqlite_hall, phone, "1002", "1357")
    helper.page.goto(base + "/counter")  # a page with no stream: the next request tells
    old = next(c for c in helper.context.cookies() if c["name"] == "kiosk_session")

    staff_command(sqlite_hall, "reset-pin", "1002", "--pin-stdin", stdin="8642\n")
    helper.page.get_by_label(re.compile("票号")).fill("A001")
    helper.page.get_by_role("button", name="查询").click()
    helper.page.wait_for_url(re.compile(r"/signin\?ended=pin_changed"))
    expect(helper.page.get_by_role("alert")).to_have_text("密码已更改，请用新密码重新登录。")
    audited = ends_audited(sqlite_hall)
    assert [reason for _, reason in audited] == ["pin_changed"]  # once

    # The old cookie, sent again from elsewhere, is refused too; the new PIN works.
    other: Phone = phone()
    other.context.add_cookies([old])
    other.page.goto(base + "/calls")
    assert "/signin" in other.page.url
    sign_in(helper.page, base, "1002", "8642")
    helper.page.wait_for_url(base + "/calls")
