"""The staff console window.

Open requests, longest waiting first, as large cards; an alert sound and a flashing card for a
new call and again when a call is escalated; the kiosks and their devices; the counter lookup.
Reads come from ``ConsoleFeed`` (a worker thread); writes go through ``Bridge`` (a pool), so
the GUI thread never waits on the database.

A sign-in ends when the account is disabled or its PIN changed (as a web session does): the
feed reads the account again with every board (at each change, such as the account's, and
every few seconds), and every action checks it first and is not done when it no longer stands.
"""

from __future__ import annotations

import datetime as dt
import socket
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.api.errors import SessionEnded
from ui.bridge import Bridge
from ui.console import words
from ui.console.alert import AlertPlayer
from ui.console.cards import Describe, RequestCard
from ui.console.feed import ConsoleFeed
from ui.console.login import SignInPanel
from ui.console.panels import KiosksPanel, LookupPanel
from ui.console.style import SHEET, named
from ui.console.words import SIGNED_OUT

if TYPE_CHECKING:
    from kiosk.api.hall import Hall
    from kiosk.api.help import Snapshot
    from kiosk.assist.notify import Feed
    from kiosk.assist.vocabulary import StaffInfo

Now = Callable[[], dt.datetime]
# What the feed hands over: the board, who it was read for, and why that sign-in no longer
# stands (None while it does).
Picture = tuple["Snapshot", "StaffInfo | None", str | None]


def plain_describe(service_id: str, step_id: str) -> tuple[str, str]:
    return service_id, step_id


class ConsoleWindow(QWidget):
    def __init__(
        self,
        hall: Hall,
        feed: Feed,
        player: AlertPlayer,
        *,
        describe: Describe = plain_describe,
        staff: StaffInfo | None = None,
        eta_s: int = 60,
        now: Now = lambda: dt.datetime.now(dt.UTC),
        place: str = "",
        idle_s: float = 600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.setWindowTitle("工作人员控制台")
        self.setStyleSheet(SHEET)
        self.hall = hall
        self.player = player
        self.describe = describe
        self.staff = staff
        self.eta_s = eta_s
        self.now = now
        self.place = place or f"console:{socket.gethostname()}"
        self.cards: dict[int, RequestCard] = {}
        self.alerts: list[tuple[str, int]] = []  # (new | escalated, request id), for tests
        self._levels: dict[int, int] = {}
        self._first = True
        self.bridge = Bridge(self)
        # Signed out after this long without a key or a click: a console left open in a hall
        # must not stay someone's.
        self.idle_s, self.clock = idle_s, clock
        self.last_input = clock()

        self.sign_in = SignInPanel()
        self.sign_in.submitted.connect(self._sign_in)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._centred(self.sign_in))
        self.stack.addWidget(self._main_page())
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.stack)
        self._show_staff()

        # Consoles escalate overdue calls too (a kiosk that restarted no longer can), with the
        # hall's own limits.
        self.feed = ConsoleFeed(feed, self._read)
        self.feed.snapshot.connect(self._arrived)
        self.feed.reachable.connect(self._reachable)
        self.feed.start()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # any key or click counts as the user being there
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)
        self._clock.start()

    # -- layout --------------------------------------------------------------------------------

    @staticmethod
    def _centred(widget: QWidget) -> QWidget:
        page = QWidget()
        row = QHBoxLayout(page)
        row.addStretch(1)
        row.addWidget(widget, 2)
        row.addStretch(1)
        return page

    def _main_page(self) -> QWidget:
        self.who = QLabel()
        self.who.setAccessibleName("当前登录")
        self.connection = QLabel("正在连接…")
        self.connection.setAccessibleName("连接状态")
        self.count = named(QLabel(), "title")
        self.count.setAccessibleName("待处理呼叫数")
        self.message = QLabel(wordWrap=True)
        self.message.setAccessibleName("提示")
        bar = QHBoxLayout()
        bar.addWidget(self.count, 1)
        bar.addWidget(self.who)
        self.sign_out_button = named(QPushButton("退出登录"), "sign_out")
        self.sign_out_button.setAccessibleName("退出登录")
        self.sign_out_button.clicked.connect(lambda: self.sign_out("signed_out"))
        bar.addWidget(self.sign_out_button)
        bar.addSpacing(24)
        bar.addWidget(self.connection)

        self.list_box = QVBoxLayout()
        self.list_box.setSpacing(14)
        self.empty = QLabel("现在没有呼叫")
        self.empty.setAccessibleName("现在没有呼叫")
        self.list_box.addWidget(self.empty)
        self.list_box.addStretch(1)
        holder = QWidget()
        holder.setLayout(self.list_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(holder)
        scroll.setAccessibleName("呼叫列表，等待最久的在最上面")

        self.kiosks = KiosksPanel()
        self.lookup = LookupPanel(self.describe)
        self.lookup.lookup.connect(self._lookup)
        side = QVBoxLayout()
        side.setSpacing(14)
        side.addWidget(self.kiosks)
        side.addWidget(self.lookup)
        side.addStretch(1)

        body = QHBoxLayout()
        body.setSpacing(18)
        body.addWidget(scroll, 3)
        body.addLayout(side, 2)
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(20, 16, 20, 16)
        box.addLayout(bar)
        box.addWidget(self.message)
        box.addLayout(body, 1)
        return page

    def _show_staff(self) -> None:
        if self.staff is None:
            self.stack.setCurrentIndex(0)
            return
        self.who.setText(f"当前：{self.staff.label}")
        self.stack.setCurrentIndex(1)

    # -- sign-in -------------------------------------------------------------------------------

    def _sign_in(self, staff_no: str, pin: str) -> None:
        self.bridge.run(
            self.hall.staff.sign_in,
            staff_no,
            pin,
            self.place,
            on_done=self._signed_in,
            on_error=self.sign_in.refused,
        )

    def _signed_in(self, info: StaffInfo) -> None:
        self.staff = info
        self.last_input = self.clock()
        self._show_staff()
        self.feed.refresh()  # the picture at once, not at the next change

    # -- the picture ---------------------------------------------------------------------------

    def sign_out(self, why: str) -> None:
        """Back to the sign-in page with nothing of the calls left behind (not even for
        assistive technology); audited with ``why``: signed_out, idle, account_disabled or
        pin_changed."""
        who, self.staff = self.staff, None
        if who is None:
            return
        self.bridge.run(
            self.hall.staff.sign_out,
            who,
            self.place,
            why,
            on_done=lambda _: None,
            on_error=self._failed,
        )
        self._clear()
        self.message.setText("")
        self.lookup.clear()
        self.sign_in.reset(SIGNED_OUT.get(why, SIGNED_OUT["signed_out"]))
        self._show_staff()

    def _clear(self) -> None:
        for card in self.cards.values():
            self.list_box.removeWidget(card)
            card.deleteLater()
        self.cards.clear()
        self._levels.clear()
        self._first = True
        self.kiosks.show_kiosks(())
        self.empty.setVisible(True)
        self.count.setText("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress):
            self.last_input = self.clock()
        return False

    def _read(self) -> Picture:
        """On the feed's thread: the board, and whether the sign-in it is for still stands."""
        who = self.staff
        ended = self.hall.staff.ended(who) if who is not None else None
        return self.hall.help.board(), who, ended

    def _arrived(self, picture: Picture) -> None:
        snap, who, ended = picture
        if ended is not None and who is not None and who is self.staff:
            self.sign_out(ended)  # disabled or its PIN changed: none of the calls shown
            return
        self.show_snapshot(snap)

    def show_snapshot(self, snap: Snapshot) -> None:
        if self.staff is None:
            return  # nobody signed in: nothing of the calls is shown, nobody is alerted
        seen = set()
        for index, view in enumerate(snap.requests):
            seen.add(view.id)
            card = self.cards.get(view.id)
            if card is None:
                card = RequestCard(view, self.describe)
                card.acknowledge.connect(self._acknowledge)
                card.note.connect(self._note)
                card.resolve.connect(self._resolve)
                self.cards[view.id] = card
                if not self._first:
                    self._alert("new", card)
            else:
                card.update_view(view)
                if view.escalation_level > self._levels.get(view.id, 0) and not view.staff_name:
                    self._alert("escalated", card)
            self._levels[view.id] = view.escalation_level
            self.list_box.insertWidget(index, card)  # keeps the waiting order
            card.tick(self.now())
        for gone in set(self.cards) - seen:
            card = self.cards.pop(gone)
            self._levels.pop(gone, None)
            self.list_box.removeWidget(card)
            card.deleteLater()
        self.empty.setVisible(not self.cards)
        self.count.setText(f"待处理呼叫 {len(self.cards)} 个")
        self.kiosks.show_kiosks(snap.kiosks)
        self._first = False

    @property
    def has_board(self) -> bool:
        """The first picture of the hall has been drawn (calls in it raised no alert)."""
        return not self._first

    def _alert(self, kind: str, card: RequestCard) -> None:
        self.alerts.append((kind, card.request_id))
        card.flash()
        self.player.play()

    def _tick(self) -> None:
        if self.staff is not None and self.clock() - self.last_input >= self.idle_s:
            self.sign_out("idle")
        now = self.now()
        for card in self.cards.values():
            card.tick(now)

    def _reachable(self, ok: bool) -> None:
        self.connection.setText("✓ 已连接" if ok else "⚠ 数据库连接中断，正在重连")

    # -- actions -------------------------------------------------------------------------------

    def _done(self, text: str) -> Callable[[object], None]:
        def done(_: object) -> None:
            self.message.setText(text)
            self.feed.refresh()

        return done

    def _as_staff(
        self, fn: Callable[..., object], *args: object, done: Callable[[object], None]
    ) -> None:
        """``fn(*args)`` on a worker once the sign-in is checked; not done when it no longer
        stands (the console signs out, ``_failed``)."""
        who = self.staff
        if who is None:
            return

        def act() -> object:
            self.hall.staff.check(who)
            return fn(*args)

        self.bridge.run(act, on_done=done, on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, SessionEnded):
            self.sign_out(error.reason)
            return
        self.message.setText(words.refusal(error))
        self.feed.refresh()

    def _acknowledge(self, request_id: int) -> None:
        assert self.staff is not None
        self._as_staff(
            self.hall.help.acknowledge,
            request_id,
            self.staff.id,
            self.eta_s,
            done=self._done("已告知居民您正在赶来"),
        )

    def _note(self, request_id: int, text: str) -> None:
        assert self.staff is not None
        note, done = self.hall.help.note, self._done("备注已保存")
        self._as_staff(note, request_id, self.staff.id, text, self.place, done=done)

    def _resolve(self, request_id: int, resolution: str) -> None:
        assert self.staff is not None
        resolve, done = self.hall.help.resolve, self._done("呼叫已结束")
        self._as_staff(resolve, request_id, resolution, self.staff.id, "", self.place, done=done)

    def _lookup(self, reference: str) -> None:
        who = self.staff
        if who is None:
            return

        def look_up() -> object:
            self.hall.staff.check(who)
            return self.hall.help.visit_by_reference(reference)

        def failed(error: BaseException) -> None:
            if isinstance(error, SessionEnded):
                self.sign_out(error.reason)
            else:
                self.lookup.show_record(None)

        self.bridge.run(look_up, on_done=self.lookup.show_record, on_error=failed)

    # -- shutdown ------------------------------------------------------------------------------

    def shutdown(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._clock.stop()
        self.feed.close()
        self.bridge.close()
