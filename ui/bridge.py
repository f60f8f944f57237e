"""Worker threads to the GUI thread: run blocking work off the GUI, get the result back by signal.

Anki's pattern (``.success`` / ``.failure``) on Qt: ``Bridge.run(fn, on_done, on_error)`` runs
``fn`` on a pool thread; ``Bridge.adopt(future, ...)`` does the same for a Future a device driver
already returned. Callbacks always run on the GUI thread, through a queued signal. ``forget()``
drops every result still on its way, so a visit that ended cannot be written to by a late answer.
After ``close()`` new work is dropped (noted at debug level), never raised: a timer or a device
callback that fires as the window closes finds nothing left to do.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6 import QtCore
from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)
T = TypeVar("T")
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Bridge(QObject):
    _arrived = Signal(object, object, object, int)  # callback, value, error, generation

    def __init__(self, parent: QObject | None = None, workers: int = 4) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kiosk-ui")
        self._generation = 0
        self._pending = 0
        self._closed = False
        self._lock = threading.Lock()
        self._connected = False  # _arrived to _deliver: on first use (_count_one)

    @property
    def pending(self) -> int:
        """Results not yet delivered; tests and the tour wait for zero."""
        return self._pending

    def run(
        self, fn: Callable[..., T], *args: Any, on_done: Done, on_error: Failed | None = None
    ) -> None:
        with self._lock:  # close() cannot shut the pool down between the check and the submit
            future = None if self._closed else self._pool.submit(fn, *args)
        if future is None:
            log.debug("closed: %s not run", _name(fn))
            return
        self.adopt(future, on_done=on_done, on_error=on_error)

    def adopt(self, future: Future[Any], *, on_done: Done, on_error: Failed | None = None) -> None:
        generation = self._generation
        with self._lock:
            self._count_one()

        def finished(f: Future[Any]) -> None:
            error = f.exception()
            value = None if error else f.result()
            callback = on_done if error is None else (on_error or _log_failure)
            self._arrived.emit(callback, value, error, generation)

        future.add_done_callback(finished)

    def call_soon(self, fn: Callable[..., None], *args: Any) -> None:
        """Run ``fn(*args)`` on the GUI thread; safe from any thread (device callbacks)."""
        with self._lock:
            if self._closed:
                log.debug("closed: %s not called", _name(fn))
                return
            self._count_one()
        self._arrived.emit(lambda _v: fn(*args), None, None, self._generation)

    def _count_one(self) -> None:
        """One more result on its way (the lock is held). Delivered through a queued connection:
        the callback runs on this object's (the GUI) thread, whichever thread emits, and later,
        never inside the caller. Connected at the first work, not when the window is built: the
        connection type is one of Qt's namespace enums, made only after home is drawn
        (docs/architecture.md, "The start of kiosk run")."""
        self._pending += 1
        if not self._connected:
            self._arrived.connect(self._deliver, QtCore.Qt.ConnectionType.QueuedConnection)
            self._connected = True

    def forget(self) -> None:
        """Results of work started before now are dropped on arrival."""
        self._generation += 1

    def _deliver(self, callback: Any, value: Any, error: Any, generation: int) -> None:
        with self._lock:
            self._pending -= 1
        if generation != self._generation:
            return
        callback(error if error is not None else value)

    def close(self) -> None:
        """Results on their way are dropped, work not started is cancelled, and work that
        comes later is refused quietly."""
        self.forget()
        with self._lock:
            self._closed = True
        self._pool.shutdown(wait=False, cancel_futures=True)


def _name(fn: Callable[..., Any]) -> str:
    name = getattr(fn, "__qualname__", None)
    return name if isinstance(name, str) else repr(fn)


def _log_failure(error: BaseException) -> None:
    log.error("work on a worker thread failed", exc_info=error)
