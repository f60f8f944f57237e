"""While a lookup step's backend works, the kiosk says what the step does: reporting a card
lost says so (正在挂失), not "looking it up"; a step without words of its own says the kiosk's."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.api.kiosk import KioskApi
from kiosk.backends.base import Answer
from kiosk.flow.calls import Task
from kiosk.flow.engine import FlowEngine
from kiosk.i18n import t
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot
from ui.widgets.text import Notice

REPORTING = {
    "zh": "正在挂失，请稍候……",
    "yue": "正在挂失，请稍候……",  # Cantonese reads the Chinese text
    "en": "Reporting the card lost, one moment…",
}


@pytest.mark.parametrize("lang", ["zh", "yue", "en"])
def test_reporting_a_card_lost_says_it_is_reporting_it(
    kiosk: KioskWindow,
    voice: RecordingVoice,
    core: KioskApi,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
) -> None:
    pilot = Autopilot(kiosk, "keys", id_number=core.demo_resident("card-status")[1])
    if lang != "zh":
        pilot.press(f"language.{lang}")
    pilot.reach("card-status", "confirm")
    release = threading.Event()
    run_task = kiosk.visit.api.run_task

    def held(engine: FlowEngine | None, task: Task) -> Answer:
        release.wait(10)  # the backend still at work while the screen is looked at
        return run_task(engine, task)

    monkeypatch.setattr(kiosk.visit.api, "run_task", held)
    before = len(voice.said)
    pilot.focus(pilot.button("confirm.yes"))
    QTest.keyClick(QApplication.focusWidget() or kiosk, Qt.Key.Key_Return)
    QApplication.processEvents()
    try:
        assert kiosk.current is not None
        assert REPORTING[lang] in [n.text for n in kiosk.current.findChildren(Notice)]
    finally:
        release.set()
    pilot.settle()
    said = voice.said[before:]
    assert any(REPORTING[lang] in text and said_in == lang for text, said_in in said)
    assert all(t("backend.waiting", lang) not in text for text, _ in said)
    assert pilot.where() == "card-status/report"


def test_a_lookup_without_words_of_its_own_says_it_is_looking_it_up(
    kiosk: KioskWindow, voice: RecordingVoice, core: KioskApi
) -> None:
    pilot = Autopilot(kiosk, "keys", id_number=core.demo_resident("card-status")[1])
    pilot.reach("card-status", "identify")
    before = len(voice.said)
    pilot.type_digits(pilot.id_number)
    pilot.press("keypad.ok")
    assert any(t("backend.waiting", "zh") in text for text, _ in voice.said[before:])
