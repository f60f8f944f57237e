"""Transport (open, backoff, reopen) and the owner thread (jobs, idle hook, close)."""

from __future__ import annotations

import functools
import threading
from typing import Any

import pytest
import serial

from devices.manager import DeviceClosed, OwnerThread
from devices.status import DeviceEvent, DeviceState, DeviceStatus, Media
from devices.transport import Backoff, PortConfig, PortError, Transport
from tests.devices.waiting import wait_until


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_backoff_grows_to_a_ceiling() -> None:
    backoff = Backoff(first_s=0.1, factor=2, most_s=1.0)
    assert [backoff.delay(n) for n in (1, 2, 3, 4, 5, 9)] == [0.1, 0.2, 0.4, 0.8, 1.0, 1.0]


def test_loop_url_reads_back_what_it_wrote() -> None:
    transport = Transport(PortConfig("loop://", 9600, timeout_s=0.1))
    transport.write(b"hello")
    assert transport.read_some(0.5) == b"hello"
    assert transport.read_some(0.0) == b""
    transport.close()


def test_missing_port_waits_for_backoff_before_retrying() -> None:
    clock = Clock()
    attempts: list[str] = []

    def opener(config: PortConfig) -> Any:
        attempts.append(config.url)
        raise serial.SerialException("no such device")

    transport = Transport(PortConfig("/dev/ttyNOPE"), Backoff(0.5, 2, 4), clock, opener)
    assert not transport.ensure_open() and len(attempts) == 1
    assert not transport.ensure_open() and len(attempts) == 1  # too soon
    clock.now += 0.5
    assert not transport.ensure_open() and len(attempts) == 2
    assert transport.seconds_to_retry() == pytest.approx(1.0)
    with pytest.raises(PortError, match="no such device"):
        transport.write(b"x")


def test_real_missing_device_path_is_a_port_error() -> None:
    transport = Transport(PortConfig("/dev/ttyUSB-does-not-exist"))
    with pytest.raises(PortError):
        transport.read_some(0.01)


def test_wire_time() -> None:
    assert PortConfig("loop://", 115200).wire_time(11520) == pytest.approx(1.0)
    assert PortConfig("loop://", 9600, parity="E").bits_per_byte == 11


def test_jobs_run_in_order_on_one_thread() -> None:
    owner = OwnerThread("t")
    names: list[str] = []

    def job(i: int) -> int:
        names.append(threading.current_thread().name)
        return i

    futures = [owner.submit(functools.partial(job, i)) for i in range(5)]
    assert [f.result(5) for f in futures] == [0, 1, 2, 3, 4]
    assert set(names) == {"device-t"}
    owner.close()


def test_job_exception_reaches_the_caller() -> None:
    owner = OwnerThread("t")
    with pytest.raises(ZeroDivisionError):
        owner.submit(lambda: 1 / 0).result(5)
    assert owner.submit(lambda: "still alive").result(5) == "still alive"
    owner.close()


def test_idle_hook_runs_and_can_be_brought_forward() -> None:
    calls: list[float] = []

    def idle() -> float:
        calls.append(1)
        return 60.0

    owner = OwnerThread("t", idle=idle)
    wait_until(lambda: calls)
    owner.submit(lambda: owner.idle_in(0)).result(5)
    wait_until(lambda: len(calls) >= 2)
    owner.close()


def test_closed_owner_refuses_and_cancels() -> None:
    gate = threading.Event()
    owner = OwnerThread("t")
    blocker = owner.submit(gate.wait)
    pending = owner.submit(lambda: "never")
    wait_until(blocker.running)
    threading.Timer(0.05, gate.set).start()
    owner.close()
    assert blocker.result(5) is True and pending.cancelled()
    with pytest.raises(DeviceClosed):
        owner.submit(lambda: 1).result(1)


def test_event_as_dict() -> None:
    event = DeviceEvent("printer", "status", DeviceState.ONLINE, Media())
    data = event.as_dict()
    assert data["state"] == "online" and data["media"]["paper"] == "unknown"
    assert data["at"].endswith("+00:00")
    assert DeviceStatus().state is DeviceState.UNKNOWN
