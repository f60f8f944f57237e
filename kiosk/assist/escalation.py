"""When nobody answers a call: two thresholds on the time since the press.

T1 (``escalate_after_s``, 60 s): every console alerts again and a supervisor is flagged.
T2 (``counter_after_s``, 3 min): the kiosk offers the resident a counter ticket carrying the
session summary, and the service hotline.

The policy is pure (seconds in, level out) so tests drive it with a hand-moved clock; the level
reached is stored as ``escalated`` periods of the request, one per level, so every console sees
the same level and the figures can tell how often each threshold was crossed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.assist.requests import UNANSWERED, move_in
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
    """
    with sessions.begin() as session:
        request = session.get(HelpRequest, request_id, with_for_update=True)
        if request is None:
            raise KeyError(request_id)
        have = current_level(session, request_id)
        if request.status not in UNANSWERED:
            return have
        for step in range(have + 1, level + 1):
            note = NOTES.get(step, f"level {step}")
            move_in(session, request_id, "escalated", note=note, repeat=True)
            session.flush()
        return max(have, level)
