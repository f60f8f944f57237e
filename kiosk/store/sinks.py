"""The journal behind the flow engine's sink protocol: every visit event on the one write path.

``record`` is called on the GUI thread; it returns once the event is on disk (a few
milliseconds), and the journal's writer stores it. Nothing to spool at close: the journal file
is the spool.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kiosk.flow.events import EventKind
from kiosk.flow.state import VisitState
from kiosk.store import records
from kiosk.store.journal import Journal


class JournalSink:
    def __init__(self, journal: Journal, kiosk_id: str) -> None:
        self.journal = journal
        self.kiosk_id = kiosk_id

    def record(self, state: VisitState, kind: EventKind, detail: Mapping[str, Any]) -> None:
        # The first event (visit_started) makes the visit's row: its time is the visit's start.
        self.journal.put(records.visit_event(self.kiosk_id, state, kind, detail))

    def flush(self, timeout: float = 10.0) -> bool:
        return self.journal.flush(timeout)

    def pending(self) -> int:
        return self.journal.pending()

    def close(self, timeout: float = 5.0) -> None:
        """The journal is shared (help, audit, printing): its owner closes it."""
        self.journal.flush(timeout)
