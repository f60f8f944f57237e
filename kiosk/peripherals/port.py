"""What a front end needs of the kiosk's devices, as values and one small protocol.

``Devices`` is the printer, ID card reader and QR scanner as a visit uses them; results are
values (``PrintOutcome`` with a reason a screen can word), never exceptions. Implementations:
``adapter.HardwareDevices`` (the drivers), ``adapter.NoDevices`` (none could be opened),
``scripted.ScriptedDevices`` (answers at once: the tour and the tests).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import Future
from typing import Any, NamedTuple, Protocol


class PrintOutcome(NamedTuple):
    ok: bool
    # paper_out, cover_open, offline, jammed, hardware_error, interrupted, unknown
    # (i18n print.reason.*)
    reason: str = ""
    warning: str = ""  # e.g. paper_low: printed, but staff should know
    detail: str = ""  # the driver's own words ("paper out"), for the print job's record


CardCallback = Callable[[Mapping[str, str]], None]
QrCallback = Callable[[str], None]
ProblemCallback = Callable[[str], None]  # an i18n problem code: card_unreadable, ...


class Devices(Protocol):
    """Printer, ID card reader and QR scanner. Callbacks may come from any thread.

    ``demo_ways`` names what a demo can present on a simulated device ("card", "qr"); it is
    empty whenever real devices are configured, and ``demo(way)`` then does nothing.
    """

    @property
    def demo_ways(self) -> tuple[str, ...]: ...
    def demo(self, way: str) -> None: ...
    def print_document(self, document: Any) -> Future[PrintOutcome]: ...
    def watch_identity(
        self, on_card: CardCallback, on_qr: QrCallback, on_problem: ProblemCallback
    ) -> None: ...
    def stop_watching(self) -> None: ...
    def card_present(self) -> bool | None:
        """Whether an ID card lies on the reader (None: the reader cannot tell, or there is
        none). From the status the driver keeps, so it asks the device nothing."""
        ...

    def close(self) -> None: ...
