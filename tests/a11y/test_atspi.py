"""The real ``kiosk run`` window under Xvfb, read and driven over AT-SPI by a separate client,
as a screen reader would: the home screen's buttons are found by name and one is pressed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.xvfb
HERE = Path(__file__).parent
ROOT = HERE.parent.parent
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


def test_home_buttons_are_named_and_pressable_over_atspi(display: str, tmp_path: Path) -> None:
    kiosk = f"{sys.executable} -m kiosk run --windowed --data-dir {tmp_path}"
    client = f"/usr/bin/python3 {HERE / 'atspi_client.py'} kiosk 窗口取号 养老保险 40"
    script = f"{kiosk} > {tmp_path}/kiosk.log 2>&1 & K=$!; {client}; kill $K; wait $K"
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
        "KIOSK_SPEECH_ENABLED": "false",
    }
    done = subprocess.run(
        ["dbus-run-session", "--", "bash", "-c", script],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=90,
    )
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    assert lines, f"no answer from the AT-SPI client: {done.stdout}\n{done.stderr}\n" + (
        (tmp_path / "kiosk.log").read_text(errors="replace")
    )
    result = json.loads(lines[-1])
    assert result["app"], "the kiosk is not visible over AT-SPI"
    names = {b[0] for b in result["buttons"]}
    assert {"首页", "再听一遍", "呼叫工作人员", "English", "窗口取号"} <= names, names
    assert all(b[1] for b in result["buttons"]), "a button without a description"
    ppmm = 4.0
    assert min(min(b[2], b[3]) for b in result["buttons"]) >= 16 * ppmm
    assert result["pressed"] and result["after"], result
