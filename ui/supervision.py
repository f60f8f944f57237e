"""A window under a service manager (the kiosk, the staff console): ready when it can serve,
alive while its GUI thread is, closed cleanly on SIGTERM.

The watchdog ping is a ``QTimer`` on the GUI thread, so it is sent only while the event loop
turns: a frozen window stops the pings and systemd restarts it, and no worker thread, however
busy, can keep a frozen window alive. READY=1 names this process the service's main process,
so under cage ``KillMode=mixed`` sends SIGTERM to it alone, and ``quit_on_signals`` turns that
into the end of the event loop. Outside a service (no ``$NOTIFY_SOCKET``) it sends nothing.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QObject, QTimer, SignalInstance

from kiosk.sdnotify import Notifier

log = logging.getLogger(__name__)


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
        ready.connect(self.ready)

    def ready(self) -> None:
        self.notifier.ready("serving")
        self.notifier.watchdog()

    def stopping(self) -> None:
        self._timer.stop()
        self.notifier.stopping()
        self.notifier.close()


@contextmanager
def quit_on_signals(
    app: QCoreApplication, before_exit: Callable[[], None] = lambda: None, poll_ms: int = 200
) -> Iterator[None]:
    """Ctrl-C and SIGTERM end the event loop whatever is on the screen, so the application
    closes its store (and devices, voice) on the way out; ``before_exit`` runs first (the
    kiosk releases its lock). Python runs signal handlers only between bytecodes, and the loop
    is in C++: a timer wakes the interpreter now and then so they do run."""

    def stop(signum: int, _frame: object) -> None:
        log.warning("%s: %s received; closing", app.applicationName(), signal.Signals(signum).name)
        before_exit()
        # exit, not quit: since Qt 6 quit() first asks every window to close, and the locked
        # kiosk window refuses (that is the lock), so SIGTERM would be ignored until SIGKILL.
        app.exit(0)

    before = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    wake = QTimer()
    wake.timeout.connect(lambda: None)
    wake.start(poll_ms)
    try:
        yield
    finally:
        wake.stop()
        for sig, handler in before.items():
            signal.signal(sig, handler)
