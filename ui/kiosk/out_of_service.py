"""The out-of-service screen: what a resident sees when the kiosk cannot serve at all (its store
could not be opened at start). Both languages at once, nothing that looks like it could be
touched, and where to find a person instead."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.config import Settings
from kiosk.i18n import t
from ui.theme import Look


def out_of_service_words(settings: Settings) -> list[tuple[str, str]]:
    """(title, body) in Chinese, then in English."""
    where = {"hall": settings.kiosk.hall, "hotline": settings.kiosk.hotline}
    return [
        (t("out_of_service.title", lang), t("out_of_service.body", lang, **where))
        for lang in ("zh", "en")
    ]


class OutOfService(QWidget):
    def __init__(self, parent: QWidget, settings: Settings, look: Look) -> None:
        super().__init__(parent)
        self.setObjectName("out_of_service")
        theme = look.theme
        self.setAutoFillBackground(True)
        self.setStyleSheet(f"background: {theme.background};")
        box = QVBoxLayout(self)
        box.setContentsMargins(look.mm(20), look.mm(20), look.mm(20), look.mm(20))
        box.setSpacing(look.mm(8))
        box.addStretch(1)
        self.words = out_of_service_words(settings)
        for title, body in self.words:
            heading = QLabel(title)
            heading.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
            heading.setStyleSheet(
                f"color: {theme.text}; font-size: {look.title_px}px; font-weight: bold;"
            )
            text = QLabel(body)
            text.setWordWrap(True)
            text.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
            text.setStyleSheet(f"color: {theme.text}; font-size: {look.body_px}px;")
            for label in (heading, text):
                label.setAccessibleName(label.text())
                box.addWidget(label)
        box.addStretch(1)
        self.setAccessibleName(self.speech())

    def speech(self) -> str:
        return "\n".join(f"{title}。{body}" for title, body in self.words)
