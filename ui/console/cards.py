"""One open help request as a card: where, how long, what happened, and the three actions.

The card emits what the helper asked for; the window runs it on a worker thread.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.assist.views import RequestView
from ui.console import words
from ui.console.style import named

Describe = Callable[[str, str], tuple[str, str]]  # (service, step) ids -> titles


def _refresh_style(widget: QWidget) -> None:
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


class RequestCard(QFrame):
    acknowledge = Signal(int)
    note = Signal(int, str)
    resolve = Signal(int, str)

    def __init__(self, view: RequestView, describe: Describe, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self.request_id = view.id
        self._describe = describe
        self._flashes = 0
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(350)
        self._flash_timer.timeout.connect(self._flash_step)

        self.title = named(QLabel(), "title")
        self.badge = named(QLabel(), "badge")
        self.waited = QLabel()
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.waited)
        head.addWidget(self.badge)

        self.where = QLabel(wordWrap=True)
        self.context = QLabel(wordWrap=True)
        self.notes = QLabel(wordWrap=True)

        self.ack_button = named(QPushButton("我去处理"), "primary")
        self.ack_button.setAccessibleName(f"我去处理 {view.kiosk_name} 的呼叫")
        self.ack_button.clicked.connect(lambda: self.acknowledge.emit(self.request_id))
        self.note_edit = QLineEdit(placeholderText="备注")
        self.note_edit.setAccessibleName("备注内容")
        self.note_button = QPushButton("添加备注")
        self.note_button.setAccessibleName("添加备注")
        self.note_button.clicked.connect(self._add_note)
        self.outcome = QComboBox()
        self.outcome.setAccessibleName("处理结果")
        for code, label in words.OUTCOMES.items():
            self.outcome.addItem(label, code)
        self.resolve_button = QPushButton("结束呼叫")
        self.resolve_button.setAccessibleName("按所选结果结束呼叫")
        self.resolve_button.clicked.connect(
            lambda: self.resolve.emit(self.request_id, str(self.outcome.currentData()))
        )
        actions = QHBoxLayout()
        actions.setSpacing(12)
        actions.addWidget(self.ack_button)
        actions.addWidget(self.outcome, 1)
        actions.addWidget(self.resolve_button)
        noting = QHBoxLayout()
        noting.setSpacing(12)
        noting.addWidget(self.note_edit, 1)
        noting.addWidget(self.note_button)

        box = QVBoxLayout(self)
        box.setContentsMargins(18, 14, 18, 14)
        box.setSpacing(8)
        box.addLayout(head)
        box.addWidget(self.where)
        box.addWidget(self.context)
        box.addWidget(self.notes)
        box.addLayout(actions)
        box.addLayout(noting)
        self.view = view
        self.update_view(view)

    def update_view(self, view: RequestView) -> None:
        self.view = view
        service, step = self._describe(view.service_id, view.step)
        self.title.setText(view.kiosk_name or view.kiosk_id)
        status = words.STATUS.get(view.status, view.status)
        if view.staff_name and view.status in ("acknowledged", "assisting"):
            status = f"{view.staff_name} {status}"
        elif view.escalation_level >= 2:
            status = "超时 · 已提示取号"
        elif view.escalation_level == 1:
            status = "超时 · 已通知主管"
        self.badge.setText(status)
        self.badge.setProperty("urgent", view.escalation_level > 0 and not view.staff_name)
        self.setProperty("escalated", view.escalation_level > 0 and not view.staff_name)
        reason = words.REASONS.get(view.reason, view.reason)
        self.where.setText(f"{words.where(service, step, view.context)} · {reason}")
        self.context.setText(words.context_line(view.context))
        self.context.setVisible(bool(self.context.text()))
        self.notes.setText("备注：" + "；".join(view.notes) if view.notes else "")
        self.notes.setVisible(bool(view.notes))
        self.ack_button.setVisible(view.status in ("requested", "escalated"))
        self.setAccessibleName(f"{view.kiosk_name} 呼叫，{status}")
        _refresh_style(self)
        _refresh_style(self.badge)

    def tick(self, now: dt.datetime) -> None:
        self.waited.setText(f"等待 {words.duration(self.view.waited_s(now))}")

    def _add_note(self) -> None:
        text = self.note_edit.text().strip()
        if text:
            self.note.emit(self.request_id, text)
            self.note_edit.clear()

    # -- flash: a visible cue beside the sound, for a noisy hall -------------------------------

    @property
    def flashing(self) -> bool:
        return self._flash_timer.isActive()

    def flash(self, times: int = 8) -> None:
        self._flashes = times * 2
        self._flash_timer.start()
        self._flash_step()

    def _flash_step(self) -> None:
        self._flashes -= 1
        on = self._flashes > 0 and self._flashes % 2 == 1
        self.setProperty("flash", on)
        _refresh_style(self)
        if self._flashes <= 0:
            self._flash_timer.stop()
