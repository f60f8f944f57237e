"""Text on the screen: word-wrapped labels in the look's sizes, and panels to group them.

Each label remembers its (text, background) colours so the tour and the tests can report the
lowest contrast on a screen; errors and notices always come with an icon and words, never a
colour alone.
"""

from __future__ import annotations

from typing import Literal

from PySide6 import QtCore
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.speech.codes import unmarked
from ui.theme import Look
from ui.widgets.icons import Icon
from ui.widgets.wrap import keep_words

Kind = Literal["body", "title", "big", "strong"]


class Label(QLabel):
    def __init__(
        self,
        look: Look,
        text: str,
        kind: Kind = "body",
        *,
        fg: str | None = None,
        bg: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("", parent)
        self._plain = ""
        self.setText(text)
        self.fg = fg or look.theme.text
        self.bg = bg or look.theme.background
        px = {
            "body": look.body_px,
            "strong": look.body_px,
            "title": look.title_px,
            "big": look.big_px,
        }[kind]
        self.setFont(look.font(px, bold=kind != "body"))
        self.setWordWrap(True)
        # Plain text, never read as markup. Set by the property's name: home is drawn before
        # Qt's namespace (whose TextFormat setTextFormat takes) is made (docs/architecture.md).
        self.setProperty("textFormat", "PlainText")
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(self.fg))
        self.setPalette(palette)
        self.setAccessibleName(unmarked(text))

    def setText(self, text: str) -> None:
        """Shown with its words kept whole across lines (ui.tour.wrap.keep_words); ``text()``
        gives back the words as set, for speech and tests."""
        self._plain = text
        super().setText(keep_words(unmarked(text)))  # a code's marks are for the voice

    def text(self) -> str:
        return self._plain


def fill(widget: QWidget, colour: str) -> None:
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(colour))
    widget.setPalette(palette)
    widget.setAutoFillBackground(True)


class Panel(QFrame):
    """A block on the muted background (results, facts, the bar)."""

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        fill(self, look.theme.muted_bg)
        self.box = QVBoxLayout(self)
        m = look.mm(4)
        self.box.setContentsMargins(m, m, m, m)
        self.box.setSpacing(look.gap_px)


class Notice(QFrame):
    """An icon and words side by side: an error (with what to do next) or a plain notice."""

    def __init__(
        self,
        look: Look,
        text: str,
        *,
        error: bool = False,
        icon: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        theme = look.theme
        fg, bg = (theme.error_text, theme.error_bg) if error else (theme.text, theme.muted_bg)
        fill(self, bg)
        self.setFrameShape(QFrame.Shape.Box)
        self.setLineWidth(look.border_px)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(fg))
        self.setPalette(palette)
        row = QHBoxLayout(self)
        m = look.mm(3)
        row.setContentsMargins(m, m, m, m)
        row.setSpacing(look.gap_px)
        row.addWidget(
            Icon(icon or ("warning" if error else "info"), fg, round(look.body_px * 1.6)),
            0,
            QtCore.Qt.AlignmentFlag.AlignTop,
        )
        self.label = Label(look, text, "strong" if error else "body", fg=fg, bg=bg)
        row.addWidget(self.label, 1)
        self.setAccessibleName(unmarked(text))
        self.text = unmarked(text)  # as shown
