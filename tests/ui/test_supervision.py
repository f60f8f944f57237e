"""The kiosk and the console under systemd, with a real datagram socket standing in for it:
READY=1 once home is painted and the store is open, watchdog pings from the GUI thread while its
loop turns, none while the GUI thread is blocked (a busy worker does not stand in for it), and
SIGTERM ends the loop cleanly."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.api.kiosk import KioskApi
from kiosk.cli import kiosk_parts
from kiosk.peripherals.scripted import ScriptedDevices
from kiosk.sdnotify import Notifier
from tests.helpers.started import VOICE_OPENING_NOISE, close_started, windowed_settings
from tests.helpers.waiting import wait_until
from ui.assist.desk import HelpDesk
from ui.kiosk.app import open_kiosk
from ui.kiosk.window import KioskWindow
from ui.screens.registry import SCREENS
from ui.speech.port import RecordingVoice
from ui.supervision import Supervision, quit_on_signals

ROOT = Path(__file__).resolve().parents[2]
READY = f"READY=1\nMAINPID={os.getpid()}\nSTATUS=serving".encode()


@pytest.fixture
def manager(tmp_path: Path) -> Iterator[socket.socket]:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(tmp_path / "notify"))
    sock.setblocking(False)
    yield sock
    sock.close()


def received(sock: socket.socket) -> list[bytes]:
    out = []
    with contextlib.suppress(BlockingIOError):
        while True:
            out.append(sock.recv(4096))
    return out


def gathered(sock: socket.socket, into: list[bytes]) -> list[bytes]:
    """``into``, with what the socket received since the last read added to it."""
    into.extend(received(sock))
    return into


def notifier(tmp_path: Path, watchdog_ms: int) -> Notifier:
    env = {"NOTIFY_SOCKET": str(tmp_path / "notify"), "WATCHDOG_USEC": str(watchdog_ms * 1000)}
    return Notifier(env)


@pytest.mark.qt_log_ignore(*VOICE_OPENING_NOISE)
def test_ready_comes_once_home_is_painted_and_the_store_is_open(
    qtbot: QtBot, tmp_path: Path, manager: socket.socket
) -> None:
    settings = windowed_settings(tmp_path / "data")
    supervision = Supervision(notifier(tmp_path, 60_000))
    window, startup = open_kiosk(settings, kiosk_parts(settings))
    supervision.watch(startup.ready)
    try:
        window.resize(1920, 1080)
        window.show()
        assert READY not in received(manager)
        qtbot.waitUntil(lambda: startup.api is not None, timeout=20000)
        got: list[bytes] = []
        qtbot.waitUntil(lambda: READY in gathered(manager, got), timeout=20000)
        assert window.ready and startup.api is not None and startup.devices is not None
    finally:
        supervision.stopping()
        close_started(qtbot, window, startup)
    assert received(manager)[-1:] == [b"STOPPING=1"]


def test_pings_stop_while_the_gui_thread_is_blocked(
    qtbot: QtBot, tmp_path: Path, manager: socket.socket
) -> None:
    supervision = Supervision(notifier(tmp_path, 40))  # a ping every 20 ms
    pings: list[bytes] = []
    qtbot.waitUntil(lambda: len(gathered(manager, pings)) >= 3, timeout=5000)
    assert set(pings) == {b"WATCHDOG=1"}

    # Freeze the GUI thread while a busy worker runs; the worker watches the socket for a
    # while ten ping periods long, then lets the GUI thread go.
    during: list[bytes] = []
    release = threading.Event()
    spins = [0]

    def busy_worker() -> None:
        manager.settimeout(0.2)  # ten ping periods
        with contextlib.suppress(TimeoutError):
            while True:
                during.append(manager.recv(4096))
        manager.setblocking(False)
        release.set()

    def spinner() -> None:
        while not release.is_set():
            spins[0] += 1

    received(manager)
    workers = [threading.Thread(target=busy_worker), threading.Thread(target=spinner)]
    for w in workers:
        w.start()
    release.wait(10)  # the GUI thread blocked here, as a frozen window would be
    for w in workers:
        w.join()
    assert during == [] and spins[0] > 0  # the worker ran, no ping went out

    QApplication.processEvents()
    after: list[bytes] = []
    qtbot.waitUntil(lambda: len(gathered(manager, after)) >= 2, timeout=5000)
    supervision.stopping()


def test_sigterm_ends_a_locked_kiosk_cleanly(
    qtbot: QtBot, core: KioskApi, voice: RecordingVoice, devices: ScriptedDevices
) -> None:
    """The locked window refuses to close (Alt+F4), which made Qt 6's quit() a no-op: systemd's
    SIGTERM must still end the loop, with exit 0, so the kiosk closes its store itself."""
    window = KioskWindow(core, voice, devices, screens=SCREENS, desk=HelpDesk, locked=True)
    window.show()
    qtbot.waitExposed(window)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    QTimer.singleShot(50, lambda: os.kill(os.getpid(), signal.SIGTERM))
    # A failing run ends, it does not hang; stopped after, or its exit() would end a later
    # test's waits (exit() ends every event loop running at that moment).
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: app.exit(99))
    guard.start(10_000)
    try:
        with quit_on_signals(app, window.lock.release, poll_ms=20):
            code = app.exec()
    finally:
        guard.stop()
        window.shutdown()
        window.lock.release()
        window.close()
        window.deleteLater()
        qtbot.wait(1)
    assert code == 0


def test_the_console_names_itself_the_main_process_and_closes_on_sigterm(
    tmp_path: Path, manager: socket.socket
) -> None:
    """Under cage the process systemd started is the compositor: the console's READY=1 must
    name the console (MAINPID), which KillMode=mixed then stops alone, and SIGTERM must end it
    cleanly (exit 0, STOPPING=1) rather than by the signal's default action."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "NOTIFY_SOCKET": str(tmp_path / "notify"),
        "WATCHDOG_USEC": "60000000",
    }
    # The store first, as the package's postinst makes it: the console refuses to make one.
    upgrade = [sys.executable, "-m", "kiosk", "db", "upgrade", "--data-dir", str(tmp_path / "data")]
    subprocess.run(upgrade, cwd=ROOT, env=env, capture_output=True, check=True, timeout=120)
    console = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "console", "--data-dir", str(tmp_path / "data")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        got: list[bytes] = []

        def ready_or_gone() -> bool:
            got.extend(received(manager))
            return any(m.startswith(b"READY=1") for m in got) or console.poll() is not None

        wait_until(ready_or_gone, timeout=60, interval=0.05)
        assert f"READY=1\nMAINPID={console.pid}\nSTATUS=serving".encode() in got, got
        console.send_signal(signal.SIGTERM)
        code = console.wait(timeout=30)
    finally:
        if console.poll() is None:
            console.kill()
        out = console.communicate()[0]
    assert code == 0, out[-2000:]
    assert received(manager)[-1:] == [b"STOPPING=1"]
