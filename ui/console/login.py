"""Sign-in at the console: staff number and PIN, checked (and audited) on a worker thread."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.assist.vocabulary import sign_in_refusal
from ui.console.style import named


class SignInPanel(QFrame):
    submitted = Signal(str, str)  # staff number, PIN

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.staff_no = QLineEdit(placeholderText="工号")
        self.staff_no.setAccessibleName("工号")
        self.pin = QLineEdit(placeholderText="密码")
        self.pin.setAccessibleName("密码")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.returnPressed.connect(self._submit)
        self.button = named(QPushButton("登录"), "primary")
        self.button.setAccessibleName("登录")
        self.button.clicked.connect(self._submit)
        self.message = QLabel(wordWrap=True)
        self.message.setAccessibleName("登录提示")
        box = QVBoxLayout(self)
        box.setContentsMargins(40, 30, 40, 30)
        box.setSpacing(16)
        box.addWidget(named(QLabel("工作人员登录"), "title"), 0, Qt.AlignmentFlag.AlignHCenter)
        for widget in (self.staff_no, self.pin, self.button, self.message):
            box.addWidget(widget)

    def _submit(self) -> None:
        if self.staff_no.text().strip() and self.pin.text():
            self.button.setEnabled(False)
            self.message.setText("正在核对…")
            self.submitted.emit(self.staff_no.text().strip(), self.pin.text())

    def reset(self, message: str = "") -> None:
        """Empty and ready for the next person (after a sign-out)."""
        self.staff_no.clear()
        self.pin.clear()
        self.button.setEnabled(True)
        self.message.setText(message)

    def refused(self, error: BaseException) -> None:
        self.pin.clear()
        self.button.setEnabled(True)
        self.message.setText(sign_in_refusal(error))
