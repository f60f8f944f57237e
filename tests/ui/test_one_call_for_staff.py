"""One way to call staff, one way to go on: a screen whose own ways forward already call staff
(a failed print, a lookup that went wrong) is not also given the offer of a person, and its
sentence ("您可以：") is followed by its list, nothing said between. A screen that waits
(printing again) offers nothing; an offer answered or passed on a step is not made again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.i18n import t
from kiosk.peripherals.port import PrintOutcome
from kiosk.peripherals.scripted import ScriptedDevices
from tests.helpers.help_calls import three_wrong_numbers
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot
from ui.widgets.banner import HelpOfferBanner
from ui.widgets.button import BigButton

OFFER = t("help.offer", "zh")
YES, NO = t("help.offer_yes", "zh"), t("help.offer_no", "zh")
STAFF, NEXT = t("bar.call_staff", "zh"), t("action.next", "zh")


def listed(said: str, name: str) -> int:
    """How many entries of the spoken list ("第n项，…") are ``name``."""
    return sum(1 for line in said.split() if line.endswith(f"，{name}"))


@pytest.mark.parametrize("lang", ["zh", "yue", "en"])
def test_a_failed_print_lists_one_call_for_staff_and_one_way_on(
    kiosk: KioskWindow,
    keys: Autopilot,
    voice: RecordingVoice,
    devices: ScriptedDevices,
    lang: str,
) -> None:
    kiosk.controls.set_language(lang)
    keys.reach("insurance-certificate", "print")
    devices.print_outcome = PrintOutcome(False, "paper_out", detail="paper out")
    keys.press("action.print")
    assert not isinstance(kiosk.banner, HelpOfferBanner)
    assert kiosk.current is not None
    names = [b.objectName() for b in kiosk.current.choices()]
    assert names.count("way.staff") == 1 and "help.offer_yes" not in names
    assert "help.offer_no" not in names
    said = voice.last
    assert t("help.offer", lang) not in said and t("help.offer_yes", lang) not in said
    # The sentence that ends "you can:" is followed straight by the list's first entry.
    failed = t("print.failed", lang, reason=t("print.reason.paper_out", lang))
    after = said[said.index(failed) + len(failed) :].lstrip("\n")
    first = kiosk.current.choices()[0]
    assert isinstance(first, BigButton)
    assert after.startswith(t("speech.item", lang, n=1, name=first.text().split("\n")[0])[:4])


def test_reprinting_after_paper_out_offers_nothing_while_it_prints(
    kiosk: KioskWindow, keys: Autopilot, voice: RecordingVoice, devices: ScriptedDevices
) -> None:
    keys.reach("insurance-certificate", "print")
    devices.print_outcome = PrintOutcome(False, "paper_out", detail="paper out")
    keys.press("action.print")
    devices.print_outcome = PrintOutcome(True)
    mark = len(voice.said)
    keys.press("action.retry")
    heard = " ".join(text for text, _lang in voice.said[mark:])
    assert OFFER not in heard and YES not in heard and NO not in heard


def test_a_lookup_that_finds_nothing_lists_one_call_for_staff(
    kiosk: KioskWindow, keys: Autopilot, voice: RecordingVoice, devices: ScriptedDevices
) -> None:
    """A card read for someone the records do not hold (a typed number is refused earlier, on
    the identify step): the lookup finds nothing."""
    unknown = "11010519900307123"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    unknown += "10X98765432"[sum(int(a) * b for a, b in zip(unknown, weights, strict=True)) % 11]
    keys.start("contribution-record")
    devices.present_card({"name": "张三", "id_number": unknown})
    keys.settle()
    for _ in range(4):
        if kiosk.current is not None and any(
            b.objectName() == "way.staff" for b in kiosk.current.choices()
        ):
            break
        choices = kiosk.current.choices() if kiosk.current is not None else []
        keys.press(choices[0].objectName())
    assert kiosk.current is not None
    names = [b.objectName() for b in kiosk.current.choices()]
    assert names.count("way.staff") == 1 and "help.offer_yes" not in names
    assert listed(voice.last, STAFF) == 1 and OFFER not in voice.last


def test_an_offer_declined_is_not_made_again_on_the_same_step(
    kiosk: KioskWindow, keys: Autopilot, voice: RecordingVoice
) -> None:
    keys.start("contribution-record")
    three_wrong_numbers(keys)
    keys.focus(keys.button("help.offer_no"))
    keys.key(Qt.Key.Key_Return)
    assert not isinstance(kiosk.banner, HelpOfferBanner)
    mark = len(voice.said)
    keys.clear_keypad()
    good = keys.id_number
    keys.type_digits(good[:-1] + ("0" if good[-1] != "0" else "1"))
    keys.key(Qt.Key.Key_Return)  # a fourth wrong number
    assert not isinstance(kiosk.banner, HelpOfferBanner)
    heard = " ".join(text for text, _lang in voice.said[mark:])
    assert OFFER not in heard
