"""An ID card left on the reader at the end of a visit: a reminder shown and said again and again,
in the visit's language, until the card is taken; only then does the kiosk go home and reset.
With the real driver and the simulated reader: the reader's presence is what the window asks,
and the polls that watch for the card to be taken store no device event each."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from devices.sim.idcard import IdCardSim, sample_card
from kiosk.api.kiosk import KioskApi
from kiosk.catalog.schema import StepKind
from kiosk.config import load_settings
from kiosk.demo.residents import PEOPLE
from kiosk.i18n import t
from kiosk.peripherals.adapter import HardwareDevices, open_devices
from kiosk.peripherals.scripted import ScriptedDevices
from kiosk.store.models import DeviceEvent
from tests.helpers.now import prefs
from tests.ui.conftest import Clock, open_window
from ui.kiosk.card_left import REMIND_EVERY_S
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot
from ui.widgets.banner import Banner

SERVICE = "insurance-certificate"  # identify, choose, lookup, print, rate, done


def to_done_by_card(
    pilot: Autopilot, devices: ScriptedDevices, core: KioskApi, left: bool | None = True
) -> None:
    """A visit identified by a card that the reader then reports as ``left``, up to its last
    screen."""
    kiosk = pilot.window
    pilot.start(SERVICE)
    name, number = core.demo_residents()[0]
    devices.present_card({"name": name, "id_number": number})
    devices.card_on_reader = left
    pilot.settle()
    for _ in range(10):
        engine = kiosk.visit.engine
        assert engine is not None
        if engine.step.kind is StepKind.DONE:
            return
        pilot.act(engine.step.kind)
    raise AssertionError(f"the visit did not reach its end ({pilot.where()})")


def reminders(voice: RecordingVoice, lang: str) -> int:
    words = t("card.left", lang)
    return sum(words in text for text, _lang in voice.said)


def test_the_card_is_asked_for_again_and_again_until_taken_then_home(
    kiosk: KioskWindow,
    devices: ScriptedDevices,
    core: KioskApi,
    voice: RecordingVoice,
    clock: Clock,
) -> None:
    pilot = Autopilot(kiosk)
    pilot.press("language.en")
    to_done_by_card(pilot, devices, core)
    words = t("card.left", "en")
    assert isinstance(kiosk.banner, Banner) and kiosk.banner.accessibleName() == words
    assert voice.said[-1][0].startswith(words) and voice.said[-1][1] == "en"  # said first
    clock.now += kiosk.settings.timing.warning_s  # the last screen's time is up ...
    kiosk.visits.tick()
    assert kiosk.visit.engine is not None  # ... but it stays while the card lies there
    assert reminders(voice, "en") == 2  # said again meanwhile
    for n in (3, 4):
        clock.now += REMIND_EVERY_S
        kiosk.visits.tick()
        assert reminders(voice, "en") == n and voice.said[-1] == (words, "en")
    devices.card_on_reader = False  # taken
    kiosk.visits.tick()
    assert kiosk.visit.engine is None and kiosk.prefs.lang == "zh"  # home, and reset
    assert not isinstance(kiosk.banner, Banner)
    clock.now += REMIND_EVERY_S * 2
    kiosk.visits.tick()
    assert reminders(voice, "en") == 4


def test_a_card_taken_after_the_last_screens_time_is_home_at_once(
    kiosk: KioskWindow,
    devices: ScriptedDevices,
    core: KioskApi,
    voice: RecordingVoice,
    clock: Clock,
) -> None:
    to_done_by_card(Autopilot(kiosk), devices, core)
    voice.speaking = True  # the reminder, said again and again, holds nothing more
    clock.now += kiosk.settings.timing.warning_s
    kiosk.visits.tick()
    assert kiosk.visit.engine is not None  # the card still lies there
    voice.speaking = False
    devices.card_on_reader = False  # taken
    kiosk.visits.tick()
    assert kiosk.visit.engine is None


def test_a_resident_who_leaves_without_the_card_is_called_back_at_home(
    kiosk: KioskWindow,
    devices: ScriptedDevices,
    core: KioskApi,
    voice: RecordingVoice,
    clock: Clock,
) -> None:
    pilot = Autopilot(kiosk)
    to_done_by_card(pilot, devices, core)
    pilot.press("bar.size")
    pilot.press("action.finish")  # gone, the card still on the reader
    assert kiosk.visit.engine is None
    assert isinstance(kiosk.banner, Banner)
    assert prefs(kiosk).size == "large", "the defaults came back before the card was taken"
    clock.now += kiosk.settings.timing.step_timeout_s + 1  # an idle home would reset
    kiosk.visits.tick()
    assert prefs(kiosk).size == "large" and voice.last == t("card.left", "zh")
    devices.card_on_reader = False
    kiosk.visits.tick()
    assert prefs(kiosk).size == "standard" and not isinstance(kiosk.banner, Banner)


def test_no_reminder_when_the_card_was_taken_or_the_reader_cannot_tell(
    kiosk: KioskWindow, devices: ScriptedDevices, core: KioskApi, voice: RecordingVoice
) -> None:
    pilot = Autopilot(kiosk)
    for left in (None, False):  # the reader cannot tell; the card was taken
        to_done_by_card(pilot, devices, core, left)
        pilot.press("action.finish")
        assert kiosk.visit.engine is None
        assert reminders(voice, "zh") == 0 and not isinstance(kiosk.banner, Banner)


# -- the real driver on the simulated reader ----------------------------------------------------


@pytest.fixture
def hw_core(tmp_path: Path) -> Iterator[KioskApi]:
    settings = load_settings(
        overrides={"paths.data_dir": str(tmp_path), "devices.idcard.poll_ms": 300}, environ={}
    )
    core = KioskApi.open(settings)
    yield core
    core.close()


@pytest.fixture
def hw(hw_core: KioskApi) -> Iterator[HardwareDevices]:
    devices = open_devices(hw_core.settings, hw_core.record_device_event)
    assert isinstance(devices, HardwareDevices)
    yield devices
    devices.close()


def identified(window: KioskWindow) -> bool:
    engine = window.visit.engine
    return engine is not None and engine.state.resident is not None


def idcard_rows(core: KioskApi) -> int:
    with core.store.sessions() as session:
        count = select(func.count()).select_from(DeviceEvent)
        return int(session.scalar(count.where(DeviceEvent.device == "idcard")) or 0)


def test_the_reader_reports_a_card_left_and_its_polls_store_nothing(
    qtbot: QtBot, hw_core: KioskApi, hw: HardwareDevices, voice: RecordingVoice
) -> None:
    window = open_window(qtbot, hw_core, voice, hw)
    try:
        sim = hw.hardware.idcard_sim
        assert isinstance(sim, IdCardSim)
        assert hw.card_present() is not True
        Autopilot(window, "touch").start(SERVICE)
        person = PEOPLE[1]
        n = person.id_number
        born = dt.date(int(n[6:10]), int(n[10:12]), int(n[12:14]))
        sim.place(dataclasses.replace(sample_card(person.name, person.first17), birth_date=born))
        qtbot.waitUntil(lambda: identified(window), timeout=5000)
        qtbot.waitUntil(lambda: hw.card_present() is True, timeout=5000)
        qtbot.waitUntil(lambda: idcard_rows(hw_core) >= 1, timeout=5000)  # "present": a row
        rows = idcard_rows(hw_core)
        polls = len(sim.requests)
        qtbot.waitUntil(lambda: len(sim.requests) >= polls + 20, timeout=10000)  # 20 looks
        assert hw.card_present() is True
        assert idcard_rows(hw_core) <= rows + 1, "a device event stored at every poll"
        sim.remove()
        qtbot.waitUntil(lambda: hw.card_present() is False, timeout=5000)
    finally:
        window.shutdown()
        window.close()
        window.deleteLater()
        qtbot.wait(1)
