"""A simulated history in the shapes the kiosk writes, so a newcomer sees a full report.

Visits walk the real catalogue's steps and leave the events the flow engine records; some give
up where people do (the card, typing a number), elder visits more often; help calls get their
periods; ratings include poor ones, which open cases as the recorder opens them; printers run
out of paper. Deterministic for a seed and a last day; written in bulk (COPY on PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from kiosk.catalog.schema import Service, Step, StepKind
from kiosk.flow.engine import NOT_RATED, RATINGS
from kiosk.report.bulk import after_explicit_ids, insert_rows, next_id
from kiosk.report.cases import BAD_LEVELS, CATEGORIES, CasePolicy, guess_category
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

# Chance to give up on a step, by its kind: reading a card and typing are where people stop.
GIVE_UP = {
    StepKind.IDENTIFY: 0.06,
    StepKind.INPUT: 0.05,
    StepKind.CONFIRM: 0.02,
    StepKind.LOOKUP: 0.02,
    StepKind.PRINT: 0.015,
    StepKind.CHOOSE: 0.02,
}
TIME_OUT = {StepKind.IDENTIFY: 0.02, StepKind.INPUT: 0.025, StepKind.INFO: 0.01}
LEVEL_WEIGHTS = (60, 20, 8, 4, 2)  # RATINGS order; and 6 of 100 skip
REASONS = ("slow", "hard", "unsolved", "other")
HELPERS = (("D01", "张敏 (demo)"), ("D02", "刘洋 (demo)"), ("D03", "陈静 (demo)"))


@dataclass
class Batch:
    """One day's rows for each table, written together."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.rows.setdefault(table, []).append(row)


@dataclass
class Plan:
    days: int
    last_day: dt.date
    seed: int = 1
    visits_per_kiosk_day: int = 40
    kiosks: Sequence[tuple[str, str]] = (
        ("kiosk-1", "自助服务终端 1"),
        ("kiosk-2", "自助服务终端 2"),
        ("kiosk-3", "自助服务终端 3"),
    )
    hall: str = "示范服务大厅"
    policy: CasePolicy = field(default_factory=CasePolicy)


@dataclass
class Counters:
    visits: int = 0
    events: int = 0
    help_calls: int = 0
    ratings: int = 0
    cases: int = 0
    device_events: int = 0


class _Ids:
    def __init__(self, conn: Connection) -> None:
        self.help = next_id(conn, HelpRequest.__table__)  # type: ignore[arg-type]
        self.rating = next_id(conn, Rating.__table__)  # type: ignore[arg-type]


def write_history(
    conn: Connection, services: Sequence[Service], plan: Plan, now: dt.datetime | None = None
) -> Counters:
    """Writes ``plan.days`` days ending with ``plan.last_day``; returns what was written."""
    rng = random.Random(plan.seed)
    now = now or dt.datetime.now(dt.UTC)
    counters = Counters()
    staff = _ensure_helpers(conn)
    _ensure_kiosks(conn, plan, now)
    ids = _Ids(conn)
    offset = dt.timedelta(hours=plan.policy.utc_offset_hours)
    for back in range(plan.days - 1, -1, -1):
        day = plan.last_day - dt.timedelta(days=back)
        if not plan.policy.calendar.is_working_day(day):
            continue  # the hall is closed
        batch = Batch()
        opening = dt.datetime.combine(day, dt.time(8, 30), dt.UTC) - offset
        for kiosk_id, _ in plan.kiosks:
            for _ in range(rng.randint(plan.visits_per_kiosk_day // 2, plan.visits_per_kiosk_day)):
                start = opening + dt.timedelta(seconds=rng.uniform(0, 9 * 3600))
                service = rng.choice(services)
                _visit(rng, batch, ids, staff, kiosk_id, service, start, plan, counters, now)
            _devices(rng, batch, kiosk_id, opening, counters)
        _flush(conn, batch)
    for table in (HelpRequest, Rating):
        after_explicit_ids(conn, table.__table__)  # type: ignore[arg-type]
    return counters


def _flush(conn: Connection, batch: Batch) -> None:
    order = (
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
    for model in order:
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


class _Walk:
    """The events of one visit, numbered and timed as the recorder numbers and times them."""

    def __init__(self, batch: Batch, visit_id: str, at: dt.datetime, counters: Counters) -> None:
        self.batch, self.visit_id, self.at, self.seq, self.counters = (
            batch,
            visit_id,
            at,
            0,
            counters,
        )

    def event(self, what: str, step: str = "", **detail: Any) -> dt.datetime:
        self.seq += 1
        self.counters.events += 1
        self.batch.add(
            "visit_events",
            {
                "visit_id": self.visit_id,
                "seq": self.seq,
                "at": self.at,
                "kind": what,
                "step": step,
                "detail": {"step": step, **detail} if step else detail,
            },
        )
        return self.at

    def wait(self, rng: random.Random, lo: float, hi: float, slow: float) -> None:
        self.at += dt.timedelta(seconds=rng.uniform(lo, hi) * slow)


def _visit(
    rng: random.Random,
    batch: Batch,
    ids: _Ids,
    staff: list[int],
    kiosk_id: str,
    service: Service,
    start: dt.datetime,
    plan: Plan,
    counters: Counters,
    now: dt.datetime,
) -> None:
    visit_id = f"{rng.getrandbits(128):032x}"
    language = "en" if rng.random() < 0.06 else "zh"
    elder, audio = rng.random() < 0.25, rng.random() < 0.04
    slow = 1.6 if elder else 1.0
    walk = _Walk(batch, visit_id, start, counters)
    walk.event("visit_started", language=language, elder=elder, audio=audio)
    outcome, helped = "", False
    steps = [s for s in service.steps if s.kind is not StepKind.DONE]
    for index, step in enumerate(steps):
        walk.wait(rng, 1, 4, slow)
        walk.event("step_entered", step.id, kind=step.kind.value, index=index)
        if rng.random() < 0.04 and index:
            walk.event("back", step.id)
            walk.wait(rng, 3, 10, slow)
            walk.event("step_entered", step.id, kind=step.kind.value, index=index)
        risk = GIVE_UP.get(step.kind, 0.01) * (1.5 if elder else 1.0)
        asks = rng.random() < (0.08 if elder else 0.03)
        if asks and not helped and step.kind in (StepKind.IDENTIFY, StepKind.INPUT):
            helped = _help(rng, batch, ids, staff, walk, kiosk_id, service, step, counters)
            risk /= 3  # a person at their side
        outcome = _act(rng, walk, step, slow, risk, plan, batch, ids, kiosk_id, service, now)
        if outcome:
            break
    if not outcome:
        outcome = "completed_with_help" if helped else "completed"
        walk.wait(rng, 1, 3, 1)
    final = (
        steps[-1].id
        if outcome.startswith("completed")
        else walk.batch.rows["visit_events"][-1]["step"]
    )
    walk.event(
        "visit_ended", final, outcome=outcome, seconds=round((walk.at - start).total_seconds(), 3)
    )
    counters.visits += 1
    batch.add(
        "visits",
        {
            "id": visit_id,
            "kiosk_id": kiosk_id,
            "service_id": service.id,
            "language": language,
            "elder_mode": elder,
            "audio_mode": audio,
            "started_at": start,
            "ended_at": walk.at,
            "outcome": outcome,
            "resident_hash": None,
            "resident_masked": None,
            "state_json": None,
        },
    )


def _act(
    rng: random.Random,
    walk: _Walk,
    step: Step,
    slow: float,
    risk: float,
    plan: Plan,
    batch: Batch,
    ids: _Ids,
    kiosk_id: str,
    service: Service,
    now: dt.datetime,
) -> str:
    """What the resident does on one step; an outcome if the visit ends here."""
    kind = step.kind
    if kind is StepKind.RATE:  # leaving here skips the rating (the engine's rule): no give-up
        walk.wait(rng, 3, 12, slow)
        _rate(rng, walk, step, plan, batch, ids, kiosk_id, service, now)
        return ""
    if kind is StepKind.IDENTIFY:
        while rng.random() < 0.15 * slow:
            walk.wait(rng, 3, 8, slow)
            walk.event("input_rejected", step.id, problem="card_unreadable", count=1)
    walk.wait(rng, 4, 30 if kind in (StepKind.INPUT, StepKind.IDENTIFY) else 12, slow)
    if rng.random() < TIME_OUT.get(kind, 0.003) * slow:
        walk.event("timeout_warning", step.id, count=1, seconds=30)
        walk.wait(rng, 30, 30, 1)
        walk.event("timed_out", step.id)
        return "timed_out"
    if rng.random() < risk:
        walk.event("home", step.id)
        return "cancelled"
    if kind is StepKind.IDENTIFY:
        walk.event("identified", step.id, method=rng.choice(("card", "card", "qr", "keypad")))
    elif kind is StepKind.INPUT:
        if rng.random() < 0.1:
            walk.event("input_rejected", step.id, problem="format", count=1)
        walk.event("input_accepted", step.id)
    elif kind is StepKind.CHOOSE:
        walk.event("chosen", step.id, value="1")
    elif kind is StepKind.CONFIRM:
        walk.event("confirmed", step.id)
    elif kind in (StepKind.LOOKUP, StepKind.TICKET):
        walk.event("backend_answered", step.id)
    elif kind is StepKind.PRINT:
        _print(rng, walk, step, batch, kiosk_id)
    return ""


def _print(rng: random.Random, walk: _Walk, step: Step, batch: Batch, kiosk_id: str) -> None:
    failed = rng.random() < 0.04
    started = walk.at
    if failed:
        walk.event("print_failed", step.id, reason="paper_out")
        walk.wait(rng, 20, 60, 1)
    walk.event("printed", step.id, warning="")
    batch.add(
        "print_jobs",
        {
            "kiosk_id": kiosk_id,
            "visit_id": walk.visit_id,
            "document": step.id,
            "status": "printed",
            "reason": "paper_out" if failed else "",
            "warning": "",
            "created_at": started,
            "finished_at": walk.at,
        },
    )


def _rate(
    rng: random.Random,
    walk: _Walk,
    step: Step,
    plan: Plan,
    batch: Batch,
    ids: _Ids,
    kiosk_id: str,
    service: Service,
    now: dt.datetime,
) -> None:
    level = NOT_RATED if rng.random() < 0.06 else rng.choices(RATINGS, LEVEL_WEIGHTS)[0]
    reason = rng.choice(REASONS) if level in BAD_LEVELS and rng.random() < 0.7 else ""
    at = walk.event("rated", step.id, level=level, reason=reason, service=service.id)
    rating_id, ids.rating = ids.rating, ids.rating + 1
    batch.add(
        "ratings",
        {
            "id": rating_id,
            "visit_id": walk.visit_id,
            "kiosk_id": kiosk_id,
            "service_id": service.id,
            "level": level,
            "reason": reason,
            "at": at,
            "followed_up": False,
            "withdrawn_at": None,
            "withdrawn_reason": "",
        },
    )
    walk.counters.ratings += 1
    if level not in BAD_LEVELS:
        return
    due = plan.policy.due_on(at)
    age = (now - at).days
    case = {
        "rating_id": rating_id,
        "category": guess_category(reason),
        "status": "open",
        "opened_at": at,
        "due_on": due,
        "contacted_at": None,
        "contact_result": "",
        "rectified_at": None,
        "rectification": "",
        "closed_at": None,
        "closure": "",
    }
    if age > 3 and rng.random() < 0.8:  # most older cases were called back, then closed
        case["category"] = rng.choices(CATEGORIES, (50, 20, 10, 15, 5))[0]
        case.update(
            status="contacted",
            contacted_at=at + dt.timedelta(days=2),
            contact_result="回访：已致电居民，说明了办理要求",
        )
        if age > 10 and rng.random() < 0.85:
            case.update(
                status="closed",
                closed_at=at + dt.timedelta(days=6),
                closure="已向居民解释并改进指引",
            )
    batch.add("rating_cases", case)
    walk.counters.cases += 1
    for action, when, status in (
        ("open", at, "open"),
        ("contact", case["contacted_at"], "contacted"),
        ("close", case["closed_at"], "closed"),
    ):
        if when is not None:  # the audit trail the case commands would have left
            batch.add(
                "audit_entries",
                {
                    "at": when,
                    "staff_id": None,
                    "kiosk_id": kiosk_id,
                    "visit_id": walk.visit_id,
                    "action": f"rating_case.{action}",
                    "detail": {"rating": rating_id, "status": status},
                },
            )


def _help(
    rng: random.Random,
    batch: Batch,
    ids: _Ids,
    staff: list[int],
    walk: _Walk,
    kiosk_id: str,
    service: Service,
    step: Step,
    counters: Counters,
) -> bool:
    """A call for a person with its periods; True if a helper came and took over."""
    requested = walk.event("help_requested", step.id, reason="resident", seconds_on_step=20.0)
    request_id, ids.help = ids.help, ids.help + 1
    counters.help_calls += 1
    periods: list[tuple[str, dt.datetime, int | None]] = [("requested", requested, None)]
    ack = rng.lognormvariate(3.6, 0.6)  # about 40 s, a long tail
    if ack > 60:
        periods.append(("escalated", requested + dt.timedelta(seconds=60), None))
    helper = rng.choice(staff) if staff else None
    t_ack = requested + dt.timedelta(seconds=ack)
    t_arrive = t_ack + dt.timedelta(seconds=rng.uniform(20, 150))
    periods += [("acknowledged", t_ack, helper), ("assisting", t_arrive, helper)]
    to_counter = rng.random() < 0.1
    closed = t_arrive + dt.timedelta(seconds=rng.uniform(60, 500))
    for i, (state, at, who) in enumerate(periods):
        end = periods[i + 1][1] if i + 1 < len(periods) else closed
        batch.add(
            "help_periods",
            {
                "request_id": request_id,
                "state": state,
                "started_at": at,
                "ended_at": end,
                "staff_id": who,
                "note": "",
            },
        )
    batch.add(
        "help_requests",
        {
            "id": request_id,
            "kiosk_id": kiosk_id,
            "visit_id": walk.visit_id,
            "service_id": service.id,
            "step": step.id,
            "reason": "resident",
            "language": "zh",
            "context": {},
            "status": "resolved",
            "requested_at": requested,
            "closed_at": closed,
            "resolution": "sent_to_counter" if to_counter else "completed_with_help",
        },
    )
    walk.at = t_arrive
    walk.event("assisted", step.id, staff=str(helper))
    walk.at = closed
    walk.event("handed_back", step.id, staff=str(helper))
    return True


def _devices(
    rng: random.Random, batch: Batch, kiosk_id: str, opening: dt.datetime, counters: Counters
) -> None:
    events = [(opening, "printer", "online", "ok"), (opening, "idcard", "online", "")]
    if rng.random() < 0.3:  # the printer runs out of paper until someone refills it
        out = opening + dt.timedelta(seconds=rng.uniform(3600, 7 * 3600))
        events += [
            (out, "printer", "online", "low"),
            (out + dt.timedelta(minutes=20), "printer", "online", "out"),
            (out + dt.timedelta(minutes=20 + rng.uniform(5, 60)), "printer", "online", "ok"),
        ]
    if rng.random() < 0.08:  # the card reader drops off the bus
        off = opening + dt.timedelta(seconds=rng.uniform(0, 8 * 3600))
        events += [
            (off, "idcard", "offline", ""),
            (off + dt.timedelta(minutes=rng.uniform(2, 40)), "idcard", "online", ""),
        ]
    for at, device, state, media in events:
        counters.device_events += 1
        batch.add(
            "device_events",
            {
                "kiosk_id": kiosk_id,
                "device": device,
                "state": state,
                "media": media,
                "detail": "",
                "at": at,
            },
        )
