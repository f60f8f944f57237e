"""The HTML report in a real browser (Debian's chromium through Playwright): charts drawn,
overdue cases highlighted, printable, and not one request leaves the file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from kiosk.report import html, queries
from kiosk.report.figures import Period
from tests.kiosk.report.history import NOW, at, build

if TYPE_CHECKING:  # the test skips where Playwright is not installed
    from playwright.sync_api import Route

ROOT = Path(__file__).resolve().parents[3]
SHOTS = ROOT / "build" / "screens"
EMPTY_TABLES_JS = (ROOT / "tests" / "helpers" / "empty_tables.js").read_text(encoding="utf-8")
pytestmark = pytest.mark.browser


@pytest.fixture
def report_file(tmp_path: Path, engine: Engine, sessions: sessionmaker[Session]) -> Path:
    build(sessions)
    scope = queries.Scope(Period(at(1, 0), at(8, 0)))
    with engine.connect() as conn:
        report = queries.build(
            conn, scope, now=NOW, today=dt.date(2027, 1, 10), unseen_after_min=10
        )
    path = tmp_path / "report.html"
    path.write_text(html.render(report), encoding="utf-8")
    return path


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_report_opens_offline_with_its_charts(report_file: Path, browser: Any) -> None:
    outside: list[str] = []
    page = browser.new_page()
    try:

        def guard(route: Route) -> None:
            request = route.request
            if request.url.startswith("file://"):
                route.continue_()
            else:
                outside.append(request.url)
                route.abort()

        page.route("**/*", guard)
        page.goto(report_file.as_uri())
        page.wait_for_load_state("load")
        charts = page.locator("svg.chart")
        assert charts.count() >= 5  # completion, per day, help times, ratings, funnel, devices
        for i in range(charts.count()):
            chart = charts.nth(i)
            box = chart.bounding_box()
            assert box is not None and box["width"] > 200 and box["height"] > 50
            assert chart.get_attribute("aria-label")
            # Bars are drawn paths; the labels are text the browser laid out.
            assert chart.locator("path").count() > 3
            assert chart.locator("text").count() > 2
        assert page.locator("h1").inner_text().startswith("服务评价报告")
        overdue = page.locator("#cases_overdue + table tbody tr.alert")
        assert overdue.count() == 1
        assert "contrib" in overdue.inner_text()
        first_funnel_row = page.locator("#funnel + table tbody tr").first
        assert "input" in first_funnel_row.inner_text()  # the worst step first
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    finally:
        page.close()  # and the context new_page opened for it
    assert outside == []


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_an_empty_table_says_so_under_headings_that_line_up(
    tmp_path: Path, engine: Engine, browser: Any
) -> None:
    """A period with nothing in it: each empty table says so in words, across the whole
    table, and its headings stand where the words start (not pushed to the right over
    numbers that are not there). The page is kept as build/screens/report-empty.png."""
    scope = queries.Scope(Period(at(20, 0), at(21, 0)))
    with engine.connect() as conn:
        report = queries.build(
            conn, scope, now=NOW, today=dt.date(2027, 1, 10), unseen_after_min=10
        )
    path = tmp_path / "empty.html"
    path.write_text(html.render(report), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    try:
        page.goto(path.as_uri())
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "report-empty.png"), full_page=True)
        empty = page.evaluate(EMPTY_TABLES_JS)
    finally:
        page.close()
    assert {t["id"] for t in empty} >= {"by_service", "funnel", "downtime", "ratings"}
    for t in empty:
        assert t["words"] == html.NOTHING, t
        assert t["english"] == ["en", html.NOTHING_EN], t
        assert t["spans"] > 0.99, t
        assert t["starts"][0] == pytest.approx(t["starts"][1], abs=1), t
        assert set(t["aligns"]) == {"left"}, t
