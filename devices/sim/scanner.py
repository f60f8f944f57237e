"""Simulated QR scanner: sends payloads with the chosen terminator, framing and gaps."""

from __future__ import annotations

import threading
import time

from devices.sim.server import Closed, Link, SimServer

TERMINATORS = {"cr": b"\r", "lf": b"\n", "crlf": b"\r\n", "none": b"", "etx": b"\x03"}


class ScannerSim(SimServer):
    name = "scanner"

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        baud: int | None = None,
        payloads: list[str] | None = None,
        terminator: str = "cr",
        every_s: float = 0.0,
    ) -> None:
        super().__init__(host, port, baud)
        self.payloads = payloads or []  # sent round-robin every every_s seconds, if set
        self.terminator = terminator
        self.every_s = every_s
        self._connected = threading.Condition()

    def wait_client(self, timeout: float = 5.0) -> bool:
        """True once a driver is connected (tests wait for this before scanning)."""
        with self._connected:
            return self._connected.wait_for(lambda: bool(self.links()), timeout)

    def scan(
        self,
        payload: str | bytes,
        terminator: str | None = None,
        stx: bool = False,
        pieces: int = 1,
        gap_s: float = 0.0,
    ) -> None:
        """Send one payload to every connected client, in pieces separated by gap_s."""
        raw = payload.encode("ascii") if isinstance(payload, str) else payload
        data = (b"\x02" if stx else b"") + raw + TERMINATORS[terminator or self.terminator]
        size = max(1, -(-len(data) // pieces))
        for link in self.links():
            try:
                for i in range(0, len(data), size):
                    link.send(data[i : i + size])
                    if gap_s and i + size < len(data):
                        time.sleep(gap_s)
            except Closed:
                continue

    def serve(self, link: Link) -> None:
        with self._connected:
            self._connected.notify_all()
        n = 0
        while True:
            link.recv(256, timeout=self.every_s or None)  # scanners ignore what they are sent
            if self.every_s and self.payloads:
                self.scan(self.payloads[n % len(self.payloads)])
                n += 1
