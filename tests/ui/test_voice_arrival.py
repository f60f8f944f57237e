"""The real voice opening last in a staged start (ui.kiosk.arrivals): keys act from the first
paint, heard only by the silent stand-in, so the voice, once open, says where the resident is
now: the service begun meanwhile, the language chosen, the item the focus is really on."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.api.kiosk import KioskApi
from kiosk.cli import kiosk_parts
from kiosk.i18n import t
from tests.helpers.focus import focused_name
from tests.helpers.started import close_started, windowed_settings
from ui.kiosk.app import Startup, open_kiosk
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice


class Staged(NamedTuple):
    window: KioskWindow
    startup: Startup
    voice: RecordingVoice  # the real voice's place: what it says once open
    store: threading.Event  # set: the store may open (until then, keys act before it)


@pytest.fixture
def staged(qtbot: QtBot, tmp_path: Path) -> Iterator[Staged]:
    """A staged start whose store waits for the test: keys pressed before it are pressed
    before the real voice is open, however fast the machine."""
    settings = windowed_settings(tmp_path)
    given = kiosk_parts(settings)
    store, voice = threading.Event(), RecordingVoice()

    def open_api() -> KioskApi:
        store.wait(20)
        return given.open_api()

    parts = given._replace(open_api=open_api, open_voice=lambda _parent: voice)
    window, startup = open_kiosk(settings, parts)
    window.resize(1920, 1080)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.listening, timeout=10000)
        yield Staged(window, startup, voice, store)
    finally:
        store.set()
        close_started(qtbot, window, startup)


def key(which: Qt.Key) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    QTest.keyClick(target, which)


def open_the_rest(qtbot: QtBot, staged: Staged) -> str:
    """The store, the devices, then the voice; what the voice said as it opened."""
    with qtbot.waitSignal(staged.startup.ready, timeout=20000):
        staged.store.set()
    assert staged.window.voice is staged.voice and len(staged.voice.said) == 1
    return staged.voice.last


def test_a_service_begun_before_the_voice_opens_is_said_once_it_does(
    qtbot: QtBot, staged: Staged
) -> None:
    window = staged.window
    while focused_name() != "service.insurance-certificate":
        key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Return)
    assert window.arrivals.queued_service == "insurance-certificate"
    said = open_the_rest(qtbot, staged)
    engine = window.visit.engine
    assert engine is not None and engine.step.id == "identify"
    assert said.startswith(engine.step.title.get("zh"))  # the step the resident is on
    assert t("speech.keypad", "zh") in said
    assert t("home.welcome", "zh") not in said  # not home, which it left


def test_the_voice_says_the_item_the_focus_is_on_when_it_opens(
    qtbot: QtBot, staged: Staged
) -> None:
    window = staged.window
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Down)
    assert focused_name() == "home.elder"
    said = open_the_rest(qtbot, staged)
    name = t("home.elder_off", "zh")
    assert said.endswith(t("speech.focused", "zh", n=3, name=name))  # not 第1项：粤语
    assert t("speech.focused", "zh", n=1, name="粤语") not in said
    key(Qt.Key.Key_Return)  # what Enter does is what was said
    assert window.prefs.elder


def test_a_language_chosen_before_the_voice_opens_is_the_one_it_speaks(
    qtbot: QtBot, staged: Staged
) -> None:
    window = staged.window
    while focused_name() != "language.en":
        key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Return)
    assert window.prefs.lang == "en"
    open_the_rest(qtbot, staged)
    said, lang = staged.voice.said[0]
    assert lang == "en" and t("speech.how_to_choose", "en") in said
    assert t("speech.how_to_choose", "zh") not in said
