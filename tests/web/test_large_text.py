"""The pages at 200% text on a 390 px phone (a resident or a helper who needs large text):
nothing scrolls sideways; the 掌上办 receipt reflows with its ID number broken only between
its groups and its money whole; the report's row headings stay readable, wide tables scroll
inside their own labelled region; the calls page's note box stays inside its card."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.web.conftest import HallUnderTest, Phone, signed_in
from tests.web.test_reports_pages import MANAGER, WEEK, reports_hall

__all__ = ["reports_hall"]  # the fixture, used here too
pytestmark = pytest.mark.browser

ENLARGE = "document.documentElement.style.fontSize = '200%'"
# A phone's browser widens its layout to the widest content and zooms out (innerWidth grows
# with it): measured against the screen's own width.
OVERFLOW = """() => {
  const w = Math.min(window.innerWidth, screen.width);
  const out = [];
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > w + 1 && !e.closest('[role=region]')) {
      out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right));
    }
  }
  return {scroll: document.scrollingElement.scrollWidth, width: w, out: out.slice(0, 5)};
}"""
# Where the lines of an element's text break: the indexes (spaces left out) where a new line
# starts, and the text itself.
BREAKS = """(el) => {
  const tops = [], chars = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    for (let i = 0; i < n.data.length; i++) {
      if (/\\s/.test(n.data[i])) continue;
      const range = document.createRange();
      range.setStart(n, i); range.setEnd(n, i + 1);
      const rects = range.getClientRects();
      if (!rects.length) continue;
      tops.push(rects[0].top); chars.push(n.data[i]);
    }
  }
  const breaks = [];
  for (let i = 1; i < tops.length; i++) if (tops[i] > tops[i - 1] + 2) breaks.push(i);
  return {text: chars.join(''), breaks};
}"""


def _large(page: Any) -> dict[str, Any]:
    page.evaluate(ENLARGE)
    page.wait_for_timeout(50)  # a layout after the change (not a timing assertion)
    found: dict[str, Any] = page.evaluate(OVERFLOW)
    return found


def _fits(page: Any) -> None:
    found = _large(page)
    assert found["scroll"] <= found["width"], found
    assert found["out"] == [], found


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


def test_the_reports_fit_a_phone_at_normal_and_200_percent(
    reports_hall: HallUnderTest, phone: Any
) -> None:
    base, manager = signed_in(reports_hall, phone, MANAGER[0], MANAGER[2])
    page = manager.page
    for path in (f"/reports?{WEEK}", f"/reports/funnel?{WEEK}", f"/reports/devices?{WEEK}"):
        page.goto(base + path)
        found = page.evaluate(OVERFLOW)
        assert found["scroll"] <= found["width"] and found["out"] == [], (path, found)
        # The row headings (分组) read as words, not a character a line.
        for head in page.locator("main tbody th").all():
            box = head.bounding_box()
            size = float(head.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
            if box is not None and len(head.inner_text().strip()) >= 3:
                assert box["width"] >= 2.5 * size, (path, head.inner_text())
        # A wide table scrolls inside its own region, which is named and reachable by keys.
        for region in page.locator(".table-wrap").all():
            assert region.get_attribute("role") == "region"
            assert region.get_attribute("tabindex") == "0"
        _fits(page)


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
