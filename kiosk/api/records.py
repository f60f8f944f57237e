"""One kiosk's records, on the one write path: visit events, help calls, audit entries, print
jobs and device events all go through its journal (``kiosk.store.journal``).

A record is on disk (fsync'd) before the caller is told it is done, one writer stores the
records in order, replays them while the kiosk runs as soon as the store answers, and never
twice (each row carries its record's id). What the last run left open is closed by a recovery
record put at start, after whatever that run left in the journal.
"""

from __future__ import annotations

import time

from kiosk.api.errors import StoreUnavailable
from kiosk.api.store import Store
from kiosk.assist import requests
from kiosk.assist.audit import JournalAuditWriter
from kiosk.config import Settings
from kiosk.flow.engine import FlowEngine
from kiosk.report.cases import CasePolicy
from kiosk.store import records
from kiosk.store.journal import Journal
from kiosk.store.sinks import JournalSink
from kiosk.store.visits import print_job_record

JOURNAL_FILE = "journal"
FOUND_EVERY_S = 0.02  # how often a help call's row is looked for while it is being written


class KioskRecords:
    def __init__(self, settings: Settings, store: Store) -> None:
        self.kiosk_id = settings.kiosk.id
        self.store = store
        self.journal = Journal(
            settings.data_dir / JOURNAL_FILE,
            store.sessions,
            cases=CasePolicy.from_settings(settings),  # a poor rating opens a follow-up case
        )
        self.sink = JournalSink(self.journal, self.kiosk_id)  # the flow engine's events
        self.audit = JournalAuditWriter(self.journal)  # takeovers' entries and their effects

    def recover(self) -> None:
        """Once at start, before the first visit: visits the last run left open end as
        abandoned, its pending print jobs become interrupted (a staff task)."""
        self.journal.put(records.recovery(self.kiosk_id))

    def help_call(self, visit: FlowEngine | None, reason: str, timeout_s: float) -> int:
        """BLOCKING: the call is on disk at once and on the consoles as soon as the store has
        it; returns its row id once written within ``timeout_s``, else ``StoreUnavailable``
        (the resident is then sent to a person, and the call still reaches the consoles
        when the store is back)."""
        record = requests.help_record(self.kiosk_id, visit, reason)
        self.journal.put(record)
        deadline = time.monotonic() + timeout_s
        while True:
            with self.store.guard("find the help call"):
                found = requests.request_by_record(self.store.sessions, record.id)
            if found is not None:
                return found
            if time.monotonic() >= deadline:
                raise StoreUnavailable("the help call is kept here until the store is back")
            self.journal.flush(min(FOUND_EVERY_S, max(0.0, deadline - time.monotonic())))

    def print_started(self, visit: FlowEngine | None, title: str) -> str:
        """A print job, on record before its first byte; returns the job's record id."""
        state = visit.state if visit is not None else None
        clock = visit.clock if visit is not None else time.monotonic
        record = print_job_record(self.kiosk_id, state, title, clock)
        self.journal.put(record)
        return record.id

    def print_finished(self, job: str, ok: bool, reason: str = "", warning: str = "") -> None:
        self.journal.put(records.print_done(job, ok, reason, warning))

    def device_event(self, device: str, state: str, media: str = "", detail: str = "") -> None:
        """A device's change of state; a fault opens a staff task when it is written."""
        self.journal.put(records.device_event(self.kiosk_id, device, state, media, detail))

    def flush(self, timeout: float = 5.0) -> bool:
        """BLOCKING: until everything put so far is in the store (False at the deadline)."""
        return self.journal.flush(timeout)

    def close(self, timeout: float = 5.0) -> None:
        """What the store has not taken by ``timeout`` stays in the journal for next time."""
        self.journal.close(timeout)
