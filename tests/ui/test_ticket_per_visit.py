"""One counter ticket a visit: a later request, on any step and from any place (a step's way,
the help strip), hands back the ticket already taken, shown and said in the resident's language;
the visit's end forgets it and a new visit may take its own; one taken at home is nobody's once
home goes back to rest."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kiosk.api.kiosk import KioskApi
from kiosk.backends.base import Answer
from kiosk.i18n import t
from kiosk.peripherals.scripted import ScriptedDevices
from kiosk.speech.codes import unmarked
from tests.helpers.help_calls import desk_of, nobody_comes, press_call
from tests.helpers.printing import certificate_by_keys, failed_print
from tests.helpers.tickets import count_tickets
from tests.ui.conftest import Clock
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot
from ui.widgets.text import Label


def ticket_after_a_failed_print(
    kiosk: KioskWindow, core: KioskApi, devices: ScriptedDevices, lang: str = "zh"
) -> tuple[Autopilot, Answer]:
    """A visit whose receipt did not print, and the counter ticket its ways forward took."""
    pilot = certificate_by_keys(kiosk, core)
    failed_print(pilot, devices, lang)
    pilot.press("way.counter")
    pilot.settle()
    ticket = kiosk.visit.counter_ticket
    assert ticket is not None and ticket.ok
    return pilot, ticket


def offer_the_strips_ticket(qtbot: QtBot, kiosk: KioskWindow, pilot: Autopilot) -> None:
    """Call staff, nobody comes past T2: the strip offers a counter ticket."""
    desk_of(kiosk).help_clock = Clock()
    nobody_comes(qtbot, press_call(qtbot, kiosk, pilot))


@pytest.mark.parametrize("lang", ["zh", "yue", "en"])
def test_a_ticket_handed_back_is_said_again_in_the_residents_language(
    kiosk: KioskWindow,
    core: KioskApi,
    devices: ScriptedDevices,
    voice: RecordingVoice,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
) -> None:
    taken = count_tickets(kiosk, monkeypatch)
    pilot, ticket = ticket_after_a_failed_print(kiosk, core, devices, lang)
    number = ticket.values["number"]
    before = len(voice.said)
    kiosk.visit.tickets.take()  # asked again, by a caller that shows nothing of its own
    pilot.settle()
    assert len(taken) == 1 and kiosk.visit.counter_ticket is ticket
    again = t("ticket.again", lang, number=number)
    heard = [unmarked(text) for text, said_in in voice.said[before:] if said_in == lang]
    assert any(again in text and number in text for text in heard), voice.said[before:]
    assert kiosk.current is not None  # and shown, in the failed print's place
    assert t("ticket.number", lang, number=number) in [
        label.accessibleName() for label in kiosk.current.findChildren(Label)
    ]


def test_a_ticket_from_the_strip_on_a_later_step_is_the_one_taken_before(
    qtbot: QtBot,
    kiosk: KioskWindow,
    core: KioskApi,
    devices: ScriptedDevices,
    voice: RecordingVoice,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    taken = count_tickets(kiosk, monkeypatch)
    pilot, ticket = ticket_after_a_failed_print(kiosk, core, devices)
    number = ticket.values["number"]
    pilot.press("action.next")  # on to a later step
    engine = kiosk.visit.engine
    assert engine is not None and engine.step.id != "print"
    assert kiosk.visit.counter_ticket is ticket  # the visit's, not the step's
    offer_the_strips_ticket(qtbot, kiosk, pilot)
    desk = kiosk.desk
    assert desk is not None
    before = len(voice.said)
    desk.strip.ticket_button.click()
    pilot.settle()
    assert len(taken) == 1 and kiosk.visit.counter_ticket is ticket  # no second ticket
    again = t("ticket.again", "zh", number=number)
    assert again in unmarked(desk.strip.words)  # shown on the strip
    said = [text for text, _lang in voice.said[before:] if again in unmarked(text)]
    assert len(said) == 1  # and said, once
    desk.strip.poll()  # the call's status read again, as the strip does every second
    qtbot.waitUntil(lambda: not desk.strip._polling, timeout=5000)
    assert again in unmarked(desk.strip.words)  # the ticket stays shown


def test_a_new_visit_may_take_its_own_ticket_and_the_last_ones_is_forgotten(
    kiosk: KioskWindow,
    core: KioskApi,
    devices: ScriptedDevices,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    taken = count_tickets(kiosk, monkeypatch)
    pilot, first = ticket_after_a_failed_print(kiosk, core, devices)
    pilot.press("bar.home")
    assert kiosk.visit.engine is None and kiosk.visit.counter_ticket is None  # forgotten
    pilot.start("insurance-certificate")
    kiosk.visit.tickets.take()
    pilot.settle()
    second = kiosk.visit.counter_ticket
    assert len(taken) == 2 and second is not None and second.ok
    assert second.values["number"] != first.values["number"]


def test_a_ticket_step_in_a_visit_that_has_a_ticket_shows_that_one(
    qtbot: QtBot,
    kiosk: KioskWindow,
    voice: RecordingVoice,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    taken = count_tickets(kiosk, monkeypatch)
    pilot = Autopilot(kiosk, "keys")
    pilot.start("counter-ticket")
    offer_the_strips_ticket(qtbot, kiosk, pilot)
    desk = kiosk.desk
    assert desk is not None
    desk.strip.ticket_button.click()
    qtbot.waitUntil(lambda: kiosk.visit.counter_ticket is not None, timeout=5000)
    ticket = kiosk.visit.counter_ticket
    assert ticket is not None and ticket.ok and len(taken) == 1
    engine = kiosk.visit.engine
    assert engine is not None and engine.step.id == "business"
    pilot.act(engine.step.kind)  # on to the service's own ticket step
    pilot.settle()
    assert engine.step.id == "ticket" and len(taken) == 1  # it took none
    assert engine.answer() == ticket  # it shows the visit's ticket
    assert kiosk.current is not None
    number = ticket.values["number"]
    assert t("ticket.number", "zh", number=number) in [
        label.accessibleName() for label in kiosk.current.findChildren(Label)
    ]
    assert any(number in text for text, _lang in voice.said[-2:])  # and says it


def test_a_ticket_taken_at_home_is_nobodys_once_home_goes_back_to_rest(
    qtbot: QtBot,
    kiosk: KioskWindow,
    pilot: Autopilot,
    voice: RecordingVoice,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Resident A takes a ticket at home and walks away; resident B, later, is never handed
    A's ticket, shown it or told its number: B's own call offers B's own ticket."""
    taken = count_tickets(kiosk, monkeypatch)
    offer_the_strips_ticket(qtbot, kiosk, pilot)  # at home: no visit
    desk = desk_of(kiosk)
    desk.strip.ticket_button.click()
    qtbot.waitUntil(lambda: kiosk.visit.tickets.paper == "printed", timeout=5000)
    first = kiosk.visit.counter_ticket
    assert first is not None and first.ok and kiosk.visit.engine is None
    number = first.values["number"]
    assert number in desk.strip.words
    # A has gone: home is left untouched and silent for a step's time limit.
    visits = kiosk.visits
    quiet_since = max(visits.last_input, visits.last_speech)
    visits.clock = lambda: quiet_since + kiosk.settings.timing.step_timeout_s + 1
    visits.tick()
    assert kiosk.visit.counter_ticket is None and kiosk.visit.tickets.paper == ""
    assert not desk.following and not desk.strip.isVisible()
    assert number not in desk.strip.words
    # B comes and calls: no one free, B takes a ticket of their own.
    visits.last_input = visits.clock()
    mark = len(voice.said)
    offer_the_strips_ticket(qtbot, kiosk, pilot)
    assert number not in desk.strip.words
    assert desk.strip.ticket_button.isEnabled()
    desk.strip.ticket_button.click()
    qtbot.waitUntil(lambda: kiosk.visit.counter_ticket is not None, timeout=5000)
    second = kiosk.visit.counter_ticket
    assert second is not None and second.ok and len(taken) == 2
    assert second.values["number"] != number
    assert not any(number in text for text, _lang in voice.said[mark:])  # A's never said to B
