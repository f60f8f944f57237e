"""Engine events into the store: the visit row, its append-only events, its rating.

``StoreSink`` writes at once, on the caller's thread (commands, benchmarks, tests). The kiosk
records through its journal instead (``kiosk.store.sinks.JournalSink``), on the one write path.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.flow.events import EventKind
from kiosk.flow.state import VisitState
from kiosk.report.cases import CasePolicy, open_for
from kiosk.store.models import Kiosk, Rating, VisitEvent
from kiosk.store.visits import ensure_visit

log = logging.getLogger(__name__)


def ensure_kiosk(sessions: sessionmaker[Session], kiosk_id: str, name: str, hall: str) -> None:
    with sessions.begin() as session:
        _ensure_kiosk_row(session, kiosk_id, name, hall)


def _ensure_kiosk_row(session: Session, kiosk_id: str, name: str = "", hall: str = "") -> None:
    row = session.get(Kiosk, kiosk_id)
    if row is None:
        session.add(Kiosk(id=kiosk_id, name=name or kiosk_id, hall=hall))
        session.flush()
    elif name:
        row.name, row.hall, row.last_seen = name, hall, dt.datetime.now(dt.UTC)


class StoreSink:
    def __init__(
        self, sessions: sessionmaker[Session], kiosk_id: str, cases: CasePolicy | None = None
    ) -> None:
        self.sessions = sessions
        self.kiosk_id = kiosk_id
        self.cases = cases or CasePolicy()  # every poor rating opens a follow-up case
        self._kiosk_known = False
        self._seq: dict[str, int] = {}

    def record(
        self,
        state: VisitState,
        kind: EventKind,
        detail: Mapping[str, Any],
        at: dt.datetime | None = None,
    ) -> None:
        at = at or dt.datetime.now(dt.UTC)
        with self.sessions.begin() as session:
            self.write(session, state, kind, detail, at)

    def write(
        self,
        session: Session,
        state: VisitState,
        kind: EventKind,
        detail: Mapping[str, Any],
        at: dt.datetime,
    ) -> None:
        if not self._kiosk_known:  # a kiosk that started while the store was away
            _ensure_kiosk_row(session, self.kiosk_id)
            self._kiosk_known = True
        visit = ensure_visit(session, self.kiosk_id, state, at)
        if state.resident is not None and visit.resident_hash is None:
            visit.resident_hash = state.resident.id_hash
            visit.resident_masked = state.resident.masked
        seq = self._seq.get(state.visit_id)
        if seq is None:  # a visit resumed after a restart or a takeover elsewhere
            seq = (
                session.scalar(
                    select(func.coalesce(func.max(VisitEvent.seq), 0)).where(
                        VisitEvent.visit_id == state.visit_id
                    )
                )
                or 0
            )
        seq += 1
        self._seq[state.visit_id] = seq
        session.add(
            VisitEvent(
                visit_id=state.visit_id,
                seq=seq,
                at=at,
                kind=kind.value,
                step=str(detail.get("step", "")),
                detail=dict(detail),
            )
        )
        if kind is EventKind.RATED:
            rating = Rating(
                visit_id=state.visit_id,
                kiosk_id=self.kiosk_id,
                service_id=state.service_id,
                level=str(detail["level"]),
                reason=str(detail.get("reason", "")),
                at=at,
            )
            session.add(rating)
            open_for(session, rating, self.cases)
        elif kind is EventKind.VISIT_ENDED:
            visit.ended_at, visit.outcome = at, str(detail["outcome"])
            visit.state_json = state.to_json()
            self._seq.pop(state.visit_id, None)
        elif kind is EventKind.LANGUAGE:
            visit.language = state.language


Item = tuple[VisitState, EventKind, dict[str, Any], dt.datetime]
