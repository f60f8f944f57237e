"""QR and barcode scanner: line-based ASCII over a serial port.

A payload ends at CR, LF or CRLF (STX and ETX framing is accepted and stripped), or after an idle
gap with no terminator. Noise and over-long lines are rejected with a device event. A payload is an
opaque token for the backend: it is never logged.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

from devices.manager import Device, Listener
from devices.status import DeviceState, DeviceStatus, utc_now
from devices.transport import Backoff, PortConfig, PortError

log = logging.getLogger(__name__)

CR, LF, STX, ETX = 0x0D, 0x0A, 0x02, 0x03


@dataclass(frozen=True)
class Scan:
    payload: str = field(repr=False)  # a token: shown by length only
    at: datetime = field(default_factory=utc_now)

    def __repr__(self) -> str:
        return f"Scan({len(self.payload)} chars at {self.at.isoformat()})"


@dataclass(frozen=True)
class Rejected:
    """A line that is not a payload the kiosk takes. ``unsupported`` ones (a code that is not
    ASCII, or too long) were a real scan the resident should hear about; noise was not."""

    NOISE: ClassVar[str] = "noise"
    TOO_LONG: ClassVar[str] = "too long"
    UNSUPPORTED: ClassVar[str] = "not ascii"  # e.g. a UTF-8 code: not one of ours

    reason: str
    length: int

    @property
    def unsupported(self) -> bool:
        return self.reason in (self.UNSUPPORTED, self.TOO_LONG)


class LineAssembler:
    """Bytes in, payloads and rejections out. Pure: the caller supplies the clock."""

    def __init__(self, idle_gap_s: float = 0.08, max_len: int = 512, min_len: int = 4) -> None:
        self.idle_gap_s = idle_gap_s
        self.max_len = max_len
        self.min_len = min_len
        self._buf = bytearray()
        self._dropped = 0  # bytes of an over-long line being discarded
        self._last = 0.0

    @property
    def pending(self) -> bool:
        return bool(self._buf) or bool(self._dropped)

    def feed(self, data: bytes, now: float) -> list[Scan | Rejected]:
        out: list[Scan | Rejected] = []
        for byte in data:
            if byte in (CR, LF, ETX):
                out += self._finish()
            elif byte == STX:
                out += self._finish()  # a new frame starts: what came before stands alone
            elif self._dropped:
                self._dropped += 1
            else:
                self._buf.append(byte)
                if len(self._buf) > self.max_len:
                    self._dropped = len(self._buf)
                    self._buf.clear()
        if data:
            self._last = now
        return out

    def poll(self, now: float) -> list[Scan | Rejected]:
        """Flush a payload that stopped without a terminator once the idle gap has passed."""
        if self.pending and now - self._last >= self.idle_gap_s:
            return self._finish()
        return []

    def _finish(self) -> list[Scan | Rejected]:
        raw, dropped = bytes(self._buf), self._dropped
        self._buf.clear()
        self._dropped = 0
        if dropped:
            return [Rejected(Rejected.TOO_LONG, dropped)]
        if not raw:
            return []  # the LF of a CRLF, or an empty line
        if len(raw) < self.min_len or any(b < 0x20 or b == 0x7F for b in raw):
            return [Rejected(Rejected.NOISE, len(raw))]
        if any(b > 0x7F for b in raw):  # printable, but not ASCII: a code the kiosk cannot use
            return [Rejected(Rejected.UNSUPPORTED, len(raw))]
        return [Scan(raw.decode("ascii"))]


class Scanner(Device):
    kind = "scanner"

    def __init__(
        self,
        url: str,
        baud: int = 9600,
        idle_gap_ms: int = 80,
        *,
        name: str = "scanner",
        on_scan: Callable[[Scan], None] | None = None,
        on_event: Listener | None = None,
        max_len: int = 512,
        min_len: int = 4,
        parity: str = "N",
        backoff: Backoff | None = None,
    ) -> None:
        self._lines = LineAssembler(idle_gap_ms / 1000, max_len, min_len)
        self._on_scan = on_scan
        self._on_rejected: Callable[[Rejected], None] | None = None
        self._waiters: list[Future[Scan]] = []
        self._waiters_lock = threading.Lock()
        super().__init__(name, PortConfig(url, baud, parity), on_event, backoff)

    def next_scan(self) -> Future[Scan]:
        """The next payload scanned; cancel the future when no longer interested."""
        future: Future[Scan] = Future()
        with self._waiters_lock:  # at once, not as a job: a scan may already be on its way
            self._waiters.append(future)
        return future

    def set_on_scan(self, on_scan: Callable[[Scan], None] | None) -> Future[None]:
        """Takes effect at once: a code scanned right after this call goes to ``on_scan``.

        (Queued on the owner thread, the change waited behind the read loop and codes scanned
        in the first tens of milliseconds went to the old callback.) One attribute store is
        atomic, and the owner thread reads the attribute afresh for each scan.
        """
        self._on_scan = on_scan
        done: Future[None] = Future()
        done.set_result(None)
        return done

    def set_on_rejected(self, on_rejected: Callable[[Rejected], None] | None) -> None:
        """Call ``on_rejected`` (on the owner thread) for a scan the kiosk cannot accept (not
        ASCII, too long), so the resident is told and offered another way; noise is not
        passed on. Takes effect at once, like ``set_on_scan``."""
        self._on_rejected = on_rejected

    def status(self) -> Future[DeviceStatus]:
        """A scanner cannot be asked: online means its port is open."""
        return self._submit(self._check)

    def _check(self) -> DeviceStatus:
        self._ensure_open()
        return self._status

    # --- owner thread ---

    def _after_close(self) -> None:
        with self._waiters_lock:
            waiters, self._waiters = self._waiters, []
        for future in waiters:
            future.cancel()

    def _connected(self) -> None:
        self._set_status(DeviceStatus(DeviceState.ONLINE, detail="port open"))

    def _idle_open(self) -> float:
        try:
            data = self.transport.read_some(min(0.05, self._lines.idle_gap_s / 2))
        except PortError as exc:
            self._port_unavailable(exc)
            return 0.0
        now = time.monotonic()
        for item in self._lines.feed(data, now) + self._lines.poll(now):
            self._deliver(item)
        return 0.0  # keep reading; queued jobs are served between reads

    def _deliver(self, item: Scan | Rejected) -> None:
        if isinstance(item, Rejected):
            log.info("%s: line rejected: %s (%d bytes)", self.name, item.reason, item.length)
            self._emit("scan_rejected", f"{item.reason} ({item.length} bytes)")
            callback = self._on_rejected
            if item.unsupported and callback is not None:
                try:
                    callback(item)
                except Exception:
                    log.exception("%s: rejected-scan callback failed", self.name)
            return
        self._emit("scan", f"{len(item.payload)} characters")
        with self._waiters_lock:
            waiters, self._waiters = self._waiters, []
        for future in waiters:
            if future.set_running_or_notify_cancel():
                future.set_result(item)
        if self._on_scan is not None:
            try:
                self._on_scan(item)
            except Exception:
                log.exception("%s: scan callback failed", self.name)
