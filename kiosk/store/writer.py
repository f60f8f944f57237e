"""One writer thread for records the GUI thread must never wait on.

Items are written in order, each by ``write``; while the database is away (an SQLAlchemyError)
the same item is retried, so order and completeness hold. What is still unwritten when the
writer closes is handed to ``leftover`` (a spool file, or a log line), never silently dropped.
The visit-event sink and the staff audit writer both stand on this.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

from sqlalchemy.exc import DataError, IntegrityError, SQLAlchemyError

log = logging.getLogger(__name__)
T = TypeVar("T")


class BackgroundWriter(Generic[T]):
    def __init__(
        self,
        name: str,
        write: Callable[[T], None],
        leftover: Callable[[list[T]], None],
        *,
        retry_s: float = 2.0,
        backlog: list[T] | None = None,
        after_backlog: Callable[[], None] | None = None,
    ) -> None:
        self.write = write
        self.leftover = leftover
        self.retry_s = retry_s
        self._queue: queue.Queue[T | None] = queue.Queue()
        self._stop = threading.Event()
        self._in_flight: list[T] = []
        self._backlog_left = len(backlog or [])
        self._after_backlog = after_backlog
        for item in backlog or []:
            self._queue.put(item)
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def put(self, item: T) -> None:
        self._queue.put(item)

    def _run(self) -> None:
        while not self._stop.is_set():
            item = self._queue.get()
            try:
                if item is None:
                    return
                self._in_flight = [item]
                self._write_until_stored(item)
                self._count_backlog()
            finally:
                self._queue.task_done()

    def _count_backlog(self) -> None:
        if self._backlog_left <= 0 or self._stop.is_set():
            return
        self._backlog_left -= 1
        if self._backlog_left == 0 and self._after_backlog is not None:
            self._after_backlog()

    def _write_until_stored(self, item: T) -> None:
        while not self._stop.is_set():
            try:
                self.write(item)
                self._in_flight = []
                return
            except (IntegrityError, DataError) as exc:
                # The item itself is wrong (a value too long, a duplicate): no retry mends it.
                log.error(
                    "%s: item refused by the database, dropped: %s",
                    self._thread.name,
                    exc.__class__.__name__,
                )
                self._in_flight = []
                return
            except SQLAlchemyError as exc:
                log.warning(
                    "%s: not stored yet, will retry: %s", self._thread.name, exc.__class__.__name__
                )
                self._stop.wait(self.retry_s)
            except Exception:  # a bug in one item must not stop the writer for good
                log.exception("%s: item dropped", self._thread.name)
                self._in_flight = []
                return

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every item so far is written; False if the database is still away."""
        deadline = time.monotonic() + timeout
        while self._queue.unfinished_tasks:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.005)
        return True

    def pending(self) -> int:
        return self._queue.unfinished_tasks

    def close(self, timeout: float = 5.0) -> None:
        """Write what can be written in ``timeout``; the rest goes to ``leftover``."""
        if self.flush(timeout):
            self._queue.put(None)
            self._thread.join(timeout)
            return
        self._stop.set()
        self._thread.join(timeout)
        left = list(self._in_flight)
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is not None:
                left.append(item)
        self.leftover(left)
