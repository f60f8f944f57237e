"""sd_notify written out: datagrams reach a socket standing in for systemd, at a path or an
abstract name; with no socket every call does nothing."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.sdnotify import Notifier


@pytest.fixture(params=["path", "abstract"])
def manager(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[socket.socket, str]]:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    if request.param == "path":
        name = str(tmp_path / "notify")
        sock.bind(name)
    else:
        name = f"@kiosk-test-{os.getpid()}-{id(sock)}"
        sock.bind(b"\0" + name[1:].encode())
    sock.settimeout(5)
    yield sock, name
    sock.close()


def test_ready_watchdog_and_stopping_arrive(manager: tuple[socket.socket, str]) -> None:
    sock, name = manager
    notifier = Notifier({"NOTIFY_SOCKET": name, "WATCHDOG_USEC": "20000000"})
    assert notifier.ready("serving") and notifier.watchdog() and notifier.stopping()
    assert sock.recv(4096) == f"READY=1\nMAINPID={os.getpid()}\nSTATUS=serving".encode()
    assert sock.recv(4096) == b"WATCHDOG=1"
    assert sock.recv(4096) == b"STOPPING=1"
    assert notifier.watchdog_interval_ms() == 10000  # half the watchdog period
    notifier.close()


def test_outside_a_service_nothing_is_sent() -> None:
    notifier = Notifier({})
    assert not notifier.enabled and notifier.ready() is False
    assert notifier.watchdog_interval_ms() is None


def test_a_manager_that_went_away_is_not_an_error(tmp_path: Path) -> None:
    notifier = Notifier({"NOTIFY_SOCKET": str(tmp_path / "gone"), "WATCHDOG_USEC": "x"})
    assert notifier.ready() is False and notifier.watchdog() is False
    assert notifier.watchdog_interval_ms() is None  # no valid period: no timer
