"""A resident who cannot see the screen: a code to scan comes on paper too, said; a card that
reads but fails its check is told so; help on home says how to reach staff and go back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from devices.printer.layout import document_text
from kiosk.catalog.loader import load_catalogue
from kiosk.config import DEFAULT_SERVICES_DIR
from kiosk.i18n import t
from kiosk.peripherals.scripted import ScriptedDevices
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot


def test_a_code_to_scan_is_offered_on_paper_with_the_screen_blank(
    kiosk: KioskWindow, voice: RecordingVoice, devices: ScriptedDevices
) -> None:
    QTest.keyClick(kiosk, Qt.Key.Key_F2)
    QTest.keyClick(kiosk, Qt.Key.Key_F2)  # audio mode, the screen blanked
    assert kiosk.prefs.blank
    pilot = Autopilot(kiosk, "keys")
    pilot.reach("service-guide", "phone")
    heard = voice.last
    assert t("guide.no_screen", "zh") in heard
    assert t("guide.print", "zh") in heard  # among the choices said
    pilot.press("action.print_guide")
    assert t("guide.printed", "zh") in voice.last
    assert len(devices.printed) == 1
    paper = document_text(devices.printed[0], 32)
    assert "办理退休" in paper and "要带：身份证" in paper  # what the guide said, on paper
    assert "[QR: " in paper and "/guide/service-guide/retire" in paper  # and its code
    pilot.press("action.next")  # the visit goes on
    assert kiosk.visit.engine is not None and kiosk.visit.engine.step.id == "rate"


def test_help_on_a_code_to_scan_says_the_way_without_it(
    kiosk: KioskWindow, voice: RecordingVoice
) -> None:
    pilot = Autopilot(kiosk, "keys")
    pilot.reach("service-guide", "phone")
    QTest.keyClick(kiosk, Qt.Key.Key_F1)
    assert "打印这份指南" in voice.last


def test_help_on_home_says_how_to_reach_staff_and_go_back(
    kiosk: KioskWindow, voice: RecordingVoice
) -> None:
    QTest.keyClick(kiosk, Qt.Key.Key_F1)
    heard = voice.last
    assert "“呼叫工作人员”" in heard and "Esc" in heard
    for _ in range(40):  # as it says: up and down find it
        focused = QApplication.focusWidget()
        if focused is not None and focused.objectName() == "bar.staff":
            break
        QTest.keyClick(focused or kiosk, Qt.Key.Key_Down)
    assert focused is not None and focused.objectName() == "bar.staff"
    assert focused.accessibleName() == t("bar.call_staff", "zh")


def test_the_word_for_printing_is_the_button_s() -> None:
    print_word = f"“{t('action.print', 'zh')}”"
    for step in load_catalogue(DEFAULT_SERVICES_DIR).get("insurance-certificate").steps:
        prompt = step.prompt.get("zh") if step.prompt else ""
        if "打印" in prompt and step.kind.value != "print":
            assert print_word in prompt, prompt  # it names the button that prints
