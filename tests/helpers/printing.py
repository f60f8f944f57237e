"""The certificate's print step reached, and a print that fails there: the arrangement of the
tests about what a failed print offers and says (ways forward, a counter ticket, its paper)."""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

import pytest

from kiosk.api.kiosk import KioskApi
from kiosk.peripherals.port import PrintOutcome
from kiosk.peripherals.scripted import ScriptedDevices
from ui.kiosk.window import KioskWindow
from ui.tour.autopilot import Autopilot

SERVICE = "insurance-certificate"  # a service whose print step prints a document on record


def certificate_by_keys(kiosk: KioskWindow, core: KioskApi) -> Autopilot:
    """The autopilot by keys, with a demo resident the certificate serves."""
    return Autopilot(kiosk, "keys", id_number=core.demo_resident(SERVICE)[1])


def at_the_print_step(pilot: Autopilot, lang: str = "zh") -> None:
    """``pilot``, whose resident the certificate serves, brought to the certificate's print
    step in ``lang``."""
    if lang != "zh":
        pilot.press(f"language.{lang}")
    pilot.reach(SERVICE, "print")


def failed_print(
    pilot: Autopilot, devices: ScriptedDevices, lang: str = "zh", reason: str = "paper_out"
) -> None:
    """``pilot`` at the print step (``at_the_print_step``), its print pressed with the
    printer failing for ``reason`` (and still failing after): the failure's screen is on."""
    at_the_print_step(pilot, lang)
    devices.print_outcome = PrintOutcome(False, reason)
    pilot.press("action.print")


def hold_the_printer(
    devices: ScriptedDevices, monkeypatch: pytest.MonkeyPatch
) -> Future[PrintOutcome]:
    """The printer takes each document and holds it: every print waits, its step on
    "printing", until the future returned is given the outcome."""
    pending: Future[PrintOutcome] = Future()

    def held(document: Any) -> Future[PrintOutcome]:
        devices.printed.append(document)
        return pending

    monkeypatch.setattr(devices, "print_document", held)
    return pending
