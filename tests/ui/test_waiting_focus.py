"""A screen that waits (the printer printing) has no control to focus: it holds the focus
itself, so Enter pressed meanwhile presses nothing, least of all what came next in the focus
chain (the staff sign-in, which opened the PIN pad)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.flow.state import Phase
from kiosk.peripherals.port import PrintOutcome
from kiosk.peripherals.scripted import ScriptedDevices
from tests.helpers.printing import at_the_print_step, hold_the_printer
from ui.kiosk.window import KioskWindow
from ui.screens.print import PrintScreen
from ui.tour.autopilot import Autopilot


def enter() -> None:
    """Enter to what has the focus, and the events it leads to, without waiting for a print."""
    focused = QApplication.focusWidget()
    assert focused is not None
    QTest.keyClick(focused, Qt.Key.Key_Return)
    QTest.qWait(50)


def test_enter_while_printing_presses_nothing_and_the_focus_comes_back_to_the_screen(
    qtbot: QtBot,
    kiosk: KioskWindow,
    keys: Autopilot,
    devices: ScriptedDevices,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pending = hold_the_printer(devices, monkeypatch)
    at_the_print_step(keys)
    keys.focus(keys.button("action.print"))
    enter()  # not the pilot's press: it waits for the print, which is held
    # The printer is asked on the session's worker: on a loaded machine, after some while.
    qtbot.waitUntil(lambda: len(devices.printed) == 1, timeout=10_000)
    engine = kiosk.visit.engine
    assert engine is not None and engine.state.phase is Phase.WAITING
    screen = kiosk.current
    assert isinstance(screen, PrintScreen)
    assert QApplication.focusWidget() is screen  # not the staff sign-in, nor the bar
    enter()
    assert kiosk.desk is not None and not kiosk.desk.helper.pad_open
    assert engine.state.phase is Phase.WAITING and len(devices.printed) == 1
    pending.set_result(PrintOutcome(True))
    keys.settle()
    focused = QApplication.focusWidget()
    assert engine.state.printed and focused is not None
    assert focused.objectName() == "action.next"
