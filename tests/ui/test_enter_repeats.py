"""An impatient Enter: pressed again before the next screen could be heard, it is ignored as a
second tap is (within the double-tap time, onto what replaced the screen), so keys alone never
carry a resident past choices and a preview nobody heard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.api.kiosk import KioskApi
from kiosk.peripherals.scripted import ScriptedDevices
from tests.helpers.clock import FakeClock
from tests.helpers.printing import SERVICE, certificate_by_keys
from ui.kiosk.window import KioskWindow
from ui.tour.autopilot import Autopilot


def _enter(kiosk: KioskWindow) -> None:
    QTest.keyClick(QApplication.focusWidget() or kiosk, Qt.Key.Key_Return)


def _number_typed(kiosk: KioskWindow, core: KioskApi) -> tuple[Autopilot, FakeClock]:
    """The certificate's ID step by keys, a served resident's number typed, on a hand clock."""
    pilot = certificate_by_keys(kiosk, core)
    pilot.reach(SERVICE, "identify")
    clock = FakeClock()
    kiosk.touch_policy.clock = clock
    for digit in pilot.id_number:
        QTest.keyClicks(kiosk, digit)
    return pilot, clock


def test_enter_pressed_four_times_a_quarter_second_apart_prints_nothing_unheard(
    kiosk: KioskWindow, core: KioskApi, devices: ScriptedDevices
) -> None:
    pilot, clock = _number_typed(kiosk, core)
    steps = []
    for _ in range(4):
        _enter(kiosk)
        pilot.settle()
        steps.append(pilot.where())
        clock.advance(0.25)
    # The number is taken; the next Enter, a quarter second after, bounces off the new screen;
    # the one after that (half a second after the first) chooses; the last bounces again.
    assert steps == [
        f"{SERVICE}/kind",
        f"{SERVICE}/kind",
        f"{SERVICE}/preview",
        f"{SERVICE}/preview",
    ]
    assert devices.printed == []


def test_enter_at_an_unhurried_pace_goes_on_as_before(
    kiosk: KioskWindow, core: KioskApi, devices: ScriptedDevices
) -> None:
    pilot, clock = _number_typed(kiosk, core)
    for expected in ("kind", "preview"):
        _enter(kiosk)
        pilot.settle()
        assert pilot.where() == f"{SERVICE}/{expected}"
        clock.advance(0.6)


def test_moving_on_the_same_screen_then_enter_is_not_a_repeat(
    kiosk: KioskWindow, core: KioskApi
) -> None:
    """A quick Down and Enter is a choice, not a bounce: the control is another one on the
    same screen."""
    pilot = certificate_by_keys(kiosk, core)
    pilot.reach(SERVICE, "kind")
    clock = FakeClock()
    kiosk.touch_policy.clock = clock
    first = QApplication.focusWidget()
    kiosk.touch_policy.enter_repeats(first or kiosk)  # as if Enter had just acted on it
    QTest.keyClick(kiosk, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is not first
    assert not kiosk.touch_policy.enter_repeats(QApplication.focusWidget() or kiosk)
