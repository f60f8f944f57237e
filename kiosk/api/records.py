"""One kiosk's records, on the one write path: visit events, help calls, audit entries, print
jobs and device events all go through its journal (``kiosk.store.journal``).

A record is on disk (fsync'd) before the caller is told it is done, one writer stores the
records in order, replays them while the kiosk runs as soon as the store answers, and never
twice (each row carries its record's id). What the last run left open is closed by a recovery
record put at start, after whatever that run left in the journal.

A print under way when the kiosk closes ends on record: closing waits for it (bounded), and an
outcome that comes later still is dropped with a warning, never written to a closed journal; its
job, left pending, is recorded as interrupted (a staff task) by the next start's recovery. A
print begun after closing is not recorded at all (a warning says so).
"""

from __future__ import annotations

import logging
import threading
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

log = logging.getLogger(__name__)

JOURNAL_FILE = "journal"
# At close: how long print jobs under way may take to end (a receipt takes seconds; the drivers
# bound every exchange) before the journal closes without their outcomes.
PRINTS_END_S = 15.0
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
        # Print jobs on record whose outcome is not yet: close waits for them. The lock also
        # orders an outcome's write against the journal's closing.
        self._prints = threading.Condition()
        self._printing: set[str] = set()
        self._closed = False

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
        """A print job, on record before its first byte; returns the job's record id. One
        begun after ``close`` is not recorded (the journal is closed), said in the log: the
        paper still goes, and ``print_finished`` drops its outcome."""
        state = visit.state if visit is not None else None
        clock = visit.clock if visit is not None else time.monotonic
        record = print_job_record(self.kiosk_id, state, title, clock)
        with self._prints:
            if self._closed:
                log.warning("print job %s began after the records closed: not recorded", record.id)
                return record.id
            self.journal.put(record)
            self._printing.add(record.id)
        return record.id

    def print_finished(self, job: str, ok: bool, reason: str = "", warning: str = "") -> None:
        """A print job's outcome, on record. After ``close`` it is dropped, said in the log:
        the job stays pending and the next start records it as interrupted."""
        with self._prints:
            on_record = job in self._printing  # not so for a job begun after closing
            self._printing.discard(job)
            self._prints.notify_all()
            if self._closed:
                log.warning(
                    "print job %s ended (%s) after the records closed: outcome not recorded%s",
                    job,
                    "printed" if ok else f"not printed: {reason or 'unknown'}",
                    "; the next start records the job as interrupted for staff to check"
                    if on_record
                    else "",
                )
                return
            self.journal.put(records.print_done(job, ok, reason, warning))

    def prints_ended(self, timeout: float | None = None) -> bool:
        """BLOCKING: until no print job on record waits for its outcome (False after
        ``timeout``, by default ``PRINTS_END_S``)."""
        with self._prints:
            wait = PRINTS_END_S if timeout is None else timeout
            return self._prints.wait_for(lambda: not self._printing, wait)

    def device_event(self, device: str, state: str, media: str = "", detail: str = "") -> None:
        """A device's change of state; a fault opens a staff task when it is written."""
        self.journal.put(records.device_event(self.kiosk_id, device, state, media, detail))

    def flush(self, timeout: float = 5.0) -> bool:
        """BLOCKING: until everything put so far is in the store (False at the deadline)."""
        return self.journal.flush(timeout)

    def close(self, timeout: float = 5.0, prints_s: float | None = None) -> None:
        """Print jobs under way end first (within ``prints_s``; an outcome later than that is
        dropped knowingly, ``print_finished``); what the store has not taken by ``timeout``
        stays in the journal for next time."""
        self.prints_ended(PRINTS_END_S if prints_s is None else prints_s)
        with self._prints:
            self._closed = True
            left = sorted(self._printing)
        if left:
            log.warning(
                "closing with %d print job(s) under way (%s): their outcomes will not be"
                " recorded; the next start records them as interrupted",
                len(left),
                ", ".join(left),
            )
        self.journal.close(timeout)
