"""Touch rules: act on release, sliding off cancels, a second tap within 300 ms is ignored,
audio mode speaks on the first touch and acts on the second."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.helpers.now import prefs
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot
from ui.widgets.button import BigButton


def _tile(kiosk: KioskWindow) -> BigButton:
    return Autopilot(kiosk).button("service.counter-ticket")


def test_press_alone_does_nothing_release_acts(kiosk: KioskWindow, qtbot: QtBot) -> None:
    tile = _tile(kiosk)
    QTest.mousePress(tile, Qt.MouseButton.LeftButton, pos=tile.rect().center())
    assert kiosk.visit.engine is None
    QTest.mouseRelease(tile, Qt.MouseButton.LeftButton, pos=tile.rect().center())
    assert kiosk.visit.engine is not None


def test_sliding_off_before_release_cancels(kiosk: KioskWindow, pilot: Autopilot) -> None:
    pilot.slide_off(_tile(kiosk))
    assert kiosk.visit.engine is None


def test_second_tap_within_300_ms_is_ignored(kiosk: KioskWindow, pilot: Autopilot) -> None:
    now = [10.0]
    kiosk.touch_policy.clock = lambda: now[0]  # moved by hand, not by the autopilot
    pilot.tap(pilot.button("bar.size"))
    assert prefs(kiosk).size == "large"
    now[0] += 0.2
    pilot.tap(pilot.button("bar.size"))
    assert prefs(kiosk).size == "large", "a double tap counted twice"
    now[0] += 0.35
    pilot.tap(pilot.button("bar.size"))
    assert prefs(kiosk).size == "largest"


def test_an_enter_on_the_heels_of_the_last_is_ignored_as_a_second_tap_is(
    kiosk: KioskWindow, pilot: Autopilot
) -> None:
    """Keys were once left unguarded; a blind tester's impatient Enters then went on through
    screens whose words were cut off (tests/ui/test_enter_repeats.py)."""
    now = [5.0]
    kiosk.touch_policy.clock = lambda: now[0]
    pilot.button("bar.size").setFocus()
    QTest.keyClick(kiosk, Qt.Key.Key_Return)
    pilot.button("bar.size").setFocus()
    QTest.keyClick(kiosk, Qt.Key.Key_Return)  # the same control, at once: a bounce
    assert prefs(kiosk).size == "large"
    now[0] += 0.4
    pilot.button("bar.size").setFocus()
    QTest.keyClick(kiosk, Qt.Key.Key_Return)
    assert prefs(kiosk).size == "largest"


def test_no_auto_repeat_and_no_long_press(kiosk: KioskWindow) -> None:
    for button in kiosk.findChildren(BigButton):
        assert not button.autoRepeat()


def test_audio_mode_first_touch_speaks_second_acts(
    kiosk: KioskWindow, pilot: Autopilot, voice: RecordingVoice
) -> None:
    QTest.keyClick(kiosk, Qt.Key.Key_F2)
    assert kiosk.prefs.audio_mode
    tile = _tile(kiosk)
    pilot.tap(tile)
    assert kiosk.visit.engine is None
    assert "窗口取号" in voice.last and "按钮" in voice.last
    pilot.tap(tile)
    assert kiosk.visit.engine is not None


def test_audio_mode_blank_lets_touches_through(kiosk: KioskWindow, pilot: Autopilot) -> None:
    QTest.keyClick(kiosk, Qt.Key.Key_F2)
    QTest.keyClick(kiosk, Qt.Key.Key_F2)
    assert kiosk.blank.isVisible()
    tile = _tile(kiosk)
    pilot.tap(tile)
    pilot.tap(tile)
    assert kiosk.visit.engine is not None
    QTest.keyClick(kiosk, Qt.Key.Key_F2)
    assert not kiosk.prefs.audio_mode and not kiosk.blank.isVisible()
