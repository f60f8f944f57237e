#!/usr/bin/env python3
"""CI: what a window shows, read over AT-SPI as a screen reader reads it.

Usage: ci-atspi.py WINDOW NAME... [--timeout S]   Waits (at most S seconds, 60 unless told)
for a window titled WINDOW on the session bus's accessibility registry, then for a control
showing in it under each NAME (a field, a button: its accessible name); prints what it found.
Exit 0 when every NAME is shown, 1 otherwise. Run on the system python3 with python3-pyatspi,
in the same session bus as the window (``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1`` for Qt).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator

import pyatspi
from pyatspi import Accessible


def walk(node: Accessible | None, depth: int = 0) -> Iterator[Accessible]:
    if node is None or depth > 40:
        return
    yield node
    for i in range(node.childCount):
        try:
            child = node.getChildAtIndex(i)
        except Exception:  # a node gone while it is read: the next turn reads it again
            continue
        yield from walk(child, depth + 1)


def window(title: str) -> Accessible | None:
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        for j in range(app.childCount if app is not None else 0):
            frame = app.getChildAtIndex(j)
            if frame is not None and frame.name == title:
                return frame
    return None


def shown(frame: Accessible) -> dict[str, str]:
    """Each control showing in the window: its accessible name and its role."""
    found = {}
    for node in walk(frame):
        try:
            if node.name and node.getState().contains(pyatspi.STATE_SHOWING):
                found.setdefault(node.name, node.getRoleName())
        except Exception:
            continue
    return found


def main() -> int:
    args = sys.argv[1:]
    timeout = 60.0
    if "--timeout" in args:
        at = args.index("--timeout")
        timeout = float(args[at + 1])
        del args[at : at + 2]
    title, *names = args
    assert names, __doc__
    deadline = time.monotonic() + timeout
    seen: dict[str, str] = {}
    frame = None
    while time.monotonic() < deadline:
        frame = frame or window(title)
        if frame is not None:
            seen = shown(frame)
            if all(n in seen for n in names):
                print("  shown: " + ", ".join(f"{n} ({seen[n]})" for n in names))
                return 0
        time.sleep(0.3)
    if frame is None:
        print(f"FAIL: no window titled {title!r} over AT-SPI", file=sys.stderr)
    else:
        missing = [n for n in names if n not in seen]
        print(f"FAIL: {title!r} does not show {missing}; it shows {sorted(seen)}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
