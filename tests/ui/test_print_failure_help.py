"""F1 on a failed print says what went wrong and the ways forward the screen offers, by their
names, in the resident's language; not the print step's "choose to print or not"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.i18n import t
from kiosk.peripherals.scripted import ScriptedDevices
from tests.helpers.printing import failed_print
from ui.kiosk.window import KioskWindow
from ui.screens.print import PrintScreen
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot


def test_f1_on_a_failed_print_says_why_and_the_ways_forward(
    kiosk: KioskWindow, keys: Autopilot, devices: ScriptedDevices, voice: RecordingVoice
) -> None:
    failed_print(keys, devices)
    assert isinstance(kiosk.current, PrintScreen)
    QTest.keyClick(kiosk, Qt.Key.Key_F1)
    said = voice.last
    assert said != t("keyhelp.print", "zh")
    assert t("print.reason.paper_out", "zh") in said
    for way in ("action.retry", "bar.call_staff", "action.next", "print.way.counter"):
        assert f"“{t(way, 'zh')}”" in said
    assert "按确认键" in said


def test_f1_on_a_failed_print_in_english(
    kiosk: KioskWindow, keys: Autopilot, devices: ScriptedDevices, voice: RecordingVoice
) -> None:
    failed_print(keys, devices, "en")
    QTest.keyClick(kiosk, Qt.Key.Key_F1)
    said = voice.last
    assert t("print.reason.paper_out", "en") in said
    assert t("action.retry", "en") in said and t("bar.call_staff", "en") in said
    assert ", or " in said
