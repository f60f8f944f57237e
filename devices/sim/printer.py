"""Simulated ESC/POS receipt printer: answers DLE EOT, prints to text and PNG.

States switch while it runs (``sim.state = "paper_out"``); ``paper_lines`` makes it run out of
paper after that many more rows, in the middle of a job if need be. Besides the five states of
the issue, ``error`` (auto-cutter fault), ``silent`` (no status reply) and ``garbage`` (a reply
of the wrong form) exercise the rest of the status handling.

With ``out_dir``, each receipt is written there as ``receipt-NNNN.png`` and ``.txt``. Receipts
carry names and contribution tables, so only the newest ``keep`` (20 by default; None keeps
all) stay on disk: after each receipt the older files of that form in ``out_dir`` are deleted,
those of earlier runs included (newest by modification time). ``receipts`` in memory keeps
every receipt, or only the newest ``remember`` (a simulator inside a kiosk that runs for weeks
must not grow with every visit); the ``png`` of one whose file was deleted names a file no
longer there. ``printed`` counts every receipt cut.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from pathlib import Path

from devices.sim.escpos_machine import Cut, EscPosMachine, Feed, StatusRequest
from devices.sim.receipt import ImageOut, Receipt, TextOut
from devices.sim.server import Link, SimServer

log = logging.getLogger(__name__)

STATES = ("ok", "paper_low", "paper_out", "cover_open", "offline", "error", "silent", "garbage")
PAPER_DOTS = {58: 384, 80: 576}
PAPER_COLUMNS = {58: 32, 80: 48}
KEEP_RECEIPTS = 20


def status_byte(state: str, n: int) -> int:
    """The DLE EOT n reply of a printer in this state (always of the form 0xx1xx10)."""
    value = 0x12
    stopped = state in ("paper_out", "cover_open", "offline", "error")
    if n == 1 and stopped:
        value |= 0x08
    elif n == 2:
        value |= (0x04 if state == "cover_open" else 0) | (0x20 if state == "paper_out" else 0)
        value |= 0x40 if state == "error" else 0
    elif n == 3 and state == "error":
        value |= 0x08  # auto-cutter error
    elif n == 4:
        value |= {"paper_low": 0x0C, "paper_out": 0x6C}.get(state, 0)
    return value


class PrinterSim(SimServer):
    name = "printer"

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        paper_mm: int = 80,
        out_dir: Path | None = None,
        baud: int | None = None,
        state: str = "ok",
        paper_lines: int | None = None,
        keep: int | None = KEEP_RECEIPTS,
        remember: int | None = None,
    ) -> None:
        if keep is not None and keep < 1:
            raise ValueError("keep must be at least 1, or None to keep every receipt")
        if remember is not None and remember < 1:
            raise ValueError("remember must be at least 1, or None to remember every receipt")
        super().__init__(host, port, baud)
        self.paper_mm = paper_mm
        self.out_dir = out_dir
        self.keep = keep  # receipts left in out_dir; None: all
        self.state = state
        self.paper_lines = paper_lines  # rows left on the roll; None: endless
        self.remember = remember  # receipts kept in memory; None: all
        self.receipts: list[Receipt] = []
        self.printed = 0
        self.status_requests = 0
        self.reply_delay_s = 0.0  # a slow printer: every status reply this many seconds late
        self._current = Receipt()
        self._state_lock = threading.RLock()
        self._printed = threading.Condition(self._state_lock)

    @property
    def columns(self) -> int:
        return PAPER_COLUMNS[self.paper_mm]

    def set_state(self, state: str) -> None:
        if state not in STATES:
            raise ValueError(f"state must be one of {STATES}")
        with self._state_lock:
            self.state = state

    def wait_receipts(self, count: int, timeout: float = 5.0) -> list[Receipt]:
        """Block until at least count receipts were cut (for tests and the command line); the
        receipts remembered."""
        with self._printed:
            self._printed.wait_for(lambda: self.printed >= count, timeout)
            return list(self.receipts)

    def pending_text(self) -> str:
        with self._state_lock:
            return self._current.text(self.columns)

    def serve(self, link: Link) -> None:
        machine = EscPosMachine()
        while True:
            data = link.recv(4096)
            for action in machine.feed(data):
                reply = self._act(action)
                if reply is not None:
                    if self.reply_delay_s:
                        time.sleep(self.reply_delay_s)  # the slow printer this simulates
                    link.send(reply)

    def _act(self, action: object) -> bytes | None:
        with self._state_lock:
            if isinstance(action, StatusRequest):
                self.status_requests += 1
                if self.state == "silent":
                    return None
                if self.state == "garbage":
                    return b"\xff\x00"
                return bytes([status_byte(self.state, action.n)])
            if isinstance(action, Cut):
                self._cut()
            elif isinstance(action, Feed):
                for _ in range(action.lines):
                    self._put(TextOut([]))
            elif isinstance(action, TextOut | ImageOut):
                self._put(action)
            return None

    def _put(self, row: TextOut | ImageOut) -> None:
        if self.state not in ("ok", "paper_low"):
            self._current.complete = False  # a stopped printer prints nothing
            return
        if self.paper_lines is not None:
            if self.paper_lines <= 0:
                self.state = "paper_out"
                self._current.complete = False
                log.info("printer simulator: paper ran out")
                return
            self.paper_lines -= 1
        self._current.rows.append(row)

    def _cut(self) -> None:
        receipt, self._current = self._current, Receipt()
        receipt.cut = True
        if not receipt.rows and receipt.complete:
            return
        if self.out_dir is not None and receipt.rows:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            stem = self.out_dir / f"receipt-{self.printed + 1:04d}"
            receipt.render(PAPER_DOTS[self.paper_mm]).save(stem.with_suffix(".png"))
            stem.with_suffix(".txt").write_text(receipt.text(self.columns), encoding="utf-8")
            receipt.png = stem.with_suffix(".png")
            self._prune(self.out_dir)
        self.receipts.append(receipt)
        self.printed += 1
        if self.remember is not None:
            del self.receipts[: -self.remember]
        self._printed.notify_all()

    def _prune(self, out_dir: Path) -> None:
        """Delete the receipt files of out_dir but the newest ``keep``."""
        if self.keep is None:
            return
        newest: dict[str, int] = {}  # stem: latest modification of its .png or .txt
        for path in out_dir.glob("receipt-*"):
            if path.suffix in (".png", ".txt"):
                with contextlib.suppress(OSError):
                    newest[path.stem] = max(newest.get(path.stem, 0), path.stat().st_mtime_ns)
        order = sorted(newest, key=lambda stem: (newest[stem], stem), reverse=True)
        for stem in order[self.keep :]:
            for suffix in (".png", ".txt"):
                with contextlib.suppress(OSError):
                    (out_dir / f"{stem}{suffix}").unlink(missing_ok=True)
