"""Simulators on free loopback ports and real drivers connected to them over socket://."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.idcard.reader import IdCardReader
from devices.printer.printer import ReceiptPrinter
from devices.scanner import Scanner
from devices.sim.idcard import IdCardSim, sample_card
from devices.sim.printer import PrinterSim
from devices.sim.scanner import ScannerSim
from devices.status import DeviceEvent
from devices.transport import Backoff

FAST = Backoff(first_s=0.02, factor=2.0, most_s=0.1)


@pytest.fixture
def events() -> list[DeviceEvent]:
    return []


@pytest.fixture
def printer_sim(tmp_path: Path) -> Iterator[PrinterSim]:
    sim = PrinterSim(out_dir=tmp_path / "receipts")
    sim.start()
    yield sim
    sim.stop()


@pytest.fixture
def printer(printer_sim: PrinterSim, events: list[DeviceEvent]) -> Iterator[ReceiptPrinter]:
    device = ReceiptPrinter(
        printer_sim.url, timeout_s=0.3, poll_s=60, on_event=events.append, backoff=FAST
    )
    yield device
    device.close()


@pytest.fixture
def idcard_sim() -> Iterator[IdCardSim]:
    sim = IdCardSim(card=sample_card())
    sim.start()
    yield sim
    sim.stop()


@pytest.fixture
def reader(idcard_sim: IdCardSim, events: list[DeviceEvent]) -> Iterator[IdCardReader]:
    device = IdCardReader(
        idcard_sim.url, timeout_s=0.3, poll_ms=30, on_event=events.append, backoff=FAST
    )
    yield device
    device.close()


@pytest.fixture
def scanner_sim() -> Iterator[ScannerSim]:
    sim = ScannerSim()
    sim.start()
    yield sim
    sim.stop()


@pytest.fixture
def scanner(scanner_sim: ScannerSim, events: list[DeviceEvent]) -> Iterator[Scanner]:
    device = Scanner(scanner_sim.url, idle_gap_ms=40, on_event=events.append, backoff=FAST)
    assert scanner_sim.wait_client()
    yield device
    device.close()


@pytest.fixture(autouse=True)
def no_leftover_threads() -> Iterator[None]:
    """Every test closes its drivers and simulators: no owner or server thread outlives it."""
    yield
    from tests.devices.waiting import wait_until

    def ours() -> list[str]:
        return [
            t.name
            for t in threading.enumerate()
            if t.name.startswith(("device-", "sim-")) and t.is_alive()
        ]

    try:
        wait_until(lambda: not ours(), timeout=3)
    except AssertionError:
        raise AssertionError(f"threads left running: {ours()}") from None
