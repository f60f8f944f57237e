"""The hall's front door: bare ``/`` for a resident (guides, and where staff sign in), pages
for addresses that lead nowhere in Chinese with a way on, the site's icon served by the hall,
and the English guide link written as English is."""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import Any

import pytest

from tests.web.conftest import HallUnderTest, Phone, check_accessible

pytestmark = pytest.mark.browser


def test_a_resident_at_the_bare_address_finds_the_guides_not_the_sign_in(
    sqlite_hall: HallUnderTest, phone: Any
) -> None:
    expect = pytest.importorskip("playwright.sync_api").expect
    base = sqlite_hall.serve()
    resident: Phone = phone()
    page = resident.page
    assert page.goto(base + "/").status == 200
    assert page.url == base + "/"
    expect(page.locator("h1")).to_have_text("服务大厅")
    expect(page.get_by_role("link", name="办事指南")).to_have_attribute(
        "href", "/guide/service-guide?lang=zh"
    )
    expect(page.get_by_role("link", name="工作人员请在这里登录")).to_have_attribute(
        "href", "/signin"
    )
    check_accessible(page)
    assert resident.left_origin(base) == []


@pytest.mark.parametrize("path", ["/m/", "/no/such/page", "/guide/service-guide/nothing"])
def test_an_address_that_leads_nowhere_says_so_in_chinese_with_a_way_on(
    sqlite_hall: HallUnderTest, phone: Any, path: str
) -> None:
    expect = pytest.importorskip("playwright.sync_api").expect
    base = sqlite_hall.serve()
    page = phone().page
    assert page.goto(base + path).status == 404
    assert "Not Found" not in page.content()
    expect(page.locator("h1")).to_contain_text("没有这")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    page.get_by_role("link", name="办事指南").click()
    expect(page.locator("h1")).to_have_text("办事指南")
    page.goto(base + path)
    page.get_by_role("link", name="服务大厅首页").click()
    expect(page.locator("h1")).to_have_text("服务大厅")


def test_the_site_icon_is_the_halls_own(sqlite_hall: HallUnderTest, phone: Any) -> None:
    base = sqlite_hall.serve()
    with urllib.request.urlopen(base + "/favicon.ico", timeout=10) as response:
        assert response.status == 200
        assert response.headers["content-type"].startswith("image/svg+xml")
    page = phone().page
    page.goto(base + "/signin")
    icon = page.locator("link[rel=icon]").get_attribute("href") or ""
    assert icon.startswith("/static/")
    try:
        urllib.request.urlopen(base + icon, timeout=10).close()
    except urllib.error.HTTPError as exc:  # pragma: no cover - the failure this test is for
        raise AssertionError(f"{icon}: {exc.code}") from None


def test_the_english_guide_link_reads_as_english(sqlite_hall: HallUnderTest, phone: Any) -> None:
    expect = pytest.importorskip("playwright.sync_api").expect
    base = sqlite_hall.serve()
    made = sqlite_hall.kiosk("guide-link")
    page = phone().page
    page.goto(f"{base}/m/{made['token']}")
    expect(page.get_by_role("link", name="Service guide: Retiring")).to_be_visible()
