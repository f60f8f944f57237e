"""A helper at the kiosk window: the PIN pad typed, signed in, and a resident's call to answer."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.helpers.help_calls import desk_of, press_call
from ui.assist.actions import StaffActionsPanel
from ui.assist.desk import HelpDesk
from ui.kiosk.window import KioskWindow
from ui.tour.autopilot import Autopilot

PIN = "2468"


def type_on_pad(kiosk: KioskWindow, staff_no: str, pin: str) -> None:
    """The staff control, then the staff number and the PIN on its pad, as a helper types them."""
    desk = desk_of(kiosk)
    desk.entry.click()
    assert desk.helper.pad_open and desk.helper.pad is not None and desk.side is desk.helper.pad
    for key in [*staff_no, "确定", *pin, "确定"]:
        desk.helper.pad.keys[key].click()


def actions_of(kiosk: KioskWindow) -> StaffActionsPanel:
    panel = desk_of(kiosk).helper.actions
    assert panel is not None
    return panel


def sign_in(qtbot: QtBot, kiosk: KioskWindow) -> StaffActionsPanel:
    """王芳 signs in at the kiosk and takes over: her actions panel."""
    type_on_pad(kiosk, "1024", PIN)
    qtbot.waitUntil(lambda: desk_of(kiosk).helper.takeover is not None, timeout=5000)
    return actions_of(kiosk)


def call_staff(qtbot: QtBot, kiosk: KioskWindow, pilot: Autopilot) -> HelpDesk:
    """A resident in a service presses 呼叫工作人员: the desk, once the call is in the store and
    the help strip shows its status."""
    pilot.start("card-status")
    return press_call(qtbot, kiosk, pilot)


def open_pad(kiosk: KioskWindow) -> None:
    desk = desk_of(kiosk)
    desk.entry.click()
    assert desk.helper.pad_open and desk.helper.pad is not None


def open_pad_and_sign_in(kiosk: KioskWindow, qtbot: QtBot) -> None:
    open_pad(kiosk)
    sign_in_on_open_pad(kiosk, qtbot)


def sign_in_on_open_pad(kiosk: KioskWindow, qtbot: QtBot) -> None:
    at_kiosk = desk_of(kiosk).helper
    pad = at_kiosk.pad
    assert pad is not None
    for key in [*"1024", "确定", *PIN, "确定"]:
        pad.keys[key].click()
    qtbot.waitUntil(lambda: at_kiosk.actions is not None, timeout=5000)
