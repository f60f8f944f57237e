"""The evaluation through the domain API (``Hall.reports``), as the hall server's manager pages
use it: only an active manager passes, every refusal and every case change is audited with who
and where, cases are narrowed by the report's filters, a case's history is its audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from kiosk.api.errors import NotPermitted
from kiosk.api.hall import Hall
from kiosk.api.report_views import csv_table, section_tables
from kiosk.api.reports import CaseError, CaseNotFound, ReportSetup
from kiosk.api.store import Store
from kiosk.assist import audit, staff
from kiosk.assist.vocabulary import StaffInfo
from tests.kiosk.report.history import NOW, at, build

LATER = dt.datetime(2027, 1, 10, 4, 0, tzinfo=dt.UTC)  # the dissatisfied rating's case is overdue


@pytest.fixture
def hall(engine: Engine, sessions: sessionmaker[Session]) -> Hall:
    build(sessions)
    staff.add_staff(sessions, "9001", "周经理", "2468", "manager")
    staff.add_staff(sessions, "1001", "张三", "1357", "helper")
    return Hall(Store(engine), reports=ReportSetup(unseen_after_min=10))


def _staff(hall: Hall, staff_no: str) -> StaffInfo:
    return next(s for s in hall.staff.list() if s.staff_no == staff_no)


def test_only_an_active_manager_is_let_in_and_refusals_are_audited(
    hall: Hall, sessions: sessionmaker[Session]
) -> None:
    manager, helper = _staff(hall, "9001"), _staff(hall, "1001")
    assert hall.reports.authorize(manager.id, "web:10.0.0.5", "/reports").staff_no == "9001"
    with pytest.raises(NotPermitted):
        hall.reports.authorize(helper.id, "web:10.0.0.7", "/reports/cases")
    (refused,) = audit.entries(sessions, action="report_refused")
    assert refused.staff_id == helper.id and refused.kiosk_id == "web:10.0.0.7"
    assert refused.detail["page"] == "/reports/cases" and refused.detail["role"] == "helper"
    # The account as it stands now counts, not the role it signed in with.
    staff.disable(sessions, "9001")
    with pytest.raises(NotPermitted):
        hall.reports.authorize(manager.id, "web:10.0.0.5", "/reports")
    with pytest.raises(NotPermitted):
        hall.reports.authorize(424242, "web:10.0.0.9", "/reports")
    assert len(audit.entries(sessions, action="report_refused")) == 3
    # A helper's StaffInfo cannot change a case either, whatever the front end does.
    (case,) = hall.reports.cases(now=LATER)
    with pytest.raises(NotPermitted):
        hall.reports.contact(case.id, "called", helper, "web:10.0.0.7")


def test_figures_and_their_tables_through_the_api(hall: Hall) -> None:
    first, last = dt.date(2026, 12, 1), dt.date(2026, 12, 7)
    period = hall.reports.period(first, last, kiosk="k1", language="zh")
    assert period.start == at(1, 0) - dt.timedelta(hours=8)
    report = hall.reports.report(period, now=NOW)
    assert (report.overall.visits, report.overall.completed) == (2, 2)  # v1 and v5
    (funnel,) = section_tables(report, "funnel")
    assert funnel.id == "funnel" and all(row[0] == "contrib" for row in funnel.rows)
    lines = csv_table(funnel).splitlines()
    assert lines[0].split(",")[:3] == ["service", "step", "entered"]
    assert len(lines) == 1 + len(funnel.rows)
    choices = hall.reports.choices()
    assert choices.halls == ["A", "B"] and choices.kiosks == [("k1", "一号机"), ("k2", "二号机")]
    assert ("en", "English") in choices.languages


def test_a_case_is_worked_through_and_each_change_is_audited(
    hall: Hall, sessions: sessionmaker[Session]
) -> None:
    manager = _staff(hall, "9001")
    (case,) = hall.reports.cases(now=LATER)
    assert case.overdue and case.status == "open" and case.level == "dissatisfied"
    assert hall.reports.cases(hall.reports.period(LATER.date(), LATER.date(), kiosk="k2")) == []
    place = "web:10.0.0.5"
    hall.reports.categorize(case.id, "device", manager, place)
    with pytest.raises(CaseError):
        hall.reports.close(case.id, "done", manager, place)  # 回访 comes first
    hall.reports.contact(case.id, "居民说读卡太慢，已解释", manager, place)
    hall.reports.rectify(case.id, "更换读卡器", manager, place)
    hall.reports.close(case.id, "居民满意", manager, place)
    view = hall.reports.case(case.id, now=LATER)
    assert (view.status, view.category, view.overdue) == ("closed", "device", False)
    assert view.contact_result == "居民说读卡太慢，已解释" and view.rectification == "更换读卡器"
    trail = hall.reports.trail(case.id)
    assert [t.action for t in trail] == ["open", "categorize", "contact", "rectify", "close"]
    assert trail[0].staff_no == ""  # the kiosk opened it
    assert {(t.staff_no, t.staff_name) for t in trail[1:]} == {("9001", "周经理")}
    assert all(t.detail["place"] == place for t in trail[1:])
    assert trail[1].detail["from"] == "staff" or trail[1].detail["to"] == "device"
    with pytest.raises(CaseError):
        hall.reports.withdraw(case.id, "mistaken", "wrong button", manager, place)  # closed
    assert hall.reports.cases(now=LATER) == []
    assert [c.id for c in hall.reports.cases(include_closed=True, now=LATER)] == [case.id]
    with pytest.raises(CaseNotFound):
        hall.reports.trail(999)


def test_a_withdrawn_rating_leaves_the_figures_with_its_reason(hall: Hall) -> None:
    manager = _staff(hall, "9001")
    (case,) = hall.reports.cases(now=LATER)
    hall.reports.withdraw(case.id, "malicious", "同一号码连续差评", manager, "web:10.0.0.5")
    view = hall.reports.case(case.id)
    assert view.status == "withdrawn" and view.withdrawn_reason == "malicious: 同一号码连续差评"
    (entry,) = [t for t in hall.reports.trail(case.id) if t.action == "withdraw"]
    assert entry.detail["reason"] == "同一号码连续差评" and entry.staff_name == "周经理"
    period = hall.reports.period(dt.date(2026, 12, 1), dt.date(2026, 12, 7))
    (everyone,) = (r for r in hall.reports.report(period, now=NOW).warmth.ratings if r.key == "all")
    assert everyone.withdrawn == 1 and everyone.levels["dissatisfied"] == 0
