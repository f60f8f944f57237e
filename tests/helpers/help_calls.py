"""A resident's call for staff in the kiosk window, for the tests that follow one: the window's
help desk, the call pressed and in the store, T2 passing with nobody coming, and the three
wrong ID numbers that make the kiosk offer a person."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.helpers.clock import FakeClock
from ui.assist.desk import HelpDesk
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot

PAST_T2_S = 200  # longer than T2 (180 s), the wait before a counter ticket is offered


def desk_of(kiosk: KioskWindow) -> HelpDesk:
    assert kiosk.desk is not None  # the kiosk fixture gives the window its help desk
    return kiosk.desk


def press_call(qtbot: QtBot, kiosk: KioskWindow, pilot: Autopilot) -> HelpDesk:
    """呼叫工作人员 pressed: the desk, once the call is in the store and the help strip shows
    its status."""
    desk = desk_of(kiosk)
    pilot.press("bar.staff")
    qtbot.waitUntil(
        lambda: desk.request_id is not None and desk.strip.status is not None, timeout=5000
    )
    return desk


def nobody_comes(qtbot: QtBot, desk: HelpDesk) -> None:
    """T2 passes on the desk's help clock (a FakeClock the test gave it) with nobody coming:
    the strip offers a counter ticket."""
    assert isinstance(desk.help_clock, FakeClock)
    desk.help_clock.advance(PAST_T2_S)
    with qtbot.waitSignal(desk.strip.counter_offered, timeout=5000):
        desk.strip.poll()


def three_wrong_numbers(keys: Autopilot, voice: RecordingVoice | None = None) -> None:
    """The ID number typed wrong three times by keys: the kiosk then offers a person. With
    ``voice``, the third while that voice is still talking (the second refusal not yet said
    to its end)."""
    good = keys.id_number
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")  # its check digit no longer fits
    for n in range(3):
        if n:
            keys.clear_keypad()
        keys.type_digits(wrong)
        if voice is not None:
            voice.speaking = n == 2
        keys.key(Qt.Key.Key_Return)
