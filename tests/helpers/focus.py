"""What has the keyboard focus, by name, for tests that drive the kiosk by keys."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

NOTHING = "<none>"


def focused_name() -> str:
    """The object name of the widget with the keyboard focus; NOTHING when none has it."""
    widget = QApplication.focusWidget()
    return widget.objectName() if widget is not None else NOTHING
