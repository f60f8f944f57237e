"""UI figures: cold start to the first painted home screen against a bare PySide6 window (the
floor), and tap release to the next screen painted over 200 screen changes.

    .venv/bin/python bench/ui.py [--runs 5] [--changes 200]   (--changes 0: start only)

Offscreen Qt. The start is measured from process launch until the child's first paint is done,
with a data folder already seeded and our modules compiled (a one-off first run): the process
ends at the turn of the event loop after its window's first Paint event, when every widget has
drawn (the Paint event itself comes before the window's children draw, and before a label draws
its text). The kiosk child runs the command itself (`kiosk run --windowed`: its parsing,
logging, the staged start); the floor is a bare QLabel.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _child(kind: str, data_dir: str) -> None:
    """Runs in the measured process: the kiosk is started as `kiosk run --windowed` starts it
    (kiosk.cli.main: the command's modules, then the window's as the command loads them), and
    the process ends when its window is first painted."""
    sys.path.insert(0, str(ROOT))
    if kind == "floor":
        from PySide6.QtWidgets import QApplication, QLabel

        app = QApplication([])
        window = QLabel("社保自助服务")
        window.installEventFilter(first_paint(window))
        window.resize(1920, 1080)
        window.show()
        app.exec()
        return
    from kiosk import cli  # before PySide6, as `kiosk run` loads them

    kiosk_parts = cli.kiosk_parts

    def watched_parts(settings: Any) -> Any:
        """Called by the command once it has loaded the window's module: the window it opens
        is watched from there."""
        kiosk_app: Any = sys.modules["ui.kiosk.app"]
        open_kiosk = kiosk_app.open_kiosk

        def watched(settings: Any, parts: Any) -> Any:
            window, startup = open_kiosk(settings, parts)
            if kind == "ready":  # until the store, the devices and the voice are attached
                startup.ready.connect(painted)
                startup.failed.connect(lambda: os._exit(1))
            else:
                window.installEventFilter(first_paint(window))
            return window, startup

        kiosk_app.open_kiosk = watched  # run_kiosk builds its window with it
        return kiosk_parts(settings)

    cli.kiosk_parts = watched_parts
    cli.main(["run", "--windowed", "--data-dir", data_dir])


def first_paint(window: Any) -> Any:
    """An event filter that ends the process once the first paint is done: every widget drawn,
    not only the window's Paint event received (which comes before its children draw)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, painted)
            return False

    return FirstPaint(window)


def painted() -> None:
    print("painted", flush=True)
    os._exit(0)


def child_env(data_dir: str) -> dict[str, str]:
    """The children keep compiled bytecode (in the data folder, not the tree), as an installed
    kiosk does: with PYTHONDONTWRITEBYTECODE set, every start would compile our sources again."""
    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(Path(data_dir) / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


class Launch(NamedTuple):
    wall: float  # seconds from launch to the first paint done
    cpu: float  # seconds of processor time the child used (user and system), all its threads


def _launch(kind: str, data_dir: str) -> Launch:
    """One cold start of a child process, until its first paint is done."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, data_dir],
        capture_output=True,
        text=True,
        timeout=60,
        env=child_env(data_dir),
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the one child waited for since
    if "painted" not in out.stdout:
        raise SystemExit(f"{kind} did not paint: {out.stderr[-2000:]}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return Launch(wall, cpu)


def cold_start(kind: str, data_dir: str, runs: int) -> float:
    return statistics.median(_launch(kind, data_dir).wall for _ in range(runs))


class Paired(NamedTuple):
    floor: float  # median wall time
    kiosk: float
    ratio: float  # median of each pair's wall-time ratio
    cpu_ratio: float  # median of each pair's processor-time ratio


def paired_start(data_dir: str, runs: int) -> Paired:
    """Floor and kiosk launched alternately, so both see the same load on a shared machine:
    the medians of each, and the medians of each pair's kiosk / floor ratios. The processor
    time's ratio shows the work each did, which other work on the machine changes less."""
    pairs = [(_launch("floor", data_dir), _launch("kiosk", data_dir)) for _ in range(runs)]
    return Paired(
        statistics.median(floor.wall for floor, _ in pairs),
        statistics.median(kiosk.wall for _, kiosk in pairs),
        statistics.median(kiosk.wall / floor.wall for floor, kiosk in pairs),
        statistics.median(kiosk.cpu / floor.cpu for floor, kiosk in pairs),
    )


def screen_changes(data_dir: str, changes: int) -> list[float]:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from kiosk.api.kiosk import KioskApi
    from kiosk.config import load_settings
    from kiosk.peripherals.scripted import ScriptedDevices
    from ui.assist.desk import HelpDesk
    from ui.kiosk.app import application, check_font
    from ui.kiosk.window import KioskWindow
    from ui.speech.port import RecordingVoice
    from ui.tour.autopilot import Autopilot

    app = application()
    app.setFont(QFont(check_font()))
    core = KioskApi.open(load_settings(overrides={"paths.data_dir": data_dir}))
    from ui.screens.registry import SCREENS

    window = KioskWindow(core, RecordingVoice(), ScriptedDevices(), screens=SCREENS, desk=HelpDesk)
    window.resize(1920, 1080)
    window.show()
    pilot = Autopilot(window)
    painted: list[QObject] = []

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and watched is window.current:
                painted.append(watched)
            return False

    watch = Watch()
    app.installEventFilter(watch)
    route = [
        "service.counter-ticket",
        "bar.home",
        "bar.size",
        "service.service-guide",
        "option.retire",
        "bar.home",
        "bar.size",
        "bar.size",
    ]
    times: list[float] = []
    for i in range(changes):
        button = pilot.button(route[i % len(route)])
        painted.clear()
        centre = button.rect().center()
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        QTest.mousePress(button, Qt.MouseButton.LeftButton, pos=centre)
        start = time.perf_counter()
        QTest.mouseRelease(button, Qt.MouseButton.LeftButton, pos=centre)
        while not painted:
            app.processEvents()
        times.append(time.perf_counter() - start)
        QApplication.processEvents()
    app.removeEventFilter(watch)
    window.shutdown()
    window.close()
    core.close()
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", nargs=2, metavar=("KIND", "DATA"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--changes", type=int, default=200)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return 0
    with tempfile.TemporaryDirectory() as data:
        cold_start("ready", data, 1)  # seed the database, compile, warm the disk cache
        floor, kiosk, ratio, cpu_ratio = paired_start(data, args.runs)
        ready = cold_start("ready", data, args.runs)
        changes = sorted(screen_changes(data, args.changes)) if args.changes else [0.0]
    p50 = changes[len(changes) // 2] * 1000
    p95 = changes[max(int(len(changes) * 0.95) - 1, 0)] * 1000
    print(
        f"cold start, median of {args.runs} (floor and kiosk alternately): floor "
        f"{floor * 1000:.0f} ms, kiosk {kiosk * 1000:.0f} ms; store, devices and voice ready "
        f"{ready * 1000:.0f} ms"
    )
    print(f"screen change over {len(changes)}: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    print(
        f"ratio start/floor: {kiosk / floor:.2f}x of medians, {ratio:.2f}x median of pairs "
        f"(aim 1.5x); processor time {cpu_ratio:.2f}x median of pairs; p95 aim < 50 ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
