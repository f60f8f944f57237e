"""Journal records into the store: one function a kind, each inside the caller's transaction.

Every row written carries the record's id under a unique constraint, and ``written`` looks it
up first: a record replayed after a crash (stored, but not yet confirmed in the journal) is
found and written no second time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from kiosk.assist import effects
from kiosk.assist.requests import PRINT_INTERRUPTED, device_event_in, open_staff_task, request_in
from kiosk.flow.events import EventKind
from kiosk.flow.state import Outcome, VisitState
from kiosk.report.cases import CasePolicy, open_for
from kiosk.store import records as r
from kiosk.store.models import (
    AuditEntry,
    DeviceEvent,
    HelpRequest,
    Kiosk,
    PrintJob,
    Rating,
    Visit,
    VisitEvent,
)
from kiosk.store.upsert import conflict_free_insert
from kiosk.store.visits import ensure_visit


class Unwritable(Exception):
    """The record can never be written (it names a row that does not exist)."""


_ID_COLUMN: dict[str, InstrumentedAttribute[str | None]] = {
    r.VISIT_EVENT: VisitEvent.record_id,
    r.HELP_REQUEST: HelpRequest.record_id,
    r.AUDIT: AuditEntry.record_id,
    r.PRINT_JOB: PrintJob.record_id,
    r.PRINT_DONE: PrintJob.finish_record_id,
    r.DEVICE_EVENT: DeviceEvent.record_id,
    r.RECOVERY: AuditEntry.record_id,  # the recovery leaves an audit entry
}


def written(session: Session, record: r.Record) -> bool:
    """Is this record in the store already?"""
    column = _ID_COLUMN[record.kind]
    return session.scalar(select(func.count()).where(column == record.id)) != 0


def write(session: Session, record: r.Record, cases: CasePolicy | None = None) -> None:
    """``cases``: the hall's rules for follow-up cases, which a poor rating opens."""
    if record.kind == r.VISIT_EVENT:
        _visit_event(session, record, cases or CasePolicy())
    else:
        _WRITERS[record.kind](session, record)


def _kiosk(session: Session, kiosk_id: str) -> None:
    """A kiosk that started while the store was away has no row yet."""
    insert = conflict_free_insert(session)
    session.execute(
        insert(Kiosk)
        .values(id=kiosk_id, name=kiosk_id, hall="")
        .on_conflict_do_nothing(index_elements=["id"])
    )


def _state(data: Any) -> VisitState | None:
    return VisitState.from_json(data) if data else None


def _time(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _visit_event(session: Session, record: r.Record, cases: CasePolicy) -> None:
    d = record.data
    state = VisitState.from_json(d["state"])
    kind = EventKind(d["event"])
    detail: dict[str, Any] = dict(d["detail"])
    _kiosk(session, d["kiosk_id"])
    visit = ensure_visit(session, d["kiosk_id"], state, _time(d["started_at"]))
    if state.resident is not None and visit.resident_hash is None:
        visit.resident_hash = state.resident.id_hash
        visit.resident_masked = state.resident.masked
    seq = session.scalar(
        select(func.coalesce(func.max(VisitEvent.seq), 0)).where(
            VisitEvent.visit_id == state.visit_id
        )
    )
    session.add(
        VisitEvent(
            visit_id=state.visit_id,
            seq=(seq or 0) + 1,
            at=record.at,
            kind=kind.value,
            step=str(detail.get("step", "")),
            detail=detail,
            record_id=record.id,
        )
    )
    if kind is EventKind.RATED:
        rating = Rating(
            visit_id=state.visit_id,
            kiosk_id=d["kiosk_id"],
            service_id=state.service_id,
            level=str(detail["level"]),
            reason=str(detail.get("reason", "")),
            at=record.at,
        )
        session.add(rating)
        open_for(session, rating, cases)  # 不满意 and 非常不满意: a follow-up case
    elif kind is EventKind.VISIT_ENDED:
        visit.ended_at, visit.outcome = record.at, str(detail["outcome"])
        visit.state_json = state.to_json()
    elif kind is EventKind.LANGUAGE:
        visit.language = state.language


def _help_request(session: Session, record: r.Record) -> None:
    d = record.data
    _kiosk(session, d["kiosk_id"])
    request_in(
        session,
        d["kiosk_id"],
        str(d["reason"]),
        _state(d["state"]),
        _time(d["started_at"]),
        dict(d["context"]),
        record_id=record.id,
        requested_at=record.at,
    )


def _audit(session: Session, record: r.Record) -> None:
    d = record.data
    for data in d["effects"]:
        effects.from_data(data)(session)
    session.add(
        AuditEntry(
            at=record.at,
            staff_id=d["staff_id"],
            kiosk_id=d["kiosk_id"],
            visit_id=d["visit_id"],
            action=str(d["action"]),
            detail=dict(d["detail"]),
            record_id=record.id,
        )
    )


def _print_job(session: Session, record: r.Record) -> None:
    d = record.data
    _kiosk(session, d["kiosk_id"])
    state = _state(d["state"])
    visit_id = None
    if state is not None:
        visit_id = ensure_visit(session, d["kiosk_id"], state, _time(d["started_at"])).id
    session.add(
        PrintJob(
            kiosk_id=d["kiosk_id"],
            document=str(d["title"]),
            visit_id=visit_id,
            created_at=record.at,
            record_id=record.id,
        )
    )


def _print_done(session: Session, record: r.Record) -> None:
    d = record.data
    job = session.scalar(select(PrintJob).where(PrintJob.record_id == d["job"]))
    if job is None:
        raise Unwritable(f"print job {d['job']} is not in the store")
    job.status = "printed" if d["ok"] else "failed"
    job.reason, job.warning = str(d["reason"]), str(d["warning"])
    job.finished_at, job.finish_record_id = record.at, record.id


def _device_event(session: Session, record: r.Record) -> None:
    d = record.data
    _kiosk(session, d["kiosk_id"])
    device_event_in(
        session,
        d["kiosk_id"],
        str(d["device"]),
        str(d["state"]),
        str(d["media"]),
        str(d["detail"]),
        record_id=record.id,
        at=record.at,
    )


def _recovery(session: Session, record: r.Record) -> None:
    kiosk_id = str(record.data["kiosk_id"])
    _kiosk(session, kiosk_id)
    visits = close_abandoned_visits(session, kiosk_id)
    jobs = interrupt_pending_jobs(session, kiosk_id, record.at)
    session.add(
        AuditEntry(
            at=record.at,
            kiosk_id=kiosk_id,
            action="recovered_at_start",
            detail={"abandoned_visits": visits, "interrupted_print_jobs": jobs},
            record_id=record.id,
        )
    )


def close_abandoned_visits(session: Session, kiosk_id: str) -> int:
    """Visits a stopped kiosk left open: ended as abandoned at the time of their last event."""
    open_visits = session.scalars(
        select(Visit).where(Visit.kiosk_id == kiosk_id, Visit.ended_at.is_(None))
    ).all()
    for visit in open_visits:
        last_seq, last_at = session.execute(
            select(func.max(VisitEvent.seq), func.max(VisitEvent.at)).where(
                VisitEvent.visit_id == visit.id
            )
        ).one()
        ended = last_at or visit.started_at
        visit.ended_at, visit.outcome = ended, Outcome.ABANDONED.value
        detail = {"outcome": Outcome.ABANDONED.value, "why": "the kiosk stopped"}
        session.add(
            VisitEvent(
                visit_id=visit.id,
                seq=(last_seq or 0) + 1,
                at=ended,
                kind=EventKind.VISIT_ENDED.value,
                detail=detail,
            )
        )
    return len(open_visits)


def interrupt_pending_jobs(session: Session, kiosk_id: str, at: dt.datetime) -> int:
    """Print jobs a stopped kiosk left pending: interrupted, and one staff task to check them
    (the resident may have left without a paper they were told was printing)."""
    jobs = session.scalars(
        select(PrintJob).where(PrintJob.kiosk_id == kiosk_id, PrintJob.status == "pending")
    ).all()
    for job in jobs:
        job.status, job.reason, job.finished_at = "interrupted", "kiosk_stopped", at
    if jobs:
        open_staff_task(
            session,
            kiosk_id,
            PRINT_INTERRUPTED,
            "printer",
            "interrupted",
            # each paper with its visit's reference, the one a counter types to open it
            detail="; ".join(f"{job.document} ({_reference(job.visit_id)})" for job in jobs)[:500],
        )
    return len(jobs)


def _reference(visit_id: str | None) -> str:
    return visit_id[:8].upper() if visit_id else "-"  # as VisitState.reference


_WRITERS: dict[str, Callable[[Session, r.Record], None]] = {
    r.HELP_REQUEST: _help_request,
    r.AUDIT: _audit,
    r.PRINT_JOB: _print_job,
    r.PRINT_DONE: _print_done,
    r.DEVICE_EVENT: _device_event,
    r.RECOVERY: _recovery,
}
