"""A new catalogue waits here until the kiosk is between visits.

The watcher offers from its own thread; the front end takes it when no visit runs (at home,
when a visit ends), so a resident never sees a service change under them. A newer offer
replaces one not yet taken.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.catalog.schema import Catalogue


class PendingCatalogue:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held: Catalogue | None = None

    def offer(self, catalogue: Catalogue) -> None:
        """From any thread."""
        with self._lock:
            self._held = catalogue

    @property
    def waiting(self) -> bool:
        with self._lock:
            return self._held is not None

    def idle(self) -> Catalogue | None:
        """No visit is running: the catalogue to switch to now, once, or None."""
        with self._lock:
            held, self._held = self._held, None
        return held

    visit_ended = idle
