"""The visit row, made by whichever writer needs it first.

The event writer, a help request and a print job may each be first to need a visit's row; they
all insert it the same way, unless it exists, so no writer races another on the primary key and
the start time is always the visit's own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy.orm import Session

from kiosk.flow.state import VisitState
from kiosk.store import records
from kiosk.store.models import Visit
from kiosk.store.records import Record
from kiosk.store.upsert import conflict_free_insert


def wall_start(state: VisitState, clock: Callable[[], float]) -> dt.datetime:
    """When the visit began, on the wall clock: the engine keeps monotonic times."""
    return dt.datetime.now(dt.UTC) - dt.timedelta(seconds=max(0.0, clock() - state.started_at))


def ensure_visit(
    session: Session, kiosk_id: str, state: VisitState, started_at: dt.datetime
) -> Visit:
    insert = conflict_free_insert(session)
    session.execute(
        insert(Visit)
        .values(
            id=state.visit_id,
            kiosk_id=kiosk_id,
            service_id=state.service_id,
            service_version=state.service_version,
            language=state.language,
            elder_mode=state.elder,
            audio_mode=state.audio,
            started_at=started_at,
        )
        .on_conflict_do_nothing(index_elements=["id"])
    )
    visit = session.get(Visit, state.visit_id)
    assert visit is not None
    return visit


def print_job_record(
    kiosk_id: str, state: VisitState | None, title: str, clock: Callable[[], float]
) -> Record:
    """The journal's form of a print job started for this visit (``clock``: the engine's)."""
    if state is None:
        return records.print_job(kiosk_id, title)
    return records.print_job(kiosk_id, title, state=state, started_at=wall_start(state, clock))
