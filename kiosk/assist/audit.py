"""Audit entries: who did what, at which kiosk, to which visit. Append-only.

``record`` writes inside a caller's transaction (so the entry and the change commit together).
``JournalAuditWriter`` is for the kiosk's GUI thread: the entry and its effects
(``kiosk.assist.effects``, data, not closures) are in the journal before ``put`` returns, so a
crash loses none, and the journal's one writer stores them in order while the GUI goes on.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.store import records
from kiosk.store.models import AuditEntry

if TYPE_CHECKING:  # both import the help requests, which import this module
    from kiosk.assist.effects import Effect
    from kiosk.store.journal import Journal

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


class EntryWriter(Protocol):
    """Where a helper's actions at the kiosk go (``JournalAuditWriter``; tests may differ)."""

    def put(self, entry: Entry, *also: Effect) -> None: ...

    def flush(self, timeout: float = 5.0) -> bool: ...

    def close(self, timeout: float = 5.0) -> None: ...


def entry_record(entry: Entry, *also: Effect) -> records.Record:
    """The entry and its effects as one journal record (they commit together)."""
    return records.audit_entry(
        entry.action,
        staff_id=entry.staff_id,
        kiosk_id=entry.kiosk_id,
        visit_id=entry.visit_id,
        detail=entry.detail,
        effects=[effect.to_data() for effect in also],
        at=entry.at,
    )


class JournalAuditWriter:
    """Entries as journal records: on disk at ``put``, stored by the journal's writer."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal

    def put(self, entry: Entry, *also: Effect) -> None:
        self.journal.put(entry_record(entry, *also))

    def flush(self, timeout: float = 5.0) -> bool:
        return self.journal.flush(timeout)

    def close(self, timeout: float = 5.0) -> None:
        """The journal is shared: its owner closes it."""
        self.journal.flush(timeout)
