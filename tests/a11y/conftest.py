"""A virtual screen for tests that need a real window: Xvfb, and AT-SPI for a screen reader's
view. With CI=true a missing tool fails the test (tests/conftest.py), never skips it quietly."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

NEEDED = ("Xvfb", "dbus-run-session", "/usr/bin/python3")


def _missing() -> list[str]:
    missing = [tool for tool in NEEDED if not shutil.which(tool)]
    probe = subprocess.run(["/usr/bin/python3", "-c", "import pyatspi"], capture_output=True)
    if probe.returncode != 0:
        missing.append("python3-pyatspi")
    return missing


@pytest.fixture
def display() -> Iterator[str]:
    missing = _missing() if shutil.which("/usr/bin/python3") else list(NEEDED)
    if missing:
        pytest.skip(f"needs {', '.join(missing)}")
    number = next(n for n in range(90, 200) if not Path(f"/tmp/.X{n}-lock").exists())
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    socket = Path(f"/tmp/.X11-unix/X{number}")
    deadline = time.time() + 10
    while not socket.exists() and time.time() < deadline:
        time.sleep(0.05)
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)
