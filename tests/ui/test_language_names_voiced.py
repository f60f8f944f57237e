"""A language's own name said in its own voice on every screen: 粤语 in Cantonese on a Mandarin
screen (both Chinese script, so the script cannot tell them apart), 中文 in Mandarin on a
Cantonese one, each on an English one; the role and place words in the screen's language."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.api.kiosk import KioskApi
from kiosk.catalog.schema import StepKind
from kiosk.speech.normalize import family, speakable
from kiosk.speech.segments import voice_parts
from kiosk.text import languages
from tests.helpers.focus import focused_name
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot

VOICES = {lang.code: lang.voice for lang in languages()}
CMN, YUE, EN = VOICES["zh"], VOICES["yue"], VOICES["en"]


def heard(voice: RecordingVoice) -> list[tuple[str, str]]:
    """The last words the voice was given, as the synthesiser cuts them into voices."""
    text, lang = voice.given[-1]
    return voice_parts(speakable(text, lang), family(lang), VOICES)


def voice_of(parts: list[tuple[str, str]], words: str) -> str:
    """The voice that says ``words`` (the one part that holds them)."""
    holding = [voice for voice, said in parts if words in said]
    assert len(holding) == 1, (words, parts)
    return holding[0]


def key(which: Qt.Key) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    QTest.keyClick(widget, which)


def down_to(name: str) -> None:
    for _ in range(20):
        if focused_name() == name:
            return
        key(Qt.Key.Key_Down)
    raise AssertionError(f"{name} not reached by the keys")


def test_on_a_mandarin_screen_cantonese_is_said_in_the_cantonese_voice(
    kiosk: KioskWindow, voice: RecordingVoice
) -> None:
    assert kiosk.prefs.lang == "zh"
    down_to("language.en")
    key(Qt.Key.Key_Up)
    assert focused_name() == "language.yue"
    assert voice.said[-1] == ("按钮：粤语。改用粤语。11项中的第1项。", "zh")
    parts = heard(voice)
    assert parts[0] == (CMN, "按钮：")  # the role in the screen's language
    assert voice_of(parts, "粤语。改用粤语") == YUE
    assert voice_of(parts, "项中的第") == CMN  # the place too


def test_on_a_cantonese_screen_mandarin_is_said_in_the_mandarin_voice(
    kiosk: KioskWindow, voice: RecordingVoice
) -> None:
    kiosk.controls.set_language("yue")
    assert focused_name() == "language.zh"
    down_to("language.en")
    key(Qt.Key.Key_Up)
    assert focused_name() == "language.zh"
    assert voice.said[-1] == ("按钮：中文。改用中文。11项中的第1项。", "yue")
    parts = heard(voice)
    assert parts[0] == (YUE, "按钮：")
    assert voice_of(parts, "中文。改用中文") == CMN
    assert voice_of(parts, "项中的第") == YUE
    # The whole screen, as home says it: each language in its own voice.
    home = voice_parts(speakable(kiosk.last_spoken, "yue"), "yue", VOICES)
    assert voice_of(home, "中文，改用中文") == CMN
    assert voice_of(home, "English，Switch to English") == EN


def test_on_an_english_screen_each_chinese_name_in_its_own_voice(
    kiosk: KioskWindow, voice: RecordingVoice
) -> None:
    kiosk.controls.set_language("en")
    assert focused_name() == "language.zh"
    down_to("language.yue")
    key(Qt.Key.Key_Up)
    assert focused_name() == "language.zh"
    parts = heard(voice)
    assert parts[0] == (EN, "Button: ")
    assert voice_of(parts, "中文. 改用中文") == CMN
    down_to("language.yue")
    assert voice_of(heard(voice), "粤语. 改用粤语") == YUE


def test_the_bar_and_the_language_strip_say_each_name_in_its_own_voice(
    kiosk: KioskWindow, core: KioskApi, voice: RecordingVoice
) -> None:
    pilot = Autopilot(kiosk, "keys", id_number=core.demo_residents()[0][1])
    pilot.start("card-status")
    pilot.act(StepKind.IDENTIFY)
    bar = pilot.button("bar.language")
    assert bar.text() == "粤语 / English"
    bar.setFocus(Qt.FocusReason.TabFocusReason)
    parts = heard(voice)
    assert parts[0] == (CMN, "按钮：")
    assert voice_of(parts, "粤语") == YUE
    assert voice_of(parts, "English") == EN
    pilot.press("bar.language")  # the strip opens and says every language
    strip = voice_parts(speakable(voice.given[-1][0], "zh"), "zh", VOICES)
    assert voice_of(strip, "粤语，改用粤语") == YUE
    assert voice_of(strip, "中文，现在用的语言") == CMN
    assert voice_of(strip, "English，Switch to English") == EN
