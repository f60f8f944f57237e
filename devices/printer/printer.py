"""The receipt printer driver: status before and after every job, results as values."""

from __future__ import annotations

import logging
import time
from concurrent.futures import Future
from dataclasses import dataclass, field

from devices.manager import Device, Listener
from devices.printer import realtime
from devices.printer.charset import DEFAULT_CHARSET, Charset
from devices.printer.document import Document
from devices.printer.escpos import EscPosEncoder
from devices.printer.realtime import Reason, StatusBytes
from devices.status import DeviceState, DeviceStatus
from devices.transport import Backoff, PortConfig, PortError

log = logging.getLogger(__name__)

CHUNK = 1024  # bytes per write, so a stalled printer is noticed within one write timeout


@dataclass(frozen=True)
class PrintResult:
    ok: bool
    status: DeviceStatus
    reason: Reason | None = None  # why it failed ("paper out", "cover open", ...)
    warning: str | None = None  # the job ran, but staff should know ("paper low")
    message: str = ""
    job_id: str = ""
    bytes_sent: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)  # encoder notes (missing glyphs)


class ReceiptPrinter(Device):
    kind = "printer"

    def __init__(
        self,
        url: str,
        baud: int = 115200,
        timeout_s: float = 2.0,
        paper_mm: int = 80,
        *,
        name: str = "printer",
        on_event: Listener | None = None,
        charset: Charset = DEFAULT_CHARSET,
        poll_s: float = 5.0,
        parity: str = "N",
        backoff: Backoff | None = None,
    ) -> None:
        self.encoder = EscPosEncoder(paper_mm, charset)
        self.poll_s = poll_s
        self._last_poll = 0.0
        self._owed = 0  # status replies still to come for requests that timed out
        config = PortConfig(
            url, baud, parity, timeout_s=timeout_s, write_timeout_s=max(2.0, timeout_s)
        )
        super().__init__(name, config, on_event, backoff)

    @property
    def columns(self) -> int:
        return self.encoder.columns

    def status(self) -> Future[DeviceStatus]:
        """Ask the printer now (DLE EOT 1, 2, 4; 3 when it reports an error)."""
        return self._submit(self._refresh)

    def print(self, document: Document, job_id: str = "") -> Future[PrintResult]:
        return self._submit(lambda: self._print(document, job_id))

    # --- owner thread ---

    def _connected(self) -> None:
        self._owed = 0  # a new link owes nothing
        self._refresh()

    def _idle_open(self) -> float:
        if time.monotonic() - self._last_poll >= self.poll_s:
            self._refresh()
        return max(0.05, self.poll_s - (time.monotonic() - self._last_poll))

    def _ask(self, n: int) -> int | None:
        """One status byte, matched to its request by order.

        A reply carries no request number: a request that timed out is owed a reply, and the
        next bytes are dropped as that late reply before anything is asked again (a late
        answer to DLE EOT 1 must never be read as the paper sensor). An owed reply that does
        not come within one more timeout is given up, and this ask answers "no reply".
        """
        transport = self.transport
        timeout = transport.config.timeout_s
        deadline = time.monotonic() + timeout
        while self._owed:
            data = transport.read_some(max(0.0, deadline - time.monotonic()), limit=self._owed)
            self._owed -= len(data)
            if not data and time.monotonic() >= deadline:
                self._owed = 0
                return None
        transport.discard_input()  # stray bytes are nobody's reply
        transport.write(realtime.request(n))
        deadline = time.monotonic() + timeout
        data = b""
        while not data and time.monotonic() < deadline:
            data = transport.read_some(deadline - time.monotonic(), limit=1)
        if not data:
            self._owed += 1
        # One byte is the whole reply: waiting to see whether more follows would cost every
        # query a delay; a stray extra byte is dropped by discard_input before the next one.
        return realtime.pick_reply(data)

    def _refresh(self) -> DeviceStatus:
        self._last_poll = time.monotonic()
        if not self._ensure_open():
            return self._status
        try:
            first = self._ask(realtime.PRINTER)
            if first is None:  # silent printer: do not spend three more timeouts on it
                replies = StatusBytes()
            else:
                cause = self._ask(realtime.OFFLINE_CAUSE)
                error = self._ask(realtime.ERROR_CAUSE) if cause and cause & 0x40 else None
                replies = StatusBytes(first, cause, error, self._ask(realtime.PAPER_SENSOR))
        except PortError as exc:
            return self._port_unavailable(exc)
        status = realtime.interpret(replies)
        self._set_status(status)
        return status

    def _print(self, document: Document, job_id: str) -> PrintResult:
        started = time.monotonic()
        before = self._refresh()
        reason = realtime.blocker(before)
        if reason is not None:
            self._emit("job_refused", f"job {job_id or '-'}: {reason}")
            return PrintResult(
                False, before, reason, message=_message(reason, False), job_id=job_id
            )
        encoded = self.encoder.encode(document)
        self._emit(
            "job_started", f"job {job_id or '-'} {document.title!r}: {len(encoded.data)} bytes"
        )
        sent = 0
        try:
            for i in range(0, len(encoded.data), CHUNK):
                self.transport.write(encoded.data[i : i + CHUNK])
                sent = min(len(encoded.data), i + CHUNK)
        except PortError as exc:
            log.warning("%s: job %s stopped after %d bytes: %s", self.name, job_id, sent, exc)
        after = self._refresh()
        reason = realtime.blocker(after)
        if reason is None and sent < len(encoded.data):
            reason = Reason.WRITE_FAILED
        ok = reason is None
        result = PrintResult(
            ok,
            after,
            reason,
            warning=realtime.warning(after) or realtime.warning(before),
            message=_message(reason, True) if reason else "printed",
            job_id=job_id,
            bytes_sent=sent,
            seconds=time.monotonic() - started,
            warnings=encoded.warnings,
        )
        self._emit(
            "job_finished" if ok else "job_failed",
            f"job {job_id or '-'}: {result.message} ({sent} of {len(encoded.data)} bytes)",
        )
        return result


def _message(reason: Reason | None, during: bool) -> str:
    if reason is None:
        return ""
    base = {
        Reason.COVER_OPEN: "the printer cover is open",
        Reason.PAPER_OUT: "the printer is out of paper",
        Reason.PAPER_JAMMED: "the paper is jammed",
        Reason.HARDWARE_ERROR: "the printer reports a hardware error",
        Reason.OFFLINE: "the printer is offline",
        Reason.NO_REPLY: "the printer did not answer",
        Reason.NO_DEVICE: "the printer is not connected",
        Reason.WRITE_FAILED: "the printer stopped taking data",
    }[reason]
    return f"{base} (the job may be incomplete)" if during else base


__all__ = ["DeviceState", "PrintResult", "Reason", "ReceiptPrinter"]
