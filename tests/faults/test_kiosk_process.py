"""``kiosk run`` as a process, under the faults an operator meets: a store that cannot be
opened at start (out of service, then a non-zero exit) and a stop signal on a locked kiosk."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.helpers.waiting import wait_until


def _kiosk(tmp_path: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk", "run", "--data-dir", str(tmp_path), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
    )


def test_a_store_that_cannot_be_opened_puts_the_kiosk_out_of_service_then_exits_3(
    tmp_path: Path,
) -> None:
    broken = tmp_path / "kiosk.db"
    broken.write_bytes(b"this is not a database, it is a damaged file" * 100)
    kiosk = _kiosk(
        tmp_path,
        "--windowed",
        KIOSK_DB_URL=f"sqlite:///{broken}",
        KIOSK_DISPLAY_OUT_OF_SERVICE_S="2",
        KIOSK_SPEECH_ENABLED="false",
    )
    out, _ = kiosk.communicate(timeout=60)
    assert kiosk.returncode == 3, out
    assert "kiosk: " in out and "Traceback" not in out.split("the kiosk could not open")[0]
    assert "out of service" in out


def test_sigterm_ends_a_locked_full_screen_kiosk_cleanly(tmp_path: Path) -> None:
    log = tmp_path / "kiosk.log"
    with log.open("w") as out:
        kiosk = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "run", "--data-dir", str(tmp_path)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_SPEECH_ENABLED": "false"},
        )
        try:
            wait_until(lambda: "kiosk: ready" in log.read_text(), timeout=60)
            kiosk.send_signal(signal.SIGTERM)
            # A locked window that refused to close kept the loop running for good: a deadline
            # far above the few hundred milliseconds a stop takes tells the two apart.
            kiosk.wait(timeout=30)
        finally:
            if kiosk.poll() is None:
                kiosk.kill()
    text = log.read_text()
    assert kiosk.returncode == 0, text
    assert "SIGTERM received" in text and "kiosk: closed" in text
