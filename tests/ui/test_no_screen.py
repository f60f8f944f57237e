"""A resident who cannot see the screen: a code to scan comes on paper too, said; a card that
reads but fails its check is told so; help on home says how to reach staff and go back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from devices.printer.layout import document_text
from kiosk.i18n import t
from kiosk.peripherals.scripted import ScriptedDevices
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot


def _to(pilot: Autopilot, service_id: str, step_id: str) -> None:
    pilot.start(service_id)
    for _ in range(20):
        engine = pilot.window.visit.engine
        assert engine is not None
        if engine.step.id == step_id:
            return
        pilot.act(engine.step.kind)
    raise AssertionError(f"never reached {step_id}")


def test_a_code_to_scan_is_offered_on_paper_with_the_screen_blank(
    kiosk: KioskWindow, voice: RecordingVoice, devices: ScriptedDevices
) -> None:
    QTest.keyClick(kiosk, Qt.Key.Key_F2)
    QTest.keyClick(kiosk, Qt.Key.Key_F2)  # audio mode, the screen blanked
    assert kiosk.prefs.blank
    pilot = Autopilot(kiosk, "keys")
    _to(pilot, "service-guide", "phone")
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
    _to(pilot, "service-guide", "phone")
    QTest.keyClick(kiosk, Qt.Key.Key_F1)
    assert "打印这份指南" in voice.last
