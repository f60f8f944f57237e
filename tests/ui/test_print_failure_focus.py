"""The print-failure screen on the keys: a way forward that leaves the resident on the same
screen (drawn again with what it brought) keeps the focus on the choice made, not the screen's
first, unless the choice is gone (a ticket takes the place of the way that took it); what the
choice brought is said. A new step still starts on its first choice."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton

from kiosk.i18n import t
from kiosk.peripherals.port import PrintOutcome
from kiosk.peripherals.scripted import ScriptedDevices
from tests.helpers.focus import focused_name
from tests.helpers.printing import failed_print
from ui.kiosk.window import KioskWindow
from ui.screens.print import PrintScreen
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot


def test_a_way_forward_keeps_the_focus_on_the_choice(
    kiosk: KioskWindow, keys: Autopilot, devices: ScriptedDevices, voice: RecordingVoice
) -> None:
    failed_print(keys, devices)
    assert isinstance(kiosk.current, PrintScreen)
    assert focused_name() == "action.retry"  # the failure drawn: its first way forward
    keys.press("way.phone")
    assert focused_name() == "way.phone"
    assert t("print.qr_about", "zh") in voice.last  # what the choice brought, said
    keys.press("action.retry")  # still no paper: the same screen again
    assert focused_name() == "action.retry"
    keys.press("way.counter")
    ticket = kiosk.visit.counter_ticket
    assert ticket is not None and ticket.ok
    # The ticket takes the place of the way that took it (never a second ticket): that choice
    # is gone, the ticket's number is said, and the focus is on the screen's first way again.
    assert kiosk.current is not None
    assert kiosk.current.findChild(QAbstractButton, "way.counter") is None
    assert ticket.values["number"] in voice.last
    assert focused_name() == "action.retry"
    devices.print_outcome = PrintOutcome(True)
    keys.press("action.next")  # a new step: its own first choice
    assert not isinstance(kiosk.current, PrintScreen)
    current = kiosk.current
    assert current is not None
    first = current.first_focus()
    assert first is not None and focused_name() == first.objectName()
