"""Speech that covers everything: positions on focus, where am I (F3), key help (F4), the
rating's skip, personal details only through a headset, a wrong ID number kept with the place to
check, a typed ID number's name, a table page said when turned, and Cantonese throughout."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel
from sqlalchemy import select

from kiosk.api.kiosk import KioskApi
from kiosk.flow.engine import NOT_RATED
from kiosk.i18n import t
from kiosk.speech.normalize import speakable
from kiosk.store.models import Rating
from kiosk.text import in_language
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot
from ui.widgets.button import BigButton


def test_focus_moves_say_role_name_and_place(kiosk: KioskWindow, voice: RecordingVoice) -> None:
    QTest.keyClick(kiosk, Qt.Key.Key_Down)  # past the languages (each named in its own)
    QTest.keyClick(kiosk, Qt.Key.Key_Down)
    focused = QApplication.focusWidget()
    assert focused is not None
    choices = kiosk.current.choices() if kiosk.current else []
    assert isinstance(focused, BigButton)  # one of the screen's choices
    n = choices.index(focused) + 1
    assert voice.last.startswith("按钮：")
    assert voice.last.endswith(t("speech.position", "zh", n=n, total=len(choices)) + "。")


def test_home_says_every_service_in_order_then_how_to_choose(
    kiosk: KioskWindow, core: KioskApi
) -> None:
    said = kiosk.last_spoken
    titles = [s.title.get("zh") for s in sorted(core.catalogue.services, key=lambda s: s.order)]
    places = [said.index(title) for title in titles]
    assert places == sorted(places)
    # every other listed language, in its own name and its own voice
    assert "第1项，" + in_language("粤语", "yue") in said
    assert t("speech.how_to_choose", "zh") in said


def test_where_am_i_says_service_step_and_selection(
    kiosk: KioskWindow, voice: RecordingVoice, pilot: Autopilot
) -> None:
    QTest.keyClick(kiosk, Qt.Key.Key_F3)
    assert t("where.home", "zh") in voice.last
    pilot.reach("card-status", "next")
    engine = kiosk.visit.engine
    assert engine is not None
    QTest.keyClick(kiosk, Qt.Key.Key_Down)
    QTest.keyClick(kiosk, Qt.Key.Key_F3)
    assert "社保卡状态查询与挂失" in voice.last
    # Step 3: the report (up to 7 steps) or straight to rating (4): the choice is still open,
    # and the step passed over for a card already lost is not counted.
    assert (engine.step_number, engine.step_count) == (3, 7)
    assert "第 3 步，最多 7 步" in voice.last
    shown = [label.text() for label in kiosk.findChildren(QLabel) if label.isVisible()]
    assert "第 3 步，最多 7 步" in shown  # shown as said
    assert "当前是：按钮：" in voice.last


def test_key_help_names_keys_without_acting(kiosk: KioskWindow, voice: RecordingVoice) -> None:
    QTest.keyClick(kiosk, Qt.Key.Key_F4)
    assert voice.last == t("keys.help_on", "zh")
    QTest.keyClick(kiosk, Qt.Key.Key_Down)
    assert voice.last == t("keyname.next", "zh")
    QTest.keyClick(kiosk, Qt.Key.Key_Return)
    assert voice.last == t("keyname.enter", "zh") and kiosk.visit.engine is None  # not acted
    QTest.keyClick(kiosk, Qt.Key.Key_5)
    assert voice.last == t("keyname.digit", "zh", char="5")
    QTest.keyClick(kiosk, Qt.Key.Key_Escape)
    assert voice.last == t("keyname.back", "zh")
    QTest.keyClick(kiosk, Qt.Key.Key_F4)
    assert voice.last == t("keys.help_off", "zh")
    QTest.keyClick(kiosk, Qt.Key.Key_Down)
    assert voice.last.startswith("按钮：English")  # keys act again (English named in English)


def test_rating_has_no_preselected_answer_and_can_be_skipped(
    kiosk: KioskWindow, pilot: Autopilot, core: KioskApi
) -> None:
    pilot.reach("counter-ticket", "rate")
    assert kiosk.current is not None  # the rating screen is showing
    faces = [
        b
        for b in kiosk.current.choices()
        if b.objectName().startswith("rate.") and b.objectName() != "rate.skip"
    ]
    assert [f.accessibleName() for f in faces] == [
        "非常满意",
        "满意",
        "基本满意",
        "不满意",
        "非常不满意",
    ]
    assert not any(f.isChecked() for f in faces)
    assert not any(f.hasFocus() for f in faces)
    assert pilot.button("rate.skip").hasFocus()
    assert "现在在第6项：不评价" in kiosk.last_spoken
    engine = kiosk.visit.engine
    assert engine is not None
    QTest.keyClick(kiosk, Qt.Key.Key_Return)  # Enter alone: no rating given
    assert engine.ended
    core.sink.flush()
    with core.store.sessions() as session:
        assert session.scalars(select(Rating.level)).all() == [NOT_RATED]


def test_personal_details_only_through_a_headset(
    kiosk: KioskWindow, voice: RecordingVoice, core: KioskApi
) -> None:
    name, number = core.demo_residents()[0]
    pilot = Autopilot(kiosk, "touch", id_number=number)
    pilot.reach("card-status", "confirm")
    heard = voice.last
    assert name in kiosk.last_spoken.replace("\u27e6", "").replace("\u27e7", "")  # on screen too
    assert name not in heard
    assert "卡号：尾号" in speakable(heard, "zh")  # a masked number: only its last digits
    assert "持卡人等个人信息不在扬声器上读出" in heard
    voice.headset = True
    QTest.keyClick(kiosk, Qt.Key.Key_F1)  # any key: then Repeat
    pilot.press("bar.repeat")
    assert name in voice.last and "不在扬声器上读出" not in voice.last


def test_a_wrong_id_number_stays_typed_with_what_to_check(
    kiosk: KioskWindow, voice: RecordingVoice
) -> None:
    pilot = Autopilot(kiosk, "keys")
    pilot.reach("card-status", "identify")
    wrong_date = "110105194913310021"  # month 13
    pilot.type_digits(wrong_date)
    pilot.press("keypad.ok")
    assert kiosk.visit.draft == wrong_date
    assert t("problem.id_span", "zh", first=7, last=14) in kiosk.visit.problem
    assert t("problem.id_birth_date", "zh") in voice.last


def test_a_typed_id_number_shows_the_name(kiosk: KioskWindow, core: KioskApi) -> None:
    name, number = core.demo_residents()[0]
    pilot = Autopilot(kiosk, "keys", id_number=number)
    pilot.reach("card-status", "confirm")
    engine = kiosk.visit.engine
    assert engine is not None and engine.state.resident is not None
    assert engine.state.resident.method == "keypad" and engine.state.resident.name == name


def test_cantonese_everywhere(kiosk: KioskWindow, voice: RecordingVoice, pilot: Autopilot) -> None:
    pilot.press("language.yue")
    assert kiosk.prefs.lang == "yue" and voice.said[-1][1] == "yue"
    assert "第1项，" + in_language("中文", "zh") in kiosk.last_spoken  # in the Mandarin voice
    QTest.keyClick(kiosk, Qt.Key.Key_Down)  # past the languages (each said in its own)
    QTest.keyClick(kiosk, Qt.Key.Key_Down)
    assert (
        voice.said[-1][1] == "yue" and voice.last.startswith("按钮：") and "项中的第" in voice.last
    )  # Chinese words


def test_where_am_i_is_a_button_too(kiosk: KioskWindow, voice: RecordingVoice) -> None:
    pilot = Autopilot(kiosk)
    pilot.press("bar.sound")
    pilot.press("speech.where")
    assert t("where.home", "zh") in voice.last
