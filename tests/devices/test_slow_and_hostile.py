"""Slow and hostile devices: a reply is matched to its request or discarded, an exchange has a
total deadline, and a deadline reached mid-exchange is "no reply", never "no card"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from serial import SerialException

from devices.idcard.reader import CardReason, IdCardReader
from devices.printer.document import Document, Line
from devices.printer.printer import ReceiptPrinter
from devices.printer.realtime import Reason
from devices.scanner import Rejected, Scanner
from devices.sim.idcard import IdCardSim
from devices.sim.printer import PrinterSim
from devices.sim.scanner import ScannerSim
from devices.status import DeviceState, Paper
from devices.transport import open_cause
from kiosk.cli import main
from tests.devices.conftest import FAST
from tests.devices.waiting import wait_until


@pytest.fixture
def slow_reader(idcard_sim: IdCardSim) -> Iterator[IdCardReader]:
    device = IdCardReader(idcard_sim.url, timeout_s=0.3, poll_ms=30, backoff=FAST)
    yield device
    device.close()


def test_a_reader_slower_than_its_timeout_is_not_online(
    slow_reader: IdCardReader, idcard_sim: IdCardSim
) -> None:
    """Every reply 0.4 s late against a 0.3 s timeout: each is discarded, none is taken as the
    answer to the next request (which made the reader "online" while it never read a card)."""
    idcard_sim.faults.late_s = 0.4
    assert slow_reader.status().result(10).state is DeviceState.UNKNOWN
    result = slow_reader.read_card(1.5).result(10)
    assert not result.ok and result.reason is CardReason.NO_REPLY
    idcard_sim.faults.late_s = 0.0  # back to speed: it reads again
    wait_until(lambda: slow_reader.status().result(10).state is DeviceState.ONLINE, timeout=10)
    assert slow_reader.read_card(3).result(10).ok


def test_a_reader_that_keeps_sending_bytes_has_a_total_deadline(idcard_sim: IdCardSim) -> None:
    """Noise for 3 s before the reply: the exchange ends at its deadline, not renewed by every
    byte (then the late reply would have been taken for the status)."""
    fast_line = IdCardReader(idcard_sim.url, 921600, timeout_s=0.3, backoff=FAST)
    try:
        assert fast_line.status().result(5).state is DeviceState.ONLINE
        idcard_sim.faults.babble_once_s = 3.0
        assert fast_line.status().result(10).state is DeviceState.UNKNOWN
    finally:
        fast_line.close()


def test_a_deadline_reached_mid_exchange_is_no_reply_not_no_card(
    idcard_sim: IdCardSim,
) -> None:
    idcard_sim.remove()
    reader = IdCardReader(idcard_sim.url, timeout_s=2.0, poll_ms=30, backoff=FAST)
    try:
        assert reader.read_card(0.5).result(5).reason is CardReason.NO_CARD  # answered: no card
        idcard_sim.faults.late_once_s = 1.0  # the next answer comes after the wait has ended
        result = reader.read_card(0.5).result(5)
        assert result.reason is CardReason.NO_REPLY
    finally:
        reader.close()


def test_a_paper_out_printer_answering_late_is_never_paper_low(tmp_path: Path) -> None:
    sim = PrinterSim(out_dir=tmp_path, state="paper_out")
    sim.reply_delay_s = 0.45  # against a 0.3 s timeout
    sim.start()
    printer = ReceiptPrinter(sim.url, timeout_s=0.3, poll_s=60, backoff=FAST)
    try:
        seen = [printer.status().result(10) for _ in range(3)]
        job = printer.print(Document([Line("x")], title="t")).result(20)
        seen.append(job.status)
        for status in seen:
            assert status.media.paper is not Paper.LOW, status
            assert status.state is DeviceState.UNKNOWN or status.media.paper is Paper.OUT, status
        assert not job.ok and job.reason in (Reason.NO_REPLY, Reason.PAPER_OUT)
        assert job.warning != "paper low"
    finally:
        printer.close()
        sim.stop()


def test_a_scan_the_kiosk_cannot_accept_is_its_own_value(scanner_sim: ScannerSim) -> None:
    """Non-ASCII (a UTF-8 code) is not line noise: the kiosk is told, to tell the resident."""
    rejected: list[Rejected] = []
    scanner = Scanner(scanner_sim.url, idle_gap_ms=40, backoff=FAST)
    try:
        scanner.set_on_rejected(rejected.append)
        assert scanner_sim.wait_client()
        wait_until(lambda: scanner.current_status.state is DeviceState.ONLINE)
        scanner_sim.scan("社保卡-0001".encode())
        wait_until(lambda: rejected)
        assert rejected[0].reason == Rejected.UNSUPPORTED
        assert rejected[0].unsupported
        scanner_sim.scan(b"\x01\x02\x03\x04\x05")  # line noise: logged, not the resident's
        token = scanner.next_scan()  # asked for before the scan, which may arrive at once
        scanner_sim.scan(b"DEMO-TOKEN-0001")
        assert token.result(5).payload == "DEMO-TOKEN-0001"
        assert len(rejected) == 1
    finally:
        scanner.close()


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (("devices", "status"), "--printer"),
        (("devices", "print-test"), "--printer"),
        (("devices", "status"), "--idcard"),
        (("devices", "read-card", "--timeout", "1"), "--idcard"),
        (("devices", "scan", "--timeout", "1"), "--scanner"),
    ],
)
def test_every_command_names_the_same_cause(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: tuple[str, ...],
    option: str,
) -> None:
    not_a_port = tmp_path / "notaport"
    not_a_port.write_text("")
    for port, cause in ((not_a_port, "not a serial port"), (tmp_path / "gone", "no such port")):
        assert main([*command, option, str(port)]) == 3
        err = capsys.readouterr().err
        assert f"no device ({cause})" in err, err


@pytest.mark.parametrize(
    ("error", "cause"),
    [
        (PermissionError(13, "Permission denied"), "permission denied"),
        (
            SerialException(13, "could not open port /dev/ttyS9: [Errno 13] Permission denied"),
            "permission denied",
        ),
        (
            SerialException("Could not configure port: (25, 'Inappropriate ioctl for device')"),
            "not a serial port",
        ),
        (
            SerialException(2, "could not open port x: [Errno 2] No such file or directory"),
            "no such port",
        ),
        (ValueError("invalid URL, port not given"), "not a port URL"),
    ],
)
def test_open_errors_in_a_few_words(error: BaseException, cause: str) -> None:
    assert open_cause(error) == cause
