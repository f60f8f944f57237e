"""Fixtures for the UI tests: a real KioskApi on a temporary SQLite, a recording voice, fake
devices, and a kiosk window that is shut down and closed after each test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypedDict, Unpack

import pytest
from pytestqt.qtbot import QtBot

from kiosk.api.kiosk import KioskApi
from kiosk.config import load_settings
from kiosk.peripherals.port import Devices
from kiosk.peripherals.scripted import ScriptedDevices
from tests.helpers.clock import FakeClock
from ui.assist.desk import HelpDesk
from ui.kiosk.window import KioskWindow
from ui.screens.registry import SCREENS
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot


def _start_multimedia_outside_any_test() -> None:
    """Start Qt Multimedia once, at collection, before pytest-qt watches any Qt message.

    With no sound server its first start logs from Qt's audio thread. Inside a test, that
    thread would call pytest-qt's Python message handler and wait for the GIL while the GUI
    thread holds it inside QMediaDevices(): a deadlock, seen when tests/ui/test_startup.py
    ran alone. (The kiosk installs no Python message handler.) The application made here is
    the one pytest-qt's ``qapp`` then uses.
    """
    from PySide6.QtMultimedia import QMediaDevices
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        global _APP
        _APP = QApplication([])
    QMediaDevices.audioOutputs()


_APP: object = None
_start_multimedia_outside_any_test()


Clock = FakeClock  # the name these tests know it by


@pytest.fixture
def core(tmp_path: Path) -> Iterator[KioskApi]:
    overrides = {"paths.data_dir": str(tmp_path), "server.base_url": "https://hall.test"}
    settings = load_settings(overrides=overrides, environ={})
    core = KioskApi.open(settings)
    yield core
    core.close()


@pytest.fixture
def voice() -> RecordingVoice:
    return RecordingVoice()


@pytest.fixture
def devices() -> ScriptedDevices:
    return ScriptedDevices()


@pytest.fixture
def clock() -> Clock:
    return Clock()


class WindowOptions(TypedDict, total=False):
    """What a test may set of the window beyond its parts (ui.kiosk.window.KioskWindow)."""

    locked: bool
    portrait: bool
    clock: Callable[[], float]


def open_window(
    qtbot: QtBot,
    core: KioskApi,
    voice: RecordingVoice,
    devices: Devices,
    **kw: Unpack[WindowOptions],
) -> KioskWindow:
    window = KioskWindow(core, voice, devices, screens=SCREENS, desk=HelpDesk, **kw)
    portrait = bool(kw.get("portrait"))
    window.resize(*((1080, 1920) if portrait else (1920, 1080)))
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    # The keypad path needs the focus, which only an active window has; activation comes
    # from the platform a moment later (on a busy run, after the first key of a test).
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    return window


@pytest.fixture
def kiosk(
    qtbot: QtBot, core: KioskApi, voice: RecordingVoice, devices: ScriptedDevices, clock: Clock
) -> Iterator[KioskWindow]:
    window = open_window(qtbot, core, voice, devices, clock=clock)
    yield window
    window.shutdown()
    window.close()
    window.deleteLater()
    qtbot.wait(1)


@pytest.fixture
def pilot(kiosk: KioskWindow, core: KioskApi) -> Autopilot:
    return Autopilot(kiosk, "touch", id_number=core.demo_residents()[0][1])


@pytest.fixture
def keys(kiosk: KioskWindow, core: KioskApi) -> Autopilot:
    """The autopilot by keys, with a demo resident every service can serve."""
    return Autopilot(kiosk, "keys", id_number=core.demo_residents()[1][1])


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform says this on every window shown; it is not about our code.
    for item in items:
        if "tests/ui/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore("propagateSizeHints"))
