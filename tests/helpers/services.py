"""A shipped service completed on the real window by whichever demo resident can."""

from __future__ import annotations

import pytest

from kiosk.api.kiosk import KioskApi
from ui.tour.autopilot import Autopilot


def complete_service(pilot: Autopilot, core: KioskApi, service_id: str) -> None:
    for _name, number in core.demo_residents():
        pilot.id_number = number
        if pilot.complete(service_id):
            return
    pytest.fail(f"no demo resident could complete {service_id}")
