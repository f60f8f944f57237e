"""Bar buttons that open something, as a resident on the keys meets them. Sound opens the
sound settings as the language button opens the languages: what appeared is said, the focus is
on its first control, and its controls follow the button, so Up goes back to it; pressed again,
the button closes them and keeps the focus. Call staff keeps the focus (what happened is said)
and the call's Cancel is its next stop; a cancelled call hands the focus back to Call staff."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.i18n import t
from tests.helpers.focus import focused_name
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot


def test_sound_opens_its_settings_said_with_the_focus_on_the_first_and_up_goes_back(
    kiosk: KioskWindow, keys: Autopilot, voice: RecordingVoice
) -> None:
    keys.start("change-phone")
    keys.press("bar.sound")
    strip = kiosk.speech
    assert strip is not None and focused_name() == "speech.pause"
    said = voice.last
    n, total = strip.volume
    assert strip.level.text() == t("speech.volume", "zh", n=n, total=total)  # as shown
    assert said.startswith(t("speech.name", "zh"))
    assert t("speech.volume_said", "zh", n=n, total=total) in said  # the level, in words
    for word in ("speech.pause", "speech.quieter", "speech.louder"):
        assert t(word, "zh") in said
    assert said.endswith(t("speech.focused", "zh", n=1, name=t("speech.pause", "zh")))
    keys.key(Qt.Key.Key_Down)
    assert focused_name() == "speech.rate"
    keys.key(Qt.Key.Key_Up)
    keys.key(Qt.Key.Key_Up)  # the strip follows the button that opened it
    assert focused_name() == "bar.sound"
    keys.key(Qt.Key.Key_Return)  # pressed again: closed, the button keeps the focus
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
    keys.key(Qt.Key.Key_Down)
    assert focused_name() == "help.cancel" and t("help.cancel", "zh") in voice.last
    keys.key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not desk.strip.isVisible(), timeout=5000)
    keys.settle()
    assert voice.last == t("help.cancelled", "zh")
    assert focused_name() == "bar.staff"  # back where the call was made, not the staff sign-in
