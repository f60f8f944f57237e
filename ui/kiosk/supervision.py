"""The kiosk under a service manager: ready when it can serve, alive while its GUI thread is.

The watchdog ping is a ``QTimer`` on the GUI thread, so it is sent only while the event loop
turns: a frozen window stops the pings and systemd restarts the kiosk, and no worker thread,
however busy, can keep a frozen window alive. Outside a service (no ``$NOTIFY_SOCKET``) it does
nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, SignalInstance

from kiosk.sdnotify import Notifier


class Supervision(QObject):
    def __init__(self, notifier: Notifier | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notifier = notifier or Notifier()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.notifier.watchdog)
        interval = self.notifier.watchdog_interval_ms()
        if interval is not None:
            self._timer.start(interval)

    def watch(self, ready: SignalInstance) -> None:
        """Say READY=1 when this signal comes (home painted, store and devices open)."""
        ready.connect(self._ready)

    def _ready(self) -> None:
        self.notifier.ready("serving")
        self.notifier.watchdog()

    def stopping(self) -> None:
        self._timer.stop()
        self.notifier.stopping()
        self.notifier.close()
