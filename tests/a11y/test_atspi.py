"""The real ``kiosk run`` window under Xvfb, read and driven over AT-SPI by a separate client,
as a screen reader would: the home screen's buttons are found by name and one is pressed."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.a11y.conftest import on_a_session_bus

pytestmark = pytest.mark.xvfb
HERE = Path(__file__).parent


def test_home_buttons_are_named_and_pressable_over_atspi(display: str, tmp_path: Path) -> None:
    kiosk = f"{sys.executable} -m kiosk run --windowed --data-dir {tmp_path}"
    client = f"/usr/bin/python3 {HERE / 'atspi_client.py'} kiosk 窗口取号 养老保险 40"
    script = f"{kiosk} > {tmp_path}/kiosk.log 2>&1 & K=$!; {client}; kill $K; wait $K"
    done = on_a_session_bus(display, script, timeout=90)
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    told = f"{done.stdout}\n{done.stderr}\n" + (tmp_path / "kiosk.log").read_text(errors="replace")
    assert lines, f"no answer from the AT-SPI client: {told}"
    result = json.loads(lines[-1])
    assert result["app"], f"the kiosk is not visible over AT-SPI: {told}"
    names = {b[0] for b in result["buttons"]}
    assert {"首页", "再听一遍", "呼叫工作人员", "English", "窗口取号"} <= names, names
    assert all(b[1] for b in result["buttons"]), "a button without a description"
    ppmm = 4.0
    assert min(min(b[2], b[3]) for b in result["buttons"]) >= 16 * ppmm
    assert result["pressed"] and result["after"], result
