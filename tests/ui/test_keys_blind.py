"""What a blind resident met on the real window with keys alone, judged from what was said: Enter
on a keypad, the staff sign-in reached by the arrows, a destructive confirmation, elder mode
switched on, and going back where a step had an effect."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.api.kiosk import KioskApi
from kiosk.catalog.schema import StepKind
from kiosk.i18n import t
from kiosk.peripherals.scripted import ScriptedDevices
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import GOOD_PHONE, Autopilot
from ui.widgets.banner import Banner


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def key(which: Qt.Key) -> None:
    QTest.keyClick(focused(), which)


def typed(text: str) -> None:
    QTest.keyClicks(focused(), text)  # the number keys, through the window's key filter


def said_since(voice: RecordingVoice, start: int) -> str:
    return "\n".join(text for text, _lang in voice.said[start:])


# -- Enter on a keypad --------------------------------------------------------------------------


def test_enter_submits_a_typed_id_number_with_the_focus_on_a_key(
    kiosk: KioskWindow, pilot: Autopilot, voice: RecordingVoice
) -> None:
    pilot.start("contribution-record")
    assert focused().objectName() == "key.1"  # where the identify step puts it
    typed(pilot.id_number)
    key(Qt.Key.Key_Return)  # "输完按确认键"
    pilot.settle()
    assert pilot.where() == "contribution-record/period"
    assert "您想查哪段时间" in voice.last


def test_enter_on_a_short_number_says_what_is_wrong_and_adds_nothing(
    kiosk: KioskWindow, pilot: Autopilot, voice: RecordingVoice
) -> None:
    pilot.start("contribution-record")
    typed(pilot.id_number[:17])
    key(Qt.Key.Key_Return)
    pilot.settle()
    assert pilot.where() == "contribution-record/identify"
    assert kiosk.visit.draft == pilot.id_number[:17], "Enter typed a character"
    assert kiosk.visit.problem and kiosk.visit.problem in voice.last


def test_enter_submits_a_phone_number_wherever_the_focus_is_in_the_keypad(
    kiosk: KioskWindow, pilot: Autopilot, voice: RecordingVoice
) -> None:
    pilot.start("change-phone")
    typed(pilot.id_number)
    key(Qt.Key.Key_Return)
    pilot.settle()
    assert pilot.where() == "change-phone/phone"
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Down)  # the focus on "3" now, as a resident exploring the keys leaves it
    assert focused().objectName() == "key.3"
    typed(GOOD_PHONE)
    key(Qt.Key.Key_Return)
    assert kiosk.visit.notice == t("problem.again", "zh")  # the first of two entries taken
    assert kiosk.visit.notice in voice.last
    pilot.focus(pilot.button("keypad.delete"))
    typed(GOOD_PHONE)
    key(Qt.Key.Key_Return)  # on Delete: still the submission the prompt asks for
    pilot.settle()
    assert pilot.where() == "change-phone/confirm"


def test_a_key_on_screen_is_still_pressed_with_space(kiosk: KioskWindow, pilot: Autopilot) -> None:
    pilot.start("change-phone")
    typed("123")
    pilot.focus(pilot.button("keypad.delete"))
    key(Qt.Key.Key_Space)
    assert kiosk.visit.draft == "12"


# -- the staff sign-in --------------------------------------------------------------------------


def test_the_staff_sign_in_says_what_it_is_when_the_arrows_reach_it(
    kiosk: KioskWindow, pilot: Autopilot, voice: RecordingVoice
) -> None:
    assert kiosk.desk is not None
    entry = kiosk.desk.entry
    key(Qt.Key.Key_Up)  # from home's first item, the chain comes round to its last stop
    assert focused() is entry
    assert "员工登录" in voice.last and "仅供工作人员" in voice.last, voice.last
    pilot.button("bar.staff").setFocus()
    key(Qt.Key.Key_Down)  # from 呼叫工作人员
    assert focused() is entry
    assert "仅供工作人员" in voice.last


def test_enter_on_the_staff_sign_in_never_starts_a_service(
    kiosk: KioskWindow, pilot: Autopilot
) -> None:
    assert kiosk.desk is not None
    key(Qt.Key.Key_Up)
    assert focused() is kiosk.desk.entry
    key(Qt.Key.Key_Return)
    pilot.settle()
    assert kiosk.visit.engine is None, "Enter on the staff sign-in started a service"
    assert kiosk.desk.helper.pad_open  # it did what it says: the staff PIN pad


# -- a destructive confirmation -----------------------------------------------------------------


def test_reporting_a_card_lost_starts_on_the_safe_answer(
    kiosk: KioskWindow, core: KioskApi, voice: RecordingVoice
) -> None:
    pilot = Autopilot(kiosk, "keys")
    for _name, number in core.demo_residents():
        pilot.id_number = number
        pilot.start("card-status")
        pilot.act(pilot_kind(kiosk))
        engine = kiosk.visit.engine
        answer = engine.answer() if engine is not None else None
        if answer is not None and answer.ok:
            break
        pilot.press("bar.home")
    pilot.press("action.next")
    assert pilot.where() == "card-status/next"
    key(Qt.Key.Key_Return)  # the first answer: 卡丢了，我要挂失
    assert pilot.where() == "card-status/confirm"
    assert focused().objectName() == "confirm.no"
    no = t("speech.focused", "zh", n=1, name="不挂失，返回")
    assert no in voice.last, voice.last
    key(Qt.Key.Key_Return)  # Enter, Enter: nothing reported
    pilot.settle()
    assert pilot.where() == "card-status/next"
    engine = kiosk.visit.engine
    assert engine is not None and engine.state.effects == []


def pilot_kind(kiosk: KioskWindow) -> StepKind:
    engine = kiosk.visit.engine
    assert engine is not None
    return engine.step.kind


# -- elder mode ---------------------------------------------------------------------------------


def test_elder_mode_keeps_the_focus_on_its_toggle_and_says_what_changed(
    kiosk: KioskWindow, voice: RecordingVoice
) -> None:
    pilot = Autopilot(kiosk, "keys")
    pilot.focus(pilot.button("home.elder"))
    start = len(voice.said)
    key(Qt.Key.Key_Return)
    assert kiosk.prefs.elder
    assert focused().objectName() == "home.elder"
    heard = said_since(voice, start)
    assert t("home.elder_now_on", "zh") in heard
    assert t("home.welcome", "zh") not in heard, "home was read again from its start"
    key(Qt.Key.Key_Return)
    assert not kiosk.prefs.elder and focused().objectName() == "home.elder"
    assert voice.last == t("home.elder_now_off", "zh")


def test_a_bar_setting_keeps_the_focus_and_says_the_new_state(
    kiosk: KioskWindow, voice: RecordingVoice
) -> None:
    pilot = Autopilot(kiosk, "keys")
    pilot.focus(pilot.button("bar.size"))
    key(Qt.Key.Key_Return)
    assert kiosk.prefs.size == "large" and focused().objectName() == "bar.size"
    assert t("size.large", "zh") in voice.last


# -- no going back past an effect ---------------------------------------------------------------


def test_back_from_the_rating_after_a_ticket_says_it_cannot_and_prints_nothing(
    kiosk: KioskWindow, devices: ScriptedDevices, voice: RecordingVoice
) -> None:
    pilot = Autopilot(kiosk, "keys")
    pilot.start("counter-ticket")
    pilot.press("option.medical")
    assert pilot.where() == "counter-ticket/ticket"
    engine = kiosk.visit.engine
    assert engine is not None
    number = engine.values("zh")["ticket.number"]
    assert len(devices.printed) == 1
    pilot.press("action.next")
    assert pilot.where() == "counter-ticket/rate"
    key(Qt.Key.Key_Escape)
    pilot.settle()
    assert pilot.where() == "counter-ticket/rate"
    refusal = t("back.not_here", "zh")
    assert voice.last == refusal
    assert isinstance(kiosk.banner, Banner) and kiosk.banner.accessibleName() == refusal
    assert len(devices.printed) == 1 and engine.values("zh")["ticket.number"] == number
    assert not pilot.button("bar.back").isEnabled()


def test_back_from_the_rating_after_a_phone_change_is_said_in_the_visits_language(
    kiosk: KioskWindow, pilot: Autopilot, voice: RecordingVoice
) -> None:
    pilot.press("language.en")
    pilot.start("change-phone")
    for _ in range(6):
        if pilot.where() == "change-phone/rate":
            break
        pilot.act(pilot_kind(kiosk))
    assert pilot.where() == "change-phone/rate"
    key(Qt.Key.Key_Escape)
    assert pilot.where() == "change-phone/rate"
    assert voice.said[-1] == (t("back.not_here", "en"), "en")
