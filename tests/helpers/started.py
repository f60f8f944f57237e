"""Closing a kiosk that a test started in stages (``open_kiosk``): its window and its startup."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ui.kiosk.app import Startup
from ui.kiosk.window import KioskWindow


def close_started(qtbot: QtBot, window: KioskWindow, startup: Startup) -> None:
    """What the kiosk does at its end (devices, voice, store), then the window deleted."""
    window.shutdown()
    startup.close()
    window.close()
    window.deleteLater()
    qtbot.wait(1)
