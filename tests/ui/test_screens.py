"""Screen kinds in their less travelled states: identity by card and by QR, backend and printer
failures with ways forward, paged tables, a poor rating with its reason, help sent."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractScrollArea, QScrollBar
from pytestqt.qtbot import QtBot

from devices.printer.layout import document_text
from kiosk.api.kiosk import KioskApi
from kiosk.backends.base import Answer, AnswerError, Table
from kiosk.catalog.schema import Text
from kiosk.flow.events import EventKind, MemorySink
from kiosk.flow.state import Outcome
from kiosk.peripherals.port import PrintOutcome
from kiosk.peripherals.scripted import ScriptedDevices
from tests.helpers.printing import failed_print
from ui.kiosk.window import KioskWindow
from ui.screens.print import PrintScreen
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot
from ui.widgets.qr import QrView
from ui.widgets.table import PagedTable
from ui.widgets.text import Label, Notice


def _resident(core: KioskApi) -> tuple[str, str]:
    return core.demo_residents()[0]


def test_card_reader_identifies(
    kiosk: KioskWindow, pilot: Autopilot, devices: ScriptedDevices, core: KioskApi
) -> None:
    pilot.start("card-status")
    assert devices.watching
    name, number = _resident(core)
    devices.present_card({"name": name, "id_number": number})
    pilot.settle()
    engine = kiosk.visit.engine
    assert engine is not None and engine.step.id != "identify"
    assert engine.state.resident is not None and engine.state.resident.method == "card"
    assert not devices.watching


def test_unknown_qr_is_worded_with_what_to_do(
    kiosk: KioskWindow, pilot: Autopilot, devices: ScriptedDevices, voice: RecordingVoice
) -> None:
    pilot.start("card-status")
    devices.present_qr("not-a-known-code")
    pilot.settle()
    notices = [n for n in kiosk.findChildren(Notice) if n.isVisible()]
    assert any("二维码不能使用" in n.text for n in notices)
    assert "二维码不能使用" in voice.last


def test_backend_failure_offers_retry_and_staff(
    kiosk: KioskWindow, pilot: Autopilot, core: KioskApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []

    def down(engine: object, task: object) -> Answer:
        calls.append(task)
        return Answer(error=AnswerError.UNAVAILABLE)

    monkeypatch.setattr(kiosk.visit.api, "run_task", down)
    pilot.start("card-status")
    pilot.type_digits(pilot.id_number)
    pilot.press("keypad.ok")
    assert "系统暂时连不上" in " ".join(n.text for n in kiosk.findChildren(Notice))
    pilot.press("action.retry")
    assert len(calls) == 2
    pilot.press("way.staff")
    assert kiosk.help_status == "sent"


def test_printer_failure_words_reason_and_ways(
    kiosk: KioskWindow, pilot: Autopilot, devices: ScriptedDevices
) -> None:
    failed_print(pilot, devices)
    assert isinstance(kiosk.current, PrintScreen)
    assert "打印机没纸了" in " ".join(n.text for n in kiosk.findChildren(Notice))
    pilot.press("way.phone")
    # A 掌上办 link to the hall server, never the receipt's words (nothing personal in a QR).
    shown = [q.data for q in kiosk.findChildren(QrView) if q.isVisible() and q.data]
    assert shown and all("/m/" in data and "王" not in data for data in shown)
    pilot.press("way.counter")
    pilot.settle()
    assert kiosk.visit.counter_ticket is not None and kiosk.visit.counter_ticket.ok
    devices.print_outcome = PrintOutcome(True)
    pilot.press("action.retry")
    engine = kiosk.visit.engine
    assert engine is not None and engine.state.printed


def test_long_tables_are_paged_never_scrolled(
    kiosk: KioskWindow, pilot: Autopilot, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = tuple((f"2025-{m:02d}", f"¥{m}00.00") for m in range(1, 13)) * 2
    answer = Answer(table=Table((Text("月份", "Month"), Text("金额", "Amount")), rows))
    monkeypatch.setattr(kiosk.visit.api, "run_task", lambda engine, task: answer)
    pilot.start("contribution-record")
    pilot.type_digits(pilot.id_number)
    pilot.press("keypad.ok")
    pilot.press("option.last12")
    table = next(t for t in kiosk.findChildren(PagedTable) if t.isVisible())
    assert table.pages > 1
    assert not any(w.isVisible() for w in kiosk.findChildren(QScrollBar))
    assert not any(w.isVisible() for w in kiosk.findChildren(QAbstractScrollArea))
    pilot.press("page.next")
    assert table.page == 1


def test_poor_rating_asks_why_then_records(
    kiosk: KioskWindow, pilot: Autopilot, devices: ScriptedDevices
) -> None:
    pilot.start("counter-ticket")
    pilot.press("option.pension")
    assert kiosk.visit.devices is devices
    ticket = devices.printed[-1]
    text = document_text(ticket, 32)
    assert "A001" in text and "3-5" in text and "查询码" in text
    assert any("/m/" in getattr(e, "data", "") for e in ticket.elements)
    pilot.press("action.next")
    pilot.press("rate.dissatisfied")
    engine = kiosk.visit.engine
    assert engine is not None and engine.step.id == "rate"
    pilot.press("reason.slow")
    assert engine.step.id == "done" and engine.state.outcome is Outcome.COMPLETED


def test_rating_can_be_skipped_and_is_recorded_as_not_rated(
    kiosk: KioskWindow, pilot: Autopilot
) -> None:
    pilot.start("counter-ticket")
    pilot.press("option.pension")
    pilot.press("action.next")
    engine = kiosk.visit.engine
    assert engine is not None and engine.step.id == "rate"
    engine.sink = sink = MemorySink()
    pilot.press("rate.skip")
    assert engine.step.id == "done" and engine.state.outcome is Outcome.COMPLETED
    rated = [d for _, kind, d in sink.events if kind is EventKind.RATED]
    assert rated == [
        {"step": "rate", "level": "not_rated", "reason": "", "service": "counter-ticket"}
    ]


def test_the_ticket_says_where_to_go_and_who_is_ahead_in_words(
    kiosk: KioskWindow, pilot: Autopilot
) -> None:
    def shown() -> list[str]:
        screen = kiosk.current
        assert screen is not None  # the ticket is showing
        return [label.text() for label in screen.findChildren(Label) if label.isVisible()]

    pilot.start("counter-ticket")
    pilot.press("option.pension")  # the day's first: no one ahead
    assert {"前面没有人等候，下一位就是您", "请到 3-5 号窗口办理"} <= set(shown())
    assert kiosk.current is not None
    heard = kiosk.current.speech()
    assert "前面没有人等候，下一位就是您" in heard and "请到 3-5 号窗口办理" in heard
    assert not [line for line in shown() if "0 人" in line]
    pilot.press("bar.language")
    pilot.press("languages.en")
    assert {"No one is ahead of you: you are next", "Please go to counter 3-5"} <= set(shown())
    pilot.press("bar.home")
    pilot.start("counter-ticket")
    pilot.press("option.pension")
    assert {"1 person ahead of you", "Please go to counter 3-5"} <= set(shown())


def test_call_staff_from_home_records_and_shows_it(
    qtbot: QtBot, kiosk: KioskWindow, pilot: Autopilot, voice: RecordingVoice
) -> None:
    pilot.press("bar.staff")
    assert kiosk.help_status == "sent"
    # Said with the help strip's first reading of the call, on the strip's own worker (the
    # pilot waits for the window's): under load it came after the pilot was done.
    qtbot.waitUntil(lambda: "已通知工作人员" in voice.last, timeout=5000)


def test_language_switch_mid_visit_keeps_the_step(kiosk: KioskWindow, pilot: Autopilot) -> None:
    pilot.start("service-guide")
    pilot.press("bar.language")
    pilot.press("languages.en")
    engine = kiosk.visit.engine
    assert engine is not None and engine.state.language == "en" and engine.step.id == "topic"
    assert pilot.button("option.retire").text() == "Retiring"
