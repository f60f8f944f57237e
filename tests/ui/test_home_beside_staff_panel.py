"""Home at the largest text size in landscape with a helper signed in at the kiosk: the staff
panel takes room beside the task, and home's tiles still show their words whole (fewer columns),
in Chinese and in English."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kiosk.api.kiosk import KioskApi
from kiosk.assist import staff
from kiosk.text import Lang
from tests.helpers.staff import PIN, open_pad_and_sign_in
from ui.kiosk.window import KioskWindow
from ui.screens.home import HomeScreen
from ui.tour.measure import measure
from ui.widgets.button import BigButton


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_home_tiles_fit_beside_the_staff_panel_at_the_largest_size(
    kiosk: KioskWindow, core: KioskApi, qtbot: QtBot, lang: Lang
) -> None:
    staff.add_staff(core.store.sessions, "1024", "王芳", PIN, badge="BADGE-1024")
    kiosk.prefs = kiosk.prefs._replace(size="largest", lang=lang)
    kiosk.redraw()
    open_pad_and_sign_in(kiosk, qtbot)
    assert kiosk.desk is not None and kiosk.desk.helper.actions is not None
    qtbot.waitUntil(kiosk.desk.helper.actions.isVisible)
    home = kiosk.current
    assert isinstance(home, HomeScreen)
    qtbot.wait(10)  # the panel came beside home as it was: home's layout settles
    found = measure(home, kiosk.look.pixels_per_mm)
    assert found.clipped == [] and found.broken == [], (found.clipped, found.broken)
    kiosk.redraw()  # home drawn afresh with the panel beside it (a setting, a visit's end)
    home = kiosk.current
    assert isinstance(home, HomeScreen)
    found = measure(home, kiosk.look.pixels_per_mm)
    assert found.clipped == [] and found.broken == [], (found.clipped, found.broken)
    tiles = [f"service.{s.id}" for s in home.ordered]
    assert all(home.findChild(BigButton, name).isVisible() for name in tiles)  # type: ignore[union-attr]
