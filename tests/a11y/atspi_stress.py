"""A screen reader that never stops reading, and a resident who keeps changing the screen.

Run by the system Python (python3-pyatspi), two processes at once against one kiosk:

    atspi_stress.py read APP STOP_FILE      reads the whole tree (names, roles, states,
                                            extents, texts, actions) again and again until
                                            STOP_FILE exists; prints one JSON line
    atspi_stress.py drive APP CHANGES       takes a counter ticket over and over (home, the
                                            business, the ticket on its way, the ticket, home)
                                            until CHANGES screens have appeared; prints one
                                            JSON line

The reader holds on to what it read across screens, as screen readers cache: a node whose
widget is gone must answer with an error, never take the kiosk down.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Iterator
from typing import TypedDict

import pyatspi
from pyatspi import Accessible

# Each stop: the button to press, then a button whose showing means the next screen is up.
ROUND = [
    ("窗口取号", "养老保险"),  # home -> the business
    ("养老保险", "下一步"),  # the business -> the ticket (waiting, then the number)
    ("首页", "窗口取号"),  # the ticket -> home
]


class ReadResult(TypedDict):
    app: bool
    passes: int
    nodes: int
    errors: int
    stale_reads: int


class DriveResult(TypedDict):
    app: bool
    changes: int
    stuck: list[str]
    gone: bool


def find_app(name: str, deadline: float) -> Accessible | None:
    while time.time() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            try:
                app = desktop.getChildAtIndex(i)
                if app is not None and name in (app.name or "").lower():
                    return app
            except Exception:
                continue
        time.sleep(0.2)
    return None


def walk(node: Accessible | None, depth: int = 0) -> Iterator[Accessible]:
    if node is None or depth > 40:
        return
    yield node
    try:
        count = node.childCount
    except Exception:
        return
    for i in range(count):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(child, depth + 1)


def read_node(node: Accessible) -> None:
    """Everything a screen reader asks of one node; errors are the node's, not ours."""
    said = [node.name, node.description, node.getRole(), node.getState().getStates()]
    said.append(node.getIndexInParent())
    with contextlib.suppress(NotImplementedError):
        said.append(node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS))
    try:
        text = node.queryText()
        text.getText(0, -1)
    except NotImplementedError:
        pass
    try:
        action = node.queryAction()
        for i in range(action.nActions):
            action.getName(i)
    except NotImplementedError:
        pass


def read(app_name: str, stop_file: str) -> None:
    app = find_app(app_name, time.time() + 60)
    result: ReadResult = {
        "app": bool(app),
        "passes": 0,
        "nodes": 0,
        "errors": 0,
        "stale_reads": 0,
    }
    # Nodes of earlier screens, read again later (their widgets may be gone).
    kept: list[Accessible] = []
    while app is not None and not os.path.exists(stop_file):
        seen: list[Accessible] = []
        for node in walk(app):
            try:
                read_node(node)
                result["nodes"] += 1
                seen.append(node)
            except Exception:
                result["errors"] += 1
        for node in kept:
            with contextlib.suppress(Exception):
                read_node(node)
            result["stale_reads"] += 1
        kept = seen[-40:]
        result["passes"] += 1
    print(json.dumps(result), flush=True)


def showing_button(app: Accessible, name: str) -> Accessible | None:
    for node in walk(app):
        try:
            if (
                node.name == name
                and node.getRole() == pyatspi.ROLE_PUSH_BUTTON
                and node.getState().contains(pyatspi.STATE_SHOWING)
            ):
                return node
        except Exception:
            continue
    return None


def press(node: Accessible) -> bool:
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("Press", "press", "click"):
            action.doAction(i)
            return True
    return False


def drive(app_name: str, changes: int) -> None:
    app = find_app(app_name, time.time() + 60)
    result: DriveResult = {"app": bool(app), "changes": 0, "stuck": [], "gone": False}
    step = 0
    while app is not None and result["changes"] < changes:
        button, expect = ROUND[step % len(ROUND)]
        deadline = time.time() + 30
        node: Accessible | None = None
        while node is None and time.time() < deadline:
            node = showing_button(app, button)
            if node is None:
                time.sleep(0.05)
        if find_app(app_name, time.time() + 5) is None:
            result["gone"] = True
            break
        if node is None or not _pressed(node):
            result["stuck"].append(button)
            if len(result["stuck"]) > 5:
                break
            step = len(ROUND) - 1  # home, and round again
            continue
        while time.time() < deadline and showing_button(app, expect) is None:
            time.sleep(0.05)
        # The ticket step is two screens: the ticket on its way, then the number.
        result["changes"] += 2 if button == "养老保险" else 1
        step += 1
    print(json.dumps(result, ensure_ascii=False), flush=True)


def _pressed(node: Accessible) -> bool:
    try:
        return press(node)
    except Exception:
        return False


if __name__ == "__main__":
    if sys.argv[1] == "read":
        read(sys.argv[2], sys.argv[3])
    else:
        drive(sys.argv[2], int(sys.argv[3]))
