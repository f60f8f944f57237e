"""The counter page in the staff's words: a step's title as it reads outside a visit (never a
raw placeholder), every visit outcome in Chinese, the kiosk by its name, counters as said,
and each close-link button naming the link it closes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from kiosk.api.handoff import PhoneLinks
from kiosk.catalog.loader import load_catalogue
from kiosk.config import load_settings
from kiosk.flow.phases import Outcome
from kiosk.store.models import Kiosk
from tests.kiosk.report.history import _visit
from tests.web.conftest import HallUnderTest, check_accessible, signed_in
from ui.web import words

VISIT = "c0ffee00" + "0" * 24  # its reference: C0FFEE00


def test_every_outcome_a_visit_can_be_written_with_has_chinese_words() -> None:
    # The engine ends visits with Outcome's values, the store closes abandoned ones with
    # Outcome.ABANDONED: a new outcome is added there, and this test asks for its words.
    outcomes = {o.value for o in Outcome}
    assert outcomes <= set(words.VISIT_OUTCOMES)
    for outcome in outcomes:
        said = words.VISIT_OUTCOMES[outcome]
        assert re.search(r"[\u4e00-\u9fff]", said) and not re.search(r"[A-Za-z_]", said)


def test_step_titles_read_as_outside_a_visit_everywhere(tmp_path: Path) -> None:
    settings = load_settings(environ={}, overrides={"paths.data_dir": str(tmp_path)})
    catalogue = load_catalogue(settings.services_dir)
    for service in catalogue.services:
        for step in service.steps:
            _, title = words.titles(catalogue, service.id, step.id)
            assert "{" not in title and "}" not in title, (service.id, step.id, title)
    assert words.titles(catalogue, "contribution-record", "record")[1] == "您的缴费记录：…"


def test_counters_read_as_a_range() -> None:
    assert words.counters("3-5") == "3 至 5"
    assert words.counters("8") == "8"
    assert words.resident("zh", "counter", counter="3-5") == "请到 3 至 5 号窗口"


@pytest.mark.browser
def test_the_counter_shows_a_visit_in_the_staffs_words(
    sqlite_hall: HallUnderTest, phone: Any
) -> None:
    expect = pytest.importorskip("playwright.sync_api").expect
    start = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=30)
    with sqlite_hall.hall() as hall:
        with hall.store.sessions.begin() as s:
            s.add(Kiosk(id="kiosk-7", name="一楼大厅东侧自助机", hall="一楼"))
            _visit(s, VISIT, "kiosk-7", "contribution-record", start, 60, "abandoned",
                   [("step_entered", "record")])  # fmt: skip
        links = PhoneLinks(hall.store, 24)
        links.issue(VISIT, "kiosk-7", {"ticket": {"number": "A007", "counter": "3-5"}})
        links.issue(VISIT, "kiosk-7", {"receipt": {"title": {"zh": "缴费记录"}}})
    base, staff = signed_in(sqlite_hall, phone)
    page = staff.page
    page.goto(f"{base}/counter?q=C0FFEE00")
    record = page.locator("#record")
    expect(record).to_contain_text("您的缴费记录：…")
    expect(record).not_to_contain_text("{")
    expect(record).to_contain_text("终端中途停止，未办完")
    expect(record).not_to_contain_text("abandoned")
    expect(record).to_contain_text("一楼大厅东侧自助机")
    # Two links made the same minute: each button says which one it closes.
    expect(page.get_by_role("button", name=re.compile("关闭排队号 A007 的链接"))).to_have_count(1)
    expect(page.get_by_role("button", name=re.compile("关闭回执的链接"))).to_have_count(1)
    check_accessible(page)
