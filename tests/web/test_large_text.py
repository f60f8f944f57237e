"""The pages at 200% text on a 390 px phone (a resident or a helper who needs large text):
nothing scrolls sideways; the 掌上办 receipt reflows with its ID number broken only between
its groups and its money whole; the calls page's note box stays inside its card (the report
pages: tests/web/test_reports_pages.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.helpers.page_fit import BREAKS
from tests.helpers.page_fit import fits as _fits
from tests.web.conftest import HallUnderTest, Phone, signed_in

pytestmark = pytest.mark.browser


def test_the_receipt_reflows_at_200_percent(sqlite_hall: HallUnderTest, phone: Any) -> None:
    base = sqlite_hall.serve()
    made = sqlite_hall.kiosk("receipt-link")
    resident: Phone = phone()
    page = resident.page
    page.goto(f"{base}/m/{made['token']}")
    _fits(page)
    header = page.locator("header").bounding_box()
    assert header is not None and header["width"] >= 389
    id_cell = page.locator("section.receipt dd", has_text=re.compile(r"110108"))
    lines = id_cell.evaluate(BREAKS)
    assert lines["text"] == "110108********1038"
    assert set(lines["breaks"]) <= {6, 14}, lines  # between its groups, if at all
    money = page.locator("section.receipt dd", has_text="¥").all()
    assert money
    for cell in [*money, *page.locator("section.receipt td").all()]:
        assert cell.evaluate(BREAKS)["breaks"] == [], cell.inner_text()
    # The table is still a table to a screen reader.
    table = page.get_by_role("table", name="参保缴费记录")
    assert table.get_by_role("columnheader").count() == 4
    assert table.get_by_role("rowheader").count() == 12


def test_the_calls_and_counter_pages_fit_at_200_percent(
    sqlite_hall: HallUnderTest, phone: Any
) -> None:
    expect = pytest.importorskip("playwright.sync_api").expect
    sqlite_hall.serve()
    sqlite_hall.kiosk("call")
    ticket = sqlite_hall.kiosk("ticket")
    base, helper = signed_in(sqlite_hall, phone)
    page = helper.page
    expect(page.get_by_label("备注").first).to_be_visible()
    _fits(page)
    page.goto(f"{base}/counter?q={ticket['reference']}")
    _fits(page)
