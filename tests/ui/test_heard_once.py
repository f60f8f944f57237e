"""What a resident who cannot see the screen hears, by keys alone: each thing said once where it
matters (who was identified, a step's title while it prints), a card already reported lost told
so and never offered the report, a refusal with a way forward that is not a retry bound to fail,
and a counter ticket the printer could not print said with the number to keep."""

from __future__ import annotations

import pytest

from kiosk.api.kiosk import KioskApi
from kiosk.catalog.schema import StepKind
from kiosk.i18n import print_reason, t
from kiosk.peripherals.port import PrintOutcome
from kiosk.peripherals.scripted import ScriptedDevices
from kiosk.speech.codes import unmarked
from tests.helpers.focus import focused_name
from tests.helpers.printing import at_the_print_step, certificate_by_keys, failed_print
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import GOOD_PHONE, Autopilot
from ui.widgets.text import Notice


def said_since(voice: RecordingVoice, start: int) -> list[str]:
    return [unmarked(text) for text, _lang in voice.said[start:]]  # as heard, codes too


# -- a card already reported lost ---------------------------------------------------------------


def test_a_card_already_reported_lost_is_told_so_and_not_offered_the_report(
    kiosk: KioskWindow, core: KioskApi, voice: RecordingVoice
) -> None:
    number = core.demo_residents()[0][1]
    assert core.backend.report_loss(core.resident_from_number(number)).ok  # at a counter, say
    pilot = Autopilot(kiosk, "keys", id_number=number)
    pilot.start("card-status")
    pilot.act(StepKind.IDENTIFY)
    assert pilot.where() == "card-status/status"
    start = len(voice.said)
    pilot.press("action.next")
    assert pilot.where() == "card-status/already-lost"
    heard = "\n".join(said_since(voice, start))
    assert "这张卡已经挂失" in heard and "8 号窗口" in heard
    assert "卡丢了，我要挂失" not in heard
    pilot.press("action.next")
    assert pilot.where() == "card-status/rate"  # the report and its receipt passed over


def test_a_refused_report_offers_a_person_or_home_never_a_retry(
    kiosk: KioskWindow, core: KioskApi, voice: RecordingVoice
) -> None:
    number = core.demo_residents()[0][1]
    pilot = Autopilot(kiosk, "keys", id_number=number)
    pilot.reach("card-status", "confirm")
    # Reported lost elsewhere meanwhile (another kiosk, the phone line): the backend refuses.
    assert core.backend.report_loss(core.resident_from_number(number)).ok
    start = len(voice.said)
    pilot.press("confirm.yes")
    assert pilot.where() == "card-status/report"
    heard = "\n".join(said_since(voice, start))
    assert "这张卡已经挂失过了" in heard and "8 号窗口" in heard
    assert t("action.retry", "zh") not in heard
    assert "第1项，呼叫工作人员" in heard and t("action.leave", "zh") in heard
    assert focused_name() == "way.staff"
    pilot.press("action.leave")
    assert kiosk.visit.engine is None  # home


# -- said once ----------------------------------------------------------------------------------


def test_who_was_identified_is_not_said_again_when_the_number_is_asked_once_more(
    kiosk: KioskWindow, core: KioskApi, voice: RecordingVoice
) -> None:
    pilot = Autopilot(kiosk, "keys", id_number=core.demo_residents()[0][1])
    pilot.reach("change-phone", "phone")
    assert "已收到身份证号" in voice.last  # a typed number: received
    pilot.type_digits(GOOD_PHONE)
    start = len(voice.said)
    pilot.press("keypad.ok")
    assert pilot.where() == "change-phone/phone"
    screens = [s for s in said_since(voice, start) if not s.startswith("按钮")]
    assert screens == [t("problem.again", "zh")], screens


def test_printing_says_its_progress_not_the_title_again(
    kiosk: KioskWindow, core: KioskApi, voice: RecordingVoice
) -> None:
    pilot = certificate_by_keys(kiosk, core)
    at_the_print_step(pilot)
    engine = kiosk.visit.engine
    assert engine is not None
    title = engine.step.title.get("zh")
    assert title in voice.last
    start = len(voice.said)
    pilot.press("action.print")
    screens = [s for s in said_since(voice, start) if not s.startswith("按钮")]
    assert screens[0] == t("print.working", "zh")
    assert screens[-1].startswith(t("print.done", "zh")) and "第1项，下一步" in screens[-1]
    assert not [s for s in screens if title in s.splitlines()], screens
    assert title in kiosk.last_spoken  # what Repeat says: the whole screen


def test_words_cut_off_by_a_change_are_said_again(
    kiosk: KioskWindow, core: KioskApi, voice: RecordingVoice
) -> None:
    pilot = certificate_by_keys(kiosk, core)
    at_the_print_step(pilot)
    engine = kiosk.visit.engine
    assert engine is not None
    voice.speaking = True  # the step's words still being said as the printer answers
    start = len(voice.said)
    pilot.press("action.print")
    assert engine.step.title.get("zh") in said_since(voice, start)[-1]


# -- a counter ticket without paper -------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "yue", "en"])
def test_a_ticket_the_printer_could_not_print_is_said_with_the_number_to_keep(
    kiosk: KioskWindow, core: KioskApi, devices: ScriptedDevices, voice: RecordingVoice, lang: str
) -> None:
    pilot = certificate_by_keys(kiosk, core)
    failed_print(pilot, devices, lang)
    start = len(voice.said)
    pilot.press("way.counter")  # print it at a counter: a ticket, and no paper for it either
    ticket = kiosk.visit.counter_ticket
    assert ticket is not None and ticket.ok
    number = ticket.values["number"]
    words = t("ticket.not_printed", lang, reason=print_reason("paper_out", lang), number=number)
    assert words in "\n".join(said_since(voice, start))
    assert kiosk.current is not None
    assert words in [notice.text for notice in kiosk.current.findChildren(Notice)]  # shown too
    pilot.press("ticket.again")
    assert unmarked(voice.last).startswith(t("ticket.number", lang, number=number))
    assert voice.said[-1][1] == lang


def test_a_ticket_step_says_when_the_ticket_is_printed_or_not(
    kiosk: KioskWindow, devices: ScriptedDevices, voice: RecordingVoice
) -> None:
    pilot = Autopilot(kiosk, "keys")
    pilot.start("counter-ticket")
    pilot.press("option.medical")
    assert pilot.where() == "counter-ticket/ticket"
    assert t("ticket.printed", "zh") in voice.last
    pilot.press("bar.home")
    devices.print_outcome = PrintOutcome(False, "jammed")
    pilot.start("counter-ticket")
    pilot.press("option.medical")
    engine = kiosk.visit.engine
    assert engine is not None
    answer = engine.answer()
    assert answer is not None
    number = answer.values["number"]
    reason = print_reason("jammed", "zh")
    unprinted = t("ticket.not_printed", "zh", reason=reason, number=number)
    assert unmarked(voice.last).startswith(unprinted)
    assert "再听一遍号码" in voice.last
