"""The console's view of the store, kept fresh on a worker thread.

One thread waits on the change feed (SQLite poll or PostgreSQL LISTEN, kiosk.assist.notify),
reads a snapshot after each change and hands it to the GUI thread through a signal. It also
refreshes every few seconds regardless, so a missed change costs seconds, never a call.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk.api.errors import StoreUnavailable

if TYPE_CHECKING:
    from kiosk.assist.notify import Feed

log = logging.getLogger(__name__)


class ConsoleFeed(QObject):
    snapshot = Signal(object)  # what ``read`` returned (the board), on the GUI thread
    reachable = Signal(bool)  # the store answered (True) or not (False)

    def __init__(
        self,
        feed: Feed,
        read: Callable[[], object],
        refresh_s: float = 5.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._feed = feed
        self._read = read
        self._refresh_s = refresh_s
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="console-feed", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def refresh(self) -> None:
        """Read again now (after this console's own action)."""
        self._wake.set()

    def _run(self) -> None:
        last_read = 0.0
        ok: bool | None = None
        while not self._stop.is_set():
            changes = self._feed.wait(0.2)
            due = time.monotonic() - last_read >= self._refresh_s
            if not (changes or due or self._wake.is_set()) or self._stop.is_set():
                continue
            self._wake.clear()
            try:
                snap = self._read()
            except StoreUnavailable as exc:
                log.warning("console cannot read the store: %s", exc)
                if ok is not False:
                    self.reachable.emit(False)
                ok = False
                last_read = time.monotonic()
                continue
            last_read = time.monotonic()
            if ok is not True:
                self.reachable.emit(True)
            ok = True
            self.snapshot.emit(snap)

    def close(self) -> None:
        self._stop.set()
        self._feed.close()
        if self._thread.is_alive():
            self._thread.join(5)
