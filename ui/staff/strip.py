"""What the resident sees after calling: staff told N s ago, who is coming, cancel the call.

The strip polls a ``HelpWatch`` (kiosk.assist.status) once a second on a worker thread, and
says what changed through ``announce`` so the kiosk can speak it. After T2 with nobody coming
it offers the counter ticket and the hotline (``counter_offered``); if the call never reached
the store, ``show_undelivered`` shows where to find a person.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from kiosk.assist.status import HelpStatus, HelpWatch, status_text
from kiosk.catalog.schema import Lang
from ui.bridge import Bridge
from ui.staff.style import SHEET


class HelpStatusStrip(QFrame):
    announce = Signal(str)
    staff_coming = Signal(object)  # HelpStatus
    counter_offered = Signal(object)  # HelpStatus
    cancelled = Signal()
    finished = Signal()

    def __init__(
        self, lang: Lang = "zh", interval_ms: int = 1000, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("strip")
        self.setStyleSheet(SHEET)
        self.lang: Lang = lang
        self.bridge = Bridge(self, workers=1)
        self.watch: HelpWatch | None = None
        self.status: HelpStatus | None = None
        self._polling = False
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAccessibleName("呼叫状态")
        self.cancel_button = QPushButton("取消呼叫" if lang == "zh" else "Cancel the call")
        self.cancel_button.setAccessibleName(self.cancel_button.text())
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 10, 20, 10)
        row.addWidget(self.text, 1)
        row.addWidget(self.cancel_button)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)
        self.hide()

    def follow(self, watch: HelpWatch) -> None:
        self.watch, self.status = watch, None
        self.cancel_button.show()
        self.text.setText("已通知工作人员" if self.lang == "zh" else "Staff were told")
        self.show()
        self._timer.start()
        self.poll()

    def poll(self) -> None:
        if self.watch is None or self._polling:
            return
        self._polling = True
        self.bridge.run(self.watch.poll, on_done=self._show, on_error=self._poll_failed)

    def _poll_failed(self, _error: BaseException) -> None:
        self._polling = False  # the store is away: keep the last words, try again next tick

    def _show(self, status: HelpStatus) -> None:
        self._polling = False
        before = self.status
        self.status = status
        words = status_text(status, self.lang)
        self.text.setText(words)
        self.text.setAccessibleName(words)
        if before is None or before.phase != status.phase:
            if status.phase != "told" or before is None:
                self.announce.emit(words)
            if status.phase == "coming":
                self.staff_coming.emit(status)
            elif status.phase == "counter":
                self.counter_offered.emit(status)
        if status.phase in ("assisting", "closed"):
            self.cancel_button.hide()
        if status.phase == "closed":
            self._timer.stop()
            self.finished.emit()

    def cancel(self) -> None:
        if self.watch is None:
            self.hide()
            self.cancelled.emit()
            return
        watch, self.watch = self.watch, None
        self._timer.stop()
        self.bridge.run(watch.cancel, on_done=lambda _v: self._cancelled(), on_error=None)

    def _cancelled(self) -> None:
        self.hide()
        self.cancelled.emit()

    def show_undelivered(self, text: str) -> None:
        """The call could not be delivered in time: directions and a ticket instead."""
        self._timer.stop()
        self.watch = None
        self.text.setText(text)
        self.text.setAccessibleName(text)
        self.cancel_button.hide()
        self.show()
        self.announce.emit(text)

    def shutdown(self) -> None:
        self._timer.stop()
        self.bridge.close()
