"""``kiosk run``: the application, the window in kiosk lock (or a window for development).

A staged start, so the home screen is on the glass as soon as Qt can paint it: the window is
built from the settings and the catalogue alone, and only after its first paint does a worker
load the step screens and the help desk's modules (the desk is then built on the GUI thread),
open the domain API (store, migration check, demo data on first run) and then the devices
(simulated when none are configured); the voice (Qt Multimedia) opens last, on the GUI thread.
A tile touched before the store is open starts as soon as it is (ui.kiosk.arrivals).

What opens is given by the composition root (kiosk/cli.py) as ``KioskParts``: this module
imports no store, drivers or audio of its own.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

from kiosk.config import Settings
from kiosk.errors import KioskError, OperationFailed
from kiosk.peripherals.port import Devices
from kiosk.peripherals.unavailable import NoDevices
from kiosk.speech.catalogue_prompts import prerender_catalogue
from ui.kiosk.collector import GuiThreadCollector
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice, Voice
from ui.supervision import Supervision, quit_on_signals
from ui.theme import FACE

if TYPE_CHECKING:
    from kiosk.api.kiosk import KioskApi
    from kiosk.catalog.schema import Catalogue
    from kiosk.catalog.snapshot import Home
    from ui.kiosk.arrivals import DeskMaker
    from ui.screens.base import Screens

log = logging.getLogger(__name__)
LANDSCAPE = (1920, 1080)
KIOSK_FONTS = Path(__file__).resolve().parents[2] / "assets" / "fontconfig" / "kiosk.conf"
SYSTEM_FONTS = Path("/etc/fonts/fonts.conf")  # what kiosk.conf includes
FALLBACK_MS = 1000


class KioskParts(NamedTuple):
    """What the window is drawn from, and how to open what it needs after its first paint."""

    home_catalogue: Callable[[], Home]  # the GUI thread, before the first paint
    open_screens: Callable[[], Screens]  # on the startup worker: the step screens' modules
    open_desk: Callable[[], DeskMaker]  # on the startup worker: the help desk's modules
    open_api: Callable[[], KioskApi]  # on the startup worker
    open_devices: Callable[[KioskApi], Devices]  # on the startup worker
    open_voice: Callable[[QObject], Voice]  # on the GUI thread


def application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    use_kiosk_fonts()
    app = QApplication(argv or sys.argv[:1])
    app.setApplicationName("kiosk")
    return app


def use_kiosk_fonts(environ: MutableMapping[str, str] = os.environ) -> None:
    """The kiosk's fontconfig (assets/fontconfig/kiosk.conf: the system's, without the bold
    faces of Noto Sans CJK SC, whose text FreeType emboldens from the regular face: one CJK
    collection in memory instead of two), set before Qt starts fontconfig; unless
    FONTCONFIG_FILE is set already, or the system's configuration it includes is not there."""
    if "FONTCONFIG_FILE" not in environ and KIOSK_FONTS.is_file() and SYSTEM_FONTS.is_file():
        environ["FONTCONFIG_FILE"] = str(KIOSK_FONTS)


def check_font() -> str:
    """The face to use; says so on stderr when no CJK font is installed (Chinese would be boxes)."""
    families = QFontDatabase.families()
    if FACE in families:
        return FACE
    cjk = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    if cjk:
        log.warning("font %s not installed; using %s", FACE, cjk[0])
        return cjk[0]
    print(
        "kiosk: no Chinese font is installed, so Chinese text would show as boxes. "
        "Install one, e.g. `apt-get install fonts-noto-cjk`.",
        file=sys.stderr,
    )
    return ""


def portrait_for(settings: Settings) -> bool:
    orientation = settings.display.orientation
    if orientation != "auto":
        return orientation == "portrait"
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return False
    size = screen.size()
    return size.height() > size.width()


class Startup(QObject):
    """Opens the API and the devices on a worker after the window's first paint, hands them
    to the window on the GUI thread, then opens the voice. Closes all of them at the end."""

    _opened = Signal(str, object)  # "api", "devices" or "failed"; the object
    ready = Signal()  # the API and the devices are attached
    failed = Signal()

    def __init__(self, parts: KioskParts, window: KioskWindow) -> None:
        super().__init__()
        self.parts, self.window = parts, window
        self.api: KioskApi | None = None
        self.devices: Devices | None = None
        self.voice: Voice | None = None
        self.error: BaseException | None = None
        self._began = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        # Emitted on the worker only, so queued to this (the GUI) thread by Qt itself.
        self._opened.connect(self._arrived)
        window.installEventFilter(self)
        # Should no paint come (a window never exposed), open anyway, a moment later.
        QTimer.singleShot(FALLBACK_MS, self, self.begin)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._began:
            self._began = True
            watched.removeEventFilter(self)
            # Once this paint is done: begun here, the worker's imports would hold the GIL
            # while the window's widgets draw, and home would be on the screen later.
            QTimer.singleShot(0, self, self.begin)
        return False

    def begin(self) -> None:
        """Start opening now (also called by the first paint); keys are heard from here on."""
        self._began = True
        self.window.listen_to_keys()
        if self._thread is not None or self._stop.is_set():
            return
        self._thread = threading.Thread(target=self._open, name="kiosk-startup", daemon=True)
        self._thread.start()

    def _open(self) -> None:  # the worker
        try:
            self._opened.emit("screens", self.parts.open_screens())
            self._opened.emit("desk", self.parts.open_desk())
            api = self.parts.open_api()
            # Versions published to the hall: offered to the window, which takes them between
            # visits; their prompts are rendered first, once the voice is open.
            api.watch_catalogue(self.window.visits.catalogues.offer, prerender=self._prerender)
        except BaseException as error:  # shown by run_kiosk after the loop ends
            self._opened.emit("failed", error)
            return
        if self._stop.is_set():
            api.close()
            return
        self._opened.emit("api", api)
        devices = self.parts.open_devices(api)
        if self._stop.is_set():
            devices.close()
            return
        self._opened.emit("devices", devices)

    def _prerender(self, catalogue: Catalogue) -> None:  # the catalogue watcher's thread
        synth = getattr(self.voice, "synth", None)
        # Only a voice in use: one that is not renders the new prompts when it first speaks.
        if synth is not None and getattr(self.voice, "warmed", False):
            prerender_catalogue(synth, catalogue)

    def _arrived(self, what: str, value: Any) -> None:  # the GUI thread
        if what == "failed":
            self.error = value
            log.error("the kiosk could not open its store", exc_info=value)
            self.failed.emit()
            return
        window, arrivals = self.window, self.window.arrivals
        if what == "screens":  # modules, nothing to close
            arrivals.screens(value)
            return
        if what == "desk":  # its class: the desk is built here, on the GUI thread
            if not self._stop.is_set():
                arrivals.desk(value(window, window.visit, window.bridge))
            return
        if self._stop.is_set():  # closing already: close what arrived late
            value.close()
            return
        if what == "api":
            self.api = value
            arrivals.api(value)
        else:
            self.devices = value
            arrivals.devices(value)
            self.voice = self.parts.open_voice(window)
            arrivals.voice(self.voice)
            self.ready.emit()

    def close(self) -> None:
        """A print under way ends first (on paper and on record, bounded), then the devices
        (their events still reach the store), then the voice and the API."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        QApplication.sendPostedEvents(self)  # what the worker handed over before it ended
        if self.api is not None:
            # The one wait for a print under way (bounded); the records' close says what is
            # left unrecorded, and does not wait again.
            self.api.prints_ended()
        if self.devices is not None:
            self.devices.close()
        close_voice = getattr(self.voice, "close", None)
        if close_voice is not None:
            close_voice()
        if self.api is not None:
            self.api.close(prints_s=0)


def open_kiosk(settings: Settings, parts: KioskParts) -> tuple[KioskWindow, Startup]:
    """The window with home drawn from the catalogue, and the startup that opens the rest after
    the window's first paint. Errors in the catalogue are raised here, before any window."""
    app = application()
    face = check_font()
    if face:
        app.setFont(QFont(face))
    window = KioskWindow(
        None,
        RecordingVoice(),
        NoDevices(),
        settings=settings,
        catalogue=parts.home_catalogue(),  # with the versions last served in this hall
        locked=settings.display.fullscreen,
        portrait=portrait_for(settings),
        keys_at_first_paint=True,  # Startup.begin
    )
    return window, Startup(parts, window)


def out_of_service(
    app: QApplication, window: KioskWindow, parts: KioskParts, settings: Settings
) -> None:
    """The store did not open: say so to residents (screen and voice) for a while, then end
    the loop; the error ends the process non-zero, for its supervisor to restart it."""
    notice = window.out_of_service()
    log.error(
        "kiosk: out of service (the store could not be opened); exiting in %.0f s",
        settings.display.out_of_service_s,
    )
    try:
        voice = parts.open_voice(window)
        voice.speak(notice.speech().split("\n")[0], settings.kiosk.default_language)
    except Exception:  # the screen says it; a voice that cannot open is logged by open_voice
        log.warning("out of service: the voice could not say so", exc_info=True)
    QTimer.singleShot(round(settings.display.out_of_service_s * 1000), app.quit)


def show_full_screen(window: KioskWindow) -> None:
    """The whole screen, with or without a window manager: with none, the full-screen state is
    a hint nobody acts on and the window keeps its own size, so it is given the screen's."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        window.setGeometry(screen.geometry())
    window.showFullScreen()


def run_kiosk(settings: Settings, parts: KioskParts) -> int:
    app = application()
    supervision = Supervision()  # systemd: watchdog pings from this thread, READY, STOPPING
    collector = GuiThreadCollector(app)  # widgets in cycles die on the GUI thread, never a worker
    window, startup = open_kiosk(settings, parts)
    startup.failed.connect(lambda: out_of_service(app, window, parts, settings))
    startup.ready.connect(lambda: log.info("kiosk: ready"))
    supervision.watch(startup.ready)
    try:
        with quit_on_signals(app, window.lock.release):
            if settings.display.fullscreen:
                show_full_screen(window)
            else:
                w, h = LANDSCAPE
                window.resize(*((h, w) if window.portrait else (w, h)))
                window.show()
            code = app.exec()
    finally:
        supervision.stopping()
        window.shutdown()  # the visit, the help desk, the bridge
        startup.close()  # devices, then the voice, then the API (records flushed or spooled)
        collector.stop()
        log.info("kiosk: closed")
    error = startup.error
    if isinstance(error, KioskError):
        raise error
    if error is not None:  # logged with its traceback; the operator gets the cause in words
        raise OperationFailed(f"the store could not be opened: {error}") from error
    return code
