"""A hall's processes for the multi-process tests: each a Python module run from the repository
that says what it does as one JSON object a line on stdout, {"ready": true, ...} first."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def start(module: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", module, *args], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )


def ready(process: subprocess.Popen[str]) -> dict[str, Any]:
    """Its first line, which says it is ready (listening, serving)."""
    assert process.stdout is not None
    line: dict[str, Any] = json.loads(process.stdout.readline())
    assert line.get("ready") is True, line
    return line


def finish(process: subprocess.Popen[str], timeout_s: float = 90) -> list[dict[str, Any]]:
    """The rest of its lines, once it has ended of itself with exit 0."""
    out, _ = process.communicate(timeout=timeout_s)
    assert process.returncode == 0, out
    return [json.loads(line) for line in out.splitlines() if line.strip()]
