"""What follows a visit's end, on the kiosk's own clock and off the GUI thread.

The last screen goes home once it has been up, and the voice silent, for the warning's length,
counted by the window's clock as every other time limit is (the tests move it by hand: no real
waiting). Half a second after the visit ends, glibc's free pages are handed back on a worker;
a window closed within that half second stops the trim with itself, and raises nothing."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from kiosk.catalog.kinds import StepKind
from tests.ui.conftest import Clock
from ui.kiosk import visits
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot

SERVICE = "counter-ticket"  # choose, ticket, rate, done


def on_done_screen(kiosk: KioskWindow) -> bool:
    engine = kiosk.visit.engine
    return engine is not None and engine.step.kind is StepKind.DONE


def test_the_done_screen_goes_home_when_the_clock_says_so(
    kiosk: KioskWindow, pilot: Autopilot, clock: Clock
) -> None:
    pilot.reach(SERVICE, "done")
    assert on_done_screen(kiosk)
    delay = kiosk.settings.timing.warning_s
    clock.now += delay - 1
    kiosk.visits.tick()
    assert on_done_screen(kiosk), "home before its time"
    clock.now += 1
    kiosk.visits.tick()
    assert kiosk.visit.engine is None  # home, with no real time gone by


def test_the_done_screen_waits_until_its_words_are_said(
    kiosk: KioskWindow, pilot: Autopilot, voice: RecordingVoice, clock: Clock
) -> None:
    pilot.reach(SERVICE, "done")
    delay = kiosk.settings.timing.warning_s
    voice.speaking = True  # a long last screen, or Repeat pressed on it
    for _ in range(3):
        clock.now += delay
        kiosk.visits.tick()
        assert on_done_screen(kiosk), "home in the middle of what was said"
    voice.speaking = False
    kiosk.visits.tick()  # the window hears the voice fell silent: the delay starts now
    clock.now += delay - 1
    kiosk.visits.tick()
    assert on_done_screen(kiosk)
    clock.now += 1
    kiosk.visits.tick()
    assert kiosk.visit.engine is None


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
