"""When nobody answers a call: two thresholds on the time since the press.

T1 (``escalate_after_s``, 60 s): every console alerts again and a supervisor is flagged.
T2 (``counter_after_s``, 3 min): the kiosk offers the resident a counter ticket carrying the
session summary, and the service hotline.

The policy is pure (seconds in, level out) so tests drive it with a hand-moved clock; the level
reached is stored as ``escalated`` periods of the request, one per level, so every console sees
the same level and the figures can tell how often each threshold was crossed.

Two clocks raise the level. The kiosk that raised a call counts from the press (``HelpWatch``);
every console, on each refresh, escalates whatever is overdue by ``requested_at``
(``escalate_overdue``), so a call whose kiosk restarted, and a device task, which has no kiosk
clock at all, are escalated too. ``escalate_to`` makes that safe: it claims the request's row
with a conditional UPDATE before it counts the levels, so the kiosk and any number of consoles
write exactly one period per level.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from kiosk.assist.requests import UNANSWERED, move_in
from kiosk.assist.times import aware, utcnow
from kiosk.config import AssistSection
from kiosk.store.models import HelpPeriod, HelpRequest

NOTES = {1: "level 1: consoles re-alerted, supervisor flagged", 2: "level 2: counter offered"}


@dataclass(frozen=True)
class Policy:
    t1_s: float = 60.0
    t2_s: float = 180.0

    @classmethod
    def from_settings(cls, assist: AssistSection) -> Policy:
        return cls(assist.escalate_after_s, assist.counter_after_s)

    def level(self, waited_s: float) -> int:
        if waited_s >= self.t2_s:
            return 2
        if waited_s >= self.t1_s:
            return 1
        return 0


def current_level(session: Session, request_id: int) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(HelpPeriod)
            .where(HelpPeriod.request_id == request_id, HelpPeriod.state == "escalated")
        )
        or 0
    )


def escalate_to(sessions: sessionmaker[Session], request_id: int, level: int) -> int:
    """BLOCKING: raise an unanswered request to ``level`` (one period per level crossed).

    Nothing happens once someone acknowledged it or it closed. Returns the level it stands at.
    The first statement is a conditional UPDATE of the request's row (its status, unchanged,
    while unanswered): it takes the row (PostgreSQL) or the database (SQLite) for writing, so
    the levels are counted only once any other escalation or acknowledgement has committed.
    A plain read first would let two processes both see level 0 and both write level 1.
    """
    with sessions.begin() as session:
        claimed = session.execute(
            update(HelpRequest)
            .where(HelpRequest.id == request_id, HelpRequest.status.in_(UNANSWERED))
            .values(status=HelpRequest.status)
            .execution_options(synchronize_session=False)
        )
        have = current_level(session, request_id)
        if not claimed.rowcount:  # type: ignore[attr-defined]
            if session.get(HelpRequest, request_id) is None:
                raise KeyError(request_id)
            return have  # acknowledged or closed meanwhile
        for step in range(have + 1, level + 1):
            note = NOTES.get(step, f"level {step}")
            move_in(session, request_id, "escalated", note=note, repeat=True)
            session.flush()
        return max(have, level)


def escalate_overdue(
    sessions: sessionmaker[Session], policy: Policy, now: dt.datetime | None = None
) -> list[int]:
    """BLOCKING: every unanswered request (calls and device tasks) raised to the level its wait
    since ``requested_at`` calls for. Safe to run from every console at once. Returns the ids
    raised."""
    now = now or utcnow()
    with sessions() as session:
        rows = session.execute(
            select(HelpRequest.id, HelpRequest.requested_at, func.count(HelpPeriod.id))
            .outerjoin(
                HelpPeriod,
                and_(HelpPeriod.request_id == HelpRequest.id, HelpPeriod.state == "escalated"),
            )
            .where(HelpRequest.status.in_(UNANSWERED))
            .group_by(HelpRequest.id, HelpRequest.requested_at)
        ).all()
    raised = []
    for request_id, requested_at, have in rows:
        due = policy.level((now - aware(requested_at)).total_seconds())
        if due > have and escalate_to(sessions, request_id, due) > have:
            raised.append(request_id)
    return raised
