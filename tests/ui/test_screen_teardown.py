"""A screen that is replaced dies on the GUI thread, owned by the window until then; Python's
cycle collector runs on the GUI thread only, so no widget is ever destroyed by a worker."""

from __future__ import annotations

import gc
import threading
import weakref
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from shiboken6 import Shiboken, isValid

from kiosk.cli import kiosk_parts
from kiosk.peripherals.scripted import ScriptedDevices
from tests.helpers.started import VOICE_OPENING_NOISE, close_started, windowed_settings
from ui.kiosk.app import open_kiosk
from ui.kiosk.collector import GuiThreadCollector
from ui.kiosk.window import KioskWindow
from ui.screens.base import Screen
from ui.tour.autopilot import Autopilot


def test_a_replaced_screen_is_never_an_orphan_and_dies_on_the_next_turn(
    kiosk: KioskWindow, pilot: Autopilot, qtbot: QtBot
) -> None:
    old = kiosk.current
    assert old is not None
    pilot.start("counter-ticket")
    assert kiosk.current is not old
    assert isValid(old)  # until the loop's next turn
    assert old.parentWidget() is not None, "an orphan: owned by Python, collected anywhere"
    assert not Shiboken.ownedByPython(old)
    assert not old.isVisible()
    tops = [w for w in QApplication.topLevelWidgets() if isinstance(w, Screen)]
    assert tops == [], tops
    qtbot.waitUntil(lambda: not isValid(old))


class _Cycle:
    def __init__(self, died: list[str]) -> None:
        self.me, self.died = self, died

    def __del__(self) -> None:
        self.died.append(threading.current_thread().name)


def test_cycles_are_collected_on_the_gui_thread_not_by_a_worker(qtbot: QtBot) -> None:
    collector = GuiThreadCollector(interval_ms=10)
    died: list[str] = []
    try:

        def worker() -> None:
            _Cycle(died)  # unreachable at once: only the collector frees it
            junk = [[i] for i in range(50_000)]  # enough allocation to pass gen0's threshold
            del junk

        thread = threading.Thread(target=worker, name="worker")
        thread.start()
        thread.join()
        assert died == [], "collected by the worker"
        collector.collect()  # what its timer does on the GUI thread
        assert died == [threading.current_thread().name]
    finally:
        collector.stop()


def test_the_collector_gives_automatic_collection_back(qtbot: QtBot) -> None:
    assert gc.isenabled()
    collector = GuiThreadCollector()
    assert not gc.isenabled()
    collector.stop()
    assert gc.isenabled()  # nothing left disabled for the tests that follow


@pytest.mark.qt_log_ignore(*VOICE_OPENING_NOISE)
def _weak_references() -> int:
    """Weak references to live objects (the leaked ones pointed at the window's lasting parts;
    references to objects gone wait in their containers for a clean-up that may come later)."""
    gc.collect()
    return sum(1 for o in gc.get_objects() if type(o) is weakref.ReferenceType and o() is not None)


@pytest.mark.qt_log_ignore(*VOICE_OPENING_NOISE)
def test_visits_leave_nothing_behind(qtbot: QtBot, tmp_path: Path) -> None:
    """A kiosk started as ``kiosk run`` starts it, through visits one a turn of its event loop
    (as taps come), and home again, twice over: once deleted, no screen is still held by
    Python, and the second round adds no weak references. Walking the whole focus chain round
    to a new screen, while the last one waited for its deletion, kept each home screen's
    wrapper alive for good; PySide6 keeps a weak reference for good for every connection to a
    bound method of a plain Python object (the window's parts are QObjects for that). Together
    about 36 KiB a visit in bench/soak.py."""
    settings = windowed_settings(tmp_path)
    gc.collect()
    earlier = {id(o) for o in gc.get_objects() if issubclass(type(o), Screen)}  # other tests'
    window, startup = open_kiosk(settings, kiosk_parts(settings))
    gone: list[Screen] = []
    try:
        with qtbot.waitSignal(startup.ready, timeout=20000):
            window.resize(1920, 1080)
            window.show()
        window.arrivals.devices(ScriptedDevices())
        pilot = Autopilot(window)
        services: list[str] = []

        def next_visit() -> None:  # one a turn of the event loop, as taps come in the kiosk
            if services:
                assert window.current is not None
                gone.append(window.current)
                assert pilot.complete(services.pop(0))
                QTimer.singleShot(0, next_visit)

        counts = []
        for _round in range(2):
            services.extend(["counter-ticket", "service-guide"] * 3)
            QTimer.singleShot(0, next_visit)
            qtbot.waitUntil(
                lambda: not services and not any(isValid(s) for s in gone), timeout=60000
            )
            gone.clear()
            counts.append(_weak_references())
        held = [
            o
            for o in gc.get_objects()
            if issubclass(type(o), Screen) and not isValid(o) and id(o) not in earlier
        ]
        assert held == [], [type(o).__name__ for o in held]
        assert counts[1] - counts[0] < 30, counts  # about 130 a visit when they leaked
    finally:
        close_started(qtbot, window, startup)
