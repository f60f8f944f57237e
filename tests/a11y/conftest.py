"""A virtual screen for tests that need a real window: Xvfb, and AT-SPI for a screen reader's
view (a script on a session bus of its own). With CI=true a missing tool fails the test
(tests/conftest.py), never skips it quietly."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

NEEDED = ("Xvfb", "dbus-run-session", "/usr/bin/python3")
ROOT = Path(__file__).resolve().parents[2]


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
    # Xvfb picks a free display itself and writes its number once it accepts connections:
    # choosing one by its lock file raced with other suites' servers on the same machine.
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 10)
        number = os.read(read_end, 16).decode().strip() if ready else ""
        if not number.isdigit():
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        os.close(read_end)
        server.terminate()
        server.wait(timeout=10)


def on_a_session_bus(
    display: str, script: str, *, timeout: float, speech: bool = False
) -> subprocess.CompletedProcess[str]:
    """``script`` run by bash on a session bus of its own, from the checkout: the kiosks it
    starts draw on ``display`` (xcb) with Qt's accessibility always on, as AT-SPI reads them,
    their voice guidance on only with ``speech``."""
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
        "KIOSK_SPEECH_ENABLED": "true" if speech else "false",
    }
    return subprocess.run(
        ["dbus-run-session", "--", "bash", "-c", script],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
