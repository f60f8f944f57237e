"""A simulated history in the shapes the kiosk writes, so a newcomer sees a full report.

Visits walk the real catalogue's steps and leave the events the flow engine records
(``history_visits``); some give up where people do, elder visits more often; help calls get
their periods and ratings include poor ones, which open cases as the recorder opens them
(``history_people``); printers run out of paper. Deterministic for a seed and a last day;
written a day at a time in bulk (COPY on PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from sqlalchemy import Connection, select

from kiosk.catalog.schema import Service
from kiosk.report.bulk import after_explicit_ids, insert_rows
from kiosk.report.history_rows import Batch, Counters, Ids, Plan, Simulation
from kiosk.report.history_visits import devices, visit
from kiosk.store.models import (
    AuditEntry,
    DeviceEvent,
    HelpPeriod,
    HelpRequest,
    Kiosk,
    PrintJob,
    Rating,
    RatingCase,
    StaffMember,
    Visit,
    VisitEvent,
)

__all__ = ["Counters", "Plan", "write_history"]

HELPERS = (("D01", "张敏 (demo)"), ("D02", "刘洋 (demo)"), ("D03", "陈静 (demo)"))
# The order rows are written in: a row after the rows it names.
TABLES = (
    Visit,
    VisitEvent,
    HelpRequest,
    HelpPeriod,
    Rating,
    RatingCase,
    PrintJob,
    DeviceEvent,
    AuditEntry,
)


def write_history(
    conn: Connection, services: Sequence[Service], plan: Plan, now: dt.datetime | None = None
) -> Counters:
    """Writes ``plan.days`` days ending with ``plan.last_day``; returns what was written."""
    rng = random.Random(plan.seed)
    now = now or dt.datetime.now(dt.UTC)
    staff = _ensure_helpers(conn)
    _ensure_kiosks(conn, plan, now)
    sim = Simulation(rng, plan, Ids(conn), staff, Counters(), now)
    offset = dt.timedelta(hours=plan.policy.utc_offset_hours)
    for back in range(plan.days - 1, -1, -1):
        day = plan.last_day - dt.timedelta(days=back)
        if not plan.policy.calendar.is_working_day(day):
            continue  # the hall is closed
        sim.batch = Batch()
        opening = dt.datetime.combine(day, dt.time(8, 30), dt.UTC) - offset
        for kiosk_id, _ in plan.kiosks:
            for _ in range(rng.randint(plan.visits_per_kiosk_day // 2, plan.visits_per_kiosk_day)):
                start = opening + dt.timedelta(seconds=rng.uniform(0, 9 * 3600))
                visit(sim, kiosk_id, rng.choice(services), start)
            devices(sim, kiosk_id, opening)
        _flush(conn, sim.batch)
    for table in (HelpRequest, Rating):
        after_explicit_ids(conn, table.__table__)  # type: ignore[arg-type]
    return sim.counters


def _flush(conn: Connection, batch: Batch) -> None:
    for model in TABLES:
        rows = batch.rows.get(model.__tablename__, [])
        insert_rows(conn, model.__table__, rows)  # type: ignore[arg-type]


def _ensure_helpers(conn: Connection) -> list[int]:
    for staff_no, name in HELPERS:
        found = conn.scalar(select(StaffMember.id).where(StaffMember.staff_no == staff_no))
        if found is None:  # "!" matches no PIN: demo helpers cannot sign in
            conn.execute(
                StaffMember.__table__.insert().values(  # type: ignore[attr-defined]
                    staff_no=staff_no,
                    name=name,
                    role="helper",
                    pin_hash="!",
                    active=True,
                    failed_attempts=0,
                    created_at=dt.datetime.now(dt.UTC),
                )
            )
    nos = [no for no, _ in HELPERS]
    return list(conn.scalars(select(StaffMember.id).where(StaffMember.staff_no.in_(nos))))


def _ensure_kiosks(conn: Connection, plan: Plan, now: dt.datetime) -> None:
    for i, (kiosk_id, name) in enumerate(plan.kiosks):
        if conn.scalar(select(Kiosk.id).where(Kiosk.id == kiosk_id)) is None:
            # The last kiosk has been silent for two hours: the report lists it as not seen.
            seen = now - dt.timedelta(hours=2) if i == len(plan.kiosks) - 1 else now
            conn.execute(
                Kiosk.__table__.insert().values(  # type: ignore[attr-defined]
                    id=kiosk_id, name=name, hall=plan.hall, created_at=now, last_seen=seen
                )
            )
