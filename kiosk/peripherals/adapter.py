"""The kiosk's devices: the drivers (``kiosk.peripherals.drivers``) behind the ``Devices`` port.

``drivers.open_devices`` gives the configured ports, or simulators on loopback ports where none
is configured. This adapter turns the drivers' results into what the screens word
(``PrintOutcome`` with an i18n reason), listens to the card reader and the scanner while an
identify step waits, and sends device status changes to the store on a worker of its own (never
on the GUI thread, never on a device's owner thread). Callbacks it is given run on the drivers'
threads: the visit hops them to the GUI thread.

With simulated devices it also offers the demo's ways to identify (``demo_ways``): a sample ID
card placed on the simulated reader, a sample e-card code sent through the simulated scanner, so
a newcomer without a card goes through the real driver path. With real devices there are none.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from devices.idcard.reader import CardReason
from devices.status import Card
from kiosk.demo.residents import PEOPLE
from kiosk.peripherals import drivers
from kiosk.peripherals.drivers import sample_card
from kiosk.peripherals.port import CardCallback, Devices, PrintOutcome, ProblemCallback, QrCallback
from kiosk.peripherals.unavailable import NoDevices

if TYPE_CHECKING:
    from devices.idcard.reader import CardResult
    from devices.idcard.textblock import IdCard
    from devices.printer.printer import PrintResult
    from devices.scanner import Rejected, Scan
    from devices.status import DeviceEvent, Media
    from kiosk.config import Settings
    from kiosk.peripherals.drivers import Hardware

log = logging.getLogger(__name__)

# The printer driver's reasons (devices.printer.realtime.Reason values) as the print screen's
# (i18n print.reason.*). "no device": the port cannot be opened, which a resident hears as "not
# connected"; "no reply": it did not answer, which is all that is known.
PRINT_REASONS = {
    "paper out": "paper_out",
    "cover open": "cover_open",
    "offline": "offline",
    "no device": "offline",
    "paper jammed": "jammed",
    "hardware error": "hardware_error",
    "write failed": "interrupted",
    "no reply": "unknown",
}
PRINT_WARNINGS = {"paper low": "paper_low"}

# Device events worth a row for the staff console: changes of status and faults. Reads, scans
# and jobs that went well are not (a card left on the reader is read at every poll).
RECORDED_KINDS = ("status", "job_refused", "job_failed", "scan_rejected", "card_invalid")

DEMO_QR_PERSON = 2  # the demo resident whose e-card code the demo scans (ESSC-DEMO-0003)


def print_outcome(result: PrintResult) -> PrintOutcome:
    """A driver's print result in the words of the print screen."""
    detail = str(result.reason) if result.reason is not None else ""
    warning = PRINT_WARNINGS.get(result.warning or "", result.warning or "")
    if result.ok:
        return PrintOutcome(True, warning=warning, detail=detail)
    return PrintOutcome(False, PRINT_REASONS.get(detail, "unknown"), warning, detail or "failed")


def media_word(media: Media) -> str:
    """One word for the console's media column: the worst of cover, paper and card."""
    if str(media.cover) == "open":
        return "cover_open"
    paper, card = str(media.paper), str(media.card)
    if paper != "unknown":
        return paper  # ok, low, out, jammed
    if card != "unknown":
        return card  # present, absent
    return ""


class EventRecorder:
    """Device events to the store, in order, on one worker thread of its own."""

    def __init__(self, record: Callable[[str, str, str, str], None]) -> None:
        self._record = record
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-device-events")
        self._closed = False

    def __call__(self, event: DeviceEvent) -> None:  # a device's owner thread
        if self._closed or event.kind not in RECORDED_KINDS:
            return
        detail = event.detail if event.kind == "status" else f"{event.kind}: {event.detail}"
        with contextlib.suppress(RuntimeError):  # shut down meanwhile: nothing to write to
            self._pool.submit(
                self._write, event.device, str(event.state), media_word(event.media), detail
            )

    def _write(self, device: str, state: str, media: str, detail: str) -> None:
        try:
            self._record(device, state, media, detail)
        except Exception:
            log.warning("device event of %s not recorded", device, exc_info=True)

    def close(self) -> None:
        """Write what is queued, then take no more."""
        self._closed = True
        self._pool.shutdown(wait=True)


class HardwareDevices:
    """The ``Devices`` port over kiosk.peripherals.drivers's printer, ID card reader and scanner."""

    def __init__(self, hardware: Hardware, recorder: EventRecorder | None = None) -> None:
        self.hardware = hardware
        self.recorder = recorder
        self._lock = threading.Lock()
        # The callbacks of the identify step waiting now; None while none waits.
        self._listeners: tuple[CardCallback, QrCallback, ProblemCallback] | None = None
        self._demo_placed = False
        self._demo_pool: ThreadPoolExecutor | None = None
        self._closed = False
        # The scanner is listened to for good and its scans routed here: a callback set per
        # step would be a job on the scanner's thread, and a code read before that job ran
        # would be lost. Scans while no step waits are dropped. Done once the hook is set.
        self.scans_routed = hardware.scanner.set_on_scan(self._scanned)
        # A real scan the kiosk cannot take (not ASCII, too long): the resident is told and
        # offered another way, never left with a scan that did nothing.
        hardware.scanner.set_on_rejected(self._scan_rejected)

    # -- printing --------------------------------------------------------------------------

    def print_document(self, document: Any) -> Future[PrintOutcome]:
        outcome: Future[PrintOutcome] = Future()

        def finished(job: Future[PrintResult]) -> None:
            if job.cancelled():
                result = PrintOutcome(False, "unknown", detail="cancelled")
            elif job.exception() is not None:  # the driver was closed under the job
                log.warning("print job failed", exc_info=job.exception())
                result = PrintOutcome(False, "unknown", detail="no device")
            else:
                result = print_outcome(job.result())
            outcome.set_result(result)

        self.hardware.printer.print(document).add_done_callback(finished)
        return outcome

    # -- identification ---------------------------------------------------------------------

    def watch_identity(
        self, on_card: CardCallback, on_qr: QrCallback, on_problem: ProblemCallback
    ) -> None:
        with self._lock:
            self._listeners = (on_card, on_qr, on_problem)
        # The reader looks for a card only while someone waits for one (its polls are the
        # protocol's 300 to 500 ms); a card is read only after this job, so none is missed.
        self.hardware.idcard.watch(self._card_read)

    def stop_watching(self) -> None:
        with self._lock:
            if self._listeners is None:
                return
            self._listeners = None
        if not self._closed:
            self.hardware.idcard.watch(None)

    def card_present(self) -> bool | None:
        """From the reader's last status: once a card has been read, the driver looks every
        poll to see it taken away; only a change of status is an event (and so a row)."""
        card = self.hardware.idcard.current_status.media.card
        if card is Card.PRESENT:
            return True
        return False if card is Card.ABSENT else None

    def _card_read(self, result: CardResult) -> None:  # the reader's owner thread
        self._take_back_demo_card()
        with self._lock:
            listeners = self._listeners
        if listeners is None:
            return
        on_card, _on_qr, on_problem = listeners
        if result.ok and result.card is not None:
            on_card({k: str(v) for k, v in result.card.to_dict().items()})
        elif result.reason is CardReason.INVALID_CARD:  # read, but its data disagree
            on_problem("card_invalid")
        else:
            on_problem("card_unreadable")

    def _scanned(self, item: Scan) -> None:  # the scanner's owner thread
        with self._lock:
            listeners = self._listeners
        if listeners is not None:
            listeners[1](item.payload)

    def _scan_rejected(self, _rejected: Rejected) -> None:  # the scanner's owner thread
        with self._lock:
            listeners = self._listeners
        if listeners is not None:
            listeners[2]("qr_unsupported")

    # -- the demo ---------------------------------------------------------------------------

    @property
    def demo_ways(self) -> tuple[str, ...]:
        hw = self.hardware
        ways = (("card", hw.idcard_sim), ("qr", hw.scanner_sim))
        return tuple(way for way, sim in ways if sim is not None)

    def demo(self, way: str) -> None:
        """Present a sample card or e-card code on the simulator; the real driver reads it."""
        hw = self.hardware
        if way == "card" and hw.idcard_sim is not None:
            with self._lock:
                self._demo_placed = True
            hw.idcard_sim.place(demo_card())
        elif way == "qr" and hw.scanner_sim is not None:
            sim = hw.scanner_sim
            if self._demo_pool is None:
                self._demo_pool = ThreadPoolExecutor(1, thread_name_prefix="kiosk-demo-scan")
            self._demo_pool.submit(sim.scan, demo_qr_token())  # a socket write: off the GUI

    def _take_back_demo_card(self) -> None:
        """A demo card goes back to the demo once read, as a resident takes theirs back."""
        with self._lock:
            placed, self._demo_placed = self._demo_placed, False
        if placed and self.hardware.idcard_sim is not None:
            self.hardware.idcard_sim.remove()

    def close(self) -> None:
        if self._closed:
            return
        self.stop_watching()
        self._closed = True
        if self._demo_pool is not None:
            self._demo_pool.shutdown(wait=True, cancel_futures=True)
        self.hardware.close()
        if self.recorder is not None:
            self.recorder.close()


def demo_card() -> IdCard:
    """The first demo resident's ID card, consistent with their number (never expired)."""
    person = PEOPLE[0]
    number = person.id_number
    born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    return dataclasses.replace(sample_card(person.name, person.first17), birth_date=born)


def demo_qr_token() -> str:
    return PEOPLE[DEMO_QR_PERSON].qr_token


def open_devices(settings: Settings, record_event: Callable[[str, str, str, str], None]) -> Devices:
    """The configured devices (simulators where none is configured), with their events going
    to the store. BLOCKING for as long as the simulators take to start: call off the GUI."""
    recorder = EventRecorder(record_event)
    try:
        opened = drivers.open_devices(settings, recorder)
    except Exception:
        log.exception("devices could not be opened; printing and card reading are off")
        recorder.close()
        return NoDevices()
    return HardwareDevices(opened, recorder)
