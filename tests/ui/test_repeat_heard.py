"""Repeat, as a resident on the keys meets it: the screen said again, and then where the focus
really is now (the bar's Repeat, which Enter would press again), never the item the focus
first rested on when the screen was shown, which it has left."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.i18n import t
from kiosk.text import sentence
from tests.helpers.focus import focused_name
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot


def test_repeat_after_the_focus_moved_says_the_screen_and_where_the_focus_is_now(
    kiosk: KioskWindow, keys: Autopilot, voice: RecordingVoice
) -> None:
    keys.reach("contribution-record", "period")
    screen = kiosk.current
    assert screen is not None
    choices = screen.choices()
    assert len(choices) > 1 and QApplication.focusWidget() is choices[0]
    shown = voice.last
    first_line = shown.splitlines()[-1]
    assert first_line.startswith(t("speech.focused", "zh", n=1, name="")[:3])  # 现在在第1项
    keys.key(Qt.Key.Key_Down)
    assert QApplication.focusWidget() is choices[1]
    keys.press("bar.repeat")
    said = voice.last
    repeat = QApplication.focusWidget()
    assert repeat is not None and focused_name() == "bar.repeat"
    assert said.startswith(shown.splitlines()[0])  # the screen, from its start
    assert first_line not in said  # not the item the focus left
    assert said.endswith(sentence(kiosk.controls.focus_words(repeat), "zh"))
    assert said.count(t("where.focus", "zh", item="")) == 1  # one place named, the true one
