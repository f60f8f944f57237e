"""Languages and sentences as heard by keys alone: a language button's role and place in the
screen's language (its own name in its own), every language of the list from the bar on every
screen with the one in use marked, and sentences ended once, joined without stray spaces."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.api.kiosk import KioskApi
from kiosk.catalog.schema import StepKind
from kiosk.i18n import t
from kiosk.speech.segments import voice_parts
from kiosk.text import languages
from tests.helpers.focus import focused_name
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot

VOICES = {lang.code: lang.voice for lang in languages()}


def key(which: Qt.Key) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    QTest.keyClick(widget, which)


# -- a language button, on a screen in another language ----------------------------------------


def test_a_language_button_says_its_role_and_place_in_the_screens_language(
    kiosk: KioskWindow, voice: RecordingVoice
) -> None:
    kiosk.controls.set_language("en")
    assert focused_name() == "language.zh"
    key(Qt.Key.Key_Down)
    assert focused_name() == "language.yue"
    assert voice.said[-1] == ("Button: 粤语. 改用粤语. Item 2 of 11.", "en")
    # The voice reads the role and the place in English, 粤语 and its words in Cantonese.
    parts = voice_parts(voice.given[-1][0], "en", VOICES)
    assert parts[0] == (VOICES["en"], "Button: ")
    assert parts[-1] == (VOICES["en"], "Item 2 of 11.")
    assert {voice for voice, _words in parts[1:-1]} == {VOICES["yue"]}


# -- every language from the bar ----------------------------------------------------------------


def test_the_bar_offers_every_language_with_the_one_in_use_marked(
    kiosk: KioskWindow, core: KioskApi, voice: RecordingVoice
) -> None:
    pilot = Autopilot(kiosk, "keys", id_number=core.demo_residents()[0][1])
    pilot.press("language.yue")
    pilot.start("card-status")
    pilot.act(StepKind.IDENTIFY)
    assert pilot.button("bar.language").text() == "中文 / English"
    pilot.press("bar.language")
    strip = kiosk.controls.languages
    assert strip is not None
    assert [b.objectName() for b in strip.buttons] == [
        "languages.zh",
        "languages.yue",
        "languages.en",
    ]
    assert [b.isChecked() for b in strip.buttons] == [False, True, False]
    assert focused_name() == "languages.yue"  # where the keys start: the language in use
    heard = voice.last
    assert heard.startswith(t("languages.name", "yue"))
    assert "第2项，粤语，" + t("languages.in_use", "yue") in heard
    assert "第3项，English，Switch to English" in heard
    key(Qt.Key.Key_Down)
    assert focused_name() == "languages.en"
    assert voice.last == "按钮：English。Switch to English。3项中的第3项。"
    key(Qt.Key.Key_Return)
    engine = kiosk.visit.engine
    assert kiosk.prefs.lang == "en" and engine is not None and engine.state.language == "en"
    assert engine.step.id == "status"  # the step stays
    assert kiosk.controls.languages is None  # the strip shut
    assert pilot.button("bar.language").text() == "中文 / 粤语"
    pilot.press("bar.language")
    pilot.press("languages.yue")  # back to Cantonese without going home
    assert kiosk.prefs.lang == "yue" and engine.state.language == "yue"
    assert voice.said[-1][1] == "yue" and "您的社保卡状态" in voice.last


# -- sentences ----------------------------------------------------------------------------------


def test_where_am_i_adds_no_full_stop_after_a_question(
    kiosk: KioskWindow, core: KioskApi, voice: RecordingVoice
) -> None:
    pilot = Autopilot(kiosk, "keys", id_number=core.demo_residents()[0][1])
    pilot.reach("contribution-record", "period")
    key(Qt.Key.Key_F3)
    assert "您想查哪段时间？\n" in voice.last and "？。" not in voice.last
    pilot.press("bar.home")
    kiosk.controls.set_language("en")
    pilot.reach("counter-ticket", "rate")
    key(Qt.Key.Key_F3)
    assert "How was this service?\n" in voice.last and "?." not in voice.last
    assert voice.last.endswith(".")  # what is selected, a sentence too


def test_a_short_id_number_is_told_in_sentences_without_a_stray_space(
    kiosk: KioskWindow, voice: RecordingVoice
) -> None:
    pilot = Autopilot(kiosk, "keys")
    for lang, expected in (
        ("zh", "身份证号码应为 18 位。请核对，改正后再按确定。您输入了 5 位。"),
        ("en", "An ID number has 18 characters. Check it, correct it, then press OK. You typed 5."),
    ):
        kiosk.controls.set_language(lang)
        pilot.start("card-status")
        pilot.type_digits("11010")
        pilot.press("keypad.ok")
        assert kiosk.visit.problem == expected
        assert expected in voice.last
        pilot.press("bar.home")


def test_the_help_strip_says_its_status_as_a_sentence(
    qtbot: QtBot, kiosk: KioskWindow, voice: RecordingVoice
) -> None:
    kiosk.controls.set_language("en")
    Autopilot(kiosk, "keys").press("bar.staff")
    # From home: nothing to carry on. Waited for: a store slow to take the call (a loaded
    # machine) has the press answered first, the outcome after.
    qtbot.waitUntil(lambda: voice.last == "Staff have been told. Please wait here.", timeout=5000)
