"""The window's devices: kiosk.hardware's drivers behind the small ``Devices`` port.

Until a configuration names real ports, ``kiosk.hardware`` gives simulated ones; while that
module is not there (or fails to open) the kiosk runs with ``FakeDevices``: printing works,
and identification is by typed number.
"""

from __future__ import annotations

import logging

from kiosk.config import Settings
from ui.ports import Core, Devices, FakeDevices

log = logging.getLogger(__name__)


def open_devices(settings: Settings, core: Core) -> Devices:
    try:
        from kiosk import hardware  # noqa: F401  (the devices helper's module)
    except ImportError:
        log.warning("kiosk.hardware not available; printing and card reading are simulated")
        return FakeDevices()
    log.warning("kiosk.hardware found but not yet wired into the UI; using FakeDevices")
    return FakeDevices()
