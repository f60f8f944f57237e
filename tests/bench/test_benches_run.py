"""Every benchmark runs to its end at its smallest size, so one that no longer imports or runs
fails the suite instead of waiting for the next time someone measures.

Each script is run as its docstring says (``python bench/NAME.py``), in a process of its own,
with the smallest figures it takes; the PostgreSQL parts run too when KIOSK_TEST_PG_URL is set.
Only that it runs is checked here: the figures themselves are for BENCHMARKS.md.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.kiosk.conftest import PG_URL, pg_url

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"

# The smallest run of each benchmark: one run, a handful of items, short waits.
SMALLEST: dict[str, list[str]] = {
    "assist.py": [
        *("--calls", "2", "--runs", "1", "--hall-kiosks", "2", "--hall-consoles", "1"),
        *("--hall-seconds", "1", "--cancel-after", "0.3"),
    ],
    "catalogue.py": ["--publishes", "1", "--runs", "1"],
    "devices.py": ["--runs", "1"],
    "engine.py": ["--visits", "20", "--runs", "1"],
    "report.py": ["--events", "2000", "--runs", "1"],
    "soak.py": ["--visits", "2"],
    "speech.py": ["--runs", "1", "--prompts", "2", "--new", "1", "--barge-in", "1"],
    "ui.py": ["--runs", "1", "--changes", "2"],
    "web.py": ["--calls", "2", "--runs", "1"],
}
# Those that measure on PostgreSQL too when given a server; web.py measures nothing without one.
TAKES_PG = {"assist.py", "catalogue.py", "report.py", "web.py"}
NEEDS_PG = {"web.py"}
NEEDS_SPEECH = {"speech.py"}


def _marks(name: str) -> list[pytest.MarkDecorator]:
    marks = []
    if name in NEEDS_PG:
        marks.append(pytest.mark.postgres)
    if name in NEEDS_SPEECH:
        marks.append(pytest.mark.speech)
    return marks


def test_every_benchmark_has_a_smallest_size_here() -> None:
    assert sorted(p.name for p in BENCH.glob("*.py")) == sorted(SMALLEST)


@pytest.mark.parametrize("name", [pytest.param(n, marks=_marks(n)) for n in sorted(SMALLEST)])
def test_the_benchmark_runs_at_its_smallest_size(name: str) -> None:
    if name in NEEDS_PG:
        pg_url()
    if name in NEEDS_SPEECH and shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    args = SMALLEST[name] + (["--pg", PG_URL] if name in TAKES_PG and PG_URL else [])
    # The tree under test, not whichever checkout the environment has installed.
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(BENCH / name), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, f"bench/{name} {' '.join(args)} failed:\n{done.stderr[-3000:]}"
    assert done.stdout.strip(), f"bench/{name} printed no figures"
