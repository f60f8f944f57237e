"""A number typed by a resident who cannot see the screen: every key is said (the character
through a headset, how many typed on the loudspeaker), "where am I" says what is typed so far,
and touch to hear types a repeated digit with one touch each, never silently."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.api.kiosk import KioskApi
from kiosk.i18n import t
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot, Mode
from ui.widgets.keypad import Keypad


def _to_identify(kiosk: KioskWindow, mode: Mode = "keys") -> Autopilot:
    pilot = Autopilot(kiosk, mode)
    pilot.start("card-status")
    return pilot


def _keypad(kiosk: KioskWindow) -> Keypad:
    assert kiosk.current is not None
    keypad = kiosk.current.findChild(Keypad)
    assert keypad is not None
    return keypad


def test_each_key_is_said_privately(kiosk: KioskWindow, voice: RecordingVoice) -> None:
    _to_identify(kiosk)
    for n, digit in enumerate("1101", 1):
        QTest.keyClicks(kiosk, digit)
        assert voice.last == t("keypad.count", "zh", n=n)  # never the digit on the loudspeaker
    voice.headset = True
    QTest.keyClicks(kiosk, "0")
    assert voice.last == "0"  # through a headset, the key itself
    QTest.keyClick(kiosk, Qt.Key.Key_Backspace)
    assert voice.last == t("keypad.deleted_char", "zh", char="0", n=4)
    voice.headset = False
    QTest.keyClick(kiosk, Qt.Key.Key_Backspace)
    assert voice.last == t("keypad.deleted", "zh", n=3)
    assert _keypad(kiosk).value == "110"


def test_where_am_i_says_how_many_are_typed_and_a_headset_hears_them(
    kiosk: KioskWindow, voice: RecordingVoice
) -> None:
    _to_identify(kiosk)
    QTest.keyClicks(kiosk, "11010519")
    QTest.keyClick(kiosk, Qt.Key.Key_F3)
    assert t("keypad.count", "zh", n=8) in voice.last and "11010519" not in voice.last
    voice.headset = True
    QTest.keyClick(kiosk, Qt.Key.Key_F3)
    assert t("keypad.count", "zh", n=8) + "：11010519" in voice.last


def test_a_wrong_check_digit_says_how_to_find_it(
    kiosk: KioskWindow, voice: RecordingVoice, core: KioskApi
) -> None:
    _name, number = core.demo_residents()[0]
    pilot = _to_identify(kiosk)
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")
    pilot.type_digits(wrong)
    pilot.press("keypad.ok")
    how = t("problem.id_check_digit_how", "zh")
    assert t("problem.id_check_digit", "zh") + "\n" + how in voice.last
    assert "F3" in how and "耳机" in how and "工作人员" in how
    QTest.keyClick(kiosk, Qt.Key.Key_F3)
    assert t("keypad.count", "zh", n=18) in voice.last  # the number kept, to be corrected


def test_a_wrong_check_digit_through_a_headset_says_f3_reads_it_with_nothing_to_plug_in(
    kiosk: KioskWindow, voice: RecordingVoice, core: KioskApi
) -> None:
    voice.headset = True
    _name, number = core.demo_residents()[0]
    pilot = _to_identify(kiosk)
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")
    pilot.type_digits(wrong)
    pilot.press("keypad.ok")
    assert t("problem.id_check_digit_how_headset", "zh") in voice.last
    assert "插上耳机" not in voice.last and "F3" in voice.last


def test_touch_to_hear_types_a_repeated_digit_with_one_touch_each(
    kiosk: KioskWindow, voice: RecordingVoice
) -> None:
    pilot = Autopilot(kiosk, "touch")
    pilot.press("home.voice")  # 语音导览: touch to hear
    pilot.start("card-status")
    one, two = pilot.button("key.1"), pilot.button("key.2")
    pilot.tap(one)
    assert _keypad(kiosk).value == "" and "输入 1" in voice.last  # the first touch: heard
    pilot.tap(one)
    assert _keypad(kiosk).value == "1" and voice.last == t("keypad.count", "zh", n=1)
    pilot.tap(one)  # the same key again: types at once, and says so
    assert _keypad(kiosk).value == "11" and voice.last == t("keypad.count", "zh", n=2)
    pilot.tap(two)  # another key: heard first
    assert _keypad(kiosk).value == "11" and "输入 2" in voice.last
    pilot.tap(two)
    assert _keypad(kiosk).value == "112"


def test_a_refused_number_stays_on_the_display_and_the_same_one_again_is_answered_again(
    kiosk: KioskWindow, voice: RecordingVoice, core: KioskApi
) -> None:
    """The keypad's display is built afresh with the screen: it must show what is still typed;
    and a refusal is said every time, though its words are those of the last one."""
    _name, number = core.demo_residents()[0]
    pilot = _to_identify(kiosk)
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")
    pilot.type_digits(wrong)
    pilot.press("keypad.ok")
    keypad = _keypad(kiosk)
    assert keypad.value == wrong
    assert keypad.display.text() == " ".join((wrong[:6], wrong[6:12], wrong[12:]))
    refused = voice.last
    assert t("problem.id_check_digit", "zh") in refused
    QTest.keyClick(kiosk, Qt.Key.Key_Backspace)
    QTest.keyClicks(kiosk, wrong[-1])  # the same wrong digit again
    assert voice.last == t("keypad.count", "zh", n=18)
    pilot.press("keypad.ok")
    assert voice.last == refused


def test_delete_with_nothing_typed_says_so(kiosk: KioskWindow, voice: RecordingVoice) -> None:
    _to_identify(kiosk)
    QTest.keyClick(kiosk, Qt.Key.Key_Backspace)
    assert voice.last == t("keypad.empty", "zh")
