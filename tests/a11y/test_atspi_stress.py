"""A screen reader reads the whole tree of a real ``kiosk run`` again and again while a resident
keeps changing the screen (a counter ticket, over and over): the kiosk must not crash.

Widgets of a screen that is replaced die while the reader holds and reads their accessible
interfaces. The suite runs a short round; a long one is ``KIOSK_STRESS_CHANGES=500`` (and
``KIOSK_STRESS_SPEECH=1`` for voice guidance on, as in a hall).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from tests.a11y.conftest import on_a_session_bus

pytestmark = [pytest.mark.xvfb, pytest.mark.slow]
HERE = Path(__file__).parent
CHANGES = int(os.environ.get("KIOSK_STRESS_CHANGES", "24"))
# KIOSK_STRESS_SPEECH=1: voice guidance on, so every new ticket is synthesised while read.
SPEECH = os.environ.get("KIOSK_STRESS_SPEECH") == "1"


def test_screens_changing_while_read_over_atspi_do_not_crash_the_kiosk(
    display: str, tmp_path: Path
) -> None:
    client = f"/usr/bin/python3 {HERE / 'atspi_stress.py'}"
    stop = tmp_path / "stop"
    script = (
        f"{sys.executable} -m kiosk run --windowed --data-dir {tmp_path}"
        f" > {tmp_path}/kiosk.log 2>&1 & K=$!;"
        f" {client} read kiosk {stop} & R=$!;"
        f" {client} drive kiosk {CHANGES};"
        f" touch {stop}; wait $R;"
        " if kill -0 $K 2>/dev/null; then kill $K; fi; wait $K; echo kiosk-exit $?"
    )
    done = on_a_session_bus(display, script, timeout=120 + CHANGES * 10, speech=SPEECH)
    log = (tmp_path / "kiosk.log").read_text(errors="replace")
    lines = [json.loads(ln) for ln in done.stdout.splitlines() if ln.startswith("{")]
    exits = [ln for ln in done.stdout.splitlines() if ln.startswith("kiosk-exit")]
    assert exits == ["kiosk-exit 0"], f"{done.stdout}\n{done.stderr}\n{log[-4000:]}"
    assert "Fatal Python error" not in log, log[-4000:]
    drive = next(ln for ln in lines if "changes" in ln)
    read = next(ln for ln in lines if "passes" in ln)
    assert drive["app"] and read["app"], lines
    assert not drive["gone"], log[-4000:]
    assert drive["changes"] >= CHANGES, drive
    assert read["passes"] >= 2 and read["nodes"] > 0, read
    print(json.dumps({"drive": drive, "read": read}, ensure_ascii=False))
