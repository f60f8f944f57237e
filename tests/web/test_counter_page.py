"""The counter: a ticket number taken at a kiosk (another process) opens what the resident
did; the reference and the ticket QR's address do too; every lookup is audited."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.store import db
from kiosk.store.models import AuditEntry
from tests.web.conftest import HallUnderTest, Phone, check_accessible

pytestmark = pytest.mark.browser


def test_the_ticket_number_opens_the_visit(sqlite_hall: HallUnderTest, phone: Any) -> None:
    expect = pytest.importorskip("playwright.sync_api").expect
    base = sqlite_hall.serve()
    ticket = sqlite_hall.kiosk("ticket")
    assert ticket["number"] == "A001" and ticket["counter"] == "3-5"
    staff: Phone = phone()
    page = staff.page
    page.goto(base + "/counter")
    sign_in_url = page.url
    assert "/signin?next=%2Fcounter" in sign_in_url  # the counter is for staff only
    page.get_by_label("工号").fill("1002")
    page.get_by_label("密码").fill("1357")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(base + "/counter")

    page.get_by_label("票号").fill("a001")
    page.get_by_role("button", name="查询").click()
    record = page.locator("#record")
    expect(record).to_contain_text("窗口取号")
    expect(record).to_contain_text("A001（3 至 5 号窗口）")
    expect(record).to_contain_text(ticket["reference"])
    expect(record).to_contain_text("养老保险")  # the answer given at the kiosk
    expect(record).to_contain_text("您要办理什么业务？")  # a step completed
    check_accessible(page)
    shots = Path(__file__).resolve().parents[2] / "build" / "screens"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "web-counter.png"), full_page=True)

    # The ticket's QR holds the counter page's address with the reference.
    page.goto(f"{base}/counter?q={ticket['reference']}")
    expect(page.locator("#record")).to_contain_text("A001")
    page.goto(base + "/counter?q=Z999")
    expect(page.locator("#counter-message")).to_contain_text("没有找到")
    assert staff.left_origin(base) == []

    engine = db.make_engine(sqlite_hall.url)
    with db.session_factory(engine)() as session:
        lookups = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "counter_lookup").order_by(AuditEntry.id)
        ).all()
    engine.dispose()
    assert [(e.detail["by"], e.detail["found"]) for e in lookups] == [
        ("ticket", True),
        ("reference", True),
        ("ticket", False),
    ]
    assert all(e.staff_id is not None and e.kiosk_id == "web:127.0.0.1" for e in lookups)
