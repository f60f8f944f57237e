"""The staff console's sign-in as the package's CI checks it (packaging/ci-deb.sh runs
ci-headless.py with ci-atspi.py on the installed console): here the checkout's ``kiosk
console`` under Xvfb on a session bus of its own: READY=1, the sign-in's fields and button
shown over AT-SPI, watchdog pings, SIGTERM -> STOPPING=1 and exit 0. Controls that are there
but not shown (the board behind the sign-in) fail the check."""

from __future__ import annotations

import os
import pwd
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.xvfb
ROOT = Path(__file__).resolve().parents[2]


# The bus's address is known inside dbus-run-session only: the shell there passes it on.
WITH_BUS = (
    'exec python3 packaging/ci-headless.py "$1"'
    ' DBUS_SESSION_BUS_ADDRESS="$DBUS_SESSION_BUS_ADDRESS" "${@:2}"'
)


def _ci_check(display: str, data_dir: Path, *names: str) -> subprocess.CompletedProcess[str]:
    if os.getuid() != 0:
        pytest.skip("ci-headless.py starts its command as a user, with that user's groups: root")
    user = pwd.getpwuid(os.getuid()).pw_name
    # The store first, as the package's postinst makes it: the console refuses to make one.
    upgrade = [sys.executable, "-m", "kiosk", "db", "upgrade", "--data-dir", str(data_dir)]
    subprocess.run(upgrade, cwd=ROOT, capture_output=True, check=True, timeout=120)
    console = [sys.executable, "-m", "kiosk", "console", "--data-dir", str(data_dir)]
    check = ["/usr/bin/python3", "packaging/ci-atspi.py", "工作人员控制台", *names]
    pairs = [f"DISPLAY={display}", "QT_QPA_PLATFORM=xcb", "QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1"]
    pairs.append(f"PYTHONPATH={ROOT}")
    run = [*pairs, "--ready-check", *check, "--", *console]
    return subprocess.run(
        ["dbus-run-session", "--", "bash", "-c", WITH_BUS, "bash", user, *run],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_the_console_starts_shows_its_sign_in_and_ends_cleanly(
    display: str, tmp_path: Path
) -> None:
    done = _ci_check(display, tmp_path, "工号", "密码", "登录")
    told = f"{done.stdout}\n{done.stderr}"
    assert done.returncode == 0, told
    assert "shown: 工号 (text), 密码 (password text), 登录 (push button)" in done.stdout, told
    assert "SIGTERM: STOPPING=1 and exit 0" in done.stdout, told


def test_the_check_fails_on_controls_that_are_not_shown(display: str, tmp_path: Path) -> None:
    done = _ci_check(display, tmp_path, "工号", "退出登录", "--timeout", "3")
    told = f"{done.stdout}\n{done.stderr}"
    assert done.returncode == 1, told
    assert "does not show ['退出登录']" in done.stderr, told
    assert "the check after READY=1 exited 1" in done.stderr, told
