"""The life of a help request, as rows: a request and its timestamped periods.

requested -> acknowledged (by whom, expected arrival) -> assisting (takeover at the kiosk) ->
resolved (with an outcome) | cancelled (by the resident) | escalated (nobody came in time).
Audit and the figures (time to acknowledge, time to a person) come from the same rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from kiosk.assist.holder import holder_of, may_act, taken_at_kiosk
from kiosk.assist.notify import announce
from kiosk.assist.vocabulary import RESOLUTIONS, AlreadyTaken, RequestClosed
from kiosk.catalog.kinds import StepKind
from kiosk.flow.engine import FlowEngine
from kiosk.flow.state import VisitState
from kiosk.store import records
from kiosk.store.models import DeviceEvent, HelpPeriod, HelpRequest
from kiosk.store.visits import ensure_visit, wall_start

OPEN_STATES = ("requested", "acknowledged", "assisting", "escalated")
UNANSWERED = ("requested", "escalated")
# A device in one of these needs a person: it becomes a staff task (a request of its own), and
# the console shows it as faulty. A device a helper switched off is out of use until someone
# fixes it and switches it on again, so it counts too.
FAULT_STATES = ("offline", "hardware_error", "no_device", "disabled_by_staff")
FAULT_MEDIA = ("low", "out", "jammed", "cover_open")
# A staff task opened at start when the last run stopped while printing.
PRINT_INTERRUPTED = "print_interrupted"


def context_of(engine: FlowEngine | None) -> dict[str, Any]:
    """What the helper needs to know before arriving; never an unmasked ID. A call from the
    visit's finished screen says the visit was at its end (``at_end``): its done step is not
    a step, and no step's number is given for it."""
    if engine is None:
        return {}
    s = engine.state
    errors = [k for k in ("rejects", "warnings", "backs") if getattr(s, k)]
    place: dict[str, Any] = (
        {"at_end": True}
        if engine.step.kind is StepKind.DONE
        else {
            "step_number": engine.step_number,
            "step_count": engine.step_count,  # the most there can be, while undecided
            "step_count_known": engine.progress.decided,
        }
    )
    return {
        "service": s.service_id,
        "step": engine.step.id,
        **place,
        "seconds_in_visit": round(engine.clock() - s.started_at, 1),
        "seconds_on_step": round(engine.clock() - s.step_entered_at, 1),
        "elder_mode": s.elder,
        "audio_mode": s.audio,
        "resident": s.resident.masked if s.resident else "",
        "troubles": {k: getattr(s, k) for k in errors},
        "print_error": s.print_error,
        "offer": s.help_offer,
        "reference": s.reference,
    }


def raise_request(
    sessions: sessionmaker[Session], kiosk_id: str, engine: FlowEngine | None, reason: str
) -> int:
    context = context_of(engine)
    with sessions.begin() as session:
        state = engine.state if engine is not None else None
        started = wall_start(engine.state, engine.clock) if engine is not None else None
        return request_in(session, kiosk_id, reason, state, started, context).id


def help_record(kiosk_id: str, engine: FlowEngine | None, reason: str) -> records.Record:
    """The journal's form of ``raise_request``: the same context, written later if need be.

    Put it in the journal and watch for its row with ``request_by_record(record.id)``; a call
    made while the store is away reaches the consoles as soon as the store is back, counted
    from the press.
    """
    if engine is None:
        return records.help_request(kiosk_id, reason)
    return records.help_request(
        kiosk_id,
        reason,
        state=engine.state,
        started_at=wall_start(engine.state, engine.clock),
        context=context_of(engine),
    )


def request_in(
    session: Session,
    kiosk_id: str,
    reason: str,
    state: VisitState | None = None,
    started_at: dt.datetime | None = None,
    context: dict[str, Any] | None = None,
    *,
    record_id: str | None = None,
    requested_at: dt.datetime | None = None,
) -> HelpRequest:
    """Within a caller's transaction: a new request and its first period, announced."""
    context = context or {}
    visit_id = None
    if state is not None:
        # The visit row may still be in the event writer's queue, or being written by it
        # right now: insert it unless it exists, without a race on the primary key.
        visit_id = state.visit_id
        ensure_visit(session, kiosk_id, state, started_at or dt.datetime.now(dt.UTC))
    requested_at = requested_at or dt.datetime.now(dt.UTC)
    request = HelpRequest(
        kiosk_id=kiosk_id,
        visit_id=visit_id,
        service_id=context.get("service", ""),
        step=context.get("step", ""),
        reason=reason,
        language=state.language if state is not None else "zh",
        context=context,
        requested_at=requested_at,
        record_id=record_id,
    )
    session.add(request)
    session.flush()
    session.add(HelpPeriod(request_id=request.id, state="requested", started_at=requested_at))
    announce(session, "request", request.id, "requested")
    return request


def request_by_record(sessions: sessionmaker[Session], record_id: str) -> int | None:
    """The row id of the request journalled as ``record_id``, once it is written."""
    with sessions() as session:
        return session.scalar(select(HelpRequest.id).where(HelpRequest.record_id == record_id))


def _move(
    session: Session, request_id: int, state: str, staff_id: int | None = None, note: str = ""
) -> HelpRequest:
    request = session.get(HelpRequest, request_id)
    if request is None:
        raise KeyError(request_id)
    if request.status not in OPEN_STATES:
        raise RequestClosed(f"help request {request_id} is {request.status}")
    now = dt.datetime.now(dt.UTC)
    current = session.scalars(
        select(HelpPeriod).where(HelpPeriod.request_id == request_id, HelpPeriod.ended_at.is_(None))
    ).all()
    for period in current:
        period.ended_at = now
    request.status = state
    session.add(
        HelpPeriod(request_id=request_id, state=state, started_at=now, staff_id=staff_id, note=note)
    )
    announce(session, "request", request_id, state)
    return request


def acknowledge(
    sessions: sessionmaker[Session], request_id: int, staff_id: int, eta_s: int = 60
) -> None:
    """One helper goes: a second console pressing at the same moment gets AlreadyTaken.

    The claim is a conditional UPDATE, atomic on both databases (SQLite runs a plain SELECT
    outside any transaction, so a read-then-write check would let two consoles through).
    A call never moves back: the helper who already has it (acknowledged or assisting)
    pressing again changes nothing; anyone else gets AlreadyTaken.
    """
    with sessions.begin() as session:
        claimed = session.execute(
            update(HelpRequest)
            .where(HelpRequest.id == request_id, HelpRequest.status.in_(UNANSWERED))
            .values(status="acknowledged")
            .execution_options(synchronize_session=False)
        )
        if not claimed.rowcount:  # type: ignore[attr-defined]
            request = session.get(HelpRequest, request_id)
            if request is None:
                raise KeyError(request_id)
            if request.status not in OPEN_STATES:
                raise RequestClosed(f"help request {request_id} is {request.status}")
            taker = session.scalar(
                select(HelpPeriod.staff_id).where(
                    HelpPeriod.request_id == request_id, HelpPeriod.ended_at.is_(None)
                )
            )
            if taker != staff_id:
                raise AlreadyTaken(request_id, taker)
            return  # this helper has it already
        _move(session, request_id, "acknowledged", staff_id, f"eta {eta_s}s")


def begin_assisting(
    sessions: sessionmaker[Session], request_id: int, staff_id: int, place: str = ""
) -> None:
    """我到了: only by the helper who has the call (or one who may override: ``holder``)."""
    with sessions.begin() as session:
        may_act(session, _open(session, request_id), staff_id, "arrive", place)
        _move(session, request_id, "assisting", staff_id)


def _open(session: Session, request_id: int) -> HelpRequest:
    request = session.get(HelpRequest, request_id)
    if request is None:
        raise KeyError(request_id)
    if request.status not in OPEN_STATES:
        raise RequestClosed(f"help request {request_id} is {request.status}")
    return request


def move_in(
    session: Session,
    request_id: int,
    state: str,
    staff_id: int | None = None,
    note: str = "",
    *,
    repeat: bool = False,
) -> None:
    """Within a caller's transaction: a new period (assisting, escalated), if still open.

    A move to the state it is already in is skipped unless ``repeat`` (a second escalation),
    or unless it is a helper signing in at the kiosk of a call another helper is assisting:
    the one standing by the resident has it, so the call changes hands even then.
    """
    request = session.get(HelpRequest, request_id)
    if request is None or request.status not in OPEN_STATES:
        return
    changes_hands = (
        state == "assisting"
        and staff_id is not None
        and holder_of(session, request) not in (None, staff_id)
    )
    if repeat or request.status != state or changes_hands:
        if state == "assisting":  # a helper signed in at the kiosk: they are there
            # Audited whatever note the takeover came with; that note names the period.
            taken = taken_at_kiosk(session, request, staff_id)
            note = note or taken
        _move(session, request_id, state, staff_id, note)


def _end(
    session: Session,
    request_id: int,
    status: str,
    resolution: str | None,
    staff_id: int | None,
    note: str,
) -> None:
    """The last period (resolved or cancelled); every period and the request are closed."""
    request = _move(session, request_id, status, staff_id, note)
    now = dt.datetime.now(dt.UTC)
    request.closed_at, request.resolution = now, resolution or None
    for period in request.periods:
        if period.ended_at is None:
            period.ended_at = now


def close_in(
    session: Session, request_id: int, resolution: str, staff_id: int | None, note: str = ""
) -> None:
    """Within a caller's transaction: resolve the request if it is still open."""
    request = session.get(HelpRequest, request_id)
    if request is None or request.status not in OPEN_STATES:
        return
    _end(session, request_id, "resolved", resolution, staff_id, note)


def close(
    sessions: sessionmaker[Session],
    request_id: int,
    status: str,
    resolution: str = "",
    staff_id: int | None = None,
    note: str = "",
    place: str = "",
) -> None:
    """End a request: resolved (with one of RESOLUTIONS; by the helper who has it, or one who
    may override: ``holder``) or cancelled by the resident."""
    if status == "resolved" and resolution not in RESOLUTIONS:
        raise ValueError(f"resolution must be one of {RESOLUTIONS}")
    if status not in ("resolved", "cancelled"):
        raise ValueError("status must be resolved or cancelled")
    with sessions.begin() as session:
        if status == "resolved":
            may_act(session, _open(session, request_id), staff_id, "resolve", place)
        _end(session, request_id, status, resolution, staff_id, note)


def open_requests(sessions: sessionmaker[Session]) -> list[HelpRequest]:
    """Open requests, longest waiting first."""
    with sessions() as session:
        return list(
            session.scalars(
                select(HelpRequest)
                .where(HelpRequest.status.in_(OPEN_STATES))
                .order_by(HelpRequest.requested_at)
            ).all()
        )


def record_device_event(
    sessions: sessionmaker[Session],
    kiosk_id: str,
    device: str,
    state: str,
    media: str = "",
    detail: str = "",
) -> None:
    """A device's change of state; a fault opens a staff task unless one is already open."""
    with sessions.begin() as session:
        device_event_in(session, kiosk_id, device, state, media, detail)


def device_event_in(
    session: Session,
    kiosk_id: str,
    device: str,
    state: str,
    media: str = "",
    detail: str = "",
    *,
    record_id: str | None = None,
    at: dt.datetime | None = None,
) -> None:
    """Within a caller's transaction: the event, and a staff task for a fault."""
    session.add(
        DeviceEvent(
            kiosk_id=kiosk_id,
            device=device,
            state=state,
            media=media,
            detail=detail,
            at=at or dt.datetime.now(dt.UTC),
            record_id=record_id,
        )
    )
    announce(session, "device")
    if state not in FAULT_STATES and media not in FAULT_MEDIA:
        return
    open_staff_task(session, kiosk_id, f"device:{device}", device, state, media, detail)


def open_staff_task(
    session: Session,
    kiosk_id: str,
    reason: str,
    device: str,
    state: str,
    media: str = "",
    detail: str = "",
) -> None:
    """A request for staff about the kiosk itself, unless one for the same cause is open."""
    open_task = session.scalar(
        select(HelpRequest.id).where(
            HelpRequest.kiosk_id == kiosk_id,
            HelpRequest.reason == reason,
            HelpRequest.status.in_(OPEN_STATES),
        )
    )
    if open_task is None:
        task = HelpRequest(
            kiosk_id=kiosk_id,
            reason=reason,
            context={"device": device, "state": state, "media": media, "detail": detail},
        )
        session.add(task)
        session.flush()
        session.add(HelpPeriod(request_id=task.id, state="requested"))
        announce(session, "request", task.id, "requested")
