"""A full-screen kiosk covers the whole screen, with no window manager to honour the full-screen
hint (a kiosk session may have none): before, the window stayed at its own size in a corner."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.waiting import wait_until

pytestmark = pytest.mark.xvfb


def _geometry(display: str) -> tuple[int, int, int, int] | None:
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", "社保自助服务", "getwindowgeometry"],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
    ).stdout
    at = re.search(r"Position: (\d+),(\d+)", found)
    size = re.search(r"Geometry: (\d+)x(\d+)", found)
    if not (at and size):
        return None
    return int(at[1]), int(at[2]), int(size[1]), int(size[2])


def test_full_screen_without_a_window_manager_covers_the_screen(
    display: str, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "KIOSK_SPEECH_ENABLED": "false",
    }
    log = tmp_path / "kiosk.log"
    with log.open("w") as out:
        kiosk = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "run", "--data-dir", str(tmp_path)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
        try:
            wait_until(lambda: "kiosk: ready" in log.read_text(), timeout=60)
            geometry = wait_until(lambda: _geometry(display), timeout=20)
        finally:
            kiosk.terminate()
            kiosk.wait(timeout=30)
    assert geometry == (0, 0, 1920, 1080), log.read_text()[-2000:]
