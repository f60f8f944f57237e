"""F3 ("where am I") names where the focus really is, a bar button too (Call staff), as it
names a choice on the task; never "nothing is selected" while a control has the focus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from kiosk.i18n import t
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot


def test_f3_on_call_staff_names_the_button(
    kiosk: KioskWindow, voice: RecordingVoice, pilot: Autopilot
) -> None:
    pilot.start("card-status")
    staff = kiosk.findChild(QWidget, "bar.staff")
    assert staff is not None
    staff.setFocus()
    QTest.keyClick(kiosk, Qt.Key.Key_F3)
    assert t("where.nothing", "zh") not in voice.last
    assert kiosk.controls.focus_words(staff) in voice.last
    assert "呼叫工作人员" in voice.last


def test_f3_on_a_bar_button_in_english_names_it(
    kiosk: KioskWindow, voice: RecordingVoice, pilot: Autopilot
) -> None:
    pilot.press("language.en")
    pilot.start("card-status")
    repeat = kiosk.findChild(QWidget, "bar.repeat")
    assert repeat is not None
    repeat.setFocus()
    QTest.keyClick(kiosk, Qt.Key.Key_F3)
    assert t("where.nothing", "en") not in voice.last
    assert kiosk.controls.focus_words(repeat) in voice.last
