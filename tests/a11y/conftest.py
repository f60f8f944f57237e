"""A virtual screen for tests that need a real window: Xvfb, and AT-SPI for a screen reader's
view. With CI=true a missing tool fails the test (tests/conftest.py), never skips it quietly."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
from collections.abc import Iterator

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
