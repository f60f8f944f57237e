"""A small hand-built history whose figures are worked out by hand in the tests."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Table
from sqlalchemy.orm import Session, sessionmaker

from kiosk.report.bulk import after_explicit_ids
from kiosk.report.cases import CasePolicy, open_for
from kiosk.store.models import (
    CounterTicket,
    DeviceEvent,
    HelpPeriod,
    HelpRequest,
    Kiosk,
    Rating,
    StaffMember,
    Visit,
    VisitEvent,
)

NOW = dt.datetime(2026, 12, 10, 12, 0, tzinfo=dt.UTC)


def at(day: int, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, second, tzinfo=dt.UTC)


def _visit(
    s: Session,
    vid: str,
    kiosk: str,
    service: str,
    start: dt.datetime,
    seconds: float | None,
    outcome: str,
    events: list[tuple[str, str]],
    *,
    language: str = "zh",
    elder: bool = False,
    audio: bool = False,
) -> None:
    s.add(
        Visit(
            id=vid,
            kiosk_id=kiosk,
            service_id=service,
            language=language,
            elder_mode=elder,
            audio_mode=audio,
            started_at=start,
            ended_at=start + dt.timedelta(seconds=seconds or 1),
            outcome=outcome,
        )
    )
    for seq, (kind, step) in enumerate(events, start=1):
        s.add(
            VisitEvent(
                visit_id=vid,
                seq=seq,
                at=start + dt.timedelta(seconds=seq),
                kind=kind,
                step=step,
                detail={},
            )
        )


def build(sessions: sessionmaker[Session]) -> None:
    policy = CasePolicy()
    with sessions.begin() as s:
        s.add(Kiosk(id="k1", name="一号机", hall="A", last_seen=NOW))
        s.add(Kiosk(id="k2", name="二号机", hall="B", last_seen=NOW - dt.timedelta(minutes=30)))
        s.add(StaffMember(id=1, staff_no="001", name="王芳", pin_hash="x"))
        s.add(StaffMember(id=2, staff_no="002", name="李强", pin_hash="x"))
        s.flush()
        done = [("step_entered", "print"), ("printed", "print"), ("step_entered", "rate")]
        _visit(
            s, "v1", "k1", "contrib", at(1, 2), 100, "completed",
            [("visit_started", ""), ("step_entered", "identify"), ("input_rejected", "identify"),
             ("input_rejected", "identify"), ("identified", "identify"), ("step_entered", "print"),
             ("print_failed", "print"), ("printed", "print"), ("step_entered", "rate")],
            elder=True,
        )  # fmt: skip
        _visit(
            s, "v2", "k1", "contrib", at(1, 3), 200, "completed_with_help",
            [("step_entered", "identify"), ("help_requested", "identify"), ("assisted", "identify"),
             ("identified", "identify"), *done],
            language="en", audio=True,
        )  # fmt: skip
        _visit(
            s, "v3", "k2", "contrib", at(2, 1), 50, "cancelled",
            [("step_entered", "identify"), ("back", "identify"), ("step_entered", "identify"),
             ("home", "identify")],
        )  # fmt: skip
        _visit(
            s, "v4", "k2", "card", at(2, 2), 400, "timed_out",
            [("step_entered", "input"), ("timeout_warning", "input"), ("timed_out", "input")],
        )  # fmt: skip
        # 18:00 UTC on the 2nd is 02:00 on the 3rd in the hall (UTC+8).
        _visit(
            s, "v5", "k1", "contrib", at(2, 18), 300, "completed",
            [("step_entered", "identify"), ("identified", "identify"), *done],
        )  # fmt: skip
        _visit(s, "old", "k1", "contrib", at(1, 0) - dt.timedelta(days=3), 10, "completed", [])
        s.flush()  # the visits before the rows that name them
        s.add(CounterTicket(business="pension", number="A001", visit_id="v3", issued_at=at(2, 1)))
        # Help: one call answered in 30 s, another escalated once and answered in 100 s.
        s.add(HelpRequest(id=1, kiosk_id="k1", visit_id="v2", service_id="contrib",
                          language="en", requested_at=at(1, 3, 0, 10),
                          status="resolved", closed_at=at(1, 3, 3, 30),
                          resolution="completed_with_help"))  # fmt: skip
        s.add(HelpRequest(id=2, kiosk_id="k2", requested_at=at(2, 5), status="resolved",
                          closed_at=at(2, 5, 6, 40), resolution="sent_to_counter"))  # fmt: skip
        s.flush()
        for rid, state, t, staff in (
            (1, "requested", at(1, 3, 0, 10), None),
            (1, "acknowledged", at(1, 3, 0, 40), 1),
            (1, "assisting", at(1, 3, 1, 40), 1),
            (2, "requested", at(2, 5), None),
            (2, "escalated", at(2, 5, 1), None),
            (2, "acknowledged", at(2, 5, 1, 40), 2),
            (2, "assisting", at(2, 5, 3, 20), 2),
        ):
            s.add(HelpPeriod(request_id=rid, state=state, started_at=t, staff_id=staff))
        for vid, kiosk, level, reason in (
            ("v1", "k1", "very_satisfied", ""),
            ("v2", "k1", "dissatisfied", "slow"),
            ("v5", "k1", "not_rated", ""),
        ):
            rating = Rating(visit_id=vid, kiosk_id=kiosk, service_id="contrib", level=level,
                            reason=reason, at=at(1, 4))  # fmt: skip
            s.add(rating)
            open_for(s, rating, policy)
        # The printer: 30 minutes out of paper, then 10 minutes offline.
        for t, state, media in (
            (at(1, 0), "online", "ok"),
            (at(1, 1), "online", "out"),
            (at(1, 1, 30), "online", "ok"),
            (at(2, 0), "offline", "unknown"),
            (at(2, 0, 10), "online", "ok"),
        ):
            s.add(DeviceEvent(kiosk_id="k1", device="printer", state=state, media=media, at=t))
        s.flush()
        # PostgreSQL's sequences do not see the ids given here: later rows start after them.
        for table in (StaffMember.__table__, HelpRequest.__table__):
            assert isinstance(table, Table)  # a mapped class's table
            after_explicit_ids(s.connection(), table)
