"""Live updates, one listener per process: a thread waits on the store's change feed
(PostgreSQL LISTEN, or SQLite's poll), reads the board once per change and hands it to every
open page's event stream, with every active account's PIN stamp and the sessions ended lately
(read with it: a stream whose account was disabled, whose PIN changed or whose session was
signed out ends at once). Every ``refresh_s`` it reads the board
anyway: that read is also the clock that escalates calls nobody answered (as the console's
refresh is).

Nothing here is needed by another instance: each listens to the store itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass

from kiosk.api.errors import StoreUnavailable
from kiosk.api.hall import Hall
from kiosk.api.help import Snapshot

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Live:
    board: Snapshot
    stamps: Mapping[int, str]  # active accounts: staff id to PIN stamp
    ended: frozenset[str] = frozenset()  # sessions signed out lately: their streams end


class LiveBoard:
    def __init__(self, hall: Hall, refresh_s: float = 5.0, ended_within_s: float = 86400) -> None:
        self.hall = hall
        self.refresh_s = refresh_s
        # A stream ends by itself once idle, so only sessions ended within that long matter.
        self.ended_within_s = ended_within_s
        self._lock = threading.Lock()
        self._streams: set[tuple[asyncio.AbstractEventLoop, asyncio.Queue[Live | None]]] = set()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="live-board", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def subscribe(self) -> asyncio.Queue[Live | None]:
        """From the event loop: a queue that gets every new board."""
        queue: asyncio.Queue[Live | None] = asyncio.Queue()
        with self._lock:
            self._streams.add((asyncio.get_running_loop(), queue))
        return queue

    def unsubscribe(self, queue: asyncio.Queue[Live | None]) -> None:
        with self._lock:
            self._streams = {s for s in self._streams if s[1] is not queue}

    def end_streams(self) -> None:
        """Every open stream ends (the server is stopping; pages reconnect to another)."""
        with self._lock:
            streams = list(self._streams)
        for loop, queue in streams:
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(queue.put_nowait, None)

    def _run(self) -> None:
        feed = self.hall.store.changes()
        last_read = 0.0
        try:
            while not self._stop.is_set():
                changes = feed.wait(min(1.0, self.refresh_s))
                if not changes and time.monotonic() - last_read < self.refresh_s:
                    continue
                last_read = time.monotonic()
                try:
                    live = self.read()
                except StoreUnavailable as exc:
                    log.warning("live board: %s", exc)
                    continue
                self._publish(live)
        finally:
            feed.close()

    def read(self) -> Live:
        """BLOCKING: the board and the accounts, now."""
        staff = self.hall.staff
        return Live(
            self.hall.help.board(), staff.stamps(), staff.ended_sessions(self.ended_within_s)
        )

    def _publish(self, live: Live) -> None:
        with self._lock:
            streams = list(self._streams)
        for loop, queue in streams:
            try:
                loop.call_soon_threadsafe(queue.put_nowait, live)
            except RuntimeError:  # that page's loop is gone
                self.unsubscribe(queue)
