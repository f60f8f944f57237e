"""A counter ticket is taken once and its paper is said wherever it was taken: a print that
failed offers one, and once taken the choice gives way to that ticket (never a second: one a
visit, tests/ui/test_ticket_per_visit.py); a ticket
taken from the help strip that the printer could not print says so, with the number to keep."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kiosk.api.kiosk import KioskApi
from kiosk.backends.base import Answer
from kiosk.i18n import print_reason, t
from kiosk.peripherals.port import PrintOutcome
from kiosk.peripherals.scripted import ScriptedDevices
from kiosk.speech.codes import unmarked
from tests.helpers.help_calls import desk_of, nobody_comes, press_call
from tests.helpers.printing import certificate_by_keys, failed_print
from tests.helpers.tickets import count_tickets
from tests.ui.conftest import Clock
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot, Stuck
from ui.widgets.text import Label


def test_a_failed_print_takes_one_counter_ticket_and_then_says_that_one(
    kiosk: KioskWindow,
    core: KioskApi,
    devices: ScriptedDevices,
    voice: RecordingVoice,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    taken = count_tickets(kiosk, monkeypatch)
    pilot = certificate_by_keys(kiosk, core)
    failed_print(pilot, devices)
    pilot.press("way.counter")
    ticket = kiosk.visit.counter_ticket
    assert ticket is not None and ticket.ok and len(taken) == 1
    number = ticket.values["number"]
    with pytest.raises(Stuck):  # the way that took it is gone: nothing to press again
        pilot.button("way.counter")
    for way in ("action.retry", "way.staff", "action.next"):  # the other ways stay
        pilot.button(way)
    assert kiosk.current is not None
    assert t("ticket.number", "zh", number=number) in [
        label.accessibleName() for label in kiosk.current.findChildren(Label)
    ]  # the ticket taken is shown in its place
    # A second ask (the strip's button, say) is handed this ticket again and takes none.
    ready: list[Answer] = []
    again: list[str] = []
    kiosk.visit.tickets.take(on_ready=ready.append, on_again=again.append)
    pilot.settle()
    assert len(taken) == 1 and kiosk.visit.counter_ticket is ticket and ready == []
    assert len(again) == 1 and t("ticket.again", "zh", number=number) in unmarked(again[0])


def test_two_presses_before_the_answer_take_one_ticket(
    kiosk: KioskWindow,
    core: KioskApi,
    devices: ScriptedDevices,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    taken = count_tickets(kiosk, monkeypatch)
    pilot = certificate_by_keys(kiosk, core)
    failed_print(pilot, devices)
    kiosk.visit.tickets.take()
    kiosk.visit.tickets.take()  # before the first one's answer is in
    pilot.settle()
    assert len(taken) == 1


@pytest.mark.parametrize("lang", ["zh", "yue", "en"])
def test_a_strip_ticket_the_printer_could_not_print_says_so_with_the_number(
    qtbot: QtBot,
    kiosk: KioskWindow,
    pilot: Autopilot,
    devices: ScriptedDevices,
    voice: RecordingVoice,
    lang: str,
) -> None:
    desk = desk_of(kiosk)
    desk.help_clock = Clock()
    if lang != "zh":
        pilot.press(f"language.{lang}")
    pilot.start("card-status")
    press_call(qtbot, kiosk, pilot)
    nobody_comes(qtbot, desk)  # the ticket is offered
    devices.print_outcome = PrintOutcome(False, "paper_out")
    desk.strip.ticket_button.click()
    qtbot.waitUntil(lambda: kiosk.visit.counter_ticket is not None, timeout=5000)
    ticket = kiosk.visit.counter_ticket
    assert ticket is not None and ticket.ok
    number = ticket.values["number"]
    words = t("ticket.not_printed", lang, reason=print_reason("paper_out", lang), number=number)
    qtbot.waitUntil(lambda: words in unmarked(desk.strip.words), timeout=5000)  # shown
    heard = [(unmarked(text), said_in) for text, said_in in voice.said]
    assert (words, lang) in heard  # and said, in the resident's language
    assert t("help.ticket_taken", lang, number=number, counter=ticket.values["counter"]) in (
        unmarked(desk.strip.words)
    )
