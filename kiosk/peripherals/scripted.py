"""Devices that answer at once, as a script says: the tour's devices, and the tests'.

The printer works unless told otherwise; a card or a QR code is presented by the script, from
another thread, as real drivers call back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from typing import Any

from kiosk.peripherals.port import CardCallback, PrintOutcome, ProblemCallback, QrCallback


class ScriptedDevices:
    """Answers at once; ``present_card``, ``present_qr`` and ``fail_card`` act as a person."""

    def __init__(self) -> None:
        self.print_outcome = PrintOutcome(True)
        self.printed: list[Any] = []
        self.watching = False
        self.demo_ways: tuple[str, ...] = ()
        self.demos: list[str] = []
        # What the reader reports lying on it; the script puts a card there and takes it away.
        self.card_on_reader: bool | None = False
        self._callbacks: tuple[CardCallback, QrCallback, ProblemCallback] | None = None

    def demo(self, way: str) -> None:
        self.demos.append(way)

    def print_document(self, document: Any) -> Future[PrintOutcome]:
        self.printed.append(document)
        future: Future[PrintOutcome] = Future()
        threading.Thread(target=future.set_result, args=(self.print_outcome,)).start()
        return future

    def watch_identity(
        self, on_card: CardCallback, on_qr: QrCallback, on_problem: ProblemCallback
    ) -> None:
        self.watching = True
        self._callbacks = (on_card, on_qr, on_problem)

    def stop_watching(self) -> None:
        self.watching = False
        self._callbacks = None

    def card_present(self) -> bool | None:
        return self.card_on_reader

    def present_card(self, fields: Mapping[str, str]) -> None:
        if self._callbacks:
            self._from_thread(self._callbacks[0], dict(fields))

    def present_qr(self, token: str) -> None:
        if self._callbacks:
            self._from_thread(self._callbacks[1], token)

    def fail_card(self, problem: str = "card_unreadable") -> None:
        if self._callbacks:
            self._from_thread(self._callbacks[2], problem)

    @staticmethod
    def _from_thread(fn: Callable[[Any], None], arg: Any) -> None:
        thread = threading.Thread(target=fn, args=(arg,))
        thread.start()
        thread.join()

    def close(self) -> None:
        self.stop_watching()
