"""The kiosk's side of a call: what the resident sees and hears while a person is on the way.

``HelpWatch`` follows one request. ``poll()`` (BLOCKING, a worker calls it about once a second)
reads who acknowledged it, raises the escalation level when the time has come (consoles do too,
by the request's ``requested_at``; ``escalate_to`` writes each level once whoever gets there
first), and returns a ``HelpStatus``. ``status_text`` words it for the screen and for speech.

Time counts from the press, not from when the watch was made (after delivery, up to 5 s later):
``pressed_at`` on the watch's clock when the caller knows it, otherwise the request's
``requested_at``, taken on the first poll.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from kiosk.assist import requests as help_requests
from kiosk.assist import vocabulary
from kiosk.assist.escalation import Policy, escalate_to
from kiosk.assist.requests import UNANSWERED
from kiosk.assist.times import utcnow
from kiosk.assist.views import request_view
from kiosk.assist.vocabulary import HelpStatus

Clock = Callable[[], float]


class HelpWatch:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        request_id: int,
        policy: Policy,
        hotline: str = "12333",
        clock: Clock = time.monotonic,
        pressed_at: float | None = None,
        *,
        wall: Callable[[], dt.datetime] = utcnow,
    ) -> None:
        """``pressed_at``: the press on ``clock``; by default the request's ``requested_at``."""
        self.sessions = sessions
        self.request_id = request_id
        self.policy = policy
        self.hotline = hotline
        self.clock = clock
        made_at, self._made_wall = clock(), wall()
        self.pressed_at = made_at if pressed_at is None else pressed_at
        self._from_row = pressed_at is None  # move pressed_at back to requested_at on first poll
        self._level = 0

    def poll(self) -> HelpStatus:
        view = request_view(self.sessions, self.request_id)
        if view is None:
            raise KeyError(self.request_id)
        if self._from_row:
            # The time between the press and this watch (delivery), on the same kiosk's clock.
            self.pressed_at -= max(0.0, (self._made_wall - view.requested_at).total_seconds())
            self._from_row = False
        told = self.clock() - self.pressed_at
        level = view.escalation_level
        if view.status in UNANSWERED and self.policy.level(told) > level:
            level = escalate_to(self.sessions, self.request_id, self.policy.level(told))
            view = request_view(self.sessions, self.request_id) or view
        self._level = level
        phase = {
            "acknowledged": "coming",
            "assisting": "assisting",
            "resolved": "closed",
            "cancelled": "closed",
        }.get(view.status, "counter" if level >= 2 else "told")
        return HelpStatus(
            phase,
            self.request_id,
            round(told, 1),
            view.staff_name,
            view.staff_no,
            view.eta_s,
            level,
            self.hotline,
        )

    def cancel(self) -> None:
        """BLOCKING: the resident no longer needs anyone."""
        with contextlib.suppress(vocabulary.RequestClosed):
            help_requests.close(self.sessions, self.request_id, "cancelled", note="by resident")
