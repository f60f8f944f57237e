"""Audit entries: who did what, at which kiosk, to which visit. Append-only.

``record`` writes inside a caller's transaction (so the entry and the change commit together).
``AuditWriter`` is for the kiosk's GUI thread: it queues entries for one writer thread, keeps
their order and retries while the database is away, so an action is never slowed by the store
and never goes unaudited.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.store.models import AuditEntry

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Entry:
    action: str
    staff_id: int | None = None
    kiosk_id: str | None = None
    visit_id: str | None = None
    detail: Mapping[str, Any] = field(default_factory=dict)
    at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))


def record(session: Session, entry: Entry) -> None:
    session.add(
        AuditEntry(
            at=entry.at,
            staff_id=entry.staff_id,
            kiosk_id=entry.kiosk_id,
            visit_id=entry.visit_id,
            action=entry.action,
            detail=dict(entry.detail),
        )
    )


def write(sessions: sessionmaker[Session], entry: Entry) -> None:
    with sessions.begin() as session:
        record(session, entry)


def entries(
    sessions: sessionmaker[Session],
    *,
    visit_id: str | None = None,
    staff_id: int | None = None,
    action: str | None = None,
) -> list[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.id)
    if visit_id is not None:
        query = query.where(AuditEntry.visit_id == visit_id)
    if staff_id is not None:
        query = query.where(AuditEntry.staff_id == staff_id)
    if action is not None:
        query = query.where(AuditEntry.action == action)
    with sessions() as session:
        return list(session.scalars(query).all())


Write = Callable[[Session], None]


class AuditWriter:
    """Entries (and the request changes that go with them) written in order on one thread,
    each in its own transaction, retried while the database is away. A write that fails for
    another reason (the request was closed meanwhile) is logged and dropped."""

    def __init__(self, sessions: sessionmaker[Session], retry_s: float = 1.0) -> None:
        self.sessions = sessions
        self.retry_s = retry_s
        self._queue: queue.Queue[Write | None] = queue.Queue()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="audit-writer", daemon=True)
        self._thread.start()

    def put(self, entry: Entry, *also: Write) -> None:
        """The entry and the writes that go with it commit together."""

        def write_all(session: Session) -> None:
            for extra in also:
                extra(session)
            record(session, entry)

        self._queue.put(write_all)

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            try:
                if item is None:
                    return
                while not self._stop.is_set():
                    try:
                        with self.sessions.begin() as session:
                            item(session)
                        break
                    except SQLAlchemyError as exc:
                        log.warning("audit entry not stored yet, will retry: %s", exc)
                        self._stop.wait(self.retry_s)
                    except Exception:
                        log.exception("audit write dropped")
                        break
            finally:
                self._queue.task_done()

    def flush(self, timeout: float = 5.0) -> bool:
        deadline = time.monotonic() + timeout
        while self._queue.unfinished_tasks:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.005)
        return True

    def close(self, timeout: float = 5.0) -> None:
        if not self.flush(timeout):
            log.error("%d audit entries could not be stored", self._queue.unfinished_tasks)
            self._stop.set()
        self._queue.put(None)
        self._thread.join(timeout)
