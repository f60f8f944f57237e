"""The kiosk's devices: the configured ports, or simulators started in-process for the demo.

For each of printer, ID card reader and scanner, an empty ``devices.<x>.url`` starts the simulator
on a free loopback port and connects the real driver to it over ``socket://``, so the demo runs
the same code and the same bytes as a hall with real devices. The simulated printer writes each
receipt to ``<data>/receipts`` and keeps only the newest ``SIM_RECEIPTS_KEPT`` there. No Qt here:
the UI bridges the drivers' callbacks (made on their owner threads) to its own thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Self

from devices.idcard.reader import IdCardReader
from devices.idcard.textblock import IdCard
from devices.printer.printer import ReceiptPrinter
from devices.scanner import Scanner
from devices.sim.idcard import IdCardSim, sample_card
from devices.sim.printer import PrinterSim
from devices.sim.scanner import ScannerSim
from devices.sim.server import SimServer
from devices.status import DeviceEvent
from kiosk.config import Settings, require_devices

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
SIM_RECEIPTS_KEPT = 20  # receipts carry names and contributions: a few to look at, not an archive


@dataclass
class Hardware:
    printer: ReceiptPrinter
    idcard: IdCardReader
    scanner: Scanner
    # The simulators started for empty URLs (None where a real device is configured); a demo
    # or a test can place a card or send a scan through them.
    printer_sim: PrinterSim | None = None
    idcard_sim: IdCardSim | None = None
    scanner_sim: ScannerSim | None = None
    _closed: bool = field(default=False, repr=False)

    @property
    def simulators(self) -> list[SimServer]:
        return [s for s in (self.printer_sim, self.idcard_sim, self.scanner_sim) if s is not None]

    def close(self) -> None:
        """Drivers first (their owner threads finish), then the simulators."""
        if self._closed:
            return
        self._closed = True
        for device in (self.printer, self.idcard, self.scanner):
            device.close()
        for sim in self.simulators:
            sim.stop()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _start(sim: SimServer) -> str:
    port = sim.start()
    log.info("simulated %s on %s:%d", sim.name, LOOPBACK, port)
    return f"socket://{LOOPBACK}:{port}"


def open_devices(
    settings: Settings,
    on_event: Callable[[DeviceEvent], None] | None = None,
    sim_card: IdCard | None = None,
) -> Hardware:
    """Open the three devices; ``on_event`` receives status changes and device events.

    When a step fails (a simulator cannot listen, a driver cannot be made), what was already
    opened is closed, drivers then simulators, and the error goes to the caller.
    """
    require_devices(settings)  # in production, no simulator stands in for a missing port
    cfg = settings.devices
    started: list[SimServer] = []
    drivers: list[ReceiptPrinter | IdCardReader | Scanner] = []
    try:
        printer_sim = idcard_sim = scanner_sim = None
        printer_url, idcard_url, scanner_url = cfg.printer.url, cfg.idcard.url, cfg.scanner.url
        if not printer_url:
            printer_sim = PrinterSim(
                LOOPBACK,
                0,
                paper_mm=cfg.printer.paper_mm,
                out_dir=settings.data_dir / "receipts",
                keep=SIM_RECEIPTS_KEPT,
                remember=SIM_RECEIPTS_KEPT,  # not one more per visit in a kiosk's memory
            )
            started.append(printer_sim)
            printer_url = _start(printer_sim)
        if not idcard_url:
            idcard_sim = IdCardSim(LOOPBACK, 0, card=None)
            started.append(idcard_sim)
            idcard_url = _start(idcard_sim)
            if sim_card is not None:
                idcard_sim.place(sim_card)
        if not scanner_url:
            scanner_sim = ScannerSim(LOOPBACK, 0)
            started.append(scanner_sim)
            scanner_url = _start(scanner_sim)
        printer = ReceiptPrinter(
            printer_url,
            cfg.printer.baud,
            cfg.printer.timeout_s,
            cfg.printer.paper_mm,
            on_event=on_event,
        )
        drivers.append(printer)
        idcard = IdCardReader(
            idcard_url, cfg.idcard.baud, cfg.idcard.timeout_s, cfg.idcard.poll_ms, on_event=on_event
        )
        drivers.append(idcard)
        scanner = Scanner(scanner_url, cfg.scanner.baud, cfg.scanner.idle_gap_ms, on_event=on_event)
    except BaseException:
        for device in drivers:
            device.close()
        for sim in started:
            sim.stop()  # stopping a simulator that never listened is harmless
        raise
    return Hardware(
        printer=printer,
        idcard=idcard,
        scanner=scanner,
        printer_sim=printer_sim,
        idcard_sim=idcard_sim,
        scanner_sim=scanner_sim,
    )


__all__ = ["Hardware", "open_devices", "sample_card"]
