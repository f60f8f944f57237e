"""Staff sign-in at the kiosk: staff number, then PIN, on large keys; or a scanned badge.

The PIN is never shown (dots only) and never spoken. The check (scrypt, about 50 ms, and a
database write for the audit) runs on a worker thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.assist.vocabulary import StaffInfo, sign_in_refusal
from kiosk.text import Lang
from ui.assist.style import PANEL, SHEET
from ui.assist.words import word
from ui.bridge import Bridge

if TYPE_CHECKING:
    from kiosk.api.staff import StaffAccounts


class PinPadPanel(QFrame):
    signed_in = Signal(object)  # StaffInfo
    cancelled = Signal()

    def __init__(self, staff: StaffAccounts, kiosk_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(PANEL)
        self.setStyleSheet(SHEET)
        self.lang: Lang = "zh"
        self.styled_as: tuple[object, Lang] | None = None  # the theme and language drawn in
        self.staff = staff
        self.kiosk_id = kiosk_id
        self.bridge = Bridge(self, workers=1)
        self._staff_no = ""
        self._pin = ""
        self._field = "staff_no"
        self._message = ("pad.enter_no", "")  # a word's key, or "" and words already said

        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.staff_no_label = QLabel()
        self.pin_label = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        keys = QGridLayout()
        keys.setSpacing(12)
        # Keyed by their Chinese labels, which the window's keypad path presses.
        self.keys: dict[str, QPushButton] = {}
        layout = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "删除", "0", "确定"]
        for i, text in enumerate(layout):
            button = QPushButton(text)
            if text == "确定":
                button.setObjectName("primary")
            button.clicked.connect(lambda _=False, t=text: self.press(t))
            keys.addWidget(button, i // 3, i % 3)
            self.keys[text] = button
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self._cancel)
        box = QVBoxLayout(self)
        box.setContentsMargins(24, 20, 24, 20)
        box.setSpacing(12)
        for widget in (self.heading, self.staff_no_label, self.pin_label, self.message):
            box.addWidget(widget)
        box.addLayout(keys)
        box.addWidget(self.cancel_button)
        self.set_language("zh")
        self.reset()

    def set_language(self, lang: Lang) -> None:
        """The panel's words in the session's language."""
        self.lang = lang
        title = word("pad.title", lang)
        self.setAccessibleName(title)
        self.heading.setText(title)
        self.staff_no_label.setAccessibleName(word("pad.staff_no", lang))
        self.pin_label.setAccessibleName(word("pad.pin", lang))
        self.message.setAccessibleName(word("pad.hint", lang))
        for key, button in self.keys.items():
            if key == "删除":
                button.setText(word("pad.delete", lang))
                button.setAccessibleName(word("pad.delete_about", lang))
            elif key == "确定":
                button.setText(word("pad.ok", lang))
                button.setAccessibleName(word("pad.ok", lang))
            else:
                button.setAccessibleName(word("pad.digit", lang, d=key))
        self.cancel_button.setText(word("pad.cancel", lang))
        self.cancel_button.setAccessibleName(word("pad.cancel_about", lang))
        self._say(*self._message)
        self._render()

    def _say(self, key: str, words: str = "") -> None:
        self._message = (key, words)
        self.message.setText(word(key, self.lang) if key else words)

    def reset(self) -> None:
        self._staff_no, self._pin, self._field = "", "", "staff_no"
        self._say("pad.enter_no")
        self._render()

    def _render(self) -> None:
        sep = "：" if self.lang == "zh" else ": "
        mark = "▶ " if self._field == "staff_no" else ""
        self.staff_no_label.setText(f"{mark}{word('pad.staff_no', self.lang)}{sep}{self._staff_no}")
        mark = "▶ " if self._field == "pin" else ""
        self.pin_label.setText(f"{mark}{word('pad.pin', self.lang)}{sep}{'●' * len(self._pin)}")

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
                self._say("pad.enter_pin")
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
        self._say("pad.checking")
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
        self._say("pad.checking_badge")
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
        self._say("", sign_in_refusal(error, self.lang))
        self._render()

    def _cancel(self) -> None:
        self.reset()
        self.cancelled.emit()

    def shutdown(self) -> None:
        self.bridge.close()
