"""The window's side of a staged start (ui.kiosk.app): the parts that arrive after home is
painted, and what a resident asked of them before they did.

Home is drawn from the settings and the catalogue alone. After the first paint come the step
screens, the help desk, the domain API, the devices and the voice, each handed over here on the
GUI thread. A tile touched before the store is open starts as soon as it is; a call for staff
pressed before the desk is built is made once it is (and the desk itself waits for the store).
Keys and touches act from the first paint, heard only by a silent stand-in voice; when the real
voice opens it says where the resident is now (``ui.kiosk.heard.screen_now``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias

from PySide6.QtCore import QObject

from ui.kiosk.heard import screen_now

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from kiosk.api.kiosk import KioskApi
    from kiosk.peripherals.port import Devices
    from ui.assist.desk import HelpDesk
    from ui.bridge import Bridge
    from ui.kiosk.session import VisitSession
    from ui.kiosk.window import KioskWindow
    from ui.screens.base import Screens
    from ui.speech.port import Voice

# How the help desk is built for a window (ui.assist.desk.HelpDesk is one): its module loads
# the staff panels, which home does not need, so it is given after the first paint.
DeskMaker: TypeAlias = "Callable[[QWidget, VisitSession, Bridge], HelpDesk]"


class Arrivals(QObject):
    # A QObject for the reason ui.kiosk.controls.ResidentControls gives.
    def __init__(self, window: KioskWindow) -> None:
        super().__init__(window)
        self.window = window
        self.queued_service = ""  # a tile touched before the store was open
        self.call_waiting = False  # a call for staff pressed before the desk was built

    def start_service(self, service_id: str) -> None:
        """A tile: its visit starts now, or the moment the store is open."""
        if not self.window.ready:
            self.queued_service = service_id  # started by api(), a moment from now
            return
        self.window.visits.start(service_id)

    def call_staff(self) -> None:
        """The bar's, a banner's or a screen's call for staff."""
        desk = self.window.desk
        if desk is None:
            self.call_waiting = True
            return
        desk.call()

    def screens(self, screens: Screens) -> None:
        self.window.screens = screens

    def desk(self, desk: HelpDesk) -> None:
        """The help desk (built by the staged start, or given to the window at once)."""
        w = self.window
        desk.changed.connect(self._desk_changed)
        desk.speak.connect(w.controls.say_status)
        desk.leave_kiosk.connect(w.lock.leave_kiosk_mode)
        w.place_desk(desk)
        if self.call_waiting:
            self.call_waiting = False
            desk.call()

    def _desk_changed(self) -> None:
        """A call answered, a panel opened: the control the resident last used keeps the
        focus (Call staff, with the call's own buttons its next stops), as the status is said."""
        self.window.redraw(keep_focus=True)

    def api(self, api: KioskApi) -> None:
        w = self.window
        w.api = api
        w.visit.attach_api(api)
        w.ready = w.screens is not None
        if w.desk is not None:
            w.desk.entry.setVisible(w.desk.entry_shown)
            w.desk.api_ready()
        queued, self.queued_service = self.queued_service, ""
        if queued and w.visit.engine is None and not w.closing:
            self.start_service(queued)

    def devices(self, devices: Devices) -> None:
        self.window.devices = devices
        self.window.visit.use_devices(devices)

    def voice(self, voice: Voice) -> None:
        """The real voice, in place of the stand-in that only noted what was said: it says the
        screen the resident is on now, as a screen is said when shown."""
        self.window.voice = voice
        self.window.controls.say(screen_now(self.window))
