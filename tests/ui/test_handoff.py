"""Taking a guide away: a code for a phone that opens the guide on the hall server, or the same
guide printed for a resident without a smartphone. A kiosk alone (no hall server for phones)
shows no code and says so; printing is still there. The print failure screen offers no phone
way on such a kiosk."""

from __future__ import annotations

import dataclasses

import pytest
from pytestqt.qtbot import QtBot

from devices.printer.document import QRCode
from devices.printer.layout import document_text
from kiosk.api.kiosk import KioskApi
from kiosk.catalog.schema import HandoffStep, Text
from kiosk.i18n import t
from kiosk.peripherals.port import PrintOutcome
from kiosk.peripherals.scripted import ScriptedDevices
from tests.helpers.printing import failed_print
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot
from ui.widgets.qr import QrView
from ui.widgets.text import Label, Notice


def notices(kiosk: KioskWindow) -> str:
    return " ".join(n.text for n in kiosk.findChildren(Notice) if n.isVisible())


def to_handoff(pilot: Autopilot) -> None:
    pilot.start("service-guide")
    pilot.press("option.card")
    pilot.press("action.next")  # the guide read on screen, then: take it away


def kiosk_alone(core: KioskApi) -> None:
    core.settings = core.settings.replace(server=core.settings.server.replace(base_url=""))
    core.context["server"] = core.hall_url


def test_the_guide_goes_on_a_phone_or_on_paper(
    qtbot: QtBot, kiosk: KioskWindow, pilot: Autopilot, devices: ScriptedDevices
) -> None:
    to_handoff(pilot)
    shown = [q.data for q in kiosk.findChildren(QrView) if q.isVisible()]
    assert shown == ["https://hall.test/guide/service-guide/card"]
    pilot.press("action.print_guide")
    qtbot.waitUntil(lambda: t("guide.printed", "zh") in notices(kiosk))
    (paper,) = devices.printed
    text = document_text(paper, 32)
    assert "补办社保卡" in text and "一楼 8 号窗口" in text
    assert [e.data for e in paper.elements if isinstance(e, QRCode)] == shown


def test_a_kiosk_alone_shows_no_code_but_prints_the_guide(
    qtbot: QtBot, kiosk: KioskWindow, pilot: Autopilot, core: KioskApi, devices: ScriptedDevices
) -> None:
    kiosk_alone(core)
    to_handoff(pilot)
    assert not [q for q in kiosk.findChildren(QrView) if q.isVisible()]
    assert notices(kiosk) == ""  # one thing said (the heading), no note beside it
    devices.print_outcome = PrintOutcome(False, "paper_out")
    pilot.press("action.print_guide")
    qtbot.waitUntil(lambda: t("guide.print_failed", "zh") in notices(kiosk))
    devices.print_outcome = PrintOutcome(True)
    pilot.press("action.print_guide")
    qtbot.waitUntil(lambda: t("guide.printed", "zh") in notices(kiosk))
    assert not any(isinstance(e, QRCode) for e in devices.printed[-1].elements)
    assert "一楼 8 号窗口" in document_text(devices.printed[-1], 32)


@pytest.mark.parametrize("lang", ["zh", "yue", "en"])
def test_a_kiosk_alone_tells_the_resident_what_to_do_instead_of_scanning(
    kiosk: KioskWindow, pilot: Autopilot, core: KioskApi, voice: RecordingVoice, lang: str
) -> None:
    """No code to scan: the screen and the voice say one thing, what to do instead (print the
    guide, or go on), never to scan a code that is not there."""
    kiosk_alone(core)
    if lang != kiosk.prefs.lang:
        pilot.press(f"language.{lang}")
    to_handoff(pilot)
    screen = kiosk.current
    assert screen is not None
    shown = " ".join(w.text() for w in screen.findChildren(Label) if w.isVisible())
    heard = kiosk.last_spoken
    instead = t("handoff.no_code_paper", lang)  # yue shows the Chinese words, said in Cantonese
    assert instead in shown and instead in heard
    assert voice.said[-1][1] == lang
    for words in (shown, heard, notices(kiosk)):
        lowered = words.lower()
        assert not any(w in lowered for w in ("扫描", "扫码", "二维码", "scan", "code")), words
    kiosk.controls.speak_help()  # F1: the help for this screen does not ask for a code either
    assert t("guide.print", lang) in voice.last and "scan" not in voice.last.lower()
    assert "扫" not in voice.last and voice.said[-1][1] == lang


def test_a_kiosk_alone_offers_no_phone_way_when_printing_fails(
    kiosk: KioskWindow, pilot: Autopilot, core: KioskApi, devices: ScriptedDevices
) -> None:
    kiosk_alone(core)
    failed_print(pilot, devices)
    assert "打印机没纸了" in notices(kiosk)
    names = {b.objectName() for b in kiosk.findChildren(type(pilot.button("way.counter")))}
    assert "way.counter" in names and "way.phone" not in names


def test_a_failed_prints_phone_code_opens_the_receipt_masked(
    qtbot: QtBot, kiosk: KioskWindow, pilot: Autopilot, core: KioskApi, devices: ScriptedDevices
) -> None:
    failed_print(pilot, devices)
    pilot.press("way.phone")
    qtbot.waitUntil(lambda: any(q.isVisible() and q.data for q in kiosk.findChildren(QrView)))
    (url,) = [q.data for q in kiosk.findChildren(QrView) if q.isVisible() and q.data]
    seen = core.links.open(url.rsplit("/", 1)[1])
    assert seen is not None and seen.content["print_error"] == "paper_out"
    rows = {r["label"]["zh"]: r["value"]["zh"] for r in seen.content["receipt"]["rows"]}
    name = core.demo_residents()[0][0]
    assert rows["姓名"] == name[0] + "*" * (len(name) - 1) and name not in str(seen.content)


def test_a_service_may_say_it_in_its_own_words(
    kiosk: KioskWindow, pilot: Autopilot, core: KioskApi
) -> None:
    """A handoff step's ``no_code`` words take the place of its prompt on a kiosk alone."""
    own = Text("请在本机打印指南带走。", "Print the guide here to take it with you.")
    guide = core.catalogue.get("service-guide")
    steps = tuple(
        dataclasses.replace(s, no_code=own) if isinstance(s, HandoffStep) else s
        for s in guide.steps
    )
    services = tuple(
        dataclasses.replace(s, steps=steps) if s.id == guide.id else s
        for s in core.catalogue.services
    )
    core.catalogue = dataclasses.replace(core.catalogue, services=services)
    kiosk_alone(core)
    to_handoff(pilot)
    screen = kiosk.current
    assert screen is not None
    shown = [w.text() for w in screen.findChildren(Label) if w.isVisible()]
    assert own.zh in shown and own.zh in kiosk.last_spoken
    assert t("handoff.no_code_paper", "zh") not in " ".join(shown)
