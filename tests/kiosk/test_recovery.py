"""Recovery at start: what a stopped kiosk left open is closed, after its journal is replayed.

Visits still open are ended as abandoned at the time of their last event; print jobs still
pending are interrupted and show on the console as a staff task.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.assist import views
from kiosk.assist.requests import PRINT_INTERRUPTED
from kiosk.flow.events import EventKind
from kiosk.flow.state import VisitState
from kiosk.store import db, migrate, records
from kiosk.store.journal import Journal, frame
from kiosk.store.models import AuditEntry, PrintJob, Visit, VisitEvent

KIOSK = "kiosk-r"


@pytest.fixture
def sessions(db_url: str) -> Iterator[sessionmaker[Session]]:
    engine: Engine = db.make_engine(db_url)
    migrate.upgrade(engine)
    yield db.session_factory(engine)
    engine.dispose()


def event(state: VisitState, kind: EventKind, at: dt.datetime, **detail: str) -> records.Record:
    return records.visit_event(KIOSK, state, kind, detail, at=at)


def test_the_next_start_closes_what_a_stopped_kiosk_left_open(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    t0 = dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC)
    open_visit = VisitState(service_id="insurance-certificate", language="zh")
    ended = VisitState(service_id="card-status", language="zh")
    unwritten = VisitState(service_id="card-status", language="en")  # its end still journalled
    pending = records.print_job(KIOSK, "参保证明", state=open_visit)
    printed = records.print_job(KIOSK, "缴费记录", state=ended)
    with Journal(tmp_path / "journal", sessions) as journal:
        for rec in (
            event(open_visit, EventKind.VISIT_STARTED, t0),
            event(open_visit, EventKind.STEP_ENTERED, t0 + dt.timedelta(seconds=40), step="x"),
            pending,
            event(ended, EventKind.VISIT_STARTED, t0),
            printed,
            records.print_done(printed, ok=True),
            event(ended, EventKind.VISIT_ENDED, t0 + dt.timedelta(seconds=5), outcome="completed"),
            event(unwritten, EventKind.VISIT_STARTED, t0),
        ):
            journal.put(rec)
        assert journal.flush(10)
    # The kiosk was killed with the end of the third visit on disk, not yet in the store.
    last = event(
        unwritten, EventKind.VISIT_ENDED, t0 + dt.timedelta(seconds=9), outcome="completed"
    )
    (tmp_path / "journal").write_bytes(frame(last))

    with Journal(tmp_path / "journal", sessions) as journal:
        journal.put(records.recovery(KIOSK))
        assert journal.flush(10)

    with sessions() as session:
        visit = session.get(Visit, open_visit.visit_id)
        assert visit is not None
        assert visit.outcome == "abandoned"
        assert visit.ended_at is not None
        assert visit.ended_at.replace(tzinfo=dt.UTC) == t0 + dt.timedelta(seconds=40)
        kinds = session.scalars(
            select(VisitEvent.kind)
            .where(VisitEvent.visit_id == open_visit.visit_id)
            .order_by(VisitEvent.seq)
        ).all()
        assert kinds[-1] == "visit_ended"
        for state in (ended, unwritten):
            other = session.get(Visit, state.visit_id)
            assert other is not None and other.outcome == "completed"
        jobs = {job.document: job.status for job in session.scalars(select(PrintJob))}
        assert jobs == {"参保证明": "interrupted", "缴费记录": "printed"}
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "recovered_at_start")
        ).one()
        assert entry.detail == {"abandoned_visits": 1, "interrupted_print_jobs": 1}

    tasks = [r for r in views.snapshot(sessions, None).requests if r.kiosk_id == KIOSK]
    assert [(t.reason, t.context["device"]) for t in tasks] == [(PRINT_INTERRUPTED, "printer")]
    assert tasks[0].context["detail"] == f"参保证明 ({open_visit.reference})"


def test_a_second_start_with_nothing_open_changes_nothing(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    with Journal(tmp_path / "journal", sessions) as journal:
        journal.put(records.recovery(KIOSK))
        journal.put(records.recovery(KIOSK))
        assert journal.flush(10)
    assert [r for r in views.snapshot(sessions, None).requests if r.kiosk_id == KIOSK] == []
