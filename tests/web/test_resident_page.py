"""掌上办: a link made at a kiosk (another process) opens the visit on the resident's phone, in
the visit's language, with the ticket and how many are ahead; it expires, and staff revoke it
from the counter page. Guides are served from the catalogue."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from kiosk.api.handoff import PhoneLinks
from kiosk.assist.times import utcnow
from tests.web.conftest import HallUnderTest, Phone, check_accessible, sign_in

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screens"


def test_a_ticket_link_shows_the_number_and_who_is_ahead(
    sqlite_hall: HallUnderTest, phone: Any
) -> None:
    expect = pytest.importorskip("playwright.sync_api").expect
    base = sqlite_hall.serve()
    sqlite_hall.kiosk("ticket")  # someone ahead, same business
    made = sqlite_hall.kiosk("ticket-link")
    assert re.fullmatch(r"[A-Za-z0-9_-]{20,}", made["token"])
    resident: Phone = phone()
    page = resident.page
    page.goto(f"{base}/m/{made['token']}")
    expect(page.locator("h1")).to_have_text("窗口取号")
    expect(page.locator(".ticket")).to_contain_text("A002")
    expect(page.locator(".ticket")).to_contain_text("请到 3 至 5 号窗口")
    expect(page.locator(".ticket")).to_contain_text("前面还有 1 人")
    expect(page.get_by_role("button", name="打印这一页")).to_be_visible()
    check_accessible(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "web-resident-ticket.png"), full_page=True)
    assert resident.left_origin(base) == []


def test_a_guide_link_speaks_the_visits_language_and_opens_the_guide(
    sqlite_hall: HallUnderTest, phone: Any
) -> None:
    expect = pytest.importorskip("playwright.sync_api").expect
    base = sqlite_hall.serve()
    made = sqlite_hall.kiosk("guide-link")
    page = phone().page
    page.goto(f"{base}/m/{made['token']}")
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator("h1")).to_have_text("Service guide")
    expect(page.get_by_text("ground floor, counters 3 to 5")).to_be_visible()
    page.get_by_role("link", name=re.compile("Retiring")).click()
    page.wait_for_url(re.compile(r"/guide/service-guide/retire"))
    expect(page.locator("h1")).to_have_text("Retiring")
    page.get_by_role("link", name="中文").click()
    expect(page.locator("h1")).to_have_text("办理退休")


def test_expired_and_revoked_links_open_nothing(sqlite_hall: HallUnderTest, phone: Any) -> None:
    expect = pytest.importorskip("playwright.sync_api").expect
    base = sqlite_hall.serve()
    with sqlite_hall.hall() as hall:
        yesterday = PhoneLinks(hall.store, 24, now=lambda: utcnow() - dt.timedelta(hours=25))
        old = yesterday.issue("0" * 32, "kiosk-1", {}, service_id="service-guide")
    resident = phone().page
    response = resident.goto(f"{base}/m/{old}")
    assert response.status == 404
    expect(resident.locator("h1")).to_have_text("这个链接已经失效")
    check_accessible(resident)
    response = resident.goto(f"{base}/m/not-a-token")
    assert response.status == 404

    made = sqlite_hall.kiosk("ticket-link")
    resident.goto(f"{base}/m/{made['token']}")
    expect(resident.locator(".ticket")).to_be_visible()

    staff = phone().page
    sign_in(staff, base)
    staff.wait_for_url(base + "/calls")
    staff.goto(f"{base}/counter?q={made['reference']}")
    # The ticket's own link (printed) and the one made for this test: close both.
    closers = staff.get_by_role("button", name=re.compile("关闭排队号 A001 的链接"))
    expect(closers).to_have_count(2)
    for _ in range(2):
        closers.first.click()
        expect(staff.locator("#counter-message")).to_have_text("链接已关闭")
    expect(closers).to_have_count(0)
    expect(staff.locator("#record")).to_contain_text("已关闭")

    response = resident.goto(f"{base}/m/{made['token']}")
    assert response.status == 404
    expect(resident.locator("h1")).to_have_text("这个链接已经失效")


def test_guides_are_served_from_the_catalogue(sqlite_hall: HallUnderTest, phone: Any) -> None:
    expect = pytest.importorskip("playwright.sync_api").expect
    base = sqlite_hall.serve()
    page = phone().page
    page.goto(base + "/guide/service-guide")
    expect(page.locator("h1")).to_have_text("办事指南")
    check_accessible(page)
    page.get_by_role("link", name="补办社保卡").click()
    expect(page.get_by_text("一楼 8 号窗口")).to_be_visible()
    check_accessible(page)
    # Printed (a resident without a smartphone, at home or at the desk): the guide alone.
    page.emulate_media(media="print")
    expect(page.get_by_text("一楼 8 号窗口")).to_be_visible()
    expect(page.get_by_role("button", name="打印这一页")).to_be_hidden()
    expect(page.get_by_role("link", name="English")).to_be_hidden()
    expect(page.get_by_role("link", name=re.compile("返回"))).to_be_hidden()
    expect(page.locator("header")).to_be_hidden()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "web-guide-printed.png"), full_page=True)
    page.emulate_media(media="screen")
    assert page.goto(base + "/guide/service-guide/nothing").status == 404


def test_a_receipts_code_opens_the_receipt_masked(sqlite_hall: HallUnderTest, phone: Any) -> None:
    expect = pytest.importorskip("playwright.sync_api").expect
    base = sqlite_hall.serve()
    made = sqlite_hall.kiosk("receipt-link")
    resident: Phone = phone()
    page = resident.page
    page.goto(f"{base}/m/{made['token']}")
    expect(page.locator("h1")).to_have_text("参保缴费查询")
    receipt = page.locator("section.receipt")
    expect(receipt.get_by_role("heading", name="参保缴费记录")).to_be_visible()
    expect(receipt).to_contain_text("王**")
    expect(receipt).to_contain_text("110108********1038")
    assert "王小明" not in page.content()
    table = receipt.get_by_role("table", name="参保缴费记录")
    expect(table.get_by_role("columnheader")).to_have_count(4)
    expect(table.locator("tbody tr")).to_have_count(12)
    expect(table.get_by_role("rowheader", name=re.compile(r"^\d{4}-01$"))).to_be_visible()
    expect(page.get_by_role("button", name="打印这一页")).to_be_visible()
    check_accessible(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "web-resident-receipt.png"), full_page=True)
    page.get_by_role("link", name="English").click()
    expect(receipt.get_by_role("heading", name="Contribution record")).to_be_visible()
    expect(receipt).to_contain_text("Months paid")
    assert resident.left_origin(base) == []
