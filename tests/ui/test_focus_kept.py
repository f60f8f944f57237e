"""The keyboard focus through the inactivity warning, as a blind resident meets it: nothing of
the kiosk ever becomes a window of its own (which would take the kiosk's activation, and with it
the focus and every key), the focus stays on the item last spoken, and Enter acts on that item."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.flow.state import Phase
from kiosk.i18n import t
from tests.helpers.focus import focused_name
from tests.helpers.now import phase, prefs
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot
from ui.widgets.banner import TimeoutBanner


class WindowsShown(QObject):
    """Every widget other than the kiosk's window shown as a window, however briefly."""

    def __init__(self, kiosk: KioskWindow) -> None:
        super().__init__()
        self.kiosk = kiosk
        self.seen: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() is QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and watched is not self.kiosk
        ):
            self.seen.append(f"{type(watched).__name__} {watched.objectName()}")
        return False


@pytest.fixture
def windows(kiosk: KioskWindow) -> Iterator[WindowsShown]:
    spy = WindowsShown(kiosk)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(spy)
    yield spy
    app.removeEventFilter(spy)


def idle(kiosk: KioskWindow, keys: Autopilot, seconds: float) -> None:
    """The resident does nothing for ``seconds``; the window's clock ticks."""
    engine = kiosk.visit.engine
    assert engine is not None
    now = engine.clock()
    engine.clock = lambda: now + seconds
    kiosk.visits.tick()
    keys.settle()


def test_the_warning_keeps_the_focus_and_enter_chooses_the_item_last_spoken(
    kiosk: KioskWindow, keys: Autopilot, voice: RecordingVoice, windows: WindowsShown
) -> None:
    keys.start("counter-ticket")
    keys.key(Qt.Key.Key_Down)
    assert focused_name() == "option.medical" and "医疗保险" in voice.last
    engine = kiosk.visit.engine
    assert engine is not None
    idle(kiosk, keys, engine.timings.step_timeout_s + 1)
    assert isinstance(kiosk.banner, TimeoutBanner)
    assert windows.seen == [], "a part of the kiosk was shown as a window of its own"
    assert kiosk.isActiveWindow() and focused_name() == "option.medical"
    keys.key(Qt.Key.Key_Space)  # "I am here"
    assert phase(engine) is Phase.ACTIVE and voice.last == t("timeout.extended", "zh")
    assert focused_name() == "option.medical"
    keys.key(Qt.Key.Key_Down)
    assert focused_name() == "option.card" and "社保卡" in voice.last
    keys.key(Qt.Key.Key_Return)
    assert engine.state.values["business"] == "card"  # what was last said, not the first
    assert windows.seen == []
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [kiosk]


def test_after_a_time_out_enter_at_home_acts_on_the_item_home_says_it_is_on(
    kiosk: KioskWindow, keys: Autopilot, voice: RecordingVoice, windows: WindowsShown
) -> None:
    keys.start("counter-ticket")
    engine = kiosk.visit.engine
    assert engine is not None
    idle(kiosk, keys, engine.timings.step_timeout_s + 1)
    idle(kiosk, keys, engine.timings.step_timeout_s + engine.timings.warning_s + 2)
    assert keys.where() == "home" and engine.state.outcome is not None
    assert t("speech.focused", "zh", n=1, name="粤语") in voice.last
    assert focused_name() == "language.yue"
    keys.key(Qt.Key.Key_Return)
    assert keys.where() == "home" and prefs(kiosk).lang == "yue"  # 粤语, as said
    assert windows.seen == []


def test_no_part_of_the_kiosk_is_ever_a_window_of_its_own_in_any_service(
    kiosk: KioskWindow, keys: Autopilot, windows: WindowsShown
) -> None:
    for tile in kiosk.catalogue.services:
        keys.complete(tile.id, wrong_first=True)
        if kiosk.visit.engine is not None:
            keys.press("bar.home")
        assert windows.seen == [], f"{tile.id}: shown as windows: {windows.seen}"
    assert kiosk.isActiveWindow()
