"""A screen-reader-like AT-SPI client, run by the system Python (python3-pyatspi).

Usage: atspi_client.py APP_NAME BUTTON_NAME EXPECT_AFTER [TIMEOUT_S]
Finds the application, lists its push buttons (name, size), presses BUTTON_NAME with its
Press action, then waits for a button named EXPECT_AFTER. Prints one JSON line.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from typing import TypedDict

import pyatspi
from pyatspi import Accessible

# A push button as read: its node, name, description, width and height.
Button = tuple[Accessible, str, str, int, int]


class Result(TypedDict):
    app: bool
    pressed: bool
    after: bool
    buttons: list[list[str | int]]


def walk(node: Accessible | None, depth: int = 0) -> Iterator[Accessible]:
    if node is None or depth > 40:
        return
    yield node
    for i in range(node.childCount):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(child, depth + 1)


def find_app(name: str, deadline: float) -> Accessible | None:
    while time.time() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and name in (app.name or "").lower():
                return app
        time.sleep(0.3)
    return None


def buttons(app: Accessible) -> list[Button]:
    found: list[Button] = []
    for node in walk(app):
        try:
            if node.getRole() == pyatspi.ROLE_PUSH_BUTTON and node.getState().contains(
                pyatspi.STATE_SHOWING
            ):
                ext = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
                found.append((node, node.name, node.description, ext.width, ext.height))
        except Exception:
            continue
    return found


def main() -> None:
    app_name, press, expect = sys.argv[1], sys.argv[2], sys.argv[3]
    timeout = float(sys.argv[4]) if len(sys.argv) > 4 else 30
    deadline = time.time() + timeout
    app = find_app(app_name, deadline)
    result: Result = {"app": bool(app), "pressed": False, "after": False, "buttons": []}
    while app is not None and time.time() < deadline:
        seen = buttons(app)
        result["buttons"] = [[n, d, w, h] for _, n, d, w, h in seen]
        target = [node for node, n, *_ in seen if n == press]
        if target:
            action = target[0].queryAction()
            for i in range(action.nActions):
                if action.getName(i) in ("Press", "press", "click"):
                    action.doAction(i)
                    result["pressed"] = True
                    break
            break
        time.sleep(0.3)
    while result["pressed"] and time.time() < deadline:
        if any(n == expect for _, n, *_ in buttons(app)):
            result["after"] = True
            break
        time.sleep(0.3)
    print(json.dumps(result, ensure_ascii=False))


main()
