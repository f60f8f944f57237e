"""The one write path: a durable local journal, one writer thread, idempotent replay.

``Journal.put(record)`` appends the record to a file and fsyncs it before returning: from then
on the caller may be told "done", because a crash (kill -9, power) can no longer lose it. One
writer thread writes the records to the store in order, each in its own transaction together
with its id (unique in the store), so a record stored just before a crash and replayed after it
is found and not written twice. While the store is away the writer retries with a short,
capped backoff, so records (help calls among them) reach the store within seconds of its
return, not at the next start. Once every record in the file is stored, the file is truncated;
a long outage rewrites it without the stored ones.

The file is a line a record: ``<crc32 hex> <json>\\n``. A line torn by a crash mid-append
(no newline, or a checksum that does not match) was never acknowledged: it is cut off at open.
A record the store refuses for good (an integrity error that is not its own duplicate, a row
it names that does not exist) goes to ``<journal>.dead`` with the reason, and is logged.
"""

from __future__ import annotations

import collections
import fcntl
import json
import logging
import os
import threading
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.exc import (
    DataError,
    DBAPIError,
    IntegrityError,
    SQLAlchemyError,
    StatementError,
)
from sqlalchemy.orm import Session, sessionmaker

from kiosk.errors import KioskError
from kiosk.store import apply
from kiosk.store.records import Record

if TYPE_CHECKING:
    from kiosk.report.cases import CasePolicy

log = logging.getLogger(__name__)
FILE_MODE = 0o600  # records name visits and staff: the kiosk's user only
COMPACT_AFTER = 256  # stored records kept in the file before it is rewritten without them


class JournalError(KioskError):
    """The journal cannot be opened or written: nothing can be acknowledged."""

    exit_code = 3


def frame(record: Record) -> bytes:
    body = record.to_json().encode("utf-8")
    return b"%08x " % zlib.crc32(body) + body + b"\n"


def unframe(line: bytes) -> Record:
    """Raises ValueError for a line that is not a whole, intact record."""
    crc, _, body = line.removesuffix(b"\n").partition(b" ")
    if len(crc) != 8 or int(crc, 16) != zlib.crc32(body):
        raise ValueError("checksum does not match")
    try:
        return Record.from_json(body.decode("utf-8"))
    except (KeyError, TypeError) as exc:
        raise ValueError(f"not a record: {exc!r}") from None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Journal:
    """Records on disk before acknowledgement, written to the store by one thread, in order.

    ``put`` is safe from any thread. ``flush`` waits for the store to have everything so far.
    ``close`` stops the writer: what the store has not taken stays in the file for next time.
    """

    def __init__(
        self,
        path: Path,
        sessions: sessionmaker[Session],
        *,
        retry_s: float = 0.1,
        retry_max_s: float = 1.0,
        cases: CasePolicy | None = None,
    ) -> None:
        """``cases``: the hall's rules for the follow-up case a poor rating opens."""
        self.path = path
        self.cases = cases
        self.dead_path = path.with_name(path.name + ".dead")
        self.sessions = sessions
        self.retry_s, self.retry_max_s = retry_s, retry_max_s
        self.store_ok = True  # False while the store is away (for a status line)
        self.written = 0  # records stored by this process (replays included)
        self.dead = 0
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._stop = threading.Event()
        self._stored_in_file = 0
        self._file_closed = False
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._lockfd = self._take_lock()
        self._pending: collections.deque[Record] = collections.deque(self._read())
        self._fd = self._open()
        if self.dead:  # damaged lines were set aside: the file keeps only good records
            self._rewrite()
        if self._pending:
            log.info("journal: %d records to write from before", len(self._pending))
        self._thread = threading.Thread(target=self._run, name="journal-writer", daemon=True)
        self._thread.start()

    # -- the file ---------------------------------------------------------------------------

    def _take_lock(self) -> int:
        """One process a journal: a second kiosk on the same data folder would double rows."""
        lock_path = self.path.with_name(self.path.name + ".lock")
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise JournalError(f"the journal {self.path} is in use by another process") from None
        return fd

    def _open(self) -> int:
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
        except OSError as exc:
            raise JournalError(f"the journal {self.path} cannot be written: {exc}") from None
        os.fchmod(fd, FILE_MODE)
        _fsync_dir(self.path.parent)
        return fd

    def _read(self) -> list[Record]:
        """Records left by an earlier run; a torn last line is cut off, a bad one set aside."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise JournalError(f"the journal {self.path} cannot be read: {exc}") from None
        whole = data.rfind(b"\n") + 1
        if whole < len(data):
            log.warning("journal: a torn last record (never acknowledged) cut off")
            os.truncate(self.path, whole)
        found: list[Record] = []
        for line in data[:whole].splitlines():
            try:
                found.append(unframe(line))
            except ValueError as exc:
                log.error("journal: a damaged record set aside in %s: %s", self.dead_path, exc)
                self._set_aside({"line": line.decode("utf-8", "replace"), "error": str(exc)})
        return found

    def _set_aside(self, entry: dict[str, object]) -> None:
        fd = os.open(self.dead_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
        try:
            os.write(fd, json.dumps(entry, ensure_ascii=False, default=str).encode() + b"\n")
            os.fsync(fd)
        finally:
            os.close(fd)
        self.dead += 1

    # -- the caller's side ------------------------------------------------------------------

    def put(self, record: Record) -> None:
        """On disk when this returns (the caller may acknowledge); written to the store later.

        Raises JournalError if the disk refuses it: then nothing may be acknowledged.
        """
        line = frame(record)
        record = unframe(line)  # as a replay will read it: both runs write the same values
        with self._lock:
            if self._stop.is_set():
                raise JournalError("the journal is closed")
            try:
                _write_all(self._fd, line)
                os.fsync(self._fd)
            except OSError as exc:
                raise JournalError(f"the journal {self.path} cannot be written: {exc}") from None
            self._pending.append(record)
            self._changed.notify_all()

    def pending(self) -> int:
        with self._lock:
            return len(self._pending)

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until the store has every record put so far; False if it is still away."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._pending:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(left)
            return True

    def close(self, timeout: float = 5.0) -> bool:
        """Write what the store takes in ``timeout``; the rest stays in the file for next time.

        True if nothing was left.
        """
        flushed = self.flush(timeout)
        with self._lock:
            self._stop.set()
            self._changed.notify_all()
        self._thread.join(timeout)
        with self._lock:  # the writer may still be in a store call: it touches no file now
            self._file_closed = True
            os.close(self._fd)
            os.close(self._lockfd)
        if not flushed:
            log.warning("journal: %d records kept in %s for next time", self.pending(), self.path)
        return flushed

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the writer -------------------------------------------------------------------------

    def _run(self) -> None:
        delay = self.retry_s
        while True:
            with self._lock:
                while not self._pending and not self._stop.is_set():
                    self._changed.wait()
                if self._stop.is_set():
                    return
                record = self._pending[0]
            outcome = self._store(record)
            if outcome == "retry":
                self._stop.wait(delay)
                delay = min(delay * 2, self.retry_max_s)
                continue
            delay = self.retry_s
            with self._lock:
                self._pending.popleft()
                try:
                    self._confirmed()
                except OSError:  # the file keeps stored records: a replay skips them
                    log.exception("journal: %s could not be compacted", self.path)
                self._changed.notify_all()

    def _store(self, record: Record) -> str:
        """'stored' (now or before), 'retry' (the store is away) or 'refused' (set aside)."""
        try:
            with self.sessions.begin() as session:
                if not apply.written(session, record):
                    apply.write(session, record, self.cases)
        except (IntegrityError, DataError) as exc:
            try:  # its own duplicate (stored by a run that died before confirming) is fine
                with self.sessions() as session:
                    if apply.written(session, record):
                        return self._stored()
            except SQLAlchemyError:
                return self._away(exc)
            return self._refuse(record, f"{exc.__class__.__name__}: {exc.orig}")
        except StatementError as exc:
            if isinstance(exc, DBAPIError):  # the store answered with an error, or is away
                return self._away(exc)
            # Refused before it reached the store (a value it cannot take): never goes in.
            return self._refuse(record, f"{exc.__class__.__name__}: {exc.orig!r}")
        except SQLAlchemyError as exc:  # a pool timeout, a lost connection
            return self._away(exc)
        except Exception as exc:  # a malformed record or a bug: it will never go in
            log.exception("journal: record %s (%s) cannot be written", record.id, record.kind)
            return self._refuse(record, f"{exc.__class__.__name__}: {exc}")
        return self._stored()

    def _stored(self) -> str:
        if not self.store_ok:
            log.info("journal: the store is back")
        self.store_ok = True
        self.written += 1
        return "stored"

    def _away(self, exc: Exception) -> str:
        if self.store_ok:  # once per outage, not once per retry
            log.warning("journal: the store is away, records kept: %s", exc.__class__.__name__)
        self.store_ok = False
        # The next try opens new connections: one the pool kept from the outage may stay
        # bound to what was there then (a SQLite file moved away) and fail for good.
        bind = self.sessions.kw.get("bind")
        if isinstance(bind, Engine):
            bind.dispose()
        return "retry"

    def _refuse(self, record: Record, reason: str) -> str:
        log.error("journal: record %s (%s) refused, set aside: %s", record.id, record.kind, reason)
        self._set_aside({"record": json.loads(record.to_json()), "error": reason[:2000]})
        return "refused"

    def _confirmed(self) -> None:
        """Under the lock: drop stored records from the file (all at once when none is left)."""
        if self._file_closed:
            return
        self._stored_in_file += 1
        if not self._pending:
            os.ftruncate(self._fd, 0)
            self._stored_in_file = 0
        elif self._stored_in_file >= COMPACT_AFTER:
            self._rewrite()

    def _rewrite(self) -> None:
        """The pending records into a new file, swapped in atomically (a crash keeps either)."""
        temp = self.path.with_name(self.path.name + ".new")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        try:
            _write_all(fd, b"".join(frame(record) for record in self._pending))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, self.path)
        _fsync_dir(self.path.parent)
        os.close(self._fd)
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)
        self._stored_in_file = 0
