"""Helpers' notes on an open help call: an audit entry each, so they are kept with the visit's
record. Anyone may add what they know; a note sent twice is kept once."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from kiosk.assist import audit
from kiosk.assist.notify import announce
from kiosk.assist.requests import OPEN_STATES
from kiosk.assist.vocabulary import RequestClosed
from kiosk.store.models import AuditEntry, HelpRequest

# The same words by the same helper on the same call within this many seconds are one press
# sent twice (a double tap, a form sent again after a slow answer), not a second note. Later,
# the same words are a note of their own ("居民还在等" said again a minute on).
NOTE_REPEAT_S = 30.0


def add_note(
    sessions: sessionmaker[Session], request_id: int, staff_id: int, text: str, place: str = ""
) -> None:
    """A helper's note on an open request (``RequestClosed`` once it ended; ``KeyError`` for
    no such request); ``place`` is where it was written (the call's kiosk unless said)."""
    with sessions.begin() as session:
        # The call's row is taken for writing first (SQLite's write lock, PostgreSQL's row
        # lock): two presses at once then write one after the other, and the second sees the
        # first's note.
        session.execute(
            update(HelpRequest)
            .where(HelpRequest.id == request_id)
            .values(status=HelpRequest.status)
            .execution_options(synchronize_session=False)
        )
        request = session.get(HelpRequest, request_id)
        if request is None:
            raise KeyError(request_id)
        if request.status not in OPEN_STATES:
            raise RequestClosed(f"help request {request_id} is {request.status}")
        if _sent_again(session, request_id, staff_id, text):
            return
        detail = {"request_id": request_id, "kiosk": request.kiosk_id, "text": text}
        entry = audit.Entry(
            "help_note", staff_id, place or request.kiosk_id, request.visit_id, detail=detail
        )
        audit.record(session, entry)
        announce(session, "note", request_id)


def _sent_again(session: Session, request_id: int, staff_id: int, text: str) -> bool:
    """This helper's last note on the call, within ``NOTE_REPEAT_S``, has these words."""
    since = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=NOTE_REPEAT_S)
    recent = session.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.action == "help_note",
            AuditEntry.staff_id == staff_id,
            AuditEntry.at >= since,
        )
        .order_by(AuditEntry.id.desc())
    )
    last = next((e for e in recent if e.detail.get("request_id") == request_id), None)
    return last is not None and last.detail.get("text") == text
