"""Every shipped service completed on the real window: by touch in Chinese, by keys alone in
English. Nothing here is written for one service: the list comes from the catalogue."""

from __future__ import annotations

import pytest

from kiosk.api.kiosk import KioskApi
from kiosk.catalog.loader import load_catalogue
from kiosk.config import DEFAULT_SERVICES_DIR
from kiosk.peripherals.scripted import ScriptedDevices
from tests.helpers.services import complete_service
from ui.kiosk.window import KioskWindow
from ui.tour.autopilot import Autopilot

SERVICES = [s.id for s in load_catalogue(DEFAULT_SERVICES_DIR).services]


@pytest.mark.parametrize("service_id", SERVICES)
def test_by_touch_in_chinese(
    kiosk: KioskWindow, core: KioskApi, service_id: str, devices: ScriptedDevices
) -> None:
    pilot = Autopilot(kiosk, "touch")
    complete_service(pilot, core, service_id)
    assert kiosk.visit.engine is None
    assert kiosk.current is not None and kiosk.current.kind == "home"
    # A print step prints its document; a ticket step prints the counter ticket.
    kinds = {s.kind.value for s in core.catalogue.get(service_id).steps}
    needs_print = bool(kinds & {"print", "ticket"})
    assert bool(devices.printed) == needs_print


@pytest.mark.parametrize("service_id", SERVICES)
def test_by_keys_alone_in_english(kiosk: KioskWindow, core: KioskApi, service_id: str) -> None:
    pilot = Autopilot(kiosk, "keys")
    kiosk.controls.set_language("en")
    assert kiosk.prefs.lang == "en"
    complete_service(pilot, core, service_id)
    assert kiosk.visit.engine is None
