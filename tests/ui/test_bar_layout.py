"""The bar at the largest size: every control kept, none pushing the window past the panel."""

from __future__ import annotations

import pytest

from kiosk.api.kiosk import KioskApi
from tests.helpers.services import complete_service
from ui.kiosk.window import KioskWindow
from ui.tour.autopilot import Autopilot


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_largest_landscape_bar_has_a_column_and_a_keypad_path(
    kiosk: KioskWindow, core: KioskApi, lang: str
) -> None:
    kiosk.prefs = kiosk.prefs._replace(size="largest", lang=lang)
    kiosk.redraw()
    bar, column, desk = kiosk.bar, kiosk.bar_column, kiosk.desk
    assert bar is not None and column is not None and desk is not None
    assert column.isAncestorOf(bar.buttons["sound"]) and column.isAncestorOf(desk.entry)
    assert all(b.isVisible() for b in bar.buttons.values()) and desk.entry.isVisible()
    assert kiosk.isActiveWindow()  # the column never shows as a window of its own
    complete_service(Autopilot(kiosk, "keys"), core, "contribution-record")
    assert (kiosk.width(), kiosk.height()) == (1920, 1080)
