"""Small modules with one job: no module of ours is longer than 400 lines.

A newcomer finds each feature in one folder and reads a module in one sitting; a module that
grows past the limit is split by job (see docs/architecture.md), not allowed a longer limit.
"""

from __future__ import annotations

from tests.architecture.imports import ROOT

MAX_LINES = 400
FOLDERS = ("kiosk", "ui", "devices", "bench")


def _lines(text: str) -> int:
    return len(text.splitlines())


def test_every_module_is_at_most_400_lines() -> None:
    offenders = sorted(
        f"{path.relative_to(ROOT).as_posix()}: {count} lines"
        for folder in FOLDERS
        for path in (ROOT / folder).rglob("*.py")
        if (count := _lines(path.read_text(encoding="utf-8"))) > MAX_LINES
    )
    assert offenders == [], f"longer than {MAX_LINES} lines (split by job):\n" + "\n".join(
        offenders
    )
