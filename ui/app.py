"""``kiosk run``: the application, the window in kiosk lock (or a window for development).

Opens the domain (store, catalogue, demo data on first run), the devices (simulated when none
are configured) and the voice, then shows the home screen full screen and frameless.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

from kiosk.config import Settings
from ui.devices import open_devices
from ui.theme import FACE
from ui.voice import open_voice
from ui.window import KioskWindow

log = logging.getLogger(__name__)
LANDSCAPE = (1920, 1080)


def application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv or sys.argv[:1])
    app.setApplicationName("kiosk")
    return app


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


def run_kiosk(settings: Settings) -> int:
    from kiosk.core import KioskCore

    app = application()
    face = check_font()
    if face:
        app.setFont(QFont(face))
    core = KioskCore.open(settings)
    devices = open_devices(settings, core)
    voice = open_voice(settings, app)
    portrait = portrait_for(settings)
    window = KioskWindow(
        core, voice, devices, locked=settings.display.fullscreen, portrait=portrait
    )
    try:
        if settings.display.fullscreen:
            window.showFullScreen()
        else:
            w, h = LANDSCAPE
            window.resize(*((h, w) if portrait else (w, h)))
            window.show()
        return app.exec()
    finally:
        window.shutdown()
        devices.close()
        core.close()
