"""The receipt printer driver against the simulated printer, over socket://."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from devices.printer.document import Cut, Document, KeyValue, Line, QRCode, Title
from devices.printer.layout import document_text
from devices.printer.printer import ReceiptPrinter
from devices.printer.realtime import Reason
from devices.sim.printer import PrinterSim
from devices.status import Cover, DeviceEvent, DeviceState, Paper
from tests.devices.waiting import wait_until

DOC = Document(
    [
        Title("参保证明"),
        KeyValue("姓名 Name", "张三"),
        Line("Thank you 谢谢", align="center"),
        QRCode("https://example.org/c/1"),
        Cut(),
    ],
    title="certificate",
)


def test_status_ok(printer: ReceiptPrinter) -> None:
    status = printer.status().result(5)
    assert status.state is DeviceState.ONLINE
    assert (status.media.paper, status.media.cover) == (Paper.OK, Cover.CLOSED)


def test_print_reaches_paper_as_text_and_png(
    printer: ReceiptPrinter, printer_sim: PrinterSim, events: list[DeviceEvent]
) -> None:
    result = printer.print(DOC, job_id="j1").result(5)
    assert result.ok and result.reason is None and result.bytes_sent > 0
    receipt = printer_sim.wait_receipts(1)[0]
    assert receipt.complete and receipt.cut
    assert receipt.text(48) == document_text(DOC, 48)
    assert receipt.png is not None and receipt.png.stat().st_size > 1000
    kinds = [e.kind for e in events]
    assert kinds.index("job_started") < kinds.index("job_finished")


@pytest.mark.parametrize(
    ("state", "reason"),
    [
        ("paper_out", Reason.PAPER_OUT),
        ("cover_open", Reason.COVER_OPEN),
        ("offline", Reason.OFFLINE),
        ("error", Reason.HARDWARE_ERROR),
        ("silent", Reason.NO_REPLY),
        ("garbage", Reason.NO_REPLY),
    ],
)
def test_faults_refuse_the_job_with_their_status(
    printer: ReceiptPrinter,
    printer_sim: PrinterSim,
    events: list[DeviceEvent],
    state: str,
    reason: Reason,
) -> None:
    printer_sim.set_state(state)
    result = printer.print(DOC).result(5)
    assert not result.ok and result.reason is reason and result.bytes_sent == 0
    assert printer_sim.receipts == [] and printer_sim.pending_text() == "\n"
    assert any(e.kind == "job_refused" for e in events)


@pytest.mark.parametrize("state", ["silent", "garbage"])
def test_no_valid_reply_is_unknown_never_no_paper(
    printer: ReceiptPrinter, printer_sim: PrinterSim, state: str
) -> None:
    printer_sim.set_state(state)
    status = printer.status().result(5)
    assert status.state is DeviceState.UNKNOWN
    assert status.media.paper is Paper.UNKNOWN


def test_error_names_the_cutter(printer: ReceiptPrinter, printer_sim: PrinterSim) -> None:
    printer_sim.set_state("error")
    status = printer.status().result(5)
    assert status.state is DeviceState.HARDWARE_ERROR and "auto-cutter" in status.detail


def test_paper_low_warns_and_prints(printer: ReceiptPrinter, printer_sim: PrinterSim) -> None:
    printer_sim.set_state("paper_low")
    result = printer.print(DOC).result(5)
    assert result.ok and result.warning == "paper low"
    assert result.status.media.paper is Paper.LOW
    assert printer_sim.wait_receipts(1)


def test_paper_runs_out_in_the_middle_of_a_job(
    printer: ReceiptPrinter, printer_sim: PrinterSim
) -> None:
    printer_sim.paper_lines = 3
    long_doc = Document([Line(f"第{i}行 line {i}") for i in range(20)])
    result = printer.print(long_doc).result(5)
    assert not result.ok and result.reason is Reason.PAPER_OUT
    assert "incomplete" in result.message
    assert result.status.media.paper is Paper.OUT
    receipt = printer_sim.wait_receipts(1)[0]
    assert not receipt.complete and len(receipt.rows) == 3


def test_states_switch_while_running(
    printer: ReceiptPrinter, printer_sim: PrinterSim, events: list[DeviceEvent]
) -> None:
    printer_sim.set_state("offline")
    assert printer.status().result(5).state is DeviceState.OFFLINE
    printer_sim.set_state("ok")
    assert printer.print(DOC).result(5).ok
    states = [e.state for e in events if e.kind == "status"]
    assert DeviceState.OFFLINE in states and states[-1] is DeviceState.ONLINE


def test_port_disappears_and_comes_back(printer: ReceiptPrinter, printer_sim: PrinterSim) -> None:
    assert printer.status().result(5).state is DeviceState.ONLINE
    printer_sim.unplug()
    gone = printer.status().result(5)
    assert gone.state is DeviceState.NO_DEVICE and "retry" in gone.detail
    assert printer.print(DOC).result(5).reason is Reason.NO_DEVICE
    printer_sim.plug()
    wait_until(lambda: printer.status().result(5).state is DeviceState.ONLINE)
    assert printer.print(DOC).result(5).ok


def test_58mm_layout(printer_sim: PrinterSim) -> None:
    printer_sim.paper_mm = 58
    device = ReceiptPrinter(printer_sim.url, paper_mm=58, timeout_s=0.3)
    try:
        assert device.columns == 32 and device.print(DOC).result(5).ok
        assert printer_sim.wait_receipts(1)[0].text(32) == document_text(DOC, 32)
    finally:
        device.close()


def test_calls_after_close_fail_fast(printer: ReceiptPrinter) -> None:
    printer.close()
    with pytest.raises(RuntimeError):
        printer.status().result(1)


def test_the_simulator_keeps_only_the_newest_receipts_on_disk(tmp_path: Path) -> None:
    out = tmp_path / "receipts"
    out.mkdir()
    for n in range(1, 9):  # left by an earlier run, older than anything printed now
        for suffix in (".png", ".txt"):
            old = out / f"receipt-{n:04d}{suffix}"
            old.write_text("earlier run")
            os.utime(old, ns=(1_000_000_000 * n, 1_000_000_000 * n))
    (out / "notes.txt").write_text("not a receipt")
    with PrinterSim(out_dir=out, keep=3) as sim:
        printer = ReceiptPrinter(sim.url, timeout_s=0.3, poll_s=60)
        try:
            for n in range(1, 6):
                assert printer.print(Document([Line(f"receipt {n}"), Cut()])).result(10).ok
            assert len(sim.wait_receipts(5)) == 5
        finally:
            printer.close()
    kept = sorted(p.name for p in out.iterdir())
    assert kept == ["notes.txt"] + [
        f"receipt-{n:04d}{s}" for n in (3, 4, 5) for s in (".png", ".txt")
    ]
    assert "receipt 5" in (out / "receipt-0005.txt").read_text(encoding="utf-8")


def test_the_simulator_keeps_twenty_receipts_unless_told() -> None:
    assert PrinterSim().keep == 20
    assert PrinterSim(keep=None).keep is None
    with pytest.raises(ValueError):
        PrinterSim(keep=0)


def test_a_simulator_that_remembers_a_few_receipts_forgets_the_oldest() -> None:
    with PrinterSim(remember=2) as sim:
        printer = ReceiptPrinter(sim.url, timeout_s=0.3, poll_s=60)
        try:
            for n in range(4):
                assert printer.print(Document([Line(f"receipt {n}"), Cut()])).result(10).ok
            receipts = sim.wait_receipts(4)
        finally:
            printer.close()
    assert sim.printed == 4
    assert [r.text(48).strip() for r in receipts] == ["receipt 2", "receipt 3"]
