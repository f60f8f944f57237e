"""Personal details heard by a resident who cannot see the screen: on the loudspeaker one short
notice and what is not personal (how many months, which ones), never a notice per cell; through
a headset everything. Results, the receipt read back, a phone number, an identity confirmed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.api.kiosk import KioskApi
from kiosk.catalog.schema import StepKind
from kiosk.i18n import t
from kiosk.id_numbers import mask
from kiosk.peripherals.scripted import ScriptedDevices
from kiosk.speech.normalize import speakable
from tests.helpers.printing import at_the_print_step, certificate_by_keys
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import GOOD_PHONE, Autopilot
from ui.widgets.text import Notice


def _repeat(kiosk: KioskWindow, pilot: Autopilot) -> str:
    QTest.keyClick(kiosk, Qt.Key.Key_F1)  # any key first: Repeat then reads the screen
    pilot.press("bar.repeat")
    voice = pilot.window.voice
    assert isinstance(voice, RecordingVoice)  # the kiosk fixture records what is said
    return voice.last


def test_results_on_the_loudspeaker_are_one_notice_and_the_months(
    kiosk: KioskWindow, voice: RecordingVoice, core: KioskApi
) -> None:
    _name, number = core.demo_residents()[2]
    pilot = Autopilot(kiosk, "keys", id_number=number)
    pilot.reach("contribution-record", "record")
    heard = voice.last
    assert "9150" not in heard and "8,786" not in heard and "¥" not in heard  # no amount
    assert heard.count(t("private.inline", "zh")) == 0  # no notice per cell
    assert heard.count("不在扬声器上读出") == 1  # one notice, naming what was kept back
    assert "个人缴纳合计、单位缴纳合计" in heard
    assert "缴费月数：12" in heard  # what is not personal is said
    assert t("table.rows", "zh", n=12) in heard and "月份从 " in heard  # the months covered
    assert len(heard) < 500  # seconds, not minutes
    voice.headset = True
    full = _repeat(kiosk, pilot)
    assert "不在扬声器上读出" not in full
    assert "¥8,786.40" in full and "9150.00" in full  # every figure, through the headset


def test_a_table_page_is_said_once_laid_out(
    kiosk: KioskWindow, voice: RecordingVoice, core: KioskApi
) -> None:
    _name, number = core.demo_residents()[2]
    pilot = Autopilot(kiosk, "keys", id_number=number)
    pilot.reach("contribution-record", "period")
    before = len(voice.said)
    pilot.press("option.last12")
    said = [text for text, _lang in voice.said[before:]]
    assert not any(text.startswith("第 1 页") for text in said)  # fitting a page is not news
    assert said[-1].startswith("您的缴费记录")


def test_the_receipt_is_read_back_from_its_document(
    kiosk: KioskWindow, voice: RecordingVoice, core: KioskApi
) -> None:
    name, number = core.demo_residents()[2]
    pilot = Autopilot(kiosk, "keys", id_number=number)
    pilot.reach("contribution-record", "print")
    pilot.press("action.print")
    heard = voice.last
    assert t("print.receipt_says", "zh") in heard
    assert "月份：基数" not in heard and "(元" not in heard  # no header broken on paper
    assert name not in heard and "8,786" not in heard and "9150" not in heard
    assert "110108" not in heard and "1038" not in heard  # the ID number: nothing of it
    what = "姓名、身份证号、个人缴费合计、表中金额"
    assert t("private.printed_items", "zh", what=what) in heard  # said to be on the paper
    assert "查询期间：最近 12 个月" in heard and t("table.rows", "zh", n=12) in heard
    assert heard.count("不在扬声器上读出") == 1
    assert "示范服务大厅 自助服务终端" in heard  # the footer whole
    voice.headset = True
    full = _repeat(kiosk, pilot)
    assert name in full and "¥8,786.40" in full and "9150.00" in full


@pytest.mark.parametrize("lang", ["zh", "yue", "en"])
def test_a_printed_certificate_says_no_part_of_the_id_number_aloud(
    kiosk: KioskWindow, voice: RecordingVoice, core: KioskApi, lang: str
) -> None:
    """The loudspeaker says that the personal details are on the paper and not read aloud,
    and nothing of the ID number, not even the last digits its mask shows; a headset hears
    it as printed."""
    pilot = certificate_by_keys(kiosk, core)
    at_the_print_step(pilot, lang)
    pilot.press("action.print")
    heard = voice.last
    number = pilot.id_number
    assert t("print.receipt_says", lang) in heard
    assert mask(number) not in heard and number[-4:] not in heard and number[:6] not in heard
    ending = "ending in" if lang == "en" else "尾号"
    assert ending not in speakable(heard, lang)
    names = "Name, ID number" if lang == "en" else "姓名、身份证号"
    assert t("private.printed_items", lang, what=names) in heard
    assert t("private.notice_items", lang, what=names) not in heard  # one notice, not two
    voice.headset = True
    assert mask(number) in _repeat(kiosk, pilot)  # as it is on the paper


def _notices(kiosk: KioskWindow) -> list[str]:
    current = kiosk.current
    assert current is not None
    return [n.text for n in current.findChildren(Notice)]


def test_a_typed_number_accepted_is_said_received_with_its_last_digits(
    kiosk: KioskWindow, voice: RecordingVoice, core: KioskApi
) -> None:
    name, number = core.demo_residents()[0]
    masked = f"{number[:6]}********{number[-4:]}"
    pilot = Autopilot(kiosk, "keys", id_number=number)
    pilot.reach("card-status", "identify")
    start = len(voice.said)
    pilot.act(StepKind.IDENTIFY)
    confirmed = t("identify.received_id", "zh", masked=masked)
    # Said once, as the card's status is looked up; not again with the status.
    said = [text for text, _lang in voice.said[start:] if confirmed in text]
    assert len(said) == 1, said
    heard = said[0]
    assert heard.startswith(confirmed) and t("backend.waiting", "zh") in heard
    assert name not in heard and "不在扬声器上读出" not in heard  # nothing more to say of it
    assert speakable(heard, "zh").startswith("已收到身份证号 尾号")
    assert t("identify.received", "zh", name=name, masked=masked) in _notices(kiosk)
    voice.headset = True
    assert _repeat(kiosk, pilot).startswith(t("identify.received", "zh", name=name, masked=masked))
    assert kiosk.visit.engine is not None  # the visit goes on
    pilot.act(kiosk.visit.engine.step.kind)
    assert not any("已收到身份证号" in n for n in _notices(kiosk))  # the next step: said once


def test_a_card_read_is_confirmed_too(
    kiosk: KioskWindow, voice: RecordingVoice, core: KioskApi, devices: ScriptedDevices
) -> None:
    name, number = core.demo_residents()[0]
    pilot = Autopilot(kiosk, "keys", id_number=number)
    pilot.reach("card-status", "identify")
    start = len(voice.said)
    devices.present_card({"name": name, "id_number": number})
    pilot.settle()
    said = [text for text, _lang in voice.said[start:] if text.startswith("身份已确认，身份证号 ")]
    assert len(said) == 1 and said[0].startswith("身份已确认，身份证号 " + number[:6]), said
    assert any(name in n for n in _notices(kiosk))


def test_a_new_phone_number_is_masked_on_the_loudspeaker_both_times(
    kiosk: KioskWindow, voice: RecordingVoice, core: KioskApi
) -> None:
    _name, number = core.demo_residents()[0]
    pilot = Autopilot(kiosk, "keys", id_number=number)
    pilot.reach("change-phone", "confirm")
    assert GOOD_PHONE not in voice.last and "新手机号码：139****5678" in voice.last
    voice.headset = True
    assert "新手机号码：" + GOOD_PHONE in _repeat(kiosk, pilot)  # in full, privately
    voice.headset = False
    pilot.press("confirm.yes")
    assert GOOD_PHONE not in voice.last and "新号码：139****5678" in voice.last
    assert "尾号五六七八" in speakable(voice.last, "zh")
