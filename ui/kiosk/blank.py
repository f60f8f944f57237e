"""Audio mode's privacy blank."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtGui import QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QWidget


class Blank(QWidget):
    """Audio mode's privacy blank: black over everything, but touches pass through to the items
    beneath, so touch-to-hear still works."""

    def showEvent(self, event: QShowEvent) -> None:
        # Set when first shown, not when built: home is drawn before Qt's namespace is made
        # (docs/architecture.md, "The start of kiosk run").
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        super().showEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), "#000000")
        p.end()
