"""Python code run in a process of its own, from the checkout: for the tests that must see what a
fresh start loads or does, with nothing of the test run already in memory."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_python(
    code: str,
    *args: str,
    env: Mapping[str, str] | None = None,
    timeout: float = 60,
    check: bool = False,
) -> subprocess.CompletedProcess[str]:
    """``python -c code args`` by this interpreter in the checkout: its exit and what it printed
    (``env``: its whole environment, else this one's; ``check``: a failure raises)."""
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=check,
    )
