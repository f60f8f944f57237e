"""The on-screen keypad: digits, an X for ID numbers or a point for amounts, delete, clear, OK.

No free typing is needed anywhere. A physical keyboard's digit keys reach the same buffer (the
window forwards them), so a resident with a USB keypad types as on screen. Every key pressed is
said (``keyed``): what is typed is personal (an ID or phone number), so the character itself is
said only through a headset and the loudspeaker says how many are typed; a secret entry shows
dots and speaks "star" for each digit (the resident hears that a key took, not which).
``status`` says what is typed so far (the "where am I" key), the characters through a headset
only, so a resident who cannot see can find a wrong one and correct it.
"""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QRectF, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.i18n import t
from kiosk.speech.private import private
from kiosk.text import Lang, text_language
from ui.theme import Look
from ui.widgets.button import BigButton
from ui.widgets.text import Label, fill


class Display(Label):
    """What has been typed, in a box. The box is painted here, all four sides: QFrame's own
    frame on a label with side margins lost its top and bottom edges."""

    def __init__(self, look: Look) -> None:
        super().__init__(look, "", "title", bg=look.theme.button_bg)
        self.border, self.border_px = look.theme.border, look.border_px
        fill(self, look.theme.button_bg)
        inset = look.mm(3) + self.border_px
        self.setContentsMargins(inset, self.border_px, inset, self.border_px)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        p = QPainter(self)
        w = self.border_px
        p.setPen(
            QPen(
                QColor(self.border),
                w,
                QtCore.Qt.PenStyle.SolidLine,
                QtCore.Qt.PenCapStyle.SquareCap,
                QtCore.Qt.PenJoinStyle.MiterJoin,
            )
        )
        p.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        half = w / 2
        p.drawRect(QRectF(half, half, self.width() - w, self.height() - w))
        p.end()


class Keypad(QWidget):
    changed = Signal(str)  # the whole buffer after each key
    submitted = Signal(str)
    keyed = Signal(str)  # what to say for one key press

    def __init__(
        self,
        look: Look,
        lang: Lang,
        *,
        extra: str = "",  # "X" for ID numbers, "." for amounts, "" for digits only
        max_length: int = 32,
        secret: bool = False,
        group: int = 0,  # show a space every this many characters (readability of long numbers)
        value: str = "",  # typed before (kept across a redraw), shown at once
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.look, self.lang, self.extra = look, lang, extra
        self.max_length, self.secret, self.group = max_length, secret, group
        self.value = value
        self.first_key: BigButton | None = None  # where the focus starts on an empty keypad
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(look.gap_px)
        self.display = Display(look)
        self.display.setFixedHeight(round(look.title_px * 1.6) + look.mm(4))
        self.display.setAccessibleDescription(t("keypad.display", lang))
        box.addWidget(self.display)
        grid = QGridLayout()
        grid.setSpacing(look.gap_px)
        self.setMinimumHeight(look.target_px * 5)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", extra or "", "0"]
        for i, key in enumerate(keys):
            if not key:
                continue
            button = BigButton(look, key, description=t("keypad.key", lang, char=key))
            button.setObjectName(f"key.{key}")
            button.activated.connect(lambda k=key: self.press(k))
            button.stays_armed = True  # touch to hear: a repeated digit needs one touch each
            self.first_key = self.first_key or button
            grid.addWidget(button.even(tall=True), i // 3, i % 3)
        delete = BigButton(look, t("action.delete", lang), description=t("keypad.delete", lang))
        delete.setObjectName("keypad.delete")
        delete.activated.connect(self.delete)
        grid.addWidget(delete.even(tall=True), 0, 3)
        clear = BigButton(look, t("action.clear", lang), description=t("keypad.clear", lang))
        clear.setObjectName("keypad.clear")
        clear.activated.connect(self.clear)
        grid.addWidget(clear.even(tall=True), 1, 3)
        ok = BigButton(look, t("action.ok", lang), role="primary", description=t("keypad.ok", lang))
        ok.setObjectName("keypad.ok")
        ok.activated.connect(lambda: self.submitted.emit(self.value))
        grid.addWidget(ok.even(tall=True), 2, 3, 2, 1)
        self.ok = ok
        # The column of words never narrower than its widest word ("Delete" beside a staff
        # panel was cut at the key's edge).
        bold = QFontMetrics(look.font(bold=True))
        widest = max(bold.horizontalAdvance(b.text()) for b in (delete, clear, ok))
        grid.setColumnMinimumWidth(3, widest + 2 * (look.mm(2) + look.border_px))
        box.addLayout(grid, 1)
        box.addStretch(0)  # beyond the keys' tallest, the room goes below them, not between
        self._show()

    def press(self, key: str) -> None:
        key = key.upper()
        allowed = key.isdigit() or (self.extra and key == self.extra)
        if not allowed:
            return
        if len(self.value) >= self.max_length:
            self.keyed.emit(t("keypad.full", self.lang, n=self.max_length))
            return
        self.value += key
        self._show()
        self.keyed.emit(self._said(key))

    def _said(self, key: str) -> str:
        """One key as said: a star for a secret; else the character through a headset, how
        many are typed on the loudspeaker."""
        if self.secret:
            return t("keypad.star", self.lang)
        return private(key, t("keypad.count", self.lang, n=len(self.value)), quiet=True)

    def type_key(self, key: str) -> bool:
        """A key from a physical keyboard or kiosk keypad: backspace, Enter, or a character."""
        if key == "\b":
            self.delete()
        elif key in ("\r", "\n"):
            self.submitted.emit(self.value)
        else:
            self.press(key)
        return True

    def delete(self) -> None:
        if not self.value:
            self.keyed.emit(t("keypad.empty", self.lang))
            return
        gone, self.value = self.value[-1:], self.value[:-1]
        self._show()
        left = t("keypad.deleted", self.lang, n=len(self.value))
        if not self.secret:
            named = t("keypad.deleted_char", self.lang, char=gone, n=len(self.value))
            left = private(named, left, quiet=True)
        self.keyed.emit(left)

    def clear(self) -> None:
        self.value = ""
        self._show()
        self.keyed.emit(t("keypad.cleared", self.lang))

    def status(self) -> str:
        """What is typed so far, as said: how many, then (through a headset only, never for a
        secret) the characters themselves."""
        if not self.value:
            return t("keypad.empty", self.lang)
        count = t("keypad.count", self.lang, n=len(self.value))
        if self.secret:
            return count
        sep = "：" if text_language(self.lang) == "zh" else ": "
        return count + private(sep + self.value, quiet=True)

    def shown(self) -> str:
        text = "●" * len(self.value) if self.secret else self.value
        if self.group and not self.secret:
            text = " ".join(text[i : i + self.group] for i in range(0, len(text), self.group))
        return text

    def _show(self) -> None:
        self.display.setText(self.shown() or " ")
        self.display.setAccessibleName(self.shown() or t("keypad.empty", self.lang))
        self.changed.emit(self.value)


def keypad_around(widget: QWidget | None) -> Keypad | None:
    """The keypad ``widget`` is part of (a key, delete, clear, OK), if any."""
    while widget is not None:
        if isinstance(widget, Keypad):
            return widget
        widget = widget.parentWidget()
    return None
