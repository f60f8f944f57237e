"""The helper's actions at the kiosk. Each is a ``Takeover`` call (kiosk.assist.takeover):
the visit changes at once and the audit entry goes to its writer thread. Each waits first for
the helper's sign-in to be checked (the kiosk reads the account on a worker: a helper whose
account was disabled or whose PIN was changed since is signed out instead), so what it acts on
is read when the button is pressed.

Actions that change the visit need a reason, typed or picked from the common ones. Confirming
an identity takes the number from the document the helper checked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.assist.vocabulary import DEVICES, TakeoverError
from kiosk.identity import Resident
from kiosk.text import Lang
from ui.assist.picker import Picker
from ui.assist.style import LOOK, PANEL, SHEET
from ui.assist.words import word
from ui.widgets.text import Label

if TYPE_CHECKING:
    from kiosk.assist.takeover import Takeover

REASONS = ("cannot", "checked", "reader", "printer", "asked")  # reason.* in ui.assist.words
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
        self.setObjectName(PANEL)
        self.setProperty("kind", "actions")  # the sheet's smaller targets: see ACTION_PX
        self.setStyleSheet(SHEET)
        self.lang: Lang = "zh"
        self.styled_as: tuple[object, Lang] | None = None  # the theme and language drawn in
        self.takeover = takeover
        self.make_resident = make_resident
        # How an action runs: the kiosk passes its session's ``staff_action``, so the visit
        # keeps one writer and what follows the action is settled at once.
        self.perform: Callable[[Callable[[], None]], None] = lambda action: action()
        # Grave actions (leaving kiosk mode, confirming an identity by hand) wait for the PIN
        # again: the kiosk passes a check that runs ``then`` once the PIN is the helper's.
        self.check_pin: Callable[[str, Callable[[], None]], None] = lambda _pin, then: then()
        # Every other action waits for the sign-in to be checked: the kiosk passes a check that
        # runs ``then`` while it stands (the PIN check above includes it).
        self.gate: Callable[[Callable[[], None]], None] = lambda then: then()

        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.reason = Picker()
        self.reason.setEditable(True)
        self.reason.addItems([word(f"reason.{r}", "zh") for r in REASONS])
        self.id_number = QLineEdit()
        self.id_number.setEchoMode(QLineEdit.EchoMode.Password)  # not shown to onlookers
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        # What the PIN is typed again for, above its field: words that wrap and stay while
        # digits are typed (a placeholder is cut short in a narrow panel and goes at the first).
        self.pin_hint = Label(LOOK, "", fg=LOOK.theme.text, bg=LOOK.theme.muted_bg)
        # Never squeezed below its words' height when the panel is short of room (the
        # largest text size): the fields and buttons give way first.
        self.pin_hint.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.device = Picker()
        for code in DEVICES:
            self.device.addItem(word(f"device.{code}", "zh"), code)
        self.message = QLabel()  # an action's outcome: shown once there is one (``tell``)
        self.message.setWordWrap(True)
        self.message.hide()  # empty, it took a line the panel has no room for at the largest size
        self.labels = {key: QLabel() for key in ("act.reason", "act.id", "act.device", "act.pin")}

        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(12)
        specs = [
            ("identity", self._confirm_identity),
            ("redo", self._redo),
            ("skip", self._skip),
            ("reprint", self._reprint),
            ("device", self._switch_off),
            ("end", self._end),
            ("leave", self._leave),
            ("hand_back", self._hand_back),
        ]
        for i, (key, slot) in enumerate(specs):
            button = QPushButton()
            if key == "hand_back":
                button.setObjectName("primary")
            button.clicked.connect(slot)
            grid.addWidget(button, i // columns, i % columns)
            self.buttons[key] = button

        box = QVBoxLayout(self)
        box.setContentsMargins(20, 16, 20, 16)
        box.setSpacing(10)
        box.addWidget(self.heading)
        form = QGridLayout()
        for row, (key, field) in enumerate(
            (
                ("act.reason", self.reason),
                ("act.id", self.id_number),
                ("act.device", self.device),
            )
        ):
            form.addWidget(self.labels[key], row, 0)
            form.addWidget(field, row, 1)
        form.addWidget(self.pin_hint, 3, 1)
        form.addWidget(self.labels["act.pin"], 4, 0)
        form.addWidget(self.pin, 4, 1)
        box.addLayout(form)
        box.addLayout(grid)
        box.addWidget(self.message)
        # Where the panel takes the task's place (portrait), the way back to the task.
        self.task_button: QPushButton | None = None
        if task_button:
            self.task_button = QPushButton()
            self.task_button.setObjectName("staff.show_task")
            self.task_button.clicked.connect(self.show_task)
            box.addWidget(self.task_button)
        box.addStretch(1)
        self.set_language("zh")

    def set_language(self, lang: Lang) -> None:
        """The panel's words in the session's language; what the helper typed stays."""
        self.lang = lang
        title = word("act.title", lang)
        self.setAccessibleName(title)
        self.heading.setText(f"{title} · {self.takeover.staff.label}")
        typed = self.reason.currentText()
        known = [self.reason.itemText(i) for i in range(self.reason.count())]
        self.reason.clear()
        self.reason.addItems([word(f"reason.{r}", lang) for r in REASONS])
        if typed in known:
            self.reason.setCurrentIndex(known.index(typed))
        else:
            self.reason.setEditText(typed)
        self.reason.setAccessibleName(word("act.reason", lang))
        edit = self.reason.lineEdit()
        if edit is not None:
            edit.setAccessibleName(word("act.reason", lang))
        self.id_number.setPlaceholderText(word("act.id_hint", lang))
        self.id_number.setAccessibleName(word("act.id_hint", lang))
        for i in range(self.device.count()):
            self.device.setItemText(i, word(f"device.{self.device.itemData(i)}", lang))
        self.device.setAccessibleName(word("act.device_about", lang))
        hint = word("act.pin_hint", lang)
        self.pin_hint.setText(hint)
        self.pin_hint.setAccessibleName(hint)
        self.pin.setAccessibleName(word("act.pin", lang))
        self.pin.setAccessibleDescription(hint)
        self.message.setAccessibleName(word("act.result", lang))
        for key, label in self.labels.items():
            label.setText(word(key, lang))
        for key, button in self.buttons.items():
            text = word(f"act.{'device_off' if key == 'device' else key}", lang)
            button.setText(text)
            button.setAccessibleName(text)
            button.ensurePolished()  # the style sheet's font, so the width fits the words
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(text) + 56)
        if self.task_button is not None:
            self.task_button.setText(word("act.show_task", lang))
            self.task_button.setAccessibleName(word("act.show_task_about", lang))

    def _try(self, action: Callable[[], None], done: str) -> bool:
        try:
            self.perform(action)
        except (TakeoverError, ValueError) as exc:
            text = word("act.not_done", self.lang, why=exc)
            self.tell(text)
            self.refused.emit(text)
            return False
        self.tell(done)
        return True

    def tell(self, text: str) -> None:
        """What came of an action, under the buttons."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _act(self, action: Callable[[], None], done: str, then: Callable[[], None]) -> None:
        """Once the sign-in is checked: the action, its words, and ``then`` if it was done."""

        def checked() -> None:
            if self._try(action, done):
                then()

        self.gate(checked)

    def _why(self) -> str:
        return self.reason.currentText()

    def _with_pin(self, action: Callable[[], None]) -> None:
        pin, reason = self.pin.text(), self._why()
        self.pin.clear()
        if not pin:
            self.tell(word("act.pin_needed", self.lang))
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
                raise TakeoverError(word("act.need_id", self.lang))
            self.takeover.confirm_identity(self.make_resident(number), self._why())

        if self._try(confirm, word("act.identity_done", self.lang)):
            self.id_number.clear()
            self.state_changed.emit()

    def _redo(self) -> None:
        reason = self._why()
        self._act(
            lambda: self.takeover.redo_step(reason),
            word("act.redo_done", self.lang),
            self.state_changed.emit,
        )

    def _skip(self) -> None:
        reason = self._why()
        self._act(
            lambda: self.takeover.skip_step(reason),
            word("act.skip_done", self.lang),
            self.state_changed.emit,
        )

    def _reprint(self) -> None:
        reason = self._why()
        self._act(
            lambda: self.takeover.reprint(reason),
            word("act.reprint_done", self.lang),
            self.reprint_requested.emit,
        )

    def _switch_off(self) -> None:
        device, reason = str(self.device.currentData()), self._why()
        self._act(
            lambda: self.takeover.switch_off_device(device, reason),
            word("act.device_done", self.lang, device=word(f"device.{device}", self.lang)),
            lambda: self.device_switched_off.emit(device),
        )

    def _end(self) -> None:
        reason = self._why()
        self._act(
            lambda: self.takeover.end_visit(reason),
            word("act.end_done", self.lang),
            self.visit_ended.emit,
        )

    def _leave(self) -> None:
        self._with_pin(self._leave_checked)

    def _leave_checked(self) -> None:
        reason = self._why()
        if self._try(
            lambda: self.takeover.leave_kiosk_mode(reason), word("act.leave_done", self.lang)
        ):
            self.leave_kiosk_requested.emit(reason)

    def _hand_back(self) -> None:
        self._act(
            self.takeover.hand_back, word("act.hand_back_done", self.lang), self.handed_back.emit
        )

    def shutdown(self) -> None:
        """Audit writes belong to the takeover's writer; nothing to stop here."""
