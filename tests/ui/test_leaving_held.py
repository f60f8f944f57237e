"""While paper is being printed the visit is not left: Escape, the bar's Back and its Home
answer, shown and said in the resident's language, that it is printing and to wait, so a
certificate never comes out after its visit ended, unannounced. Once the paper is out (or the
print failed) they work as before. Where am I on a screen that waits says what it waits for,
and on the done screen that the service is complete, with no step number."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.api.kiosk import KioskApi
from kiosk.backends.base import Answer
from kiosk.flow.calls import Task
from kiosk.flow.engine import FlowEngine
from kiosk.flow.state import Phase
from kiosk.i18n import t
from kiosk.peripherals.port import PrintOutcome
from kiosk.peripherals.scripted import ScriptedDevices
from tests.helpers.printing import (
    SERVICE,
    at_the_print_step,
    certificate_by_keys,
    failed_print,
    hold_the_printer,
)
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot
from ui.widgets.banner import Banner


def key(which: Qt.Key) -> None:
    """A key to what has the focus, and the events it leads to, without waiting for a print."""
    focused = QApplication.focusWidget()
    assert focused is not None
    QTest.keyClick(focused, which)
    QTest.qWait(50)


def printing(kiosk: KioskWindow, keys: Autopilot, devices: ScriptedDevices) -> None:
    """Print pressed by keys with the printer holding the paper: the step waits, and the
    printer has the document (asked on the session's worker: a loaded machine takes a while)."""
    keys.focus(keys.button("action.print"))
    key(Qt.Key.Key_Return)
    engine = kiosk.visit.engine
    assert engine is not None and engine.state.phase is Phase.WAITING
    deadline = time.monotonic() + 10
    while not devices.printed and time.monotonic() < deadline:
        QTest.qWait(10)
    assert len(devices.printed) == 1


def hold_the_backend(
    core: KioskApi, monkeypatch: pytest.MonkeyPatch, kind: str = ""
) -> threading.Event:
    """The backend's tasks (of ``kind``, else all) answer only once the event returned is set
    (or after 10 s)."""
    answer = threading.Event()
    run_task = core.run_task

    def slow(engine: FlowEngine | None, task: Task) -> Answer:
        if not kind or task.kind == kind:
            answer.wait(10)
        return run_task(engine, task)

    monkeypatch.setattr(core, "run_task", slow)
    return answer


def said_since(voice: RecordingVoice, mark: int) -> str:
    return "\n".join(text for text, _ in voice.said[mark:])


@pytest.mark.parametrize("lang", ["zh", "yue", "en"])
def test_escape_back_and_home_while_printing_stay_and_say_to_wait(
    kiosk: KioskWindow,
    keys: Autopilot,
    devices: ScriptedDevices,
    voice: RecordingVoice,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
) -> None:
    at_the_print_step(keys, lang)
    pending = hold_the_printer(devices, monkeypatch)
    printing(kiosk, keys, devices)
    engine = kiosk.visit.engine
    assert engine is not None
    for leave in ("escape", "bar.back", "bar.home"):
        mark = len(voice.said)
        if leave == "escape":
            key(Qt.Key.Key_Escape)
        else:
            keys.focus(keys.button(leave))
            key(Qt.Key.Key_Return)
        assert kiosk.visit.engine is engine and keys.where() == f"{SERVICE}/print", leave
        assert engine.state.phase is Phase.WAITING and not engine.ended
        words = t("hold.printing", lang)
        assert words in said_since(voice, mark), leave  # heard, in the resident's language
        assert all(said_lang == lang for _, said_lang in voice.said[mark:])
        banner = kiosk.banner
        assert isinstance(banner, Banner) and banner.label.text() == words  # and seen
    assert len(devices.printed) == 1  # nothing printed again
    mark = len(voice.said)
    pending.set_result(PrintOutcome(True))
    keys.settle()
    assert engine.state.printed
    assert t("print.done", lang) in said_since(voice, mark)
    keys.press("bar.home")  # the paper is out: leaving works as before
    assert kiosk.visit.engine is None


def test_after_a_failed_print_home_leaves_as_before(
    kiosk: KioskWindow, keys: Autopilot, devices: ScriptedDevices, monkeypatch: pytest.MonkeyPatch
) -> None:
    at_the_print_step(keys)
    pending = hold_the_printer(devices, monkeypatch)
    printing(kiosk, keys, devices)
    pending.set_result(PrintOutcome(False, "paper_out"))
    keys.settle()
    engine = kiosk.visit.engine
    assert engine is not None and engine.state.print_error == "paper_out"
    keys.press("bar.home")
    assert kiosk.visit.engine is None


def test_a_helper_may_still_end_the_visit_while_it_prints(
    kiosk: KioskWindow, keys: Autopilot, devices: ScriptedDevices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hold is the resident's way out, not staff's: an action run through the session
    (a helper's) ends the visit."""
    at_the_print_step(keys)
    pending = hold_the_printer(devices, monkeypatch)
    printing(kiosk, keys, devices)
    engine = kiosk.visit.engine
    assert engine is not None
    kiosk.visit.staff_action(engine.home)
    assert kiosk.visit.engine is None
    pending.set_result(PrintOutcome(True))


def test_where_am_i_while_printing_says_it_prints_not_an_empty_control(
    kiosk: KioskWindow,
    keys: Autopilot,
    devices: ScriptedDevices,
    voice: RecordingVoice,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    at_the_print_step(keys)
    pending = hold_the_printer(devices, monkeypatch)
    printing(kiosk, keys, devices)
    mark = len(voice.said)
    key(Qt.Key.Key_F3)
    said = said_since(voice, mark)
    assert t("print.working", "zh") in said
    assert "按钮：" not in said and t("where.nothing", "zh") not in said
    pending.set_result(PrintOutcome(True))
    keys.settle()


def test_where_am_i_on_the_done_screen_says_the_service_is_complete_with_no_step_number(
    kiosk: KioskWindow, keys: Autopilot, core: KioskApi, voice: RecordingVoice
) -> None:
    keys.id_number = core.demo_resident(SERVICE)[1]
    keys.reach(SERVICE, "done")
    mark = len(voice.said)
    keys.key(Qt.Key.Key_F3)
    said = said_since(voice, mark)
    engine = kiosk.visit.engine
    assert engine is not None
    assert "步" not in said.partition("\n")[0]  # no "第 5 步，共 5 步": done is not a step
    title = engine.service.title.get("zh")
    assert t("where.done", "zh", service=title) in said


def test_home_while_a_change_is_made_in_the_residents_name_stays_and_says_to_wait(
    kiosk: KioskWindow,
    keys: Autopilot,
    core: KioskApi,
    voice: RecordingVoice,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A change (the phone number saved) left half way would be made after the visit ended,
    and the resident never told it was: Home waits for the backend's answer too."""
    keys.reach("change-phone", "confirm")
    answer = hold_the_backend(core, monkeypatch)
    try:
        keys.focus(keys.button("confirm.yes"))
        key(Qt.Key.Key_Return)
        engine = kiosk.visit.engine
        assert engine is not None and engine.step.id == "save"
        assert engine.state.phase is Phase.WAITING
        mark = len(voice.said)
        keys.focus(keys.button("bar.home"))
        key(Qt.Key.Key_Return)
        assert kiosk.visit.engine is engine and not engine.ended
        assert t("hold.working", "zh") in said_since(voice, mark)
    finally:
        answer.set()
    keys.settle()
    assert engine.answer() is not None and not engine.leaving_held
    keys.press("bar.home")
    assert kiosk.visit.engine is None


def test_home_while_a_counter_ticket_prints_stays_and_says_to_wait(
    kiosk: KioskWindow,
    keys: Autopilot,
    devices: ScriptedDevices,
    voice: RecordingVoice,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    """Paper the visit prints beside a print step (a ticket step's ticket) holds it too."""
    keys.reach("counter-ticket", "business")
    pending = hold_the_printer(devices, monkeypatch)
    keys.focus(keys.button("option.pension"))
    key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: kiosk.visit.tickets.paper == "printing", timeout=5000)
    engine = kiosk.visit.engine
    assert engine is not None and engine.step.id == "ticket"
    mark = len(voice.said)
    keys.focus(keys.button("bar.home"))
    key(Qt.Key.Key_Return)
    assert kiosk.visit.engine is engine and engine.step.id == "ticket"
    assert t("hold.printing", "zh") in said_since(voice, mark)
    pending.set_result(PrintOutcome(True))
    qtbot.waitUntil(lambda: kiosk.visit.tickets.paper == "printed", timeout=5000)
    keys.press("bar.home")
    assert kiosk.visit.engine is None


def test_home_while_a_counter_ticket_is_being_taken_stays_and_says_to_wait(
    kiosk: KioskWindow,
    core: KioskApi,
    devices: ScriptedDevices,
    voice: RecordingVoice,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A ticket asked for after a failed print, its number not yet given: left now, the number
    would be called at a counter for nobody."""
    pilot = certificate_by_keys(kiosk, core)
    failed_print(pilot, devices)
    answer = hold_the_backend(core, monkeypatch, "ticket")
    try:
        pilot.focus(pilot.button("way.counter"))
        key(Qt.Key.Key_Return)
        assert kiosk.visit.tickets.being_taken
        engine = kiosk.visit.engine
        mark = len(voice.said)
        pilot.focus(pilot.button("bar.home"))
        key(Qt.Key.Key_Return)
        assert kiosk.visit.engine is engine
        assert t("hold.working", "zh") in said_since(voice, mark)
    finally:
        answer.set()
    pilot.settle()
    ticket = kiosk.visit.counter_ticket
    assert ticket is not None and ticket.ok and not kiosk.visit.tickets.being_taken
    pilot.press("bar.home")
    assert kiosk.visit.engine is None
