"""A number typed on the keys is not an identity confirmed: the next step says it was received
("已收到身份证号 …", masked), while a card read still says "身份已确认"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.i18n import t
from kiosk.id_numbers import mask
from kiosk.peripherals.scripted import ScriptedDevices
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot

CONFIRMED = {"zh": "身份已确认", "yue": "身份已确认", "en": "Identity confirmed"}


@pytest.mark.parametrize("lang", ["zh", "yue", "en"])
def test_a_typed_number_is_said_as_received_not_confirmed(
    kiosk: KioskWindow, keys: Autopilot, voice: RecordingVoice, lang: str
) -> None:
    kiosk.controls.set_language(lang)
    keys.start("contribution-record")
    keys.type_digits(keys.id_number)
    keys.key(Qt.Key.Key_Return)
    assert keys.where() == "contribution-record/period"
    said = voice.last
    assert CONFIRMED[lang] not in said
    assert t("identify.received_id", lang, masked=mask(keys.id_number)) in said


def test_a_card_read_still_says_the_identity_is_confirmed(
    kiosk: KioskWindow, keys: Autopilot, voice: RecordingVoice, devices: ScriptedDevices
) -> None:
    keys.start("contribution-record")
    devices.present_card({"name": "张三", "id_number": keys.id_number})
    keys.settle()
    assert keys.where() == "contribution-record/period"
    assert CONFIRMED["zh"] in voice.last


def test_a_well_formed_number_nobody_is_on_record_for_is_refused_on_the_identify_step(
    kiosk: KioskWindow, keys: Autopilot, voice: RecordingVoice
) -> None:
    unknown = "11010519900307123"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    unknown += "10X98765432"[sum(int(a) * b for a, b in zip(unknown, weights, strict=True)) % 11]
    keys.start("contribution-record")
    keys.type_digits(unknown)
    keys.key(Qt.Key.Key_Return)
    keys.settle()
    assert keys.where() == "contribution-record/identify"  # said here, not a step later
    said = voice.last
    assert t("problem.id_unknown", "zh") in said
    assert CONFIRMED["zh"] not in said and "已收到身份证号" not in said
    assert kiosk.visit.draft == unknown  # kept on the keypad, to be corrected
