"""The staff control and the banner of assisted mode."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from kiosk.assist.vocabulary import StaffInfo
from ui.assist.style import SHEET
from ui.widgets.button import announce_focus


class StaffEntryButton(QPushButton):
    """Discreet but not hidden: a small labelled key in a corner, not a secret gesture. Reached
    by the keys (the focus chain's last stop), it says what it is and that it is for staff."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("工作人员", parent)
        self.setObjectName("staffEntry")
        self.setAccessibleName("工作人员入口")
        self.setStyleSheet(SHEET)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        announce_focus(self, event)


def banner_text(staff: StaffInfo) -> str:
    return f"工作人员 {staff.name}（工号 {staff.staff_no}）正在协助您"


class AssistedBanner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setStyleSheet(SHEET)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.hide()

    def show_staff(self, staff: StaffInfo) -> None:
        self.setText(banner_text(staff))
        self.setAccessibleName(banner_text(staff))
        self.show()

    def clear(self) -> None:
        self.setText("")
        self.hide()

    def shutdown(self) -> None:
        """Nothing runs in the background here; kept for a uniform API."""
