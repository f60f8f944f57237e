"""Figures from a hand-built history with answers worked out by hand, on both databases."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from kiosk.report import cases, queries
from kiosk.report.figures import Period, Report
from tests.kiosk.report.history import NOW, at, build


def _report(
    engine: Engine, hall: str | None = None, today: dt.date | None = None, **filters: Any
) -> Report:
    scope = queries.Scope(Period(at(1, 0), at(8, 0), hall, **filters))
    with engine.connect() as conn:
        return queries.build(conn, scope, now=NOW, today=today or NOW.date(), unseen_after_min=10)


@pytest.fixture
def report(engine: Engine, sessions: sessionmaker[Session]) -> Report:
    build(sessions)
    return _report(engine)


def test_convenience_per_service(report: Report) -> None:
    contrib = {r.key: r for r in report.breakdowns["service"]}["contrib"]
    assert (contrib.visits, contrib.completed) == (4, 3)  # the visit before the period is out
    assert contrib.completion_rate == 0.75
    assert (contrib.p50_s, contrib.p90_s) == (200.0, 300.0)  # nearest rank of 100, 200, 300
    assert (contrib.card_retries, contrib.print_retries) == (2, 1)


def test_reach_shares(report: Report) -> None:
    overall = report.overall
    assert overall.visits == 5
    assert overall.elder_share == pytest.approx(1 / 5)
    assert overall.audio_share == pytest.approx(1 / 5)
    assert overall.assisted_share == pytest.approx(1 / 5)
    assert overall.counter_share == pytest.approx(1 / 5)  # v3 took a counter ticket
    languages = {r.key: r.visits for r in report.breakdowns["language"]}
    assert languages == {"en": 1, "zh": 4}
    elder = {r.key: r.visits for r in report.breakdowns["elder"]}
    assert elder == {"elder": 1, "standard": 4}


def test_calendar_buckets_follow_the_halls_clock(report: Report) -> None:
    days = {r.key: r.visits for r in report.breakdowns["day"]}
    assert days == {"2026-12-01": 2, "2026-12-02": 2, "2026-12-03": 1}
    weeks = {r.key: r.visits for r in report.breakdowns["week"]}
    assert weeks == {"2026-11-30": 5}  # the Monday of the week
    assert [r.key for r in report.breakdowns["month"]] == ["2026-12"]
    halls = {r.key: r.visits for r in report.breakdowns["hall"]}
    assert halls == {"A": 3, "B": 2}


def test_funnel_puts_the_worst_step_first(report: Report) -> None:
    first = report.funnel[0]
    assert (first.service, first.step, first.entered, first.timed_out) == ("card", "input", 1, 1)
    identify = next(r for r in report.funnel if (r.service, r.step) == ("contrib", "identify"))
    assert (identify.entered, identify.gave_up, identify.went_back, identify.help_calls) == (
        4,
        1,
        1,
        1,
    )
    assert identify.loss_rate == 0.25
    rates = [r.loss_rate or 0.0 for r in report.funnel]
    assert rates == sorted(rates, reverse=True)


def test_timeliness_of_help(report: Report) -> None:
    t = report.timeliness.overall
    assert t.calls == 2 and t.escalations == 1
    assert (t.acknowledged_p50_s, t.acknowledged_p90_s) == (30.0, 100.0)
    assert (t.arrived_p50_s, t.arrived_p90_s) == (90.0, 200.0)
    assert (t.resolved_p50_s, t.resolved_p90_s) == (200.0, 400.0)
    helpers = {h.key: h for h in report.timeliness.helpers}
    assert helpers["001 王芳"].acknowledged_p50_s == 30.0
    assert helpers["002 李强"].escalations == 1


def test_warmth(report: Report) -> None:
    rows = {r.key: r for r in report.warmth.ratings}
    assert rows["all"].levels["very_satisfied"] == 1
    assert rows["all"].levels["dissatisfied"] == 1
    assert rows["all"].not_rated == 1
    assert rows["all"].satisfaction == 0.5  # the skipped rating is not a level
    assert [(c.key, c.count) for c in report.warmth.reasons] == [("slow", 1)]
    assert (report.warmth.takeovers, report.warmth.takeovers_completed) == (1, 1)


def test_devices(report: Report) -> None:
    (printer,) = report.devices.downtime
    assert (printer.kiosk, printer.device) == ("k1", "printer")
    assert printer.down_s == 2400.0  # 30 min without paper + 10 min offline
    assert (printer.faults, printer.paper_outs) == (2, 1)
    assert [k.kiosk for k in report.devices.unseen] == ["k2"]
    assert report.devices.unseen[0].minutes == 30


def test_overdue_cases_and_withdrawal(engine: Engine, sessions: sessionmaker[Session]) -> None:
    build(sessions)
    later = _report(engine, today=dt.date(2027, 1, 10))
    assert (later.timeliness.cases_open, later.timeliness.cases_overdue) == (1, 1)
    case_id = later.timeliness.overdue[0].id
    cases.withdraw(sessions, case_id, "malicious", "the same phone rated 40 times", None)
    after = _report(engine, today=dt.date(2027, 1, 10))
    assert after.timeliness.cases_overdue == 0
    rows = {r.key: r for r in after.warmth.ratings}
    assert rows["all"].withdrawn == 1 and rows["all"].levels["dissatisfied"] == 0
    assert rows["all"].satisfaction == 1.0


def test_hall_filter(engine: Engine, sessions: sessionmaker[Session]) -> None:
    build(sessions)
    b = _report(engine, hall="B")
    assert b.overall.visits == 2
    assert b.timeliness.overall.calls == 1
    assert b.devices.downtime == []
    assert [k.kiosk for k in b.devices.unseen] == ["k2"]


def test_service_and_kiosk_filters(engine: Engine, sessions: sessionmaker[Session]) -> None:
    build(sessions)
    card = _report(engine, service="card")
    assert (card.overall.visits, card.overall.completed) == (1, 0)
    assert [(r.service, r.step) for r in card.funnel] == [("card", "input")]
    assert card.timeliness.overall.calls == 0  # call 2 was made outside a visit, of no service
    assert card.warmth.ratings == []
    k2 = _report(engine, kiosk="k2")
    assert (k2.overall.visits, k2.overall.completed) == (2, 0)
    assert (k2.timeliness.overall.calls, k2.timeliness.overall.escalations) == (1, 1)
    assert k2.timeliness.overall.acknowledged_p50_s == 100.0
    assert k2.warmth.ratings == [] and k2.warmth.takeovers == 0
    assert k2.devices.downtime == [] and [k.kiosk for k in k2.devices.unseen] == ["k2"]
    k1 = _report(engine, kiosk="k1", service="contrib")
    assert (k1.overall.visits, k1.overall.completed) == (3, 3)
    assert (k1.overall.p50_s, k1.overall.p90_s) == (200.0, 300.0)
    assert [d.kiosk for d in k1.devices.downtime] == ["k1"] and k1.devices.unseen == []


def test_language_and_elder_filters(engine: Engine, sessions: sessionmaker[Session]) -> None:
    build(sessions)
    english = _report(engine, language="en")
    assert (english.overall.visits, english.overall.assisted_share) == (1, 1.0)
    assert english.timeliness.overall.calls == 1  # the call from v2, in English
    assert english.timeliness.overall.acknowledged_p50_s == 30.0
    (everyone,) = (r for r in english.warmth.ratings if r.key == "all")
    assert everyone.levels["dissatisfied"] == 1 and everyone.satisfaction == 0.0
    assert [(c.key, c.count) for c in english.warmth.reasons] == [("slow", 1)]
    # The printer's downtime belongs to the kiosk, not to a language.
    assert [d.kiosk for d in english.devices.downtime] == ["k1"]
    elder = _report(engine, elder=True, today=dt.date(2027, 1, 10))
    assert (elder.overall.visits, elder.overall.card_retries) == (1, 2)
    assert elder.timeliness.overall.calls == 0
    (rated,) = (r for r in elder.warmth.ratings if r.key == "all")
    assert rated.levels["very_satisfied"] == 1 and rated.satisfaction == 1.0
    assert (elder.timeliness.cases_open, elder.timeliness.cases_overdue) == (0, 0)
    standard = _report(engine, elder=False, today=dt.date(2027, 1, 10))
    assert standard.overall.visits == 4
    assert (standard.timeliness.cases_open, standard.timeliness.cases_overdue) == (1, 1)
    assert {r.key for r in standard.breakdowns["elder"]} == {"standard"}
