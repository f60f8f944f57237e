"""The follow-up of poor ratings: opened by the recorder, worked by managers, all audited."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.assist import audit
from kiosk.catalog.schema import DoneStep, RateStep, Service, StepKind, Text
from kiosk.flow.engine import FlowEngine, FlowError, Tick
from kiosk.flow.events import EventKind, MemorySink
from kiosk.flow.state import Outcome
from kiosk.report import cases
from kiosk.report.cases import CaseError, CaseNotFound, CasePolicy
from kiosk.report.workdays import Calendar
from kiosk.store.models import Rating, RatingCase
from kiosk.store.recorder import StoreSink, ensure_kiosk

T = Text("t", "t")


def _service() -> Service:
    steps = (RateStep("rate", StepKind.RATE, T), DoneStep("done", StepKind.DONE, T))
    return Service("svc", T, T, "", 1, steps)


def _rated(sessions: sessionmaker[Session], policy: CasePolicy, level: str | None) -> FlowEngine:
    ensure_kiosk(sessions, "k1", "一号机", "A")
    engine = FlowEngine(_service(), sink=StoreSink(sessions, "k1", policy))
    engine.start()
    if level is None:
        engine.skip_rating()
    else:
        engine.rate(level, "slow")
    return engine


def test_a_skipped_rating_is_recorded_as_not_rated(sessions: sessionmaker[Session]) -> None:
    engine = _rated(sessions, CasePolicy(), None)
    assert engine.ended
    with sessions() as s:
        (rating,) = s.scalars(select(Rating))
        assert rating.level == "not_rated"
        assert s.scalars(select(RatingCase)).all() == []


def test_skip_only_on_the_rate_step() -> None:
    engine = FlowEngine(_service())
    engine.start()
    engine.skip_rating()
    with pytest.raises(FlowError):
        engine.skip_rating()


def test_leaving_the_rating_screen_is_not_giving_up() -> None:
    """Home or a time-out on the rating screen: the business was done; the rating skipped."""
    engine = FlowEngine(_service(), sink=(sink := MemorySink()))
    engine.start()
    engine.home()
    assert engine.state.outcome is Outcome.COMPLETED
    now = [0.0]
    timed = FlowEngine(_service(), clock=lambda: now[0], sink=(timed_sink := MemorySink()))
    timed.start()
    now[0] += timed.timings.step_timeout_s
    assert timed.tick() is Tick.WARNING
    now[0] += timed.timings.warning_s
    assert timed.tick() is Tick.TIMED_OUT
    assert timed.state.outcome is Outcome.COMPLETED
    for events in (sink.events, timed_sink.events):
        levels = [d["level"] for _, kind, d in events if kind is EventKind.RATED]
        assert levels == ["not_rated"]
        assert not {EventKind.HOME, EventKind.TIMED_OUT} & {kind for _, kind, _ in events}


def test_a_good_rating_opens_no_case(sessions: sessionmaker[Session]) -> None:
    _rated(sessions, CasePolicy(), "satisfied")
    with sessions() as s:
        assert s.scalars(select(RatingCase)).all() == []


def test_a_poor_rating_opens_a_case_due_in_working_days(sessions: sessionmaker[Session]) -> None:
    today = CasePolicy().today()
    holiday = Calendar().add_working_days(today, 1)
    policy = CasePolicy(5, Calendar(frozenset({holiday})))
    _rated(sessions, policy, "very_dissatisfied")
    (view,) = cases.list_cases(sessions, policy)
    assert view.level == "very_dissatisfied" and view.status == "open"
    assert view.due_on == Calendar().add_working_days(today, 6)  # the holiday pushed it a day
    assert not view.overdue
    later = dt.datetime.combine(view.due_on + dt.timedelta(days=1), dt.time(4), dt.UTC)
    assert cases.list_cases(sessions, policy, overdue_only=True, now=later)[0].id == view.id


def test_life_of_a_case_is_audited(sessions: sessionmaker[Session]) -> None:
    policy = CasePolicy()
    _rated(sessions, policy, "dissatisfied")
    (view,) = cases.list_cases(sessions, policy)
    with pytest.raises(CaseError, match="回访"):
        cases.close(sessions, view.id, "done", None)
    cases.categorize(sessions, view.id, "device", None)
    cases.contact(sessions, view.id, "居民说打印机卡纸", None)
    cases.rectify(sessions, view.id, "更换打印机纸仓", None)
    cases.close(sessions, view.id, "已解决", None)
    done = cases.get_case(sessions, view.id, policy)
    assert (done.status, done.category, done.overdue) == ("closed", "device", False)
    assert done.contact_result == "居民说打印机卡纸"
    with pytest.raises(CaseError, match="closed"):
        cases.contact(sessions, view.id, "again", None)
    actions = [e.action for e in audit.entries(sessions, visit_id=done.visit_id)]
    assert actions == [
        "rating_case.open",
        "rating_case.categorize",
        "rating_case.contact",
        "rating_case.rectify",
        "rating_case.close",
    ]
    with sessions() as s:
        assert s.scalars(select(Rating)).one().followed_up


def test_withdrawal_needs_a_kind_and_a_reason(sessions: sessionmaker[Session]) -> None:
    policy = CasePolicy()
    _rated(sessions, policy, "very_dissatisfied")
    (view,) = cases.list_cases(sessions, policy)
    with pytest.raises(CaseError):
        cases.withdraw(sessions, view.id, "annoying", "x", None)
    with pytest.raises(CaseError):
        cases.withdraw(sessions, view.id, "mistaken", "  ", None)
    cases.withdraw(sessions, view.id, "mistaken", "pressed the wrong face, said so", None)
    assert cases.list_cases(sessions, policy) == []
    gone = cases.get_case(sessions, view.id, policy)
    assert gone.status == "withdrawn"
    assert gone.withdrawn_reason == "mistaken: pressed the wrong face, said so"
    (entry,) = audit.entries(sessions, action="rating_case.withdraw")
    assert entry.detail["kind"] == "mistaken"


def test_unknown_case_and_category_are_domain_errors(sessions: sessionmaker[Session]) -> None:
    with pytest.raises(CaseNotFound):
        cases.contact(sessions, 99, "x", None)
    with pytest.raises(CaseError, match="category"):
        cases.categorize(sessions, 99, "weather", None)
