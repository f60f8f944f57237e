"""The tester's cosmetic list: English without full-width colons, no "。。", the bar's words on
one line in elder mode, elder choices and 不评价 as large as the others, no title claiming a
result before the answer, and a done screen that reminds only of what the resident has."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.api.kiosk import KioskApi
from kiosk.catalog.schema import StepKind
from kiosk.i18n import t
from kiosk.peripherals.scripted import ScriptedDevices
from ui.kiosk.keys import describe
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.theme import STANDARD, Look
from ui.tour.autopilot import Autopilot
from ui.tour.broken import lines
from ui.widgets.button import BigButton
from ui.widgets.wrap import keep_words


def test_english_is_said_with_plain_colons(
    kiosk: KioskWindow, voice: RecordingVoice, core: KioskApi
) -> None:
    _name, number = core.demo_residents()[0]
    pilot = Autopilot(kiosk, "keys", id_number=number)
    pilot.press("language.en")
    pilot.reach("pension-certification", "confirm")
    assert "Name" in voice.last and "：" not in voice.last
    pilot.press("confirm.yes")
    assert "Valid until: " in voice.last and "：" not in voice.last


def test_a_description_with_its_own_full_stop_is_not_given_a_second() -> None:
    look = Look(STANDARD, "standard", False, 6.0)
    button = BigButton(look, "演示：放入示例身份证", description="只在演示中出现。")
    assert "。。" not in describe(button, "zh", (1, 3))
    english = BigButton(look, "Demo", description="Only in the demo.")
    assert ".." not in describe(english, "en", (1, 3))


def _one_line(button: BigButton) -> bool:
    return len(lines(keep_words(button.text()), button.label_font(), button.text_width())) == 1


def test_elder_mode_keeps_the_bar_s_words_on_one_line(kiosk: KioskWindow) -> None:
    pilot = Autopilot(kiosk)
    pilot.press("home.elder")
    assert kiosk.prefs.elder and kiosk.bar is not None
    for name in ("contrast", "staff", "size", "repeat"):
        assert _one_line(kiosk.bar.buttons[name]), name


def test_elder_choices_are_larger_and_skip_is_as_large_as_a_face(
    kiosk: KioskWindow, core: KioskApi
) -> None:
    pilot = Autopilot(kiosk)
    pilot.start("counter-ticket")
    standard = pilot.button("option.pension")
    standard_px, standard_h = standard.label_font().pixelSize(), standard.height()
    pilot.press("bar.home")
    pilot.press("home.elder")
    pilot.start("counter-ticket")
    elder = pilot.button("option.pension")
    assert elder.label_font().pixelSize() >= standard_px * 1.5  # visibly larger
    assert elder.height() > standard_h * 1.2
    look = kiosk.look
    assert elder.label_font().pixelSize() / look.pixels_per_mm >= 10.5  # 30 pt and more
    pilot.act(StepKind.CHOOSE)
    pilot.act(StepKind.TICKET)
    skip, face = pilot.button("rate.skip"), pilot.button("rate.very_satisfied")
    assert skip.width() >= face.width() * 0.95
    assert skip.label_font().pixelSize() == face.label_font().pixelSize()


def test_a_title_does_not_claim_a_result_before_the_answer(
    kiosk: KioskWindow, voice: RecordingVoice, core: KioskApi
) -> None:
    _name, number = core.demo_residents()[0]
    pilot = Autopilot(kiosk, "keys", id_number=number)
    pilot.reach("change-phone", "confirm")
    before = len(voice.said)
    pilot.focus(pilot.button("confirm.yes"))
    QTest.keyClick(QApplication.focusWidget() or kiosk, Qt.Key.Key_Return)
    pilot.settle()
    said = [text for text, _lang in voice.said[before:]]
    waiting = [s for s in said if "正在更新手机号码" in s]  # what the step does, as it works
    assert waiting and all("号码已更新" not in s for s in waiting)
    assert waiting[0].startswith("修改联系电话")  # the service, until the answer is in
    assert said[-1].startswith("号码已更新")


def test_done_reminds_of_the_card_only_when_it_was_read(
    kiosk: KioskWindow, voice: RecordingVoice, core: KioskApi, devices: ScriptedDevices
) -> None:
    name, number = core.demo_residents()[2]
    pilot = Autopilot(kiosk, "keys", id_number=number)
    pilot.reach("contribution-record", "done")  # typed, printed
    assert t("done.take_paper", "zh") in voice.last and "身份证" not in voice.last
    pilot.press("action.finish")
    pilot.reach("contribution-record", "identify")
    devices.present_card({"name": name, "id_number": number})
    pilot.settle()
    for _ in range(20):
        engine = kiosk.visit.engine
        assert engine is not None
        if engine.step.id == "done":
            break
        if engine.step.kind is StepKind.PRINT:
            pilot.press("action.skip_print")  # read from the card, nothing printed
        else:
            pilot.act(engine.step.kind)
    assert t("done.take_card", "zh") in voice.last and "打印件" not in voice.last
