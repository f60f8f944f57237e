"""The kiosk lock: in full screen, residents' keys never close the window nor leave it.

Alt+F4 and the like are eaten by the key filter (ui.kiosk.keys) and a close the window gets
anyway is refused. The operator's stop (a signal, ui.kiosk.app) releases the lock; a signed-in
helper may leave kiosk mode to the desktop (audited by the takeover). A development window is
not locked.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from ui.kiosk.window import KioskWindow

log = logging.getLogger(__name__)


class KioskLock:
    def __init__(self, window: KioskWindow, locked: bool) -> None:
        self.window, self.locked = window, locked
        self.left_kiosk = ""  # why a helper left kiosk mode, once they did

    def release(self) -> None:
        """The operator's stop (a signal): the window may close; residents' keys never could."""
        self.locked = False
        self.window.keys.locked = False

    def leave_kiosk_mode(self, reason: str) -> None:
        """A helper left kiosk mode (audited by the takeover). Full screen: the kiosk lock ends
        and the app exits to the desktop; a development window only notes it."""
        self.left_kiosk = reason
        desk = self.window.desk
        helper = desk.helper.staff if desk is not None else None
        staff = helper.label if helper is not None else "staff"
        if not self.locked:
            log.warning("leave kiosk mode asked by %s (%s); a windowed kiosk stays", staff, reason)
            return
        log.warning("kiosk: leaving kiosk mode to the desktop at %s's request: %s", staff, reason)
        self.release()
        self.window.shutdown()
        app = QApplication.instance()
        if app is not None:
            app.quit()
