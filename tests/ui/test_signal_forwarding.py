"""A button's signal forwarded to another signal: connected signal to signal, never to the
other's ``emit``. PySide6 6.11 keeps about one Python object for good for every connection to
a signal's bound ``emit``, after both ends are deleted: the control bar alone, built afresh
for every screen, left about 110 a visit in bench/soak.py (5.8 KiB; some 6 MiB over 1,000
visits, the slow creep between 200 and 500 visits)."""

from __future__ import annotations

import gc
import re
import sys

from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from tests.architecture.imports import ROOT
from ui.theme import STANDARD, Look
from ui.widgets.bar import ControlBar


def _blocks_left_by(build: int) -> int:
    """Python's allocated blocks after ``build`` control bars were made and deleted."""

    look = Look(STANDARD, "standard", False, 6.0)

    def one() -> None:
        bar = ControlBar(look, "zh", can_go_back=True)
        bar.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)

    for _ in range(50):  # caches filled first
        one()
    gc.collect()
    before = sys.getallocatedblocks()
    for _ in range(build):
        one()
    gc.collect()
    return sys.getallocatedblocks() - before


def test_a_control_bar_leaves_next_to_nothing_when_it_goes(qtbot: QtBot) -> None:
    # Eight buttons each: about 11 blocks a bar when they were connected to emit, 1 or 2 now.
    assert _blocks_left_by(200) / 200 < 4


def test_no_front_end_connects_to_a_signals_emit() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "ui").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\.connect\([^()]*\.emit\)", line)
    ]
    assert found == [], "connect the signal itself: " + ", ".join(found)
