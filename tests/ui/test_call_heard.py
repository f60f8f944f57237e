"""A call for staff heard by a resident who cannot see the screen: no one free offers a ticket
that can be taken from home too, by touch or by keys, and says how; "where am I" mentions the
call; going home keeps the call followed, a visit timed out cancels it and says so; while a
person is on the way the visit waits and home keeps the resident's language. A call from a
finished visit's last screen is recorded as made at that visit's end, with no step's number."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.api.kiosk import KioskApi
from kiosk.assist import requests as help_requests
from kiosk.assist import staff
from kiosk.assist.views import request_view
from kiosk.flow.state import Phase
from kiosk.i18n import t
from kiosk.peripherals.scripted import ScriptedDevices
from tests.helpers.help_calls import desk_of, nobody_comes, press_call
from tests.ui.conftest import Clock
from ui.assist.desk import HelpDesk
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot


def _call(qtbot: QtBot, kiosk: KioskWindow, pilot: Autopilot) -> HelpDesk:
    """The call pressed on a help clock the test moves (``nobody_comes``)."""
    desk_of(kiosk).help_clock = Clock()
    return press_call(qtbot, kiosk, pilot)


def _status(core: KioskApi, request_id: int | None) -> str:
    assert request_id is not None
    view = request_view(core.store.sessions, request_id)
    assert view is not None
    return view.status


def test_no_one_free_offers_a_ticket_from_home_taken_by_keys(
    qtbot: QtBot,
    kiosk: KioskWindow,
    pilot: Autopilot,
    voice: RecordingVoice,
    devices: ScriptedDevices,
) -> None:
    desk = _call(qtbot, kiosk, pilot)
    nobody_comes(qtbot, desk)
    ticket = desk.strip.ticket_button
    assert ticket.isVisible()  # at home too
    assert t("help.ticket_how", "zh") in voice.last  # said, with how to take it
    for _ in range(60):  # the arrow keys reach it, as the words say
        if ticket.hasFocus():
            break
        QTest.keyClick(QApplication.focusWidget() or kiosk, Qt.Key.Key_Down)
    assert ticket.hasFocus()
    QTest.keyClick(ticket, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "排队号是" in desk.strip.words, timeout=5000)
    assert voice.last == desk.strip.words and kiosk.visit.engine is None
    qtbot.waitUntil(lambda: len(devices.printed) == 1, timeout=5000)  # and on paper


def test_where_am_i_mentions_the_open_call(
    qtbot: QtBot, kiosk: KioskWindow, pilot: Autopilot, voice: RecordingVoice
) -> None:
    desk = _call(qtbot, kiosk, pilot)
    QTest.keyClick(kiosk, Qt.Key.Key_F3)
    assert t("where.call", "zh", status=desk.strip.words) in voice.last


def test_going_home_keeps_the_call_followed(
    qtbot: QtBot, kiosk: KioskWindow, pilot: Autopilot, voice: RecordingVoice, core: KioskApi
) -> None:
    pilot.start("card-status")
    desk = _call(qtbot, kiosk, pilot)
    pilot.press("bar.home")
    assert kiosk.visit.engine is None
    assert desk.following and desk.strip.isVisible()  # not gone silently
    assert _status(core, desk.request_id) == "requested"
    QTest.keyClick(kiosk, Qt.Key.Key_F3)
    assert t("where.call", "zh", status=desk.strip.words) in voice.last


def test_a_visit_timed_out_cancels_its_call_and_says_so(
    qtbot: QtBot, kiosk: KioskWindow, pilot: Autopilot, voice: RecordingVoice, core: KioskApi
) -> None:
    pilot.start("card-status")
    desk = _call(qtbot, kiosk, pilot)
    nobody_comes(qtbot, desk)  # no person expected now: the time limit runs again
    request_id = desk.request_id
    engine = kiosk.visit.engine
    assert engine is not None
    start = engine.clock()
    engine.clock = lambda: start + engine.timings.step_timeout_s + 1
    kiosk.visits.tick()
    engine.clock = lambda: start + engine.timings.step_timeout_s + engine.timings.warning_s + 2
    kiosk.visits.tick()
    assert kiosk.visit.engine is None
    qtbot.waitUntil(lambda: not desk.following and not desk.strip.isVisible(), timeout=5000)
    assert t("help.cancelled", "zh") in voice.last
    assert _status(core, request_id) == "cancelled"


@pytest.mark.parametrize("coming", [False, True])
def test_a_visit_waits_for_the_person_on_the_way(
    qtbot: QtBot, kiosk: KioskWindow, pilot: Autopilot, core: KioskApi, coming: bool
) -> None:
    pilot.start("card-status")
    desk = _call(qtbot, kiosk, pilot)
    if coming:
        helper = staff.add_staff(core.store.sessions, "1024", "李师傅", "2468")
        assert desk.request_id is not None
        help_requests.acknowledge(core.store.sessions, desk.request_id, helper.id, eta_s=60)
        qtbot.waitUntil(lambda: "李师傅" in desk.strip.words, timeout=5000)
    engine = kiosk.visit.engine
    assert engine is not None
    start = engine.clock()
    engine.clock = lambda: start + engine.timings.step_timeout_s * 3
    kiosk.visits.tick()
    assert kiosk.visit.engine is engine and engine.state.phase is Phase.ACTIVE  # no warning


def test_home_keeps_the_language_while_a_person_is_on_the_way(
    qtbot: QtBot, kiosk: KioskWindow, pilot: Autopilot, core: KioskApi, voice: RecordingVoice
) -> None:
    pilot.press("language.en")
    desk = _call(qtbot, kiosk, pilot)
    helper = staff.add_staff(core.store.sessions, "1024", "李师傅", "2468")
    assert desk.request_id is not None
    help_requests.acknowledge(core.store.sessions, desk.request_id, helper.id, eta_s=60)
    qtbot.waitUntil(lambda: "李师傅 is on the way" in desk.strip.words, timeout=5000)
    kiosk.visits.clock = lambda: kiosk.visits.last_input + kiosk.settings.timing.step_timeout_s + 1
    kiosk.visits.tick()
    assert kiosk.prefs.lang == "en" and desk.strip.isVisible()
    assert voice.said[-1][1] == "en"


def test_a_call_from_the_finished_screen_is_recorded_at_the_visits_end(
    qtbot: QtBot, kiosk: KioskWindow, keys: Autopilot, core: KioskApi
) -> None:
    keys.id_number = core.demo_resident("insurance-certificate")[1]
    keys.reach("insurance-certificate", "done")
    engine = kiosk.visit.engine
    assert engine is not None and engine.ended  # finished, its last screen still up
    desk = press_call(qtbot, kiosk, keys)
    assert desk.request_id is not None
    view = request_view(core.store.sessions, desk.request_id)
    assert view is not None
    assert view.service_id == "insurance-certificate" and view.step == engine.step.id
    assert view.context.get("at_end") is True and "step_number" not in view.context
