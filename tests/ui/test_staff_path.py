"""The human path in the real kiosk window: a call followed to the helper's arrival, an
undelivered call, escalation to a counter ticket, and a takeover from the staff control to hand
back, every action audited; every shipped service completed by a helper."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from kiosk.api.kiosk import KioskApi
from kiosk.assist import audit, staff
from kiosk.assist import requests as help_requests
from kiosk.assist.vocabulary import StaffInfo
from kiosk.catalog.schema import StepKind
from kiosk.flow.engine import FlowEngine
from kiosk.flow.state import Outcome
from kiosk.peripherals.scripted import ScriptedDevices
from tests.helpers.help_calls import desk_of, nobody_comes
from tests.helpers.staff import PIN, actions_of, call_staff, sign_in, type_on_pad
from tests.ui.conftest import Clock
from ui.assist.desk import HelpDesk
from ui.kiosk.window import KioskWindow
from ui.screens.registry import SCREENS
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot, Stuck


@pytest.fixture
def wang(core: KioskApi) -> StaffInfo:
    return staff.add_staff(core.store.sessions, "1024", "王芳", PIN, badge="BADGE-1024")


def said(voice: RecordingVoice) -> str:
    return "\n".join(text for text, _lang in voice.said)


def test_call_told_then_helper_coming_shown_and_spoken(
    qtbot: QtBot,
    kiosk: KioskWindow,
    pilot: Autopilot,
    voice: RecordingVoice,
    core: KioskApi,
    wang: StaffInfo,
) -> None:
    desk = call_staff(qtbot, kiosk, pilot)
    assert desk.strip.isVisible() and "已通知工作人员" in desk.strip.words
    assert "已通知工作人员" in said(voice)
    assert desk.request_id is not None
    # The resident may carry on: the task is still there beneath the strip.
    assert kiosk.visit.engine is not None and kiosk.current is not None
    help_requests.acknowledge(core.store.sessions, desk.request_id, wang.id, eta_s=90)
    qtbot.waitUntil(lambda: "王芳 正在赶来" in desk.strip.words, timeout=5000)
    assert "工作人员 王芳 正在赶来" in said(voice)
    # A second press does not raise a second call; it says the status again.
    before = desk.request_id
    pilot.press("bar.staff")
    assert desk.request_id == before and voice.last == desk.strip.words


def test_undelivered_call_gives_directions_and_a_ticket(
    qtbot: QtBot, kiosk: KioskWindow, pilot: Autopilot, voice: RecordingVoice, core: KioskApi
) -> None:
    desk = desk_of(kiosk)
    release = threading.Event()
    object.__setattr__(core.settings.assist, "delivery_timeout_s", 0.05)

    def stuck(_snapshot: object, _reason: str) -> int:
        release.wait(5)  # the store does not answer in time
        return 0

    core.send_help = stuck  # type: ignore[method-assign,assignment]
    try:
        pilot.start("card-status")
        reference = kiosk.visit.engine.state.reference  # type: ignore[union-attr]
        pilot.press("bar.staff")
        qtbot.waitUntil(lambda: reference in desk.strip.words, timeout=5000)
        words = desk.strip.words
        assert "人工服务窗口" in words and "12333" in words and f"-{reference}" in words
        assert words in said(voice)
        assert kiosk.help_status == "failed"
    finally:
        release.set()


def test_no_answer_in_t2_offers_a_counter_ticket_with_the_summary(
    qtbot: QtBot, kiosk: KioskWindow, pilot: Autopilot, voice: RecordingVoice
) -> None:
    desk_of(kiosk).help_clock = Clock()
    desk = call_staff(qtbot, kiosk, pilot)
    nobody_comes(qtbot, desk)
    assert desk.strip.ticket_button.isVisible() and "12333" in desk.strip.words
    assert "人工窗口排队号" in said(voice)
    desk.strip.ticket_button.click()
    qtbot.waitUntil(lambda: "排队号是" in desk.strip.words, timeout=5000)
    assert desk.strip.words in said(voice)


def test_takeover_from_the_staff_control_to_hand_back_all_audited(
    qtbot: QtBot,
    kiosk: KioskWindow,
    pilot: Autopilot,
    voice: RecordingVoice,
    core: KioskApi,
    wang: StaffInfo,
) -> None:
    desk = call_staff(qtbot, kiosk, pilot)  # the resident calls; the helper comes, signs in
    engine = kiosk.visit.engine
    assert engine is not None and engine.step.kind is StepKind.IDENTIFY
    type_on_pad(kiosk, "1024", "1111")
    pad = desk.helper.pad
    assert pad is not None
    qtbot.waitUntil(lambda: "未能登录" in pad.message.text(), timeout=5000)
    assert desk.helper.takeover is None
    for key in [*PIN, "确定"]:
        pad.keys[key].click()
    qtbot.waitUntil(lambda: desk.helper.takeover is not None, timeout=5000)
    assert kiosk.visit.engine is engine and engine.state.assisted_by  # paused, not replaced
    assert desk.banner.isVisible() and desk.banner.text() == "工作人员 王芳（工号 1024）正在协助您"
    assert "正在协助您" in said(voice)
    own_clock = engine.clock
    engine.clock = lambda: engine.state.last_activity + 10_000  # no timeout while assisted
    assert kiosk.visit.tick() is None
    panel = actions_of(kiosk)
    panel.reason.setCurrentText("已人工核对证件")
    panel.id_number.setText(core.demo_resident("card-status")[1])
    panel.buttons["identity"].click()  # without the PIN again: refused
    assert engine.state.resident is None and "密码" in panel.message.text()
    panel.pin.setText("0000")  # not the helper's: refused, and audited
    panel.buttons["identity"].click()
    qtbot.waitUntil(lambda: "未能登录" in panel.message.text(), timeout=5000)
    assert engine.state.resident is None
    panel.pin.setText(PIN)
    panel.buttons["identity"].click()
    qtbot.waitUntil(lambda: engine.state.resident is not None, timeout=5000)
    assert engine.state.resident is not None and engine.step.kind is not StepKind.IDENTIFY
    assert desk.banner.isVisible()  # on every following screen
    step = engine.step.id
    panel.reason.setCurrentText("居民要求")
    panel.buttons["skip"].click()
    pilot.settle()  # each action waits for the helper's account to be read again
    assert engine.step.id != step
    panel.buttons["hand_back"].click()
    pilot.settle()
    assert (
        desk.helper.takeover is None
        and not desk.banner.isVisible()
        and not engine.state.assisted_by
    )
    assert "交还" in said(voice)
    # The resident's own time again: the clock above would have the kiosk ask "are you still
    # there?" at its next tick, and a press that answers that presses nothing else.
    engine.clock = own_clock
    for _ in range(10):  # the resident finishes
        current = kiosk.visit.engine
        if current is None or current.step.kind is StepKind.DONE:
            break
        pilot.act(current.step.kind)
    assert engine.state.outcome is Outcome.COMPLETED_WITH_HELP
    pilot.press("action.finish")
    assert core.flush(5)
    rows = audit.entries(core.store.sessions)
    actions = [row.action for row in rows]
    for action in ("takeover_begin", "identity_confirmed", "skip_step", "hand_back"):
        assert action in actions, actions
    # The kiosk's own entry at start (what the last run left open) is no helper's.
    visit_rows = [
        r for r in rows if not r.action.startswith("staff_") and r.action != "recovered_at_start"
    ]
    assert visit_rows and all(r.staff_id == wang.id for r in visit_rows)
    assert all(r.kiosk_id == core.kiosk_id for r in visit_rows)
    assert all(r.visit_id == engine.state.visit_id for r in visit_rows)
    assert "staff_sign_in_failed" in actions and "staff_sign_in" in actions  # PIN attempts


def test_helper_switches_printer_and_reader_off_and_leaves_kiosk_mode(
    qtbot: QtBot, core: KioskApi, wang: StaffInfo
) -> None:
    devices = ScriptedDevices()
    window = KioskWindow(
        core, RecordingVoice(), devices, screens=SCREENS, desk=HelpDesk, locked=False
    )
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    try:
        pilot = Autopilot(window, "touch", id_number=core.demo_resident("card-status")[1])
        panel = sign_in(qtbot, window)  # at home: no visit in progress
        assert not panel.buttons["skip"].isEnabled() and panel.buttons["leave"].isEnabled()
        panel.reason.setCurrentText("打印机故障")
        panel.device.setCurrentIndex(panel.device.findData("printer"))
        panel.buttons["device"].click()
        panel.device.setCurrentIndex(panel.device.findData("idcard"))
        panel.buttons["device"].click()
        pilot.settle()
        assert window.visit.switched_off == {"printer", "idcard"}
        panel.reason.setCurrentText("维护")
        panel.pin.setText(PIN)
        panel.buttons["leave"].click()
        qtbot.waitUntil(lambda: window.lock.left_kiosk == "维护", timeout=5000)
        assert window.isVisible()  # windowed: noted only
        panel.buttons["hand_back"].click()
        pilot.settle()
        pilot.start("card-status")
        assert devices.watching  # the scanner still listens; the card reader's answers dropped
        devices.present_card({"id_number": "110101195001011234"})
        pilot.settle()
        assert window.visit.engine is not None
        assert window.visit.engine.step.kind is StepKind.IDENTIFY
        assert core.flush(5)
        actions = [row.action for row in audit.entries(core.store.sessions)]
        assert actions.count("switch_off_device") == 2 and "leave_kiosk_mode" in actions
    finally:
        window.shutdown()
        window.close()
        window.deleteLater()


def test_printer_switched_off_offers_ways_forward_without_trying(
    qtbot: QtBot, kiosk: KioskWindow, pilot: Autopilot, devices: ScriptedDevices, core: KioskApi
) -> None:
    kiosk.visit.switch_off("printer")
    pilot.id_number = core.demo_resident("contribution-record")[1]
    pilot.start("contribution-record")
    engine = kiosk.visit.engine
    for _ in range(10):
        engine = kiosk.visit.engine
        assert engine is not None
        if engine.step.kind is StepKind.PRINT:
            break
        pilot.act(engine.step.kind)
    assert engine is not None
    assert engine.state.print_error == "switched_off" and devices.printed == []
    pilot.button("way.counter")
    with pytest.raises(Stuck):  # no retry: the printer is out of use
        pilot.button("action.retry")


def test_badge_scanned_while_the_pad_is_open_signs_in(
    qtbot: QtBot, kiosk: KioskWindow, devices: ScriptedDevices, wang: StaffInfo
) -> None:
    desk = desk_of(kiosk)
    desk.entry.click()
    assert devices.watching  # scans go to the pad while it is open
    devices.present_qr("BADGE-1024")
    qtbot.waitUntil(lambda: desk.helper.takeover is not None, timeout=5000)
    assert not devices.watching  # home: nothing to listen for once the pad has closed


def identified(engine: FlowEngine) -> Callable[[], bool]:
    """A condition to wait for: the visit knows its resident."""
    return lambda: engine.state.resident is not None


@pytest.mark.parametrize("lang", ["zh"])
def test_every_service_completed_by_a_helper_after_a_takeover(
    qtbot: QtBot,
    kiosk: KioskWindow,
    pilot: Autopilot,
    core: KioskApi,
    wang: StaffInfo,
    lang: str,
) -> None:
    desk = desk_of(kiosk)
    for service in core.catalogue.services:
        pilot.id_number = core.demo_resident(service.id)[1]
        pilot.start(service.id)
        engine = kiosk.visit.engine
        assert engine is not None
        panel = sign_in(qtbot, kiosk)
        for _ in range(40):  # the helper does every step; identity by hand after a document
            current = kiosk.visit.engine
            assert current is not None, service.id
            kind = current.step.kind
            if kind is StepKind.DONE:
                break
            answer = current.answer() if kind is StepKind.LOOKUP else None
            assert answer is None or answer.ok, (service.id, current.step.id)
            if kind is StepKind.IDENTIFY:
                panel.reason.setCurrentText("已人工核对证件")
                panel.id_number.setText(pilot.id_number)
                panel.pin.setText(PIN)
                panel.buttons["identity"].click()
                qtbot.waitUntil(identified(current), timeout=5000)
                pilot.settle()
                continue
            pilot.act(kind)
        assert engine.state.outcome is Outcome.COMPLETED_WITH_HELP, service.id
        pilot.press("action.finish")
        assert kiosk.visit.engine is None and desk.helper.takeover is None
    assert core.flush(5)
    finished = [r for r in audit.entries(core.store.sessions) if r.action == "visit_finished"]
    assert len(finished) == len(core.catalogue.services)


def test_a_helper_who_walks_away_is_signed_out_and_the_visit_carries_on(
    qtbot: QtBot,
    kiosk: KioskWindow,
    pilot: Autopilot,
    voice: RecordingVoice,
    core: KioskApi,
    wang: StaffInfo,
) -> None:
    clock = Clock()
    desk_of(kiosk).help_clock = clock
    desk = call_staff(qtbot, kiosk, pilot)
    request_id = desk.request_id
    sign_in(qtbot, kiosk)
    engine = kiosk.visit.engine
    assert engine is not None and engine.state.assisted_by
    clock.now += core.settings.assist.staff_idle_s - 1
    kiosk.visits.tick()
    assert desk.helper.takeover is not None  # not yet
    clock.now += 2  # nobody touched the kiosk for the whole idle limit
    kiosk.visits.tick()
    assert (
        desk.helper.takeover is None and desk.helper.actions is None and not desk.banner.isVisible()
    )
    assert kiosk.visit.engine is engine and not engine.ended and not engine.state.assisted_by
    assert "工作人员已退出" in voice.last
    assert core.flush(5)
    out = audit.entries(core.store.sessions, action="staff_sign_out")
    assert [r.detail["reason"] for r in out] == ["idle"] and out[0].staff_id == wang.id
    view = core.help.call(request_id)
    assert view is not None and view.status == "requested"  # waiting for a person again


def test_a_pin_pad_left_open_closes_by_itself(
    qtbot: QtBot, kiosk: KioskWindow, core: KioskApi, wang: StaffInfo
) -> None:
    desk = desk_of(kiosk)
    clock = Clock()
    desk.help_clock = clock
    desk.entry.click()
    assert desk.helper.pad_open and desk.helper.pad is not None
    desk.helper.pad.keys["1"].click()
    clock.now += core.settings.assist.staff_idle_s + 1
    kiosk.visits.tick()
    assert not desk.helper.pad_open and desk.side is None
