"""A kiosk that a test starts in stages (``open_kiosk``): its settings, and closing its window
and its startup, and what Qt Multimedia says as the real voice opens with no sound card."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.config import Settings, load_settings
from ui.kiosk.app import Startup
from ui.kiosk.window import KioskWindow


def windowed_settings(data_dir: Path) -> Settings:
    """A kiosk's settings on its own data folder, in a window (not full screen), read from
    nothing else: no configuration file, no environment."""
    return load_settings(
        overrides={"paths.data_dir": str(data_dir), "display.fullscreen": False}, environ={}
    )


def close_started(qtbot: QtBot, window: KioskWindow, startup: Startup) -> None:
    """What the kiosk does at its end (devices, voice, store), then the window deleted."""
    window.shutdown()
    startup.close()
    window.close()
    window.deleteLater()
    qtbot.wait(1)


# The real voice opens here; with no sound card Qt Multimedia says so (see machine.md).
VOICE_OPENING_NOISE = (
    "PulseAudioService",
    "No audio device",
    "Couldn.t (load|resolve)",
    "pipewire",
)
