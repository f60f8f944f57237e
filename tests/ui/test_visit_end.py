"""What follows a visit's end, off the GUI thread.

Half a second after the visit ends, glibc's free pages are handed back on a worker; a window
closed within that half second stops the trim with itself, and raises nothing."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from ui.kiosk import visits
from ui.kiosk.window import KioskWindow
from ui.tour.autopilot import Autopilot

SERVICE = "counter-ticket"  # choose, ticket, rate, done


@pytest.fixture
def trims(monkeypatch: pytest.MonkeyPatch) -> list[threading.Thread]:
    """The threads the heap trim ran on (give_back replaced by a recorder)."""
    ran_on: list[threading.Thread] = []

    def give_back() -> bool:
        ran_on.append(threading.current_thread())
        return True

    monkeypatch.setattr(visits, "give_back", give_back)
    return ran_on


def test_the_heap_is_trimmed_on_a_worker_after_a_visit(
    kiosk: KioskWindow, pilot: Autopilot, qtbot: QtBot, trims: list[threading.Thread]
) -> None:
    pilot.start(SERVICE)
    pilot.press("bar.home")  # the visit ends
    qtbot.waitUntil(lambda: bool(trims), timeout=5000)
    assert len(trims) == 1 and trims[0] is not threading.main_thread()


def test_a_window_closed_as_a_visit_ends_stops_the_trim_and_raises_nothing(
    kiosk: KioskWindow, pilot: Autopilot, qtbot: QtBot, trims: list[threading.Thread]
) -> None:
    pilot.start(SERVICE)
    pilot.press("bar.home")
    kiosk.shutdown()  # at once, as the operator's stop does
    kiosk.close()
    assert not kiosk.visits.trim_timer.isActive()
    # Past the moment the trim was due: a timer that outlived the window would fire now (an
    # exception in it fails the test through pytest-qt).
    qtbot.wait(visits.GIVE_BACK_AFTER_MS + 300)
    assert trims == []
