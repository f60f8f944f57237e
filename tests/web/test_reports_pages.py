"""The manager pages in a real browser (Debian's chromium through Playwright) on a real
``kiosk serve``: figures from the hand-built history with answers known by hand, narrowed by
the filters; the funnel worst first; CSV downloads; a case worked through, every change
audited; a helper refused in their browser's language, the attempt audited; printable, keyboard
operable, nothing fetched from outside the hall."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.assist import audit
from kiosk.config import load_settings
from kiosk.report.cases import CasePolicy, open_for
from kiosk.report.html import NOTHING, NOTHING_EN
from kiosk.store.models import Kiosk, Rating, Visit
from tests.helpers.page_fit import OVERFLOW, fits
from tests.kiosk.assist import stores
from tests.kiosk.report.history import _visit, build
from tests.web.conftest import ROOT, HallUnderTest, check_accessible, sign_in, signed_in

EMPTY_TABLES_JS = (ROOT / "tests" / "helpers" / "empty_tables.js").read_text(encoding="utf-8")

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screens"
WEEK = "from=2026-12-01&to=2026-12-07"
MANAGER, HELPER = ("9001", "周经理", "8642"), ("1001", "张三", "2468")
# A rating long past its deadline, whatever day the tests run (its visit is outside WEEK).
OLD = dt.datetime(2026, 6, 1, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def reports_hall(tmp_path: Path) -> Iterator[HallUnderTest]:
    url = stores.sqlite_database(tmp_path)
    settings = load_settings(
        environ={}, overrides={"paths.data_dir": str(tmp_path), "database.url": url}
    )
    made = HallUnderTest(tmp_path, url, settings)
    with made.hall() as hall:
        sessions = hall.store.sessions
        build(sessions)  # its staff are 001 and 002, with ids 1 and 2
        with sessions.begin() as s:
            s.add(Visit(id="june", kiosk_id="k2", service_id="card", language="zh",
                        started_at=OLD, ended_at=OLD, outcome="completed"))  # fmt: skip
            s.flush()
            rating = Rating(visit_id="june", kiosk_id="k2", service_id="card",
                            level="very_dissatisfied", reason="hard", at=OLD)  # fmt: skip
            s.add(rating)
            open_for(s, rating, CasePolicy())
        for staff_no, name, pin in (MANAGER, HELPER):
            hall.staff.add(staff_no, name, pin, "manager" if staff_no == MANAGER[0] else "helper")
    yield made
    made.stop()


DESK = {"width": 1280, "height": 900}  # a manager's desk screen, not a phone


def _facts(page: Any, part: str) -> dict[str, str]:
    found = page.locator(f"#part-{part} .figures div").all()
    return {f.locator("dt").inner_text(): f.locator("dd").inner_text() for f in found}


def _rows(page: Any, table: str) -> list[list[str]]:
    rows = page.locator(f"table#{table} tbody tr").all()
    return [[c.inner_text().strip() for c in r.locator("th, td").all()] for r in rows]


def _download(page: Any, link: Any) -> str:
    with page.expect_download() as info:
        link.click()
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheets read UTF-8
    return data.decode("utf-8-sig")


def test_a_helper_is_refused_in_their_language_and_the_attempt_is_audited(
    reports_hall: HallUnderTest, browser: Any
) -> None:
    base = reports_hall.serve()
    for locale, title in (("en-GB", "Not permitted"), ("zh-CN", "没有权限")):
        context = browser.new_context(locale=locale)
        try:
            page = context.new_page()
            sign_in(page, base, HELPER[0], HELPER[2])
            page.wait_for_url(base + "/calls")
            assert page.get_by_role("link", name="服务评价").count() == 0
            for path in ("/reports", f"/reports/funnel?{WEEK}", "/reports/csv/funnel"):
                response = page.goto(base + path)
                assert response.status == 403
                assert page.locator("h1").inner_text() == title
            assert page.locator("html").get_attribute("lang") == (
                "en" if locale.startswith("en") else "zh-CN"
            )
            # A change posted by hand is refused before it is looked at.
            token = page.locator("input[name=csrf]").first.get_attribute("value")
            status = page.evaluate(
                """async (token) => (await fetch('/reports/cases/1/close', {method: 'POST',
                    headers: {'content-type': 'application/x-www-form-urlencoded'},
                    body: 'csrf=' + encodeURIComponent(token) + '&text=x'})).status""",
                token,
            )
            assert status == 403
        finally:
            context.close()
    with reports_hall.hall() as hall:
        helper = next(s for s in hall.staff.list() if s.staff_no == HELPER[0])
        refused = audit.entries(hall.store.sessions, action="report_refused")
        assert len(refused) == 8 and {e.staff_id for e in refused} == {helper.id}
        assert {e.detail["page"] for e in refused} >= {"/reports", "/reports/cases/1/close"}
        assert all(c.status == "open" for c in hall.reports.cases())


def test_the_measures_follow_the_filters(reports_hall: HallUnderTest, phone: Any) -> None:
    base, manager = signed_in(reports_hall, phone, MANAGER[0], MANAGER[2], DESK)
    page = manager.page
    page.get_by_role("link", name="服务评价").click()
    page.wait_for_url(base + "/reports")
    page.goto(f"{base}/reports?{WEEK}")
    convenience = _facts(page, "convenience")
    assert (convenience["办理次数"], convenience["办完"], convenience["完成率"]) == (
        "5",
        "3",
        "60.0%",
    )
    assert (convenience["用时中位数"], convenience["用时 P90"]) == ("200 秒", "300 秒")
    assert (convenience["读卡重试"], convenience["打印重试"]) == ("2", "1")
    reach = _facts(page, "reach")
    assert (reach["长者模式"], reach["语音模式"], reach["协助办完"], reach["转到窗口"]) == (
        "20.0%", "20.0%", "20.0%", "20.0%",
    )  # fmt: skip
    assert _rows(page, "convenience-by")[0][:4] == ["card", "1", "0", "0.0%"]
    assert _rows(page, "help")[0][:2] == ["全部", "2"]
    assert page.locator("#part-convenience svg.chart").count() == 2
    assert page.locator("svg.chart[aria-label]").count() >= 4
    check_accessible(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "web-reports.png"), full_page=True)

    # The form narrows every measure: kiosk k2 only, grouped by day.
    page.get_by_label("终端").select_option("k2")
    page.get_by_label("分组方式").select_option("day")
    page.get_by_role("button", name="查看").click()
    page.wait_for_url(re.compile(r"kiosk=k2"))
    assert "二号机" in page.locator("#period").inner_text()
    convenience = _facts(page, "convenience")
    assert (convenience["办理次数"], convenience["完成率"]) == ("2", "0.0%")
    assert [r[:2] for r in _rows(page, "convenience-by")] == [["2026-12-02", "2"]]
    assert _rows(page, "help")[0][:3] == ["全部", "1", "100"]  # seconds: its heading says so
    assert _rows(page, "ratings") == [[NOTHING]]
    # Elder mode only, everywhere: the links between pages keep the filters.
    page.get_by_label("终端").select_option("")
    page.get_by_label("长者模式").select_option("elder")
    page.get_by_role("button", name="查看").click()
    page.wait_for_url(re.compile(r"mode=elder"))
    assert _facts(page, "convenience")["办理次数"] == "1"
    page.get_by_role("link", name="放弃漏斗").click()
    page.wait_for_url(re.compile(r"/reports/funnel\?.*mode=elder"))
    assert {r[0] for r in _rows(page, "funnel")} == {"contrib"}
    page.goto(f"{base}/reports?{WEEK}&language=en")
    assert _facts(page, "convenience")["办理次数"] == "1"
    assert _rows(page, "help")[0][:3] == ["全部", "1", "30"]
    page.goto(f"{base}/reports?from=2026-12-09&to=2026-12-01")
    assert "开始日期晚于结束日期" in page.locator("#filter-problem").inner_text()
    assert manager.left_origin(base) == []


def test_a_period_with_no_visits_says_so_under_headings_that_line_up(
    reports_hall: HallUnderTest, phone: Any
) -> None:
    """The printable report's sentence, from the same words, on every live page: across the
    whole table, its headings starting where the sentence starts (none pushed right over
    numbers that are not there), the English part marked as English for a screen reader."""
    base, manager = signed_in(reports_hall, phone, MANAGER[0], MANAGER[2], DESK)
    page = manager.page
    found = []
    for path in ("/reports", "/reports/funnel", "/reports/devices"):
        page.goto(f"{base}{path}?from=2025-03-03&to=2025-03-09")
        found += page.evaluate(EMPTY_TABLES_JS)
        check_accessible(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(f"{base}/reports?from=2025-03-03&to=2025-03-09")
    page.screenshot(path=str(SHOTS / "web-reports-empty.png"), full_page=True)
    assert {t["id"] for t in found} >= {"convenience-by", "ratings", "funnel", "downtime"}
    for t in found:
        assert t["words"] == NOTHING, t
        assert t["english"] == ["en", NOTHING_EN], t
        assert t["spans"] > 0.99, t
        assert t["starts"][0] == pytest.approx(t["starts"][1], abs=1), t
        assert set(t["aligns"]) == {"left"}, t


def test_steps_whose_titles_are_filled_per_visit_read_as_titles_not_ids(
    reports_hall: HallUnderTest, phone: Any
) -> None:
    """参保缴费查询's "您的缴费记录：{period.label}" and 办事指南's "{topic.label}": in the
    funnel's table and its chart, as they read outside a visit, never as "record"/"detail"."""
    with reports_hall.hall() as hall, hall.store.sessions.begin() as s:
        for n, (service, step) in enumerate(
            [("contribution-record", "record"), ("service-guide", "detail")]
        ):
            start = dt.datetime(2026, 11, 10, 2, n, tzinfo=dt.UTC)
            events = [("step_entered", step), ("home", step)]
            _visit(s, f"titled-{n}", "k1", service, start, 60, "abandoned", events)
    base, manager = signed_in(reports_hall, phone, MANAGER[0], MANAGER[2])
    page = manager.page
    page.goto(f"{base}/reports/funnel?from=2026-11-09&to=2026-11-15")
    rows = {(r[0], r[1]) for r in _rows(page, "funnel")}
    assert rows == {("参保缴费查询", "您的缴费记录：…"), ("办事指南", "（居民所选的内容）")}
    chart = page.locator("svg.chart").first.text_content() or ""
    assert "您的缴费记录：…" in chart and "record" not in chart and "detail" not in chart


def test_the_funnel_ranks_the_worst_step_first_and_each_table_downloads(
    reports_hall: HallUnderTest, phone: Any
) -> None:
    base, manager = signed_in(reports_hall, phone, MANAGER[0], MANAGER[2])
    page = manager.page
    page.goto(f"{base}/reports/funnel?{WEEK}")
    rows = _rows(page, "funnel")
    assert rows[0] == ["card", "input", "1", "0", "1", "0", "0", "100.0%"]
    assert rows[1] == ["contrib", "identify", "4", "1", "0", "1", "1", "25.0%"]
    check_accessible(page)
    text = _download(page, page.get_by_role("link", name=re.compile("下载 CSV.*放弃漏斗")))
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == ["service", "step", "entered", "gave_up", "timed_out", "went_back",
                        "help_calls", "loss_rate"]  # fmt: skip
    assert table[1] == ["card", "input", "1", "0", "1", "0", "0", "1.0"]
    assert len(table) == 1 + len(rows)
    page.goto(f"{base}/reports/devices?{WEEK}")
    assert _rows(page, "downtime") == [["k1", "打印机", "40.0", "2", "1"]]
    text = _download(page, page.get_by_role("link", name=re.compile("下载 CSV.*设备停机")))
    assert list(csv.reader(io.StringIO(text)))[1] == ["k1", "printer", "2400.0", "2", "1"]
    # Printable: the controls go, the figures stay.
    page.emulate_media(media="print")
    assert not page.locator("form.filters").is_visible()
    assert page.locator("table#downtime").is_visible()
    assert page.pdf(format="A4").startswith(b"%PDF")
    assert manager.left_origin(base) == []


def test_a_manager_works_a_case_and_every_change_is_audited(
    reports_hall: HallUnderTest, phone: Any
) -> None:
    base, manager = signed_in(reports_hall, phone, MANAGER[0], MANAGER[2], DESK)
    page = manager.page
    with reports_hall.hall() as hall:
        old, recent = hall.reports.cases()  # the overdue one first
        today = hall.reports.today()
    page.goto(f"{base}/reports/cases")
    first = page.locator("table#cases tbody tr").first
    assert first.get_attribute("class") == "alert" and "已超期" in first.inner_text()
    assert "操作太难" in first.inner_text() and "非常不满意" in first.inner_text()
    assert ("已超期" in page.locator(f"#case-{recent.id}").inner_text()) == (recent.due_on < today)
    check_accessible(page)
    listed = _download(page, page.get_by_role("link", name=re.compile("下载 CSV.*好差评工单")))
    rows = list(csv.DictReader(io.StringIO(listed)))
    assert (rows[0]["case"], rows[0]["overdue"]) == (str(old.id), "yes")
    page.get_by_role("link", name=f"工单 {old.id}", exact=True).click()
    page.wait_for_url(re.compile(rf"/reports/cases/{old.id}"))
    expect = pytest.importorskip("playwright.sync_api").expect
    expect(page.locator("#need-contact")).to_be_visible()
    page.get_by_label("分类").select_option("device")
    page.get_by_role("button", name="保存分类").click()
    expect(page.locator("#case-message")).to_have_text("已保存分类")
    expect(page.locator("#case-category")).to_have_text("设备")
    # By keyboard alone: the result typed, Tab to the button, Enter.
    page.get_by_label("回访结果（居民怎么说）").focus()
    page.keyboard.type("居民说读卡器不灵，已道歉并说明")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "记录回访"
    page.keyboard.press("Enter")
    expect(page.locator("#case-message")).to_have_text("已记录回访")
    page.get_by_label("整改（改了什么）").fill("更换了二号机的读卡器")
    page.get_by_role("button", name="记录整改").click()
    expect(page.locator("#case-message")).to_have_text("已记录整改")
    check_accessible(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "web-report-case.png"), full_page=True)
    page.get_by_label("办结说明").fill("居民表示满意")
    page.get_by_role("button", name="办结工单").click()
    expect(page.locator("#case-status")).to_have_text("已办结")
    assert page.locator("form#contact").count() == 0
    trail = page.locator("#trail li").all_inner_texts()
    assert [t.split(" · ")[0] for t in trail] == ["开单", "分类", "回访", "整改", "办结"]
    assert all("周经理（9001）" in t for t in trail[1:]) and "更换了二号机的读卡器" in trail[3]

    # The other rating was a mistake: withdrawn with its reason, it leaves the figures.
    page.goto(f"{base}/reports/cases/{recent.id}")
    page.get_by_label("理由类别").select_option("mistaken")
    page.get_by_label("撤销理由").fill("居民按错了，已电话确认")
    page.get_by_role("button", name="撤销评价").click()
    expect(page.locator("#case-status")).to_contain_text("评价已撤销")
    page.goto(f"{base}/reports?{WEEK}")
    ratings = {r[0]: r for r in _rows(page, "ratings")}
    assert ratings["全部"][4] == "0" and ratings["全部"][7] == "1"  # 不满意 0, 已撤销 1
    page.goto(f"{base}/reports/cases")
    assert _rows(page, "cases") == [["没有工单"]]

    with reports_hall.hall() as hall:
        me = next(s for s in hall.staff.list() if s.staff_no == MANAGER[0])
        changes = [
            e
            for e in audit.entries(hall.store.sessions, staff_id=me.id)
            if e.action.startswith("rating_case.")
        ]
        assert [e.action.removeprefix("rating_case.") for e in changes] == [
            "categorize", "contact", "rectify", "close", "withdraw",
        ]  # fmt: skip
        assert {e.detail["place"] for e in changes} == {"web:127.0.0.1"}
        assert changes[-1].detail["reason"] == "居民按错了，已电话确认"
    assert manager.left_origin(base) == []


# Words in a chart's own text (titles, legends, axis labels; not the data's tick labels,
# which are the tables' own keys): Chinese, with P50/P90 and units as the tables write them.
CHART_WORDS_JS = """() => Array.from(document.querySelectorAll('svg.chart text'))
  .filter(t => !t.closest('[id^=xtick], [id^=ytick]'))
  .map(t => t.textContent.trim())"""
# Each chart text's size as drawn on the screen, against the page's smallest own text.
CHART_SIZES_JS = """() => {
  const own = e => Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
  const page = Array.from(document.querySelectorAll('main *'))
    .filter(e => own(e) && e.offsetParent && !e.closest('svg'))
    .map(e => parseFloat(getComputedStyle(e).fontSize));
  const charts = Array.from(document.querySelectorAll('svg.chart text')).map(t => {
    const m = t.getScreenCTM();
    return parseFloat(t.getAttribute('font-size')) * Math.hypot(m.a, m.b);
  });
  return {page: Math.min(...page), charts: Math.min(...charts)};
}"""


@pytest.mark.parametrize("viewport", [DESK, {"width": 390, "height": 844}])
def test_the_charts_speak_the_pages_language_at_its_size(
    reports_hall: HallUnderTest, phone: Any, viewport: dict[str, int]
) -> None:
    with reports_hall.hall() as hall, hall.store.sessions.begin() as s:
        s.add(Kiosk(id="k9", name="二楼自助机", hall="", last_seen=OLD))
    base, manager = signed_in(reports_hall, phone, MANAGER[0], MANAGER[2], viewport)
    page = manager.page
    for path in ("/reports", "/reports/funnel", "/reports/devices"):
        page.goto(f"{base}{path}?{WEEK}")
        assert page.locator("svg.chart").count() > 0, path
        words = page.evaluate(CHART_WORDS_JS)
        english = [w for w in words if re.search(r"[A-Za-z]{2,}", w)]
        assert english == [], (path, english)
        captions = page.locator("main caption").all_inner_texts()
        assert [c for c in captions if re.search(r"[A-Za-z]{2,}", c)] == [], captions
        sizes = page.evaluate(CHART_SIZES_JS)
        assert sizes["charts"] >= min(sizes["page"], 16) - 0.5, (path, sizes)
        assert sizes["charts"] >= 16 - 0.5, (path, sizes)
    # The last report of a silent kiosk in the hall's time (UTC+8), as everywhere else.
    row = next(r for r in _rows(page, "unseen") if r[0].endswith("k9"))
    assert row[3] == OLD.astimezone(dt.timezone(dt.timedelta(hours=8))).strftime("%m-%d %H:%M")


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
        fits(page)
