"""Memory soak: a real kiosk process, offscreen, through 1,000 scripted visits over every
service; its resident memory right after start, after half the visits and after all of them.

    .venv/bin/python bench/soak.py [--visits 1000] [--devices simulated|scripted] [--heap]

The kiosk starts as ``kiosk run`` does (``open_kiosk``: home painted, then the store, the
devices and the voice), in a fresh seeded data folder. ``--devices simulated`` (the default)
keeps the simulators on loopback ports that ``kiosk run`` opens with no devices configured;
``scripted`` swaps in the test double (no sockets) to take the drivers out of the figure. The
autopilot completes each service by touch, round-robin, with a demo resident the service can
serve. RSS and its peak (VmHWM) come from /proc/self/status. ``--heap`` also traces the Python
heap (tracemalloc, slower) and prints where it grew most over the second half.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
from pathlib import Path

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


def snapshot(label: str) -> dict[str, int]:
    gc.collect()
    figures = status_kib("VmRSS", "VmHWM", "RssAnon", "RssFile", "RssShmem")
    print(
        f"{label}: VmRSS {figures['VmRSS'] / 1024:.1f} MiB, VmHWM {figures['VmHWM'] / 1024:.1f} "
        f"MiB (anonymous {figures['RssAnon'] / 1024:.1f}, files {figures['RssFile'] / 1024:.1f})",
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
        return soak(data, args.visits, args.devices, args.heap, args.maps)


def soak(data: str, visits: int, devices: str, heap: bool, maps: bool) -> int:
    import time

    from PySide6.QtWidgets import QApplication

    from kiosk.config import load_settings
    from ui.kiosk.app import application, open_kiosk

    settings = load_settings(overrides={"paths.data_dir": data})
    app = application()
    window, startup = open_kiosk(settings)
    window.resize(1920, 1080)
    window.show()
    deadline = time.monotonic() + 120
    while startup.voice is None:  # the store, the devices, then the voice are attached
        if startup.error is not None or time.monotonic() > deadline:
            raise SystemExit(f"soak: the kiosk did not start: {startup.error}")
        app.processEvents()
        time.sleep(0.005)
    core = startup.core
    if devices == "scripted":
        from kiosk.peripherals.scripted import ScriptedDevices

        window.attach_devices(ScriptedDevices())
    from ui.tour.autopilot import Autopilot

    pilot = Autopilot(window)
    services = [s.id for s in core.catalogue.services]
    residents = core.demo_residents()
    firsts = {sid: core.demo_resident(sid) for sid in services}
    QApplication.processEvents()
    start = snapshot("after start")
    marks = {0: start}
    if maps:
        for kib, path in largest_mappings():
            print(f"  {kib / 1024:7.1f} MiB  {path}")
    traced = None
    began = time.perf_counter()
    try:
        for visit in range(1, visits + 1):
            service_id = services[(visit - 1) % len(services)]
            order = [firsts[service_id]] + [r for r in residents if r != firsts[service_id]]
            for resident in order:
                pilot.id_number = resident[1]
                if pilot.complete(service_id):
                    break
            if visit % 100 == 0:
                print(f"  {visit} visits, {time.perf_counter() - began:.0f} s", flush=True)
            if visit == visits // 2:
                marks[visit] = snapshot(f"after {visit} visits")
                if heap:
                    import tracemalloc

                    traced = tracemalloc.take_snapshot()
        marks[visits] = snapshot(f"after {visits} visits")
        if maps:
            for kib, path in largest_mappings():
                print(f"  {kib / 1024:7.1f} MiB  {path}")
        if heap and traced is not None:
            import tracemalloc

            grown = tracemalloc.take_snapshot().compare_to(traced, "traceback")
            print("Python heap, largest growth over the second half:")
            for stat in grown[:10]:
                print(f"  {stat.size_diff / 1024:+8.1f} KiB {stat.count_diff:+6d} blocks")
                for line in stat.traceback.format()[-6:]:
                    print("     ", line)
    finally:
        window.shutdown()
        startup.close()
        window.close()
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
