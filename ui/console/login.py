"""Sign-in at the console: staff number and PIN, checked (and audited) on a worker thread."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.assist.vocabulary import AuthFailed
from ui.console.style import named


def refusal_text(error: AuthFailed) -> str:
    if error.reason == "locked":
        until = error.locked_until.astimezone().strftime("%H:%M") if error.locked_until else ""
        return f"此工号已锁定，请于 {until} 后再试"
    if error.reason == "wrong_pin":
        return f"密码不对，还可以再试 {error.attempts_left} 次"
    if error.reason == "disabled":
        return "此工号已停用"
    return "工号或密码不对"


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

    def refused(self, error: BaseException) -> None:
        self.pin.clear()
        self.button.setEnabled(True)
        self.message.setText(
            refusal_text(error) if isinstance(error, AuthFailed) else "暂时无法核对，请稍后再试"
        )
