"""Python's cycle collector, run on the GUI thread only.

Left to itself the collector runs on whichever thread happens to allocate: the speech worker
inside espeak-ng's callback, a bridge worker, a device thread. A widget caught in a reference
cycle is then destroyed there, off the GUI thread, while Qt draws it or a screen reader reads
its accessible interface: a segmentation fault. So automatic collection is switched off and a
timer on the GUI thread collects instead, once a second (Anki does the same).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(interval_ms)

    def collect(self) -> int:
        """The young generation every time (cheap); the older ones when their thresholds
        are passed, as the automatic collector would."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        generation = 2 if counts[2] > thresholds[2] else 1 if counts[1] > thresholds[1] else 0
        return gc.collect(generation)

    def stop(self) -> None:
        """Back to automatic collection, after a last pass here."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
