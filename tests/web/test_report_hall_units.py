"""The manager pages read as ``kiosk report``'s files do: each time column in one unit, said in
its heading (never seconds in one row and minutes in the next), the help chart's axis in its
table's unit, and the 好差评 cases' times in the hall's time, said so, whatever the server's
own zone. In a real browser on a real ``kiosk serve``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import load_settings
from kiosk.store.models import HelpPeriod, HelpRequest
from tests.kiosk.assist import stores
from tests.kiosk.report.history import at, build
from tests.web.conftest import HallUnderTest, signed_in

pytestmark = pytest.mark.browser
WEEK = "from=2026-12-01&to=2026-12-07"
MANAGER = ("9001", "周经理", "8642")
DESK = {"width": 1280, "height": 900}
# The server's own zone, far from the hall's (UTC+8): a time in it would show.
SERVER_TZ = {"TZ": "America/New_York"}
MINUTES = re.compile(r"^\d+\.\d$")
SECONDS = re.compile(r"^\d+$")


@pytest.fixture
def hall(tmp_path: Path) -> Iterator[HallUnderTest]:
    url = stores.sqlite_database(tmp_path)
    settings = load_settings(
        environ={}, overrides={"paths.data_dir": str(tmp_path), "database.url": url}
    )
    made = HallUnderTest(tmp_path, url, settings)
    with made.hall() as h:
        sessions = h.store.sessions
        build(sessions)  # two calls resolved in 200 s and 400 s (王芳 001 and 李强 002)
        # A third, 王芳's, resolved after 20 minutes: her times and the hall's run past 10
        # minutes while 李强's stay under.
        with sessions.begin() as s:
            call = HelpRequest(
                id=3, kiosk_id="k1", requested_at=at(3, 2), status="resolved",
                closed_at=at(3, 2, 20), resolution="completed_with_help",
            )  # fmt: skip
            s.add(call)
            s.flush()
            s.add(HelpPeriod(request_id=3, state="requested", started_at=at(3, 2)))
            s.add(HelpPeriod(request_id=3, state="acknowledged", started_at=at(3, 2, 0, 20),
                             staff_id=1))  # fmt: skip
            s.add(HelpPeriod(request_id=3, state="assisting", started_at=at(3, 2, 15),
                             staff_id=1))  # fmt: skip
        h.staff.add(MANAGER[0], MANAGER[1], MANAGER[2], "manager")
    yield made
    made.stop()


def _table(page: Any, table: str) -> tuple[list[str], list[list[str]]]:
    heads = page.locator(f"table#{table} thead th").all_inner_texts()
    rows = page.locator(f"table#{table} tbody tr").all()
    return heads, [[c.inner_text().strip() for c in r.locator("th, td").all()] for r in rows]


def _columns(heads: list[str], rows: list[list[str]], unit: str) -> dict[str, list[str]]:
    """Each column whose heading ends in ``unit``, with its cells."""
    return {h: [r[i] for r in rows] for i, h in enumerate(heads) if h.endswith(f"（{unit}）")}


def test_each_time_column_has_one_unit_said_in_its_heading(hall: HallUnderTest, phone: Any) -> None:
    base, manager = signed_in(hall, phone, MANAGER[0], MANAGER[2], DESK)
    page = manager.page
    page.goto(f"{base}/reports?{WEEK}")
    heads, rows = _table(page, "help")
    assert [r[0] for r in rows] == ["全部", "001 王芳", "002 李强"], rows
    in_minutes = _columns(heads, rows, "分钟")
    # The help table's times are drawn on one chart: all six in its one unit.
    assert len(in_minutes) == 6, heads
    for heading, cells in in_minutes.items():
        assert all(MINUTES.match(c) or c == "–" for c in cells), (heading, cells)
    assert in_minutes["解决 P90（分钟）"] == ["20.0", "20.0", "6.7"]
    heads, rows = _table(page, "convenience-by")
    in_seconds = _columns(heads, rows, "秒")
    assert set(in_seconds) == {"用时中位数（秒）", "用时 P90（秒）"}, heads
    for heading, cells in in_seconds.items():
        assert all(SECONDS.match(c) or c == "–" for c in cells), (heading, cells)
    # A key figure stands alone: it says its unit itself.
    figures = page.locator("#part-convenience .figures div").all()
    said = {f.locator("dt").inner_text(): f.locator("dd").inner_text() for f in figures}
    assert said["用时中位数"] == "200 秒"


CHART_AXIS_JS = """() => Array.from(document.querySelectorAll('#part-timeliness svg.chart'))
  .map(svg => ({
    words: Array.from(svg.querySelectorAll('text'))
      .filter(t => !t.closest('[id^=xtick], [id^=ytick]')).map(t => t.textContent.trim()),
    ticks: Array.from(svg.querySelectorAll('[id^=xtick] text'))
      .map(t => parseFloat(t.textContent.replace('\u2212', '-'))),
  }))"""


def test_the_help_chart_reads_in_its_tables_unit(hall: HallUnderTest, phone: Any) -> None:
    base, manager = signed_in(hall, phone, MANAGER[0], MANAGER[2], DESK)
    page = manager.page
    page.goto(f"{base}/reports?{WEEK}")
    (chart,) = page.evaluate(CHART_AXIS_JS)
    assert "呼叫后的分钟数" in chart["words"], chart["words"]
    # The longest bar is 20 minutes: the axis ends near 20, not near 1,200.
    assert 20 <= max(chart["ticks"]) < 60, chart["ticks"]
    # A week of quick calls only: the table in seconds, and the chart with it.
    page.goto(f"{base}/reports?from=2026-12-01&to=2026-12-02")
    heads, _ = _table(page, "help")
    assert "响应 P50（秒）" in heads, heads
    (chart,) = page.evaluate(CHART_AXIS_JS)
    assert "呼叫后的秒数" in chart["words"], chart["words"]


def test_case_times_are_the_halls_and_say_so(hall: HallUnderTest, phone: Any) -> None:
    """The server's clock set far from the hall's: the pages still show the hall's time."""
    base = hall.serve(env=SERVER_TZ)
    made = phone()
    made.page.set_viewport_size(DESK)
    page = made.page
    page.goto(base + "/signin")
    page.get_by_label("工号").fill(MANAGER[0])
    page.get_by_label("密码").fill(MANAGER[2])
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(base + "/calls")
    with hall.hall() as h:
        (case,) = h.reports.cases()  # 李强's call's visit, rated 不满意 at 04:00 UTC
    hall_time = dt.datetime(2026, 12, 1, 12, 0)  # UTC+8
    assert case.rated_at.replace(tzinfo=dt.UTC) == at(1, 4)
    page.goto(f"{base}/reports/cases")
    heads = page.locator("table#cases thead th").all_inner_texts()
    assert "评价时间（当地时间 UTC+8）" in heads, heads
    row = page.locator(f"#case-{case.id}").inner_text()
    assert f"{hall_time:%m-%d %H:%M}" in row, row
    page.goto(f"{base}/reports/cases/{case.id}")
    assert page.locator("#case-rated").inner_text() == f"{hall_time:%m-%d %H:%M}（当地时间 UTC+8）"
    assert "当地时间 UTC+8" in page.locator("#h-trail").inner_text()
    opened = page.locator("#trail li").first.inner_text()
    assert f"{hall_time:%m-%d %H:%M}" in opened, opened  # the case opened with the rating
