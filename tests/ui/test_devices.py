"""The kiosk window on the real drivers, against the simulators started in-process (port 0):
printing, a printer out of paper, identification by card and by e-card code, an expired card,
device events in the store, and demo controls only where the devices are simulated."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from devices.idcard.textblock import IdCard
from devices.sim.idcard import IdCardSim
from devices.sim.printer import PrinterSim
from devices.sim.scanner import ScannerSim
from kiosk.api.kiosk import KioskApi
from kiosk.catalog.schema import StepKind
from kiosk.config import Settings, load_settings
from kiosk.demo.residents import PEOPLE, DemoPerson
from kiosk.i18n import t
from kiosk.peripherals.adapter import HardwareDevices, open_devices, print_outcome
from kiosk.peripherals.drivers import sample_card
from kiosk.store.models import DeviceEvent, PrintJob
from tests.ui.conftest import open_window
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot

SERVICE = "insurance-certificate"  # identify, choose, lookup, print, rate, done


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    overrides = {
        "paths.data_dir": str(tmp_path),
        "devices.idcard.poll_ms": 300,
        "server.base_url": "https://hall.test",  # a hall server: the phone way is offered
    }
    return load_settings(overrides=overrides, environ={})


@pytest.fixture
def hw_core(settings: Settings) -> Iterator[KioskApi]:
    core = KioskApi.open(settings)
    yield core
    core.close()


@pytest.fixture
def hw(settings: Settings, hw_core: KioskApi) -> Iterator[HardwareDevices]:
    devices = open_devices(settings, hw_core.record_device_event)
    assert isinstance(devices, HardwareDevices)
    yield devices
    devices.close()


@pytest.fixture
def window(
    qtbot: QtBot, hw_core: KioskApi, hw: HardwareDevices, voice: RecordingVoice
) -> Iterator[KioskWindow]:
    w = open_window(qtbot, hw_core, voice, hw)
    yield w
    w.shutdown()
    w.close()
    w.deleteLater()
    qtbot.wait(1)


def printer_sim(hw: HardwareDevices) -> PrinterSim:
    assert hw.hardware.printer_sim is not None
    return hw.hardware.printer_sim


def card_sim(hw: HardwareDevices) -> IdCardSim:
    assert hw.hardware.idcard_sim is not None
    return hw.hardware.idcard_sim


def scanner_sim(hw: HardwareDevices) -> ScannerSim:
    """The scanner simulator, once the driver is connected and its scans reach the window."""
    sim = hw.hardware.scanner_sim
    assert sim is not None and sim.wait_client()
    hw.scans_routed.result(timeout=5)
    return sim


def step_kind(window: KioskWindow) -> StepKind | None:
    engine = window.visit.engine
    return engine.step.kind if engine is not None else None


def jobs(core: KioskApi) -> list[PrintJob]:
    """The print jobs on record once the journal's writer has put them in the store (it writes
    on a thread of its own: read at once, a loaded machine showed a job still pending)."""
    assert core.flush(30)
    with core.store.sessions() as session:
        return list(session.scalars(select(PrintJob).order_by(PrintJob.id)))


def card_of(person: DemoPerson, **changes: Any) -> IdCard:
    """A demo resident's card, its birth date agreeing with the number (the reader checks)."""
    n = person.id_number
    born = dt.date(int(n[6:10]), int(n[10:12]), int(n[12:14]))
    card = sample_card(person.name, person.first17)
    return dataclasses.replace(card, birth_date=born, **changes)


def to_print_step(qtbot: QtBot, window: KioskWindow, pilot: Autopilot) -> None:
    pilot.start(SERVICE)
    pilot.act(StepKind.IDENTIFY)
    while step_kind(window) is not StepKind.PRINT:
        kind = step_kind(window)
        assert kind is not None and kind is not StepKind.DONE
        pilot.act(kind)


def test_a_printing_service_completes_through_the_real_driver(
    qtbot: QtBot, window: KioskWindow, hw: HardwareDevices, hw_core: KioskApi
) -> None:
    pilot = Autopilot(window, "touch", id_number=PEOPLE[0].id_number)
    assert pilot.complete(SERVICE)
    receipts = printer_sim(hw).wait_receipts(1)
    assert len(receipts) == 1 and receipts[0].cut
    text = receipts[0].text(printer_sim(hw).columns)
    number = PEOPLE[0].id_number
    assert "社会保险参保证明" in text and f"{number[:6]}********{number[-4:]}" in text
    assert number not in text  # masked on paper too
    (job,) = jobs(hw_core)
    assert job.status == "printed" and job.reason == "" and job.finished_at is not None
    pngs = list((hw_core.settings.data_dir / "receipts").glob("*.png"))
    assert len(pngs) == 1  # the demo's receipt lands as a picture in the data folder


def test_paper_out_shows_the_reason_and_the_ways_forward(
    qtbot: QtBot, window: KioskWindow, hw: HardwareDevices, hw_core: KioskApi
) -> None:
    pilot = Autopilot(window, "touch", id_number=PEOPLE[0].id_number)
    to_print_step(qtbot, window, pilot)
    printer_sim(hw).set_state("paper_out")
    pilot.press("action.print")
    engine = window.visit.engine
    assert engine is not None and engine.state.print_error == "paper_out"
    reason = t("print.reason.paper_out", "zh")
    assert t("print.failed", "zh", reason=reason) in window.last_spoken
    for way in ("action.retry", "way.phone", "way.counter", "way.staff", "action.next"):
        assert pilot.button(way).isEnabled()
    (job,) = jobs(hw_core)
    assert job.status == "failed" and job.reason == "paper out"
    # Paper loaded again: the retry prints, and is a job of its own on record.
    printer_sim(hw).set_state("ok")
    pilot.press("action.retry")
    assert engine.state.printed
    assert [j.status for j in jobs(hw_core)] == ["failed", "printed"]

    def recorded() -> bool:
        with hw_core.store.sessions() as session:
            rows = session.scalars(select(DeviceEvent).where(DeviceEvent.device == "printer"))
            return any(row.media == "out" for row in rows)

    qtbot.waitUntil(recorded, timeout=5000)  # the staff console sees the paper ran out


def test_identify_by_a_card_placed_on_the_reader(
    qtbot: QtBot, window: KioskWindow, hw: HardwareDevices
) -> None:
    pilot = Autopilot(window, "touch")
    pilot.start(SERVICE)
    person = PEOPLE[1]
    card_sim(hw).place(card_of(person))
    qtbot.waitUntil(lambda: step_kind(window) is not StepKind.IDENTIFY, timeout=5000)
    engine = window.visit.engine
    assert engine is not None and engine.state.resident is not None
    assert engine.state.resident.method == "card"
    assert engine.state.resident.name == person.name


def test_identify_by_a_qr_code_from_the_scanner(
    qtbot: QtBot, window: KioskWindow, hw: HardwareDevices
) -> None:
    pilot = Autopilot(window, "touch")
    pilot.start(SERVICE)
    scanner_sim(hw).scan(PEOPLE[3].qr_token)
    qtbot.waitUntil(lambda: step_kind(window) is not StepKind.IDENTIFY, timeout=5000)
    engine = window.visit.engine
    assert engine is not None and engine.state.resident is not None
    assert engine.state.resident.name == PEOPLE[3].name


def test_an_unknown_qr_code_is_refused_in_words(
    qtbot: QtBot, window: KioskWindow, hw: HardwareDevices
) -> None:
    pilot = Autopilot(window, "touch")
    pilot.start(SERVICE)
    scanner_sim(hw).scan("ESSC-NOBODY-9999")
    problem = t("problem.qr_unknown", "zh")
    qtbot.waitUntil(lambda: window.visit.problem == problem, timeout=5000)
    assert step_kind(window) is StepKind.IDENTIFY


def test_a_scan_the_kiosk_cannot_read_is_told_with_other_ways(
    qtbot: QtBot, window: KioskWindow, hw: HardwareDevices, voice: RecordingVoice
) -> None:
    pilot = Autopilot(window, "touch")
    pilot.start(SERVICE)
    scanner_sim(hw).scan("社保卡：王小明".encode())  # a real scan, but not one of ours
    problem = t("problem.qr_unsupported", "zh")
    qtbot.waitUntil(lambda: window.visit.problem == problem, timeout=5000)
    assert step_kind(window) is StepKind.IDENTIFY
    qtbot.waitUntil(lambda: any("不能识别" in said for said, _lang in voice.said), timeout=5000)


def test_an_expired_card_is_refused_with_the_problem(
    qtbot: QtBot, window: KioskWindow, hw: HardwareDevices
) -> None:
    pilot = Autopilot(window, "touch")
    pilot.start(SERVICE)
    person = PEOPLE[0]
    card_sim(hw).place(
        card_of(person, valid_from=dt.date(2005, 3, 1), valid_to=dt.date(2015, 3, 1))
    )
    problem = t("problem.card_expired", "zh")
    qtbot.waitUntil(lambda: window.visit.problem == problem, timeout=5000)
    assert step_kind(window) is StepKind.IDENTIFY
    assert problem in window.last_spoken


def test_a_card_whose_data_disagree_is_refused_as_such_once(
    qtbot: QtBot, window: KioskWindow, hw: HardwareDevices, hw_core: KioskApi
) -> None:
    pilot = Autopilot(window, "touch")
    pilot.start(SERVICE)
    person = PEOPLE[0]
    sim = card_sim(hw)
    sim.place(sample_card(person.name, person.first17))  # birth date differs
    problem = t("problem.card_invalid", "zh")  # read, but wrong: not "could not be read"
    qtbot.waitUntil(lambda: window.visit.problem == problem, timeout=5000)
    assert step_kind(window) is StepKind.IDENTIFY
    finds = len(sim.requests)
    qtbot.waitUntil(lambda: len(sim.requests) >= finds + 5, timeout=10000)  # it lies there
    hw_core.flush()
    with hw_core.store.sessions() as session:
        invalid = session.scalars(
            select(DeviceEvent).where(DeviceEvent.detail.like("card_invalid%"))
        ).all()
    assert len(invalid) == 1  # one event for the card placed, not one a poll


def test_the_demo_controls_identify_through_the_simulators(
    qtbot: QtBot, window: KioskWindow, hw: HardwareDevices
) -> None:
    pilot = Autopilot(window, "touch")
    pilot.start(SERVICE)
    card = pilot.button("demo.card")
    assert card.accessibleName() == t("identify.demo_card", "zh")
    assert card.accessibleDescription() == t("identify.demo_card_about", "zh")
    pilot.press("demo.card")
    qtbot.waitUntil(lambda: step_kind(window) is not StepKind.IDENTIFY, timeout=5000)
    engine = window.visit.engine
    assert engine is not None and engine.state.resident is not None
    assert engine.state.resident.method == "card" and engine.state.resident.name == "张建国"
    assert card_sim(hw).card is None  # the demo took its card back once read

    pilot.press("bar.home")
    pilot.start(SERVICE)
    assert pilot.button("demo.qr").accessibleName() == t("identify.demo_qr", "zh")
    scanner_sim(hw)  # connected
    pilot.press("demo.qr")
    qtbot.waitUntil(lambda: step_kind(window) is not StepKind.IDENTIFY, timeout=5000)
    engine = window.visit.engine
    assert engine is not None and engine.state.resident is not None
    assert engine.state.resident.name == PEOPLE[2].name


def test_no_demo_controls_with_real_devices_configured(
    qtbot: QtBot, tmp_path: Path, voice: RecordingVoice
) -> None:
    # "Real" devices: the simulators started apart, reached through configured URLs.
    sims = [PrinterSim(), IdCardSim(), ScannerSim()]
    urls = [f"socket://127.0.0.1:{sim.start()}" for sim in sims]
    settings = load_settings(
        overrides={
            "paths.data_dir": str(tmp_path),
            "devices.printer.url": urls[0],
            "devices.idcard.url": urls[1],
            "devices.scanner.url": urls[2],
        },
        environ={},
    )
    core = KioskApi.open(settings)
    devices = open_devices(settings, core.record_device_event)
    window = open_window(qtbot, core, voice, devices)
    try:
        assert devices.demo_ways == ()
        pilot = Autopilot(window, "touch")
        pilot.start(SERVICE)
        assert not [b for b in window.findChildren(QWidget) if "demo." in b.objectName()]
        assert step_kind(window) is StepKind.IDENTIFY
    finally:
        window.shutdown()
        window.close()
        window.deleteLater()
        devices.close()
        core.close()
        for sim in sims:
            sim.stop()
        qtbot.wait(1)


@pytest.mark.parametrize(
    ("reason", "word"),
    [
        ("paper out", "paper_out"),
        ("cover open", "cover_open"),
        ("offline", "offline"),
        ("paper jammed", "jammed"),
        ("no reply", "unknown"),
        ("no device", "offline"),
        ("hardware error", "hardware_error"),
        ("write failed", "interrupted"),
    ],
)
def test_printer_reasons_become_the_print_screens_words(reason: str, word: str) -> None:
    from devices.printer.printer import PrintResult
    from devices.printer.realtime import Reason
    from devices.status import DeviceStatus

    outcome = print_outcome(PrintResult(False, DeviceStatus(), Reason(reason)))
    assert (outcome.ok, outcome.reason, outcome.detail) == (False, word, reason)
    t(f"print.reason.{word}", "zh")  # worded in both languages
    t(f"print.reason.{word}", "en")
    printed = print_outcome(PrintResult(True, DeviceStatus(), warning="paper low"))
    assert (printed.ok, printed.warning) == (True, "paper_low")
