"""A results table's labels die with their screen, wrapper and all.

The table's labels are made without a parent and join the window's focus chain at its end,
after the staff control, when the grid takes them. The window's whole chain walked forward for
its last two widgets (``nextInFocusChain``, each answer a Python wrapper) left the first label
after the staff control, the table's first header, held by one reference from C after its
screen was deleted (PySide6 6.11; about 0.15 a visit in bench/soak.py, one a
contribution-record visit). The window reads the chain backwards now.
"""

from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot
from shiboken6 import Shiboken

from kiosk.api.kiosk import KioskApi
from ui.kiosk.window import KioskWindow
from ui.screens.base import Screen
from ui.tour.autopilot import Autopilot
from ui.widgets.table import PagedTable
from ui.widgets.text import Label

SERVICE = "contribution-record"  # identify, choose, lookup (a table of months), print, rate
VISITS = 3


def _dead_labels(earlier: set[int]) -> list[Label]:
    """Label wrappers whose C++ label is deleted (other tests' excepted)."""
    gc.collect()
    return [
        o
        for o in gc.get_objects()
        if isinstance(o, Label) and not Shiboken.isValid(o) and id(o) not in earlier
    ]


def alive(screen: Screen | None) -> bool:
    return screen is not None and Shiboken.isValid(screen)


def test_a_tables_labels_leave_no_wrapper_once_their_screen_is_gone(
    kiosk: KioskWindow, core: KioskApi, qtbot: QtBot
) -> None:
    earlier = {id(o) for o in _dead_labels(set())}
    shown: list[weakref.ref[Screen]] = []  # not kept alive by the test
    tables = [0]

    def seen(_moment: str) -> None:
        if kiosk.current is not None:
            shown.append(weakref.ref(kiosk.current))
            tables[0] += kiosk.current.findChild(PagedTable) is not None

    pilot = Autopilot(kiosk, id_number=core.demo_resident(SERVICE)[1], on_screen=seen)
    left = [VISITS]

    def next_visit() -> None:
        # One visit a turn of the event loop, as bench/soak.py drives them: the screens a
        # visit replaced are deleted once the loop has control again, not during the visit.
        if left[0]:
            left[0] -= 1
            assert pilot.complete(SERVICE)
            QTimer.singleShot(0, next_visit)

    QTimer.singleShot(0, next_visit)
    qtbot.waitUntil(lambda: not left[0] and not any(alive(s()) for s in shown), timeout=60000)
    assert tables[0] >= VISITS, "no results table was shown"
    dead = _dead_labels(earlier)
    assert dead == [], [(type(label).__name__, getattr(label, "_plain", "?")) for label in dead]
