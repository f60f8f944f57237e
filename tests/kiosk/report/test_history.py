"""The simulated history, written in bulk (COPY on PostgreSQL), reads back as the kiosk's own
records do, and the same seed writes the same rows."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.catalog.loader import load_catalogue
from kiosk.config import DEFAULT_SERVICES_DIR
from kiosk.report import history, queries
from kiosk.report.build import period_for
from kiosk.report.cases import CasePolicy
from kiosk.store.models import HelpPeriod, HelpRequest, Rating, RatingCase, Visit, VisitEvent

NOW = dt.datetime(2026, 12, 4, 10, 0, tzinfo=dt.UTC)


def test_history_reads_back_and_reports(engine: Engine, sessions: sessionmaker[Session]) -> None:
    plan = history.Plan(days=7, last_day=dt.date(2026, 12, 4), seed=5, visits_per_kiosk_day=30)
    services = load_catalogue(DEFAULT_SERVICES_DIR).services
    with engine.begin() as conn:
        written = history.write_history(conn, services, plan, now=NOW)
    assert written.visits > 100 and written.events > 10 * written.visits
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(VisitEvent)) == written.events
        event = s.scalars(select(VisitEvent).where(VisitEvent.kind == "step_entered")).first()
        assert event is not None and isinstance(event.detail, dict) and event.detail["kind"]
        visit = s.get(Visit, event.visit_id)
        assert visit is not None and visit.ended_at is not None
        assert visit.ended_at.replace(tzinfo=dt.UTC) > visit.started_at.replace(tzinfo=dt.UTC)
        # Every poor rating has its case, as the recorder makes one; help calls have periods.
        poor = s.scalar(
            select(func.count())
            .select_from(Rating)
            .where(Rating.level.in_(("dissatisfied", "very_dissatisfied")))
        )
        assert poor == s.scalar(select(func.count()).select_from(RatingCase)) == written.cases
        calls = s.scalar(select(func.count()).select_from(HelpRequest))
        assert calls == written.help_calls
        assert s.scalar(select(func.count(func.distinct(HelpPeriod.request_id)))) == calls
    # New rows after explicit ids (PostgreSQL's sequences were moved past them).
    with sessions.begin() as s:
        s.add(HelpRequest(kiosk_id="kiosk-1"))
    period = period_for(dt.date(2026, 11, 28), dt.date(2026, 12, 4), CasePolicy())
    with engine.connect() as conn:
        report = queries.build(
            conn, queries.Scope(period), now=NOW, today=NOW.date(), unseen_after_min=10
        )
    assert report.overall.visits == written.visits
    assert report.warmth.takeovers == written.help_calls
    assert report.devices.downtime
    # Leaving the rating screen skips the rating (the engine's rule): no step "rate" loses anyone.
    assert all(r.gave_up == r.timed_out == 0 for r in report.funnel if r.step == "rate")
    # The usual way through: a step for the exception (a card already lost) is not walked.
    assert not [r for r in report.funnel if r.step == "already-lost"]
    assert [r for r in report.funnel if r.step == "confirm"]
