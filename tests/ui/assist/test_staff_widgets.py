"""Kiosk-side staff widgets: PIN pad and badge, the assisted banner, the actions (each audited),
and the resident's help strip from the call to the helper's arrival."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from kiosk.api.staff import StaffAccounts
from kiosk.api.store import Store
from kiosk.assist import audit, staff
from kiosk.assist import requests as rq
from kiosk.assist.escalation import Policy
from kiosk.assist.status import HelpWatch
from kiosk.assist.takeover import Takeover
from kiosk.assist.vocabulary import StaffInfo
from kiosk.flow.state import Outcome
from kiosk.identity import Resident
from kiosk.store import db
from kiosk.store.journal import Journal
from tests.helpers.clock import FakeClock
from tests.kiosk.assist.helpers import NUMBER, visit
from tests.kiosk.assist.stores import sqlite_database
from ui.assist.actions import StaffActionsPanel
from ui.assist.entry import AssistedBanner, StaffEntryButton
from ui.assist.pinpad import PinPadPanel
from ui.assist.strip import HelpStatusStrip

SHOTS = Path(__file__).resolve().parents[3] / "build" / "staff"


@pytest.fixture
def sessions(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    engine = db.make_engine(sqlite_database(tmp_path))
    yield db.session_factory(engine)
    engine.dispose()


@pytest.fixture
def wang(sessions: sessionmaker[Session]) -> StaffInfo:
    return staff.add_staff(sessions, "1024", "王芳", "2468", badge="BADGE-1024")


def shown(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)  # closed and deleted by pytest-qt after the test
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def named_controls(widget: QWidget) -> list[QWidget]:
    found: list[QWidget] = []
    for kind in (QPushButton, QLineEdit, QComboBox):
        found += widget.findChildren(kind)
    return found


def test_pin_pad_signs_in_and_refuses(
    qtbot: QtBot, sessions: sessionmaker[Session], wang: StaffInfo
) -> None:
    pad = PinPadPanel(StaffAccounts(Store(sessions.kw["bind"])), "kiosk-1")
    shown(qtbot, pad)
    try:
        for key in ["1", "0", "2", "4", "确定", "1", "1", "1", "1"]:
            pad.keys[key].click()
        assert "1111" not in pad.pin_label.text() and pad.pin_label.text().endswith("●●●●")
        pad.keys["确定"].click()
        qtbot.waitUntil(lambda: "未能登录" in pad.message.text())
        assert "1111" not in pad.pin_label.text()
        for key in "2468":
            pad.press(key)
        assert pad.pin_label.text().endswith("●●●●")
        with qtbot.waitSignal(pad.signed_in, timeout=3000) as signed:
            pad.press("确定")
        assert signed.args == [wang]
        with qtbot.waitSignal(pad.signed_in, timeout=3000) as signed:
            pad.badge_scanned("BADGE-1024")
        assert signed.args[0].staff_no == "1024"
        assert [c for c in named_controls(pad) if not c.accessibleName()] == []
        with qtbot.waitSignal(pad.cancelled):
            pad.cancel_button.click()
    finally:
        pad.shutdown()
    actions = [e.action for e in audit.entries(sessions) if e.action.startswith("staff_sign")]
    assert actions == ["staff_sign_in_failed", "staff_sign_in", "staff_sign_in"]


def test_entry_and_banner(qtbot: QtBot, wang: StaffInfo) -> None:
    entry = StaffEntryButton()
    banner = AssistedBanner()
    shown(qtbot, entry)
    shown(qtbot, banner)
    assert entry.accessibleName() == "工作人员入口" and entry.height() >= 64
    banner.show_staff(wang)
    assert banner.text() == "工作人员 王芳（工号 1024）正在协助您" and banner.isVisible()
    banner.clear()
    assert not banner.isVisible()


def test_actions_change_the_visit_and_are_audited(
    qtbot: QtBot, sessions: sessionmaker[Session], wang: StaffInfo, tmp_path: Path
) -> None:
    journal = Journal(tmp_path / "journal", sessions)
    writer = audit.JournalAuditWriter(journal)
    engine, _, _ = visit()
    request_id = rq.raise_request(sessions, "kiosk-1", engine, "identify_failed")
    takeover = Takeover(writer, "kiosk-1", wang, engine, request_id)
    takeover.begin()
    panel = StaffActionsPanel(takeover, lambda n: Resident.from_number(n, b"s" * 32))
    shown(qtbot, panel)
    try:
        assert [c for c in named_controls(panel) if not c.accessibleName()] == []
        panel.id_number.setText(NUMBER)
        panel.buttons["identity"].click()  # no PIN typed again: nothing happens
        assert "密码" in panel.message.text() and engine.step.id != "period"
        panel.id_number.clear()
        with qtbot.waitSignal(panel.refused):
            panel.pin.setText("2468")
            panel.buttons["identity"].click()
        panel.id_number.setText(NUMBER)
        panel.reason.setCurrentText("已人工核对证件")
        with qtbot.waitSignal(panel.state_changed):
            panel.pin.setText("2468")
            panel.buttons["identity"].click()
        assert engine.step.id == "period" and panel.id_number.text() == ""
        with qtbot.waitSignal(panel.reprint_requested):
            panel.buttons["reprint"].click()
        panel.device.setCurrentIndex(panel.device.findData("idcard"))
        with qtbot.waitSignal(panel.device_switched_off) as off:
            panel.buttons["device"].click()
        assert off.args == ["idcard"]
        with qtbot.waitSignal(panel.leave_kiosk_requested):
            panel.pin.setText("2468")
            panel.buttons["leave"].click()
        with qtbot.waitSignal(panel.handed_back):
            panel.buttons["hand_back"].click()
        assert engine.state.assisted_by == "" and not engine.ended
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert panel.grab().save(str(SHOTS / "actions.png"))
        takeover.begin()
        with qtbot.waitSignal(panel.visit_ended):
            panel.buttons["end"].click()
        assert engine.state.outcome is Outcome.ENDED_BY_STAFF
    finally:
        panel.shutdown()
        assert writer.flush()
        journal.close()
    rows = audit.entries(sessions, visit_id=engine.state.visit_id)
    assert [r.action for r in rows] == [
        "takeover_begin",
        "identity_confirmed",
        "reprint",
        "switch_off_device",
        "leave_kiosk_mode",
        "hand_back",
        "takeover_begin",
        "end_visit",
    ]
    assert all((r.staff_id, r.kiosk_id) == (wang.id, "kiosk-1") for r in rows)
    assert NUMBER not in repr([r.detail for r in rows])


def test_help_strip_from_call_to_arrival(
    qtbot: QtBot, sessions: sessionmaker[Session], wang: StaffInfo
) -> None:
    clock = FakeClock()
    request_id = rq.raise_request(sessions, "kiosk-1", None, "resident")
    strip = HelpStatusStrip(interval_ms=20)
    shown(qtbot, strip)
    spoken: list[str] = []
    strip.announce.connect(spoken.append)
    try:
        strip.follow(HelpWatch(sessions, request_id, Policy(60, 180), "12333", clock))
        qtbot.waitUntil(lambda: strip.text.text().startswith("已通知工作人员，"))
        clock.advance(14)
        qtbot.waitUntil(lambda: "已通知工作人员 14 秒" in strip.text.text())
        with qtbot.waitSignal(strip.staff_coming, timeout=3000):
            rq.acknowledge(sessions, request_id, wang.id, eta_s=30)
        assert strip.text.text() == "工作人员 王芳 正在赶来，约 30 秒到达。"
        assert spoken[-1] == strip.text.text()
        SHOTS.mkdir(parents=True, exist_ok=True)
        strip.resize(1200, strip.sizeHint().height())
        assert strip.grab().save(str(SHOTS / "strip.png"))
        rq.begin_assisting(sessions, request_id, wang.id)
        qtbot.waitUntil(lambda: "正在协助您" in strip.text.text())
        assert not strip.cancel_button.isVisible()
    finally:
        strip.shutdown()


def test_help_strip_offers_counter_then_cancel(
    qtbot: QtBot, sessions: sessionmaker[Session]
) -> None:
    clock = FakeClock()
    request_id = rq.raise_request(sessions, "kiosk-1", None, "resident")
    strip = HelpStatusStrip(interval_ms=20)
    shown(qtbot, strip)
    try:
        strip.follow(HelpWatch(sessions, request_id, Policy(60, 180), "12333", clock))
        clock.advance(181)
        with qtbot.waitSignal(strip.counter_offered, timeout=3000) as offered:
            pass
        assert offered.args[0].level == 2 and "12333" in strip.text.text()
        with qtbot.waitSignal(strip.cancelled, timeout=3000):
            strip.cancel_button.click()
        assert not strip.isVisible()
        strip.show_undelivered("暂时无法通知工作人员。请持排队号 L0905-1A2B3C4D 到人工服务窗口")
        assert strip.isVisible() and "L0905" in strip.text.text()
    finally:
        strip.shutdown()
    assert rq.open_requests(sessions) == []
