"""Quieter and Louder in the sound settings, on the keys: each press says the new level in
words and the button keeps the focus; at the end, the button stays (a disabled one would lose
the focus to the screen's first item) and says the volume is already the quietest (loudest)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.i18n import t
from kiosk.speech.controls import VOLUME_STEPS_DB
from tests.helpers.focus import focused_name
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot


@pytest.mark.parametrize(
    ("lang", "button", "end"),
    [("zh", "quieter", "speech.quietest"), ("en", "louder", "speech.loudest")],
)
def test_volume_steps_are_said_and_the_end_keeps_the_focus(
    kiosk: KioskWindow, keys: Autopilot, voice: RecordingVoice, lang: str, button: str, end: str
) -> None:
    kiosk.controls.set_language(lang)
    keys.start("change-phone")
    keys.press("bar.sound")
    strip = kiosk.speech
    assert strip is not None
    while focused_name() != f"speech.{button}":
        keys.key(Qt.Key.Key_Down)
    total = len(VOLUME_STEPS_DB)
    n = strip.volume[0]
    target = 1 if button == "quieter" else total
    while n != target:
        keys.key(Qt.Key.Key_Return)
        n += -1 if button == "quieter" else 1
        assert focused_name() == f"speech.{button}"
        assert voice.last == t("speech.volume_said", lang, n=n, total=total)
    keys.key(Qt.Key.Key_Return)  # at the end already
    assert focused_name() == f"speech.{button}"
    assert voice.last == t(end, lang)
    strip = kiosk.speech
    assert strip is not None and strip.buttons[button].isEnabled()
    assert strip.buttons[button].accessibleDescription() == t(end, lang)
