"""The print step reached by keys, and a print that fails there: the arrangement of the tests
about what a failed print offers and says (a counter ticket in its place, its paper)."""

from __future__ import annotations

from kiosk.api.kiosk import KioskApi
from kiosk.peripherals.port import PrintOutcome
from kiosk.peripherals.scripted import ScriptedDevices
from ui.kiosk.window import KioskWindow
from ui.tour.autopilot import Autopilot

SERVICE = "insurance-certificate"  # a service whose print step prints a document on record


def at_the_print_step(kiosk: KioskWindow, core: KioskApi, lang: str = "zh") -> Autopilot:
    """The autopilot by keys, with a demo resident the certificate serves, in ``lang``,
    brought to the certificate's print step."""
    pilot = Autopilot(kiosk, "keys", id_number=core.demo_resident(SERVICE)[1])
    if lang != "zh":
        pilot.press(f"language.{lang}")
    pilot.reach(SERVICE, "print")
    return pilot


def failed_print(
    kiosk: KioskWindow,
    core: KioskApi,
    devices: ScriptedDevices,
    lang: str = "zh",
    reason: str = "paper_out",
) -> Autopilot:
    """The print step as above, its print pressed with the printer failing for ``reason``
    (which stays so): the failure's screen, with its ways forward, is on."""
    pilot = at_the_print_step(kiosk, core, lang)
    devices.print_outcome = PrintOutcome(False, reason)
    pilot.press("action.print")
    return pilot
