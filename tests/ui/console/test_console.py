"""The staff console: calls appear in waiting order with an alert and a flash, escalation alerts
again, a helper acknowledges, notes and resolves; devices; counter lookup; sign-in; names."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from kiosk.api.hall import Hall
from kiosk.api.store import Store
from kiosk.assist import audit, notes, staff
from kiosk.assist import requests as rq
from kiosk.assist.escalation import escalate_to
from kiosk.assist.notify import PollFeed
from kiosk.store.recorder import StoreSink
from tests.helpers.fakes import FakePlayer
from tests.kiosk.assist.helpers import resident, visit
from ui.console.window import ConsoleWindow

SHOTS = Path(__file__).resolve().parents[3] / "build" / "console"


def test_new_call_alerts_and_flashes(
    qtbot: QtBot, console: ConsoleWindow, sessions: sessionmaker[Session], player: FakePlayer
) -> None:
    qtbot.waitUntil(lambda: console.has_board and console.empty.isVisible())
    engine, _, clock = visit()
    clock.advance(30)
    first = rq.raise_request(sessions, "kiosk-2", engine, "rejected_inputs")
    qtbot.waitUntil(lambda: first in console.cards, timeout=2000)
    card = console.cards[first]
    assert card.flashing and player.count == 1 and console.alerts == [("new", first)]
    assert "二号机" in card.title.text()
    assert "缴费记录" in card.where.text() or "contribution" not in card.where.text()
    assert "长者模式" in card.context.text()
    second = rq.raise_request(sessions, "kiosk-1", None, "device_failed")
    qtbot.waitUntil(lambda: second in console.cards)
    # Longest waiting first.
    order = [console.list_box.itemAt(i) for i in range(2)]
    cards = [item.widget() if item else None for item in order]
    assert [getattr(c, "request_id", None) for c in cards] == [first, second]
    assert console.count.text() == "待处理呼叫 2 个"
    # Escalation: every console alerts again; the card says the supervisor was told.
    escalate_to(sessions, second, 1)
    qtbot.waitUntil(lambda: ("escalated", second) in console.alerts)
    assert player.count == 3 and "主管" in console.cards[second].badge.text()


def test_acknowledge_note_resolve(
    qtbot: QtBot, console: ConsoleWindow, sessions: sessionmaker[Session]
) -> None:
    request_id = rq.raise_request(sessions, "kiosk-1", None, "resident")
    qtbot.waitUntil(lambda: request_id in console.cards)
    card = console.cards[request_id]
    card.ack_button.click()
    qtbot.waitUntil(lambda: "王芳" in card.badge.text())
    assert not card.ack_button.isVisible()
    card.note_edit.setText("需要老花镜")
    card.note_button.click()
    qtbot.waitUntil(lambda: "需要老花镜" in card.notes.text())
    card.outcome.setCurrentIndex(card.outcome.findData("sent_to_counter"))
    card.resolve_button.click()
    qtbot.waitUntil(lambda: request_id not in console.cards)
    assert console.message.text() == "呼叫已结束"


def test_someone_else_was_quicker(
    qtbot: QtBot, console: ConsoleWindow, sessions: sessionmaker[Session]
) -> None:
    li = staff.add_staff(sessions, "2048", "李强", "1357")
    request_id = rq.raise_request(sessions, "kiosk-1", None, "resident")
    qtbot.waitUntil(lambda: request_id in console.cards)
    card = console.cards[request_id]
    rq.acknowledge(sessions, request_id, li.id)
    card.ack_button.click()
    qtbot.waitUntil(lambda: "李强" in card.badge.text())
    qtbot.waitUntil(lambda: "同事" in console.message.text())


def test_devices_and_counter_lookup(
    qtbot: QtBot, console: ConsoleWindow, sessions: sessionmaker[Session]
) -> None:
    rq.record_device_event(sessions, "kiosk-1", "printer", "online", "out")
    qtbot.waitUntil(lambda: any("缺纸" in t for t in console.kiosks.texts()))
    engine, _, _ = visit()
    engine.sink = StoreSink(sessions, "kiosk-1")
    engine.start("zh")
    engine.identify(resident())
    console.lookup.edit.setText(engine.state.reference.lower())
    console.lookup.button.click()
    qtbot.waitUntil(lambda: "已核验身份" in console.lookup.result.text())
    assert resident().masked in console.lookup.result.text()
    console.lookup.edit.setText("FFFFFFFF")
    console.lookup.button.click()
    qtbot.waitUntil(lambda: "没有找到" in console.lookup.result.text())


def test_every_control_has_a_name(
    qtbot: QtBot, console: ConsoleWindow, sessions: sessionmaker[Session]
) -> None:
    request_id = rq.raise_request(sessions, "kiosk-1", None, "resident")
    qtbot.waitUntil(lambda: request_id in console.cards)
    controls: list[QWidget] = []
    for kind in (QPushButton, QLineEdit, QComboBox):
        controls += console.findChildren(kind)
    assert controls
    assert [c for c in controls if not c.accessibleName()] == []
    for button in console.findChildren(QPushButton):
        if button.isVisible():
            assert button.height() >= 60


def test_sign_in_then_watch(qtbot: QtBot, sessions: sessionmaker[Session]) -> None:
    staff.add_staff(sessions, "1024", "王芳", "2468")
    engine = sessions.kw["bind"]
    window = ConsoleWindow(Hall(Store(engine)), PollFeed(engine, 0.02), FakePlayer())
    window.show()
    qtbot.waitExposed(window)
    try:
        assert window.stack.currentIndex() == 0
        window.sign_in.staff_no.setText("1024")
        window.sign_in.pin.setText("1111")
        window.sign_in.button.click()
        qtbot.waitUntil(lambda: "未能登录" in window.sign_in.message.text())
        assert window.sign_in.pin.text() == ""
        window.sign_in.pin.setText("2468")
        QTest.keyClick(window.sign_in.pin, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.stack.currentIndex() == 1)
        assert "王芳（工号 1024）" in window.who.text()
    finally:
        window.shutdown()
        window.close()
        window.deleteLater()
        qtbot.wait(1)


def test_nothing_of_the_calls_before_sign_in_and_after_sign_out(
    qtbot: QtBot, sessions: sessionmaker[Session]
) -> None:
    staff.add_staff(sessions, "1024", "王芳", "2468")
    engine = sessions.kw["bind"]
    player = FakePlayer()
    now = [0.0]
    window = ConsoleWindow(
        Hall(Store(engine)), PollFeed(engine, 0.02), player, idle_s=600, clock=lambda: now[0]
    )
    window.show()
    qtbot.waitExposed(window)

    def calls_shown() -> list[str]:
        return [
            w.accessibleName() or w.text()
            for w in window.findChildren(QLabel)
            if w.text() and ("kiosk-1" in w.text() or "二号机" in w.text())
        ]

    try:
        first = rq.raise_request(sessions, "kiosk-1", None, "resident")
        for _ in range(2):  # boards read after the call reach the window, which shows nothing
            with qtbot.waitSignal(window.feed.snapshot, timeout=5000):
                window.feed.refresh()
        assert window.cards == {} and player.count == 0 and calls_shown() == []
        window.sign_in.staff_no.setText("1024")
        window.sign_in.pin.setText("2468")
        window.sign_in.button.click()
        qtbot.waitUntil(lambda: first in window.cards)
        window.sign_out_button.click()
        assert window.stack.currentIndex() == 0 and window.cards == {} and window.staff is None
        qtbot.waitUntil(lambda: any(r.action == "staff_sign_out" for r in audit.entries(sessions)))
        assert window.sign_in.staff_no.text() == "" and window.sign_in.button.isEnabled()
        # Signed in again, then left alone past the idle limit: signed out, audited as idle.
        window.sign_in.staff_no.setText("1024")
        window.sign_in.pin.setText("2468")
        window.sign_in.button.click()
        qtbot.waitUntil(lambda: first in window.cards)
        now[0] += 601
        qtbot.waitUntil(lambda: window.staff is None, timeout=3000)
        assert window.cards == {} and "无操作" in window.sign_in.message.text()
        qtbot.waitUntil(
            lambda: (
                [r.detail.get("reason") for r in audit.entries(sessions, action="staff_sign_out")]
                == ["signed_out", "idle"]
            )
        )
    finally:
        window.shutdown()
        window.close()
        window.deleteLater()
        qtbot.wait(1)


def test_screenshot(qtbot: QtBot, console: ConsoleWindow, sessions: sessionmaker[Session]) -> None:
    li = staff.add_staff(sessions, "2048", "李强", "1357")
    engine, _, clock = visit()
    engine.identify(resident())
    engine.state.rejects = 3
    clock.advance(95)
    a = rq.raise_request(sessions, "kiosk-1", engine, "rejected_inputs")
    b = rq.raise_request(sessions, "kiosk-2", None, "device_failed")
    escalate_to(sessions, a, 1)
    rq.acknowledge(sessions, b, li.id, eta_s=40)
    notes.add_note(sessions, b, li.id, "带打印纸过去")
    rq.record_device_event(sessions, "kiosk-2", "printer", "online", "out")
    rq.record_device_event(sessions, "kiosk-1", "idcard", "online")
    qtbot.waitUntil(lambda: a in console.cards and b in console.cards)
    qtbot.waitUntil(lambda: "李强" in console.cards[b].badge.text())
    qtbot.waitUntil(lambda: not console.cards[a].flashing, timeout=8000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert console.grab().save(str(SHOTS / "console.png"))


def test_a_disabled_account_or_a_changed_pin_signs_the_console_out_at_once(
    qtbot: QtBot, console: ConsoleWindow, sessions: sessionmaker[Session]
) -> None:
    """As a web session: `kiosk staff disable` or `reset-pin` ends the sign-in, audited with
    the reason, without waiting for the idle limit; signed in again with the new PIN, it
    stays."""
    request_id = rq.raise_request(sessions, "kiosk-1", None, "resident")
    qtbot.waitUntil(lambda: request_id in console.cards)
    staff.reset_pin(sessions, "1024", "1357")
    qtbot.waitUntil(lambda: console.staff is None, timeout=3000)
    assert console.cards == {} and console.stack.currentIndex() == 0
    assert "密码已更改" in console.sign_in.message.text()
    console.sign_in.staff_no.setText("1024")
    console.sign_in.pin.setText("1357")
    console.sign_in.button.click()
    qtbot.waitUntil(lambda: request_id in console.cards)
    staff.disable(sessions, "1024")
    qtbot.waitUntil(lambda: console.staff is None, timeout=3000)
    assert console.cards == {} and "停用" in console.sign_in.message.text()
    qtbot.waitUntil(
        lambda: (
            [r.detail.get("reason") for r in audit.entries(sessions, action="staff_sign_out")]
            == ["pin_changed", "account_disabled"]
        )
    )


def test_an_action_after_the_account_was_disabled_is_not_done(
    qtbot: QtBot, console: ConsoleWindow, sessions: sessionmaker[Session]
) -> None:
    request_id = rq.raise_request(sessions, "kiosk-1", None, "resident")
    qtbot.waitUntil(lambda: request_id in console.cards)
    card = console.cards[request_id]
    staff.disable(sessions, "1024")
    card.ack_button.click()  # before the console has read the board again
    qtbot.waitUntil(lambda: console.staff is None, timeout=3000)
    qtbot.waitUntil(lambda: console.bridge.pending == 0)
    view = Hall(Store(sessions.kw["bind"])).help.call(request_id)
    assert view is not None and view.status == "requested" and not view.staff_name
    out = audit.entries(sessions, action="staff_sign_out")
    assert [r.detail.get("reason") for r in out] == ["account_disabled"]
