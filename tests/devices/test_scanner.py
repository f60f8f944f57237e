"""Scanner lines: terminators, framing, idle flush, rejections; the driver over socket://."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.scanner import LineAssembler, Rejected, Scan, Scanner
from devices.sim.scanner import ScannerSim
from devices.status import DeviceEvent, DeviceState
from tests.devices.waiting import wait_until


def wait_connected(scanner: Scanner, sim: ScannerSim) -> None:
    """Both ends ready: the simulator sends only to the clients connected at that moment, and
    the driver empties its input when it opens the port (bytes sent before that are gone)."""
    assert sim.wait_client()
    wait_until(lambda: scanner.current_status.state is DeviceState.ONLINE)


def payloads(items: list[Scan | Rejected]) -> list[str]:
    return [i.payload for i in items if isinstance(i, Scan)]


@pytest.mark.parametrize("end", [b"\r", b"\n", b"\r\n", b"\x03"])
def test_terminators(end: bytes) -> None:
    lines = LineAssembler()
    assert payloads(lines.feed(b"TOKEN-1" + end + b"TOKEN-2" + end, 0.0)) == ["TOKEN-1", "TOKEN-2"]
    assert not lines.pending


def test_stx_etx_framing_is_stripped() -> None:
    assert payloads(LineAssembler().feed(b"\x02ABCD-9\x03\r\n", 0.0)) == ["ABCD-9"]


def test_split_across_reads_and_idle_flush() -> None:
    lines = LineAssembler(idle_gap_s=0.08)
    assert lines.feed(b"AB", 0.0) == [] and lines.feed(b"CD", 0.05) == []
    assert lines.poll(0.10) == []  # 50 ms since the last byte: not yet
    assert payloads(lines.poll(0.14)) == ["ABCD"]


def test_noise_and_overlong_lines_are_rejected() -> None:
    lines = LineAssembler(max_len=10)
    out = lines.feed(b"\x00\xff\x13\r" + b"X" * 25 + b"\r" + b"ok-123\r" + b"ab\r", 0.0)
    assert out[0] == Rejected("noise", 3)
    assert out[1] == Rejected("too long", 25)
    assert out[2] == Scan("ok-123") or payloads([out[2]]) == ["ok-123"]
    assert out[3] == Rejected("noise", 2)  # shorter than a token can be


def test_scan_repr_hides_the_token() -> None:
    assert "SECRET" not in repr(Scan("SECRET-TOKEN"))


@given(st.binary(max_size=600), st.floats(0, 1))
def test_random_bytes_yield_only_clean_payloads(data: bytes, later: float) -> None:
    lines = LineAssembler(max_len=64)
    for item in lines.feed(data, 0.0) + lines.poll(later + 1):
        if isinstance(item, Scan):
            assert 4 <= len(item.payload) <= 64 and item.payload.isprintable()
            assert item.payload.isascii() and item.payload.encode() in data
        else:
            assert item.reason in ("noise", "too long", "not ascii")


@pytest.mark.parametrize("terminator", ["cr", "lf", "crlf", "etx", "none"])
def test_driver_receives_each_terminator(
    scanner: Scanner, scanner_sim: ScannerSim, terminator: str
) -> None:
    future = scanner.next_scan()
    wait_connected(scanner, scanner_sim)
    scanner_sim.scan("SSCARD:0123456789ABCDEF", terminator=terminator)
    assert future.result(5).payload == "SSCARD:0123456789ABCDEF"


def test_driver_reassembles_pieces_and_calls_back_on_owner_thread(
    scanner: Scanner, scanner_sim: ScannerSim
) -> None:
    seen: list[tuple[str, str]] = []
    scanner.set_on_scan(lambda s: seen.append((s.payload, threading.current_thread().name))).result(
        5
    )
    wait_connected(scanner, scanner_sim)
    scanner_sim.scan("PIECE-BY-PIECE", stx=True, terminator="etx", pieces=4, gap_s=0.005)
    wait_until(lambda: seen)
    assert seen == [("PIECE-BY-PIECE", "device-scanner")]


def test_driver_rejects_noise_with_an_event(
    scanner: Scanner, scanner_sim: ScannerSim, events: list[DeviceEvent]
) -> None:
    future = scanner.next_scan()
    wait_connected(scanner, scanner_sim)
    scanner_sim.scan(b"\x00\x01\xfe\xfa", terminator="cr")
    scanner_sim.scan(b"Z" * 600, terminator="cr")
    scanner_sim.scan("GOOD-1", terminator="cr")
    assert future.result(5).payload == "GOOD-1"
    details = [e.detail for e in events if e.kind == "scan_rejected"]
    assert details == ["noise (4 bytes)", "too long (600 bytes)"]
    assert all("GOOD-1" not in e.detail for e in events)


def test_driver_reconnects_after_the_port_drops(
    scanner: Scanner, scanner_sim: ScannerSim, events: list[DeviceEvent]
) -> None:
    wait_until(lambda: scanner_sim.connections == 1)
    scanner_sim.unplug()
    wait_until(lambda: scanner.current_status.state is DeviceState.NO_DEVICE)
    scanner_sim.plug()
    wait_until(lambda: scanner_sim.connections == 2)
    future = scanner.next_scan()
    scanner_sim.scan("AFTER-REPLUG")
    assert future.result(5).payload == "AFTER-REPLUG"
    assert scanner.status().result(5).state is DeviceState.ONLINE


def test_close_cancels_waiting_scans(scanner: Scanner) -> None:
    future = scanner.next_scan()
    scanner.close()
    assert future.cancelled()


def test_a_new_callback_gets_the_very_next_scan(scanner: Scanner, scanner_sim: ScannerSim) -> None:
    """Swapping callbacks (one per identify step) must not send a code to the old one."""
    old: list[str] = []
    new: list[str] = []
    scanner.set_on_scan(lambda s: old.append(s.payload))
    wait_connected(scanner, scanner_sim)
    for i in range(20):
        target: list[str] = new if i % 2 else old

        def to_target(scan: Scan, into: list[str] = target) -> None:
            into.append(scan.payload)

        def arrived(count: int = i + 1) -> bool:
            return len(old) + len(new) == count

        scanner.set_on_scan(to_target)
        scanner_sim.scan(f"CODE-{i}")
        wait_until(arrived)
    assert new == [f"CODE-{i}" for i in range(1, 20, 2)]
