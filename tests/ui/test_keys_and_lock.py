"""The keypad path (EZ Access keys), spoken focus, the kiosk lock, and accessible names."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel
from pytestqt.qtbot import QtBot

from kiosk.api.kiosk import KioskApi
from kiosk.i18n import t
from kiosk.peripherals.scripted import ScriptedDevices
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot

from .conftest import open_window


def test_arrow_moves_focus_and_speaks_role_and_name(
    kiosk: KioskWindow, voice: RecordingVoice
) -> None:
    QTest.keyClick(kiosk, Qt.Key.Key_Down)  # from 粤语 to English: its words in English
    assert voice.said[-1] == ("按钮：English。Switch to English。11项中的第2项。", "zh")
    QTest.keyClick(kiosk, Qt.Key.Key_Down)  # then elder mode, in the screen's language
    assert voice.said[-1][1] == "zh" and voice.last.startswith("按钮：长辈模式")


def test_f1_speaks_help_even_with_voice_off(kiosk: KioskWindow, voice: RecordingVoice) -> None:
    Autopilot(kiosk).press("home.voice")
    QTest.keyClick(kiosk, Qt.Key.Key_F1)
    assert "F2" in voice.last and kiosk.prefs.voice


def test_escape_on_home_says_there_is_no_step_before_and_goes_back_in_a_service(
    kiosk: KioskWindow, voice: RecordingVoice
) -> None:
    pilot = Autopilot(kiosk, "keys")
    QTest.keyClick(kiosk, Qt.Key.Key_Escape)
    assert kiosk.visit.engine is None and kiosk.isVisible()
    assert voice.last == t("back.at_home", "zh")  # said, and shown above home
    assert any(t("back.at_home", "zh") in label.text() for label in kiosk.findChildren(QLabel))
    pilot.start("service-guide")
    pilot.press("option.retire")
    engine = kiosk.visit.engine
    assert engine is not None and engine.step.id == "detail"
    QTest.keyClick(kiosk, Qt.Key.Key_Escape)
    assert engine.step.id == "topic"


def test_digit_keys_type_into_the_keypad(kiosk: KioskWindow, core: KioskApi) -> None:
    pilot = Autopilot(kiosk, "keys")
    pilot.start("contribution-record")
    QTest.keyClicks(kiosk, "12")
    QTest.keyClick(kiosk, Qt.Key.Key_Backspace)
    assert kiosk.visit.draft == "1"


@pytest.mark.parametrize(
    "combo",
    [
        ("Q", Qt.KeyboardModifier.ControlModifier),
        ("W", Qt.KeyboardModifier.ControlModifier),
        ("F4", Qt.KeyboardModifier.AltModifier),
    ],
)
def test_kiosk_lock_eats_leaving_keys_and_refuses_close(
    qtbot: QtBot, core: KioskApi, combo: tuple[str, Qt.KeyboardModifier]
) -> None:
    window = open_window(qtbot, core, RecordingVoice(), ScriptedDevices(), locked=True)
    try:
        key = Qt.Key.Key_F4 if combo[0] == "F4" else getattr(Qt.Key, f"Key_{combo[0]}")
        assert window.keys._key_event_for_test(key, combo[1]) is True
        event = QCloseEvent()
        window.closeEvent(event)
        assert not event.isAccepted()
    finally:
        window.lock.release()
        window.shutdown()
        window.close()


def test_every_interactive_widget_has_name_and_description(kiosk: KioskWindow) -> None:
    pilot = Autopilot(kiosk)

    def check() -> None:
        for button in kiosk.findChildren(QAbstractButton):
            if button.isVisible():
                assert button.accessibleName(), button.objectName()
                assert button.accessibleDescription(), button.objectName()

    check()
    pilot.id_number = kiosk.visit.api.demo_residents()[0][1]
    pilot.on_screen = lambda _label: check()
    pilot.complete("change-phone")
