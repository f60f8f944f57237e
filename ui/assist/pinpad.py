"""Staff sign-in at the kiosk: staff number, then PIN, on large keys; or a scanned badge.

The PIN is never shown (dots only) and never spoken. The check (scrypt, about 50 ms, and a
database write for the audit) runs on a worker thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.assist.vocabulary import StaffInfo, sign_in_refusal
from ui.assist.style import SHEET
from ui.bridge import Bridge

if TYPE_CHECKING:
    from kiosk.api.staff import StaffAccounts


class PinPadPanel(QFrame):
    signed_in = Signal(object)  # StaffInfo
    cancelled = Signal()

    def __init__(self, staff: StaffAccounts, kiosk_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staffPanel")
        self.setStyleSheet(SHEET)
        self.setAccessibleName("工作人员登录")
        self.staff = staff
        self.kiosk_id = kiosk_id
        self.bridge = Bridge(self, workers=1)
        self._staff_no = ""
        self._pin = ""
        self._field = "staff_no"

        self.heading = QLabel("工作人员登录")
        self.heading.setObjectName("heading")
        self.staff_no_label = QLabel()
        self.staff_no_label.setAccessibleName("工号")
        self.pin_label = QLabel()
        self.pin_label.setAccessibleName("密码")
        self.message = QLabel("请输入工号，或刷工作证")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("提示")
        keys = QGridLayout()
        keys.setSpacing(12)
        self.keys: dict[str, QPushButton] = {}
        layout = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "删除", "0", "确定"]
        for i, text in enumerate(layout):
            button = QPushButton(text)
            button.setAccessibleName({"删除": "删除一位", "确定": "确定"}.get(text, f"数字 {text}"))
            if text == "确定":
                button.setObjectName("primary")
            button.clicked.connect(lambda _=False, t=text: self.press(t))
            keys.addWidget(button, i // 3, i % 3)
            self.keys[text] = button
        self.cancel_button = QPushButton("取消")
        self.cancel_button.setAccessibleName("取消登录，回到居民的页面")
        self.cancel_button.clicked.connect(self._cancel)
        box = QVBoxLayout(self)
        box.setContentsMargins(24, 20, 24, 20)
        box.setSpacing(12)
        for widget in (self.heading, self.staff_no_label, self.pin_label, self.message):
            box.addWidget(widget)
        box.addLayout(keys)
        box.addWidget(self.cancel_button)
        self.reset()

    def reset(self) -> None:
        self._staff_no, self._pin, self._field = "", "", "staff_no"
        self.message.setText("请输入工号，或刷工作证")
        self._render()

    def _render(self) -> None:
        mark = "▶ " if self._field == "staff_no" else ""
        self.staff_no_label.setText(f"{mark}工号：{self._staff_no}")
        mark = "▶ " if self._field == "pin" else ""
        self.pin_label.setText(f"{mark}密码：{'●' * len(self._pin)}")

    def press(self, key: str) -> None:
        """A key of the pad (also reachable from the kiosk's keypad path)."""
        if key == "删除":
            if self._field == "pin" and self._pin:
                self._pin = self._pin[:-1]
            elif self._field == "pin":
                self._field = "staff_no"
            else:
                self._staff_no = self._staff_no[:-1]
        elif key == "确定":
            if self._field == "staff_no" and self._staff_no:
                self._field = "pin"
                self.message.setText("请输入密码")
            elif self._field == "pin" and self._pin:
                self._submit()
        elif key.isdigit() and len(key) == 1:
            if self._field == "staff_no" and len(self._staff_no) < 16:
                self._staff_no += key
            elif self._field == "pin" and len(self._pin) < 12:
                self._pin += key
        self._render()

    def _busy(self, busy: bool) -> None:
        for button in self.keys.values():
            button.setEnabled(not busy)

    def _submit(self) -> None:
        self._busy(True)
        self.message.setText("正在核对…")
        staff_no, pin = self._staff_no, self._pin
        self._pin = ""
        self.bridge.run(
            self.staff.sign_in,
            staff_no,
            pin,
            self.kiosk_id,
            on_done=self._done,
            on_error=self._refused,
        )

    def badge_scanned(self, code: str) -> None:
        """The kiosk's scanner read a staff badge while this panel was open."""
        self._busy(True)
        self.message.setText("正在核对工作证…")
        self.bridge.run(
            self.staff.sign_in_badge,
            code,
            self.kiosk_id,
            on_done=self._done,
            on_error=self._refused,
        )

    def _done(self, info: StaffInfo) -> None:
        self._busy(False)
        self.reset()
        self.signed_in.emit(info)

    def _refused(self, error: BaseException) -> None:
        self._busy(False)
        self._pin, self._field = "", "pin" if self._staff_no else "staff_no"
        self.message.setText(sign_in_refusal(error))
        self._render()

    def _cancel(self) -> None:
        self.reset()
        self.cancelled.emit()

    def shutdown(self) -> None:
        self.bridge.close()
