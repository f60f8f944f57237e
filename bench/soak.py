"""Memory soak: a real kiosk process, offscreen, through 1,000 scripted visits over every
service; its resident memory right after start, after half the visits and after all of them.

    .venv/bin/python bench/soak.py [--visits 1000] [--devices simulated|scripted] [--heap]

The kiosk starts as ``kiosk run`` does (``open_kiosk``: home painted, then the store, the
devices and the voice), in a fresh data folder whose store is first brought to the schema by
``kiosk db upgrade`` in a process of its own, as the package's postinst does before the service
starts (a kiosk that migrates loads Alembic, Mako and Pygments, which an installed one never
does); the kiosk seeds its demo residents itself. ``--devices simulated`` (the default)
keeps the simulators on loopback ports that ``kiosk run`` opens with no devices configured;
``scripted`` swaps in the test double (no sockets) to take the drivers out of the figure (its
list of what it printed, kept for tests, is emptied after each visit). The
autopilot completes each service by touch, round-robin, with a demo resident the service can
serve. RSS and its peak (VmHWM) come from /proc/self/status. ``--heap`` also traces the Python
heap (tracemalloc, slower) and prints where it grew most over the second half.
"""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
MIB = 1024 * 1024


def status_kib(*keys: str) -> dict[str, int]:
    """Fields of /proc/self/status in KiB (VmRSS, VmHWM, RssAnon, RssFile...)."""
    found = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in keys:
                found[name] = int(value.split()[0])
    return found


def rollup_kib() -> dict[str, int]:
    """/proc/self/smaps_rollup: Rss split into anonymous and file-backed, in KiB."""
    found = {}
    with open("/proc/self/smaps_rollup", encoding="ascii") as rollup:
        for line in rollup:
            name, _, value = line.partition(":")
            if value.strip().endswith("kB"):
                found[name] = int(value.split()[0])
    return found


def largest_mappings(count: int = 12) -> list[tuple[int, str]]:
    """The mappings (summed per file, anonymous as one) holding the most resident KiB."""
    sizes: dict[str, int] = {}
    name = ""
    with open("/proc/self/smaps", encoding="utf-8", errors="replace") as smaps:
        for line in smaps:
            fields = line.split()
            if not fields:
                continue
            if not fields[0].endswith(":"):  # a header: address perms offset dev inode path
                name = fields[5] if len(fields) > 5 else "[anonymous]"
            elif fields[0] == "Rss:":
                sizes[name] = sizes.get(name, 0) + int(fields[1])
    return sorted(((kib, path) for path, kib in sizes.items()), reverse=True)[:count]


def object_counts() -> dict[str, int]:
    """Live Python objects by type name, and the Qt widgets alive."""
    counts: dict[str, int] = {}
    for obj in gc.get_objects():
        name = type(obj).__name__
        counts[name] = counts.get(name, 0) + 1
    from PySide6.QtWidgets import QApplication

    counts["[Qt widgets]"] = len(QApplication.allWidgets())
    return counts


def snapshot(label: str) -> dict[str, int]:
    gc.collect()
    figures = status_kib("VmRSS", "VmHWM", "RssAnon", "RssFile", "RssShmem", "Threads")
    print(
        f"{label}: VmRSS {figures['VmRSS'] / 1024:.1f} MiB, VmHWM {figures['VmHWM'] / 1024:.1f} "
        f"MiB (anonymous {figures['RssAnon'] / 1024:.1f}, files {figures['RssFile'] / 1024:.1f}; "
        f"{figures['Threads']} threads)",
        flush=True,
    )
    import tracemalloc

    if tracemalloc.is_tracing():
        print(f"  Python heap (tracemalloc): {tracemalloc.get_traced_memory()[0] / MIB:.1f} MiB")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=1000)
    parser.add_argument("--devices", choices=("simulated", "scripted"), default="simulated")
    parser.add_argument("--heap", action="store_true", help="trace the Python heap too")
    parser.add_argument("--maps", action="store_true", help="print the largest mappings")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.heap:
        import tracemalloc

        tracemalloc.start(8)
    with tempfile.TemporaryDirectory(prefix="kiosk-soak-") as data:
        upgrade = [sys.executable, "-m", "kiosk", "db", "upgrade", "--data-dir", data]
        subprocess.run(upgrade, cwd=ROOT, check=True, capture_output=True, timeout=300)
        return soak(data, args.visits, args.devices, args.heap, args.maps)


class Run:
    """The soak's state, advanced by timers in the event loop."""

    def __init__(
        self, window: Any, startup: Any, visits: int, devices: str, heap: bool, maps: bool
    ) -> None:
        self.window, self.startup, self.visits = window, startup, visits
        self.devices, self.heap, self.maps = devices, heap, maps
        self.marks: dict[int, dict[str, int]] = {}
        self.error: BaseException | None = None
        self.visit = 0
        self.began = time.monotonic()
        self.traced: Any = None
        self.counted: dict[str, int] = {}
        self.scripted: Any = None
        from PySide6.QtCore import QTimer  # here: the kiosk's modules load first, as they do

        self.poll = QTimer()

    def poll_start(self) -> None:
        if self.visit or self.marks:
            self.poll.stop()
            return
        if self.startup.error is not None or time.monotonic() - self.began > 120:
            self.fail(RuntimeError(f"the kiosk did not start: {self.startup.error}"))
        elif self.startup.voice is not None:  # the store, the devices, then the voice are in
            core = self.startup.api
            if self.devices == "scripted":
                from kiosk.peripherals.scripted import ScriptedDevices

                self.scripted = ScriptedDevices()
                self.window.arrivals.devices(self.scripted)
            from ui.tour.autopilot import Autopilot

            self.pilot = Autopilot(self.window)
            self.services = [s.id for s in core.catalogue.services]
            residents = core.demo_residents()
            self.orders = {}
            for sid in self.services:
                first = core.demo_resident(sid)
                self.orders[sid] = [first] + [r for r in residents if r != first]
            self.marks[0] = snapshot("after start")
            if self.maps:
                print_mappings()
            self.began = time.monotonic()
            later(self.next_visit)

    def fail(self, error: BaseException) -> None:
        self.error = error
        quit_loop(1)

    def next_visit(self) -> None:
        """Called by the loop: note the figures the last turn left, then one more visit."""
        try:
            if self.visit == self.visits // 2 and self.visit:
                self.marks[self.visit] = snapshot(f"after {self.visit} visits")
                if self.heap:
                    import tracemalloc

                    self.traced = tracemalloc.take_snapshot()
                    self.counted = object_counts()
            if self.visit == self.visits:
                self.finish()
                return
            self.visit += 1
            service_id = self.services[(self.visit - 1) % len(self.services)]
            for resident in self.orders[service_id]:
                self.pilot.id_number = resident[1]
                if self.pilot.complete(service_id):
                    break
            if self.scripted is not None:  # the test double keeps what it printed, for tests
                self.scripted.printed.clear()
            if self.visit % 100 == 0:
                spent = time.monotonic() - self.began
                print(f"  {self.visit} visits, {spent:.0f} s", flush=True)
        except BaseException as error:
            self.fail(error)
            raise
        later(self.next_visit)

    def finish(self) -> None:
        self.marks[self.visits] = snapshot(f"after {self.visits} visits")
        if self.maps:
            print_mappings()
        if self.heap and self.traced is not None:
            import tracemalloc

            now = object_counts()
            grew = sorted(((now[k] - self.counted.get(k, 0), k) for k in now), reverse=True)
            print("objects, largest growth over the second half:")
            for diff, name in grew[:12]:
                print(f"  {diff:+8d} {name}")
            grown = tracemalloc.take_snapshot().compare_to(self.traced, "traceback")
            print("Python heap, largest growth over the second half:")
            for stat in grown[:10]:
                print(f"  {stat.size_diff / 1024:+8.1f} KiB {stat.count_diff:+6d} blocks")
                for line in stat.traceback.format()[-6:]:
                    print("     ", line)
        quit_loop(0)


def later(call: Any) -> None:
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, call)


def quit_loop(code: int) -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.exit(code)


def print_mappings() -> None:
    for kib, path in largest_mappings():
        print(f"  {kib / 1024:7.1f} MiB  {path}")


def soak(data: str, visits: int, devices: str, heap: bool, maps: bool) -> int:
    """The kiosk runs as `kiosk run --windowed` runs it (kiosk.cli.main, its modules loaded in
    that order); everything runs inside its Qt event loop, one visit per turn, as taps do in the
    kiosk: widgets a screen change retires with ``deleteLater`` go when control returns to the
    loop (driving from outside the loop, with processEvents alone, would never delete them)."""
    from kiosk import cli
    from ui.kiosk import app as kiosk_app

    open_kiosk = kiosk_app.open_kiosk
    runs: list[Run] = []

    def watched(settings: Any, parts: Any) -> Any:
        window, startup = open_kiosk(settings, parts)
        run = Run(window, startup, visits, devices, heap, maps)
        run.poll.timeout.connect(run.poll_start)
        run.poll.start(20)
        runs.append(run)
        return window, startup

    kiosk_app.open_kiosk = watched  # run_kiosk builds its window with it
    code = cli.main(["run", "--windowed", "--data-dir", data])
    run = runs[0]
    startup = run.startup
    if code != 0 or run.error is not None:
        raise SystemExit(f"soak: failed: {run.error or startup.error}")
    marks = run.marks
    start = marks[0]
    half = marks.get(visits // 2, start)
    last = marks[visits]
    growth = (last["VmRSS"] - half["VmRSS"]) / 1024
    print(
        f"RSS: start {start['VmRSS'] / 1024:.1f} MiB, after {visits // 2} "
        f"{half['VmRSS'] / 1024:.1f} MiB, after {visits} {last['VmRSS'] / 1024:.1f} MiB "
        f"(peak {last['VmHWM'] / 1024:.1f} MiB)"
    )
    print(
        f"growth over the last {visits - visits // 2} visits: {growth:+.1f} MiB "
        f"(aim < 10 MiB); after {visits}: aim < 150 MiB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
