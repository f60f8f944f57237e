"""A picker that looks like one: a drop-down button at the field's right end with a large arrow
in the text colour (a styled QComboBox otherwise loses its arrow and reads as a text field)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPolygonF
from PySide6.QtWidgets import QComboBox, QWidget

BUTTON_PX = 60  # the drop-down button's width, as in ui.assist.style


class Picker(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.arrow = "#1B1B1B"  # set from the theme (ui.assist.style.apply_theme)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(self.arrow))
        cx, cy = self.width() - BUTTON_PX / 2, self.height() / 2
        half = BUTTON_PX * 0.22
        p.drawPolygon(
            QPolygonF(
                [
                    QPointF(cx - half, cy - half * 0.6),
                    QPointF(cx + half, cy - half * 0.6),
                    QPointF(cx, cy + half * 0.7),
                ]
            )
        )
        p.end()
