"""Bar buttons that open something, as a resident on the keys meets them: the button keeps the
focus (pressed again, it closes what it opened or says the call again), what appeared is said,
and its controls are the next stops after the button. Sound opens the sound settings; Call staff
opens the help strip, whose Cancel hands the focus back to Call staff."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.api.kiosk import KioskApi
from kiosk.i18n import t
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot


@pytest.fixture
def keys(kiosk: KioskWindow, core: KioskApi) -> Autopilot:
    return Autopilot(kiosk, "keys", id_number=core.demo_residents()[1][1])


def focused_name() -> str:
    widget = QApplication.focusWidget()
    return widget.objectName() if widget is not None else "<none>"


def key(keys: Autopilot, which: Qt.Key) -> None:
    QTest.keyClick(keys._key_target(), which)
    keys.settle()


def test_sound_says_the_settings_it_opened_and_they_follow_it(
    kiosk: KioskWindow, keys: Autopilot, voice: RecordingVoice
) -> None:
    keys.start("change-phone")
    keys.press("bar.sound")
    strip = kiosk.speech
    assert strip is not None and focused_name() == "bar.sound"
    n, total = strip.volume
    items = "、".join(
        (
            t("speech.pause", "zh"),
            t("speech.rate", "zh", step=t("speech.rate.normal", "zh")),
            t("speech.quieter", "zh"),
            t("speech.louder", "zh"),
            t("bar.where", "zh"),
        )
    )
    assert voice.last == t("speech.opened", "zh", items=items, n=n, total=total)
    assert strip.level.text() == t("speech.volume", "zh", n=n, total=total)  # as shown
    for name in ("speech.pause", "speech.rate", "speech.quieter"):
        key(keys, Qt.Key.Key_Down)
        assert focused_name() == name
    for _ in range(3):
        key(keys, Qt.Key.Key_Up)
    assert focused_name() == "bar.sound"
    key(keys, Qt.Key.Key_Return)  # pressed again: closed
    assert kiosk.speech is None and focused_name() == "bar.sound"
    assert voice.last == t("speech.closed", "zh")


def test_call_staff_keeps_the_focus_and_cancel_is_its_next_stop(
    qtbot: QtBot, kiosk: KioskWindow, keys: Autopilot, voice: RecordingVoice
) -> None:
    desk = kiosk.desk
    assert desk is not None
    keys.start("change-phone")
    keys.press("bar.staff")
    # Said with the strip's first reading of the call, on its own worker.
    qtbot.waitUntil(lambda: t("help.told", "zh") in voice.last, timeout=5000)
    assert desk.strip.cancel_button.isVisible()
    assert focused_name() == "bar.staff"  # not the keypad's OK
    key(keys, Qt.Key.Key_Down)
    assert focused_name() == "help.cancel" and t("help.cancel", "zh") in voice.last
    key(keys, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not desk.strip.isVisible(), timeout=5000)
    keys.settle()
    assert voice.last == t("help.cancelled", "zh")
    assert focused_name() == "bar.staff"  # back where the call was made, not the staff sign-in
