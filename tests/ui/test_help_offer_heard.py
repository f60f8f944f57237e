"""The offer of a person ("需要工作人员帮您吗？") as a resident on the keys meets it: said with
its two answers as the screen's last choices, each with its place, after the reason it is made
(the number refused again), with the focus on its first answer so Enter answers it; reached
right after the screen's own choices (after the keypad's OK where the screen has none); gone,
and no longer said, once the step that made it is done or left. Not made beside ways forward
that already call staff (a failed print's)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.i18n import t
from kiosk.peripherals.port import PrintOutcome
from kiosk.peripherals.scripted import ScriptedDevices
from tests.helpers.focus import focused_name
from tests.helpers.help_calls import three_wrong_numbers
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot
from ui.widgets.banner import HelpOfferBanner

OFFER = t("help.offer", "zh")
YES, NO = t("help.offer_yes", "zh"), t("help.offer_no", "zh")


def test_after_three_wrong_numbers_the_answers_are_said_and_follow_the_keypads_ok(
    kiosk: KioskWindow, keys: Autopilot, voice: RecordingVoice
) -> None:
    keys.start("contribution-record")
    three_wrong_numbers(keys)
    said = voice.last
    assert said.startswith(t("problem.id_check_digit", "zh")) and OFFER in said
    assert t("speech.item", "zh", n=1, name=YES) in said
    assert t("speech.item", "zh", n=2, name=NO) in said
    keys.focus(keys.button("keypad.ok"))  # where Enter left it
    keys.key(Qt.Key.Key_Down)
    assert focused_name() == "help.offer_yes"
    assert t("speech.position", "zh", n=1, total=2) in voice.last
    keys.key(Qt.Key.Key_Down)
    assert focused_name() == "help.offer_no"
    assert t("speech.position", "zh", n=2, total=2) in voice.last
    keys.key(Qt.Key.Key_Down)
    assert focused_name() == "bar.home"


def test_the_third_refusal_is_said_then_the_offer_and_enter_answers_the_offer(
    kiosk: KioskWindow, keys: Autopilot, voice: RecordingVoice
) -> None:
    keys.start("contribution-record")
    three_wrong_numbers(keys)
    said = voice.last
    why = said.find(t("problem.id_check_digit", "zh"))
    assert 0 <= why < said.find(OFFER)  # why the number was refused, then the offer
    assert said.endswith(t("speech.focused", "zh", n=1, name=YES))
    assert focused_name() == "help.offer_yes"  # not the keypad's OK, which would send it again
    refusals = kiosk.visit.refusals
    keys.key(Qt.Key.Key_Up)  # the keypad is still there, one key up
    assert focused_name() == "keypad.ok"
    keys.key(Qt.Key.Key_Down)
    keys.key(Qt.Key.Key_Return)
    engine = kiosk.visit.engine
    assert engine is not None and engine.state.help_requested
    assert kiosk.visit.refusals == refusals and not isinstance(kiosk.banner, HelpOfferBanner)


def test_the_third_refusal_while_the_voice_still_talks_says_the_reason_then_the_offer(
    kiosk: KioskWindow, keys: Autopilot, voice: RecordingVoice
) -> None:
    """Cut off mid-sentence, the screen is said again whole: its answer still first, the
    offer after the reason it is made for, and Enter still answers the offer."""
    keys.start("contribution-record")
    three_wrong_numbers(keys, voice)
    said = voice.last
    why = t("problem.id_check_digit", "zh")
    assert said.startswith(why) and said.find(why) < said.find(OFFER)
    assert said.count(OFFER) == 1
    assert said.endswith(t("speech.focused", "zh", n=1, name=YES))
    assert focused_name() == "help.offer_yes"
    keys.key(Qt.Key.Key_Return)
    engine = kiosk.visit.engine
    assert engine is not None and engine.state.help_requested


def test_the_offer_goes_once_the_number_is_accepted_and_later_screens_never_say_it(
    kiosk: KioskWindow, keys: Autopilot, voice: RecordingVoice
) -> None:
    keys.start("contribution-record")
    three_wrong_numbers(keys)
    assert isinstance(kiosk.banner, HelpOfferBanner)
    keys.clear_keypad()
    keys.type_digits(keys.id_number)
    mark = len(voice.said)
    keys.key(Qt.Key.Key_Return)
    assert keys.where() == "contribution-record/period"
    assert not isinstance(kiosk.banner, HelpOfferBanner)
    keys.press("option.last12")
    keys.press("action.next")
    assert keys.where() == "contribution-record/print"
    heard = [text for text, _lang in voice.said[mark:]]
    assert heard and not [text for text in heard if OFFER in text or YES in text]


def test_a_print_failure_calls_staff_by_its_own_way_not_by_the_offer(
    kiosk: KioskWindow, keys: Autopilot, voice: RecordingVoice, devices: ScriptedDevices
) -> None:
    """Its own ways forward already call staff: no offer beside them, its last way is the
    last choice, and F3 names it with its place."""
    keys.reach("insurance-certificate", "print")
    devices.print_outcome = PrintOutcome(False, "paper_out", detail="paper out")
    keys.press("action.print")
    assert not isinstance(kiosk.banner, HelpOfferBanner) and kiosk.current is not None
    choices = kiosk.current.choices()
    names = [button.objectName() for button in choices]
    assert names.count("way.staff") == 1 and "help.offer_yes" not in names
    assert OFFER not in voice.last and YES not in voice.last
    total = len(choices)
    keys.focus(choices[-2])
    keys.key(Qt.Key.Key_Down)
    assert focused_name() == names[-1]
    keys.key(Qt.Key.Key_F3)  # "where am I?" names it with its place
    assert t("speech.position", "zh", n=total, total=total) in voice.last
    devices.print_outcome = PrintOutcome(True)  # paper put in: trying again works
    keys.press("action.retry")
    engine = kiosk.visit.engine
    assert engine is not None and engine.state.printed
    assert not isinstance(kiosk.banner, HelpOfferBanner)
    assert OFFER not in voice.last
