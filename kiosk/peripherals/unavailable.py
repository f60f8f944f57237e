"""Devices that are not there: what a kiosk uses when its devices could not be opened, and
until they are (a staged start)."""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

from kiosk.peripherals.port import CardCallback, PrintOutcome, ProblemCallback, QrCallback


class NoDevices:
    """What the window gets when the devices could not be opened at all: printing fails with
    "not connected" (and its ways forward), identification is by keypad only."""

    demo_ways: tuple[str, ...] = ()

    def demo(self, way: str) -> None:
        pass

    def print_document(self, document: Any) -> Future[PrintOutcome]:
        future: Future[PrintOutcome] = Future()
        future.set_result(PrintOutcome(False, "offline", detail="no device"))
        return future

    def watch_identity(
        self, on_card: CardCallback, on_qr: QrCallback, on_problem: ProblemCallback
    ) -> None:
        pass

    def stop_watching(self) -> None:
        pass

    def card_present(self) -> bool | None:
        return None

    def close(self) -> None:
        pass
