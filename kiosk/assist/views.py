"""What a console shows, read in one go as plain frozen data (no ORM objects leave here).

``snapshot`` gives the open requests (longest waiting first) with who is coming, the escalation
level and the notes, and every kiosk with the latest state of each of its devices. It first
escalates what is overdue (``escalation.escalate_overdue``): the console's refresh is the clock
that escalates calls whose kiosk is gone and device tasks.
``visit_by_reference`` is the counter lookup: the reference on a ticket opens the visit.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.assist.escalation import Policy, escalate_overdue
from kiosk.assist.requests import FAULT_MEDIA, FAULT_STATES, OPEN_STATES
from kiosk.assist.times import aware
from kiosk.store.models import (
    AuditEntry,
    CounterTicket,
    DeviceEvent,
    HelpPeriod,
    HelpRequest,
    Kiosk,
    StaffMember,
    Visit,
    VisitEvent,
)


@dataclass(frozen=True)
class RequestView:
    id: int
    kiosk_id: str
    kiosk_name: str
    service_id: str
    step: str
    reason: str
    status: str
    requested_at: dt.datetime
    language: str
    escalation_level: int = 0  # 1: every console re-alerted, supervisor flagged; 2: counter
    staff_name: str = ""
    staff_no: str = ""
    eta_s: int | None = None
    notes: tuple[str, ...] = ()
    context: dict[str, Any] = field(default_factory=dict)

    def waited_s(self, now: dt.datetime) -> float:
        return max(0.0, (now - self.requested_at).total_seconds())

    @property
    def supervisor_flagged(self) -> bool:
        return self.escalation_level >= 1


@dataclass(frozen=True)
class DeviceView:
    device: str
    state: str
    media: str
    detail: str
    at: dt.datetime

    @property
    def faulty(self) -> bool:
        return self.state in FAULT_STATES or self.media in FAULT_MEDIA


@dataclass(frozen=True)
class KioskView:
    id: str
    name: str
    hall: str
    last_seen: dt.datetime
    devices: tuple[DeviceView, ...] = ()
    version: str = ""  # from the running kiosk's heartbeat (kiosk.heartbeat)


@dataclass(frozen=True)
class Snapshot:
    requests: tuple[RequestView, ...]
    kiosks: tuple[KioskView, ...]
    taken_at: dt.datetime


def _eta(note: str) -> int | None:
    found = re.fullmatch(r"eta (\d+)s", note)
    return int(found.group(1)) if found else None


def _request_views(session: Session, where: Any) -> list[RequestView]:
    rows = session.execute(
        select(HelpRequest, Kiosk.name)
        .join(Kiosk, Kiosk.id == HelpRequest.kiosk_id)
        .where(where)
        .order_by(HelpRequest.requested_at, HelpRequest.id)
    ).all()
    if not rows:
        return []
    ids = [r.id for r, _ in rows]
    periods = session.execute(
        select(HelpPeriod, StaffMember.name, StaffMember.staff_no)
        .outerjoin(StaffMember, StaffMember.id == HelpPeriod.staff_id)
        .where(HelpPeriod.request_id.in_(ids))
        .order_by(HelpPeriod.id)
    ).all()
    first = min(aware(r.requested_at) for r, _ in rows)
    note_rows = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.action == "help_note", AuditEntry.at >= first - dt.timedelta(seconds=5))
        .order_by(AuditEntry.id)
    ).all()
    notes: dict[int, list[str]] = {}
    for entry in note_rows:
        notes.setdefault(int(entry.detail.get("request_id", 0)), []).append(
            str(entry.detail.get("text", ""))
        )
    level: dict[int, int] = {}
    coming: dict[int, tuple[str, str, int | None]] = {}
    for period, name, staff_no in periods:
        if period.state == "escalated":
            level[period.request_id] = level.get(period.request_id, 0) + 1
        if period.state in ("acknowledged", "assisting") and name:
            eta = _eta(period.note)
            if eta is None and period.request_id in coming:
                eta = coming[period.request_id][2]
            coming[period.request_id] = (name, staff_no, eta)
    views = []
    for request, kiosk_name in rows:
        name, staff_no, eta = coming.get(request.id, ("", "", None))
        views.append(
            RequestView(
                id=request.id,
                kiosk_id=request.kiosk_id,
                kiosk_name=kiosk_name,
                service_id=request.service_id,
                step=request.step,
                reason=request.reason,
                status=request.status,
                requested_at=aware(request.requested_at),
                language=request.language,
                escalation_level=level.get(request.id, 0),
                staff_name=name,
                staff_no=staff_no,
                eta_s=eta,
                notes=tuple(notes.get(request.id, ())),
                context=dict(request.context or {}),
            )
        )
    return views


def request_view(sessions: sessionmaker[Session], request_id: int) -> RequestView | None:
    with sessions() as session:
        found = _request_views(session, HelpRequest.id == request_id)
        return found[0] if found else None


def _kiosk_views(session: Session) -> list[KioskView]:
    latest = (
        select(func.max(DeviceEvent.id))
        .group_by(DeviceEvent.kiosk_id, DeviceEvent.device)
        .scalar_subquery()
    )
    devices: dict[str, list[DeviceView]] = {}
    for event in session.scalars(
        select(DeviceEvent).where(DeviceEvent.id.in_(latest)).order_by(DeviceEvent.device)
    ):
        devices.setdefault(event.kiosk_id, []).append(
            DeviceView(event.device, event.state, event.media, event.detail, aware(event.at))
        )
    return [
        KioskView(k.id, k.name, k.hall, aware(k.last_seen), tuple(devices.get(k.id, ())), k.version)
        for k in session.scalars(select(Kiosk).order_by(Kiosk.id))
    ]


DEFAULT_POLICY = Policy()  # the configured defaults (60 s, 3 min)


def snapshot(
    sessions: sessionmaker[Session],
    policy: Policy | None = DEFAULT_POLICY,
    *,
    now: dt.datetime | None = None,
) -> Snapshot:
    """BLOCKING: everything a console draws, after escalating what ``policy`` finds overdue.

    Pass ``Policy.from_settings(settings.assist)``; ``None`` only reads.
    """
    if policy is not None:
        escalate_overdue(sessions, policy, now)
    with sessions() as session:
        requests = _request_views(session, HelpRequest.status.in_(OPEN_STATES))
        kiosks = _kiosk_views(session)
    return Snapshot(tuple(requests), tuple(kiosks), now or dt.datetime.now(dt.UTC))


# -- counter lookup ------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventView:
    at: dt.datetime
    kind: str
    step: str
    detail: dict[str, Any]


@dataclass(frozen=True)
class VisitRecord:
    visit_id: str
    reference: str
    kiosk_id: str
    service_id: str
    language: str
    started_at: dt.datetime
    ended_at: dt.datetime | None
    outcome: str | None
    resident_masked: str
    events: tuple[EventView, ...]
    tickets: tuple[str, ...]  # counter ticket summaries
    help: tuple[RequestView, ...]
    kiosk_name: str = ""  # as the hall knows the kiosk ("" when it never reported)


def normalise_reference(text: str) -> str:
    return re.sub(r"[^0-9A-Fa-f]", "", text).upper()


def visit_by_reference(sessions: sessionmaker[Session], reference: str) -> VisitRecord | None:
    """BLOCKING: the visit a counter ticket's reference (first 8 hex of the id) points at."""
    ref = normalise_reference(reference)
    if len(ref) != 8:
        return None
    with sessions() as session:
        visits = session.scalars(select(Visit).where(Visit.id.like(f"{ref.lower()}%"))).all()
        if len(visits) != 1:
            return None  # unknown, or (one in four billion) ambiguous: ask for the ticket
        visit = visits[0]
        events = session.scalars(
            select(VisitEvent).where(VisitEvent.visit_id == visit.id).order_by(VisitEvent.seq)
        ).all()
        tickets = session.scalars(
            select(CounterTicket.summary).where(CounterTicket.visit_id == visit.id)
        ).all()
        help_views = _request_views(session, HelpRequest.visit_id == visit.id)
        kiosk_name = session.scalar(select(Kiosk.name).where(Kiosk.id == visit.kiosk_id))
        return VisitRecord(
            visit_id=visit.id,
            reference=ref,
            kiosk_id=visit.kiosk_id,
            service_id=visit.service_id,
            language=visit.language,
            started_at=aware(visit.started_at),
            ended_at=aware(visit.ended_at) if visit.ended_at else None,
            outcome=visit.outcome,
            resident_masked=visit.resident_masked or "",
            events=tuple(EventView(aware(e.at), e.kind, e.step, dict(e.detail)) for e in events),
            tickets=tuple(tickets),
            help=tuple(help_views),
            kiosk_name=kiosk_name or "",
        )
