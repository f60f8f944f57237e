"""``kiosk run`` leaves the Python stack of every thread in its log when Qt's C++ crashes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.helpers.waiting import wait_until

ROOT = Path(__file__).resolve().parent.parent.parent


def test_a_segmentation_fault_in_kiosk_run_leaves_the_python_stacks_in_the_log(
    tmp_path: Path,
) -> None:
    log = tmp_path / "kiosk.log"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_SPEECH_ENABLED": "false"}
    env.pop("PYTHONFAULTHANDLER", None)
    with log.open("w") as out:
        kiosk = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "run", "--windowed", "--data-dir", str(tmp_path)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            # Started (store, devices, voice), the loop running: not while the startup worker
            # is still inside the migration, where the dump of its stack could be cut short.
            wait_until(lambda: "kiosk: ready" in log.read_text(), timeout=60, interval=0.1)
            kiosk.send_signal(signal.SIGSEGV)
            code = kiosk.wait(timeout=30)
        finally:
            if kiosk.poll() is None:
                kiosk.kill()
                kiosk.wait()
    text = log.read_text(errors="replace")
    assert code == -signal.SIGSEGV
    assert "Fatal Python error: Segmentation fault" in text, text[-2000:]
    # The threads are dumped one by one while they run: a thread busy in C code (the speech
    # worker) can cut the dump short, so the test asks for the dump, not for all of it.
    assert "Current thread" in text or "Thread 0x" in text, text[-2000:]
