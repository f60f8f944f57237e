"""What a keypad user and a fast finger meet: taps on different keys are all kept, each screen
puts the focus on its main control, and the staff control is the focus chain's last stop."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.api.kiosk import KioskApi
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot


def _to_phone_step(pilot: Autopilot, core: KioskApi) -> None:
    pilot.start("change-phone")
    pilot.type_digits(core.demo_residents()[0][1])
    pilot.press("keypad.ok")
    assert pilot.where() == "change-phone/phone"


def test_a_phone_number_tapped_at_four_digits_a_second_keeps_all_eleven(
    kiosk: KioskWindow, pilot: Autopilot, core: KioskApi
) -> None:
    _to_phone_step(pilot, core)
    now = [50.0]
    kiosk.touch_policy.clock = lambda: now[0]
    for digit in "13812345678":
        pilot.tap(pilot.button(f"key.{digit}"))
        now[0] += 0.25
    assert kiosk.visit.draft == "13812345678"


def test_the_same_key_tapped_twice_within_the_window_counts_once(
    kiosk: KioskWindow, pilot: Autopilot, core: KioskApi
) -> None:
    _to_phone_step(pilot, core)
    now = [50.0]
    kiosk.touch_policy.clock = lambda: now[0]
    pilot.tap(pilot.button("key.1"))
    now[0] += 0.1
    pilot.tap(pilot.button("key.1"))  # a bounce of the same finger
    now[0] += 0.4
    pilot.tap(pilot.button("key.1"))  # a second 1 on purpose
    assert kiosk.visit.draft == "11"


def _tab_stops(kiosk: KioskWindow) -> list[str]:
    """The window's focus chain as Tab walks it: shown, enabled, taking Tab focus."""
    stops: list[str] = []
    node = kiosk.nextInFocusChain()
    while node is not None and node is not kiosk:
        tab = bool(node.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if tab and node.isVisible() and node.isEnabled():
            stops.append(node.objectName())
        node = node.nextInFocusChain()
    return stops


def test_identify_and_input_steps_start_on_their_main_control(
    kiosk: KioskWindow, pilot: Autopilot, core: KioskApi
) -> None:
    pilot.start("change-phone")
    focused = QApplication.focusWidget()
    assert focused is not None and focused.objectName().startswith("key."), focused
    pilot.type_digits(core.demo_residents()[0][1])
    pilot.press("keypad.ok")
    focused = QApplication.focusWidget()
    assert focused is not None and focused.objectName().startswith("key."), focused


def test_staff_sign_in_is_the_last_stop_of_the_focus_chain_never_the_first(
    kiosk: KioskWindow, pilot: Autopilot, core: KioskApi
) -> None:
    for start in ("home", "identify", "phone"):
        if start == "identify":
            pilot.start("change-phone")
        elif start == "phone":
            pilot.type_digits(core.demo_residents()[0][1])
            pilot.press("keypad.ok")
        stops = _tab_stops(kiosk)
        assert stops[-1] == "staff.entry", stops
        first = QApplication.focusWidget()
        assert first is not None and first.objectName() != "staff.entry"
        kiosk.focusNextPrevChild(True)  # the first Tab
        after = QApplication.focusWidget()
        assert after is not None and after.objectName() != "staff.entry", start


def test_home_starts_on_the_language_choice_and_says_its_name_in_its_own_language(
    kiosk: KioskWindow, pilot: Autopilot, voice: RecordingVoice
) -> None:
    assert kiosk.prefs.lang == "zh"
    assert _tab_stops(kiosk)[:2] == ["language.yue", "language.en"]
    focused = QApplication.focusWidget()
    assert focused is not None and focused.objectName() == "language.yue"
    pilot.button("bar.staff").setFocus()  # somewhere else; then Tab comes round to them
    assert kiosk.desk is not None  # the kiosk fixture gives the window its help desk
    kiosk.desk.entry.setFocus()
    QTest.keyClick(kiosk.desk.entry, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is pilot.button("language.yue")
    # Its role and place in the screen's language, its name and what it does in its own.
    assert voice.said[-1] == ("按钮：粤语。改用粤语。11项中的第1项。", "zh")
    QTest.keyClick(pilot.button("language.yue"), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is pilot.button("language.en")
    assert voice.said[-1] == ("按钮：English。Switch to English。11项中的第2项。", "zh")
