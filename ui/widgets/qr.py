"""A QR code drawn from qrcode's module matrix: crisp at any size, in the theme's colours.

Dark modules on a light quiet zone whatever the theme, as phone cameras expect.
"""

from __future__ import annotations

import qrcode
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


def matrix(data: str) -> list[list[bool]]:
    code = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


class QrView(QWidget):
    def __init__(self, data: str, side_px: int, description: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.data = data
        self.cells = matrix(data)
        self.setFixedSize(side_px, side_px)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(description)
        self.setAccessibleDescription(description)

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#FFFFFF"))
        n = len(self.cells)
        cell = self.width() / n
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#000000"))
        for y, row in enumerate(self.cells):
            for x, dark in enumerate(row):
                if dark:
                    p.drawRect(QRectF(x * cell, y * cell, cell + 0.5, cell + 0.5))
        p.end()
