"""The helper's actions at the kiosk. Each is a ``Takeover`` call (kiosk.assist.takeover):
the visit changes at once and the audit entry goes to its writer thread.

Actions that change the visit need a reason, typed or picked from the common ones. Confirming
an identity takes the number from the document the helper checked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.assist.vocabulary import DEVICES, TakeoverError
from kiosk.identity import Resident
from ui.assist.style import SHEET

if TYPE_CHECKING:
    from kiosk.assist.takeover import Takeover

REASONS = (
    "居民无法操作",
    "已人工核对证件",
    "读卡器故障",
    "打印机故障",
    "居民要求",
)
DEVICE_NAMES = {"printer": "打印机", "idcard": "读卡器", "scanner": "扫码器", "audio": "音频"}
MakeResident = Callable[[str], Resident]


class StaffActionsPanel(QFrame):
    state_changed = Signal()
    reprint_requested = Signal()
    device_switched_off = Signal(str)
    leave_kiosk_requested = Signal(str)
    visit_ended = Signal()
    handed_back = Signal()
    refused = Signal(str)
    show_task = Signal()  # portrait: the resident's screen in this panel's place

    def __init__(
        self,
        takeover: Takeover,
        make_resident: MakeResident,
        parent: QWidget | None = None,
        *,
        columns: int = 2,
        task_button: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("staffPanel")
        self.setStyleSheet(SHEET)
        self.setAccessibleName("工作人员操作")
        self.takeover = takeover
        self.make_resident = make_resident
        # How an action runs: the kiosk passes its session's ``staff_action``, so the visit
        # keeps one writer and what follows the action is settled at once.
        self.perform: Callable[[Callable[[], None]], None] = lambda action: action()
        # Grave actions (leaving kiosk mode, confirming an identity by hand) wait for the PIN
        # again: the kiosk passes a check that runs ``then`` once the PIN is the helper's.
        self.check_pin: Callable[[str, Callable[[], None]], None] = lambda _pin, then: then()

        heading = QLabel(f"工作人员操作 · {takeover.staff.label}")
        heading.setObjectName("heading")
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.addItems(REASONS)
        self.reason.setAccessibleName("原因")
        edit = self.reason.lineEdit()
        if edit is not None:
            edit.setAccessibleName("原因")
        self.id_number = QLineEdit(placeholderText="证件上的身份证号")
        self.id_number.setAccessibleName("证件上的身份证号")
        self.id_number.setEchoMode(QLineEdit.EchoMode.Password)  # not shown to onlookers
        self.pin = QLineEdit(placeholderText="核验身份、退出自助模式前再次输入")
        self.pin.setAccessibleName("密码，核验身份和退出自助模式前再次输入")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.device = QComboBox()
        for code in DEVICES:
            self.device.addItem(DEVICE_NAMES[code], code)
        self.device.setAccessibleName("要停用的设备")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("操作结果")

        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(12)
        specs = [
            ("identity", "核验身份", self._confirm_identity),
            ("redo", "重做此步", self._redo),
            ("skip", "跳过此步", self._skip),
            ("reprint", "重新打印", self._reprint),
            ("device", "停用设备", self._switch_off),
            ("end", "结束办理", self._end),
            ("leave", "退出自助模式", self._leave),
            ("hand_back", "交还居民", self._hand_back),
        ]
        for i, (key, text, slot) in enumerate(specs):
            button = QPushButton(text)
            button.setAccessibleName(text)
            if key == "hand_back":
                button.setObjectName("primary")
            button.clicked.connect(slot)
            button.ensurePolished()  # the style sheet's font, so the width fits the words
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(text) + 56)
            grid.addWidget(button, i // columns, i % columns)
            self.buttons[key] = button

        box = QVBoxLayout(self)
        box.setContentsMargins(20, 16, 20, 16)
        box.setSpacing(10)
        box.addWidget(heading)
        form = QGridLayout()
        form.addWidget(QLabel("原因"), 0, 0)
        form.addWidget(self.reason, 0, 1)
        form.addWidget(QLabel("身份证号"), 1, 0)
        form.addWidget(self.id_number, 1, 1)
        form.addWidget(QLabel("设备"), 2, 0)
        form.addWidget(self.device, 2, 1)
        form.addWidget(QLabel("密码"), 3, 0)
        form.addWidget(self.pin, 3, 1)
        box.addLayout(form)
        box.addLayout(grid)
        box.addWidget(self.message)
        # Where the panel takes the task's place (portrait), the way back to the task.
        self.task_button: QPushButton | None = None
        if task_button:
            self.task_button = QPushButton("查看居民的页面")
            self.task_button.setObjectName("staff.show_task")
            self.task_button.setAccessibleName("查看居民的页面，操作面板可由工作人员按钮找回")
            self.task_button.clicked.connect(self.show_task.emit)
            box.addWidget(self.task_button)
        box.addStretch(1)

    def _try(self, action: Callable[[], None], done: str) -> bool:
        try:
            self.perform(action)
        except (TakeoverError, ValueError) as exc:
            text = f"未执行：{exc}"
            self.message.setText(text)
            self.refused.emit(text)
            return False
        self.message.setText(done)
        return True

    def _why(self) -> str:
        return self.reason.currentText()

    def _with_pin(self, action: Callable[[], None]) -> None:
        pin, reason = self.pin.text(), self._why()
        self.pin.clear()
        if not pin:
            self.message.setText("请先再次输入您的密码")
            return
        self.check_pin(pin, lambda: self._keep_reason(reason, action))

    def _keep_reason(self, reason: str, action: Callable[[], None]) -> None:
        """The reason as it was when the button was pressed (the check took a moment)."""
        self.reason.setCurrentText(reason)
        action()

    def _confirm_identity(self) -> None:
        self._with_pin(self._identity_checked)

    def _identity_checked(self) -> None:
        number = self.id_number.text().strip()

        def confirm() -> None:
            if not number:
                raise TakeoverError("请输入证件上的身份证号")
            self.takeover.confirm_identity(self.make_resident(number), self._why())

        if self._try(confirm, "身份已核验"):
            self.id_number.clear()
            self.state_changed.emit()

    def _redo(self) -> None:
        if self._try(lambda: self.takeover.redo_step(self._why()), "已重做此步"):
            self.state_changed.emit()

    def _skip(self) -> None:
        if self._try(lambda: self.takeover.skip_step(self._why()), "已跳过此步"):
            self.state_changed.emit()

    def _reprint(self) -> None:
        if self._try(lambda: self.takeover.reprint(self._why()), "正在重新打印"):
            self.reprint_requested.emit()

    def _switch_off(self) -> None:
        device = str(self.device.currentData())
        if self._try(
            lambda: self.takeover.switch_off_device(device, self._why()),
            f"{DEVICE_NAMES[device]}已停用",
        ):
            self.device_switched_off.emit(device)

    def _end(self) -> None:
        if self._try(lambda: self.takeover.end_visit(self._why()), "办理已结束"):
            self.visit_ended.emit()

    def _leave(self) -> None:
        self._with_pin(self._leave_checked)

    def _leave_checked(self) -> None:
        reason = self._why()
        if self._try(lambda: self.takeover.leave_kiosk_mode(reason), "正在退出自助模式"):
            self.leave_kiosk_requested.emit(reason)

    def _hand_back(self) -> None:
        if self._try(self.takeover.hand_back, "已交还居民"):
            self.handed_back.emit()

    def shutdown(self) -> None:
        """Audit writes belong to the takeover's writer; nothing to stop here."""
