"""The kiosk window's frame: where each part goes.

Banners and the help strip on top, the task (with the staff panel beside it in landscape, in its
place in portrait, and the bar's column where the bar has one) in the middle, the bar and the
staff control at the bottom. The window decides what is shown; the frame decides where.
"""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtWidgets import QBoxLayout, QLayout, QVBoxLayout, QWidget


class Frame:
    def __init__(self, window: QWidget, portrait: bool) -> None:
        self.portrait = portrait
        self.layout_ = QVBoxLayout(window)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(0)
        # The window is the panel: 1920x1080 or 1080x1920, whatever it holds. Without this the
        # layout raises the window's minimum to its contents' and a tall screen grows the
        # window past the panel's edge, where nobody sees it; content that does not fit is
        # found by the tour's clipping check instead.
        self.layout_.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        down, across = QBoxLayout.Direction.TopToBottom, QBoxLayout.Direction.LeftToRight
        self.middle = QWidget(window)
        self.middle_row = QBoxLayout(down if portrait else across, self.middle)
        self.middle_row.setContentsMargins(0, 0, 0, 0)
        self.middle_row.setSpacing(0)
        # Landscape: the staff control at the end of the bar's row. Portrait has no width to
        # spare (the bar's words would wrap and push the task up): it sits on a slim row below.
        self.bottom = QWidget(window)
        self.bottom_row = QBoxLayout(down if portrait else across, self.bottom)
        self.bottom_row.setContentsMargins(0, 0, 0, 0)
        self.bottom_row.setSpacing(0)
        self.layout_.addWidget(self.middle, 1)
        self.layout_.addWidget(self.bottom)

    def above_task(self, widget: QWidget) -> None:
        """A row above the task that stays (the assisted banner, the help strip)."""
        self.layout_.insertWidget(self.layout_.indexOf(self.middle), widget)

    def place(
        self,
        banner: QWidget | None,
        screen: QWidget,
        bar: QWidget,
        speech: QWidget | None,
        column: QWidget | None,
    ) -> None:
        """This screen's parts in their rows (what was there before has been taken out)."""
        if banner is not None:
            self.layout_.insertWidget(0, banner)
        self.middle_row.insertWidget(0, screen, 1)
        if speech is not None:
            self.layout_.insertWidget(self.layout_.indexOf(self.bottom), speech)
        self.bottom_row.insertWidget(0, bar, 1)
        if column is not None:  # in the window before it is shown: never a window
            self.middle_row.addWidget(column, 0)

    def take_out(self, widget: QWidget) -> None:
        """A part of the last screen: hidden and out of its row at once, deleted on the GUI
        thread's next turn. It keeps its parent meanwhile: an orphan would be owned by Python
        and die wherever its wrapper is collected (a worker thread, while a screen reader
        reads it), and would be a top-level window for that moment."""
        widget.hide()
        for row in (self.layout_, self.middle_row, self.bottom_row):
            row.removeWidget(widget)
        widget.deleteLater()

    def place_entry(self, entry: QWidget, column: QWidget | None, shown: bool, margin: int) -> None:
        """The staff control: at the end of the bar's row (landscape), on its slim row below
        the bar (portrait), or at the foot of the bar's column where the bar has one. In the
        bottom row it keeps ``margin`` from the panel's edges, as the bar's own controls do."""
        # In the bottom row it is at the panel's side; below the bar (portrait), at its foot too.
        # (Shown or hidden alike: it is shown and hidden elsewhere too, without a new place.)
        own = column is None
        self.bottom_row.setContentsMargins(
            0, 0, margin if own else 0, margin if own and self.portrait else 0
        )
        if column is not None:
            box = column.layout()
            assert box is not None
            box.addWidget(entry)
            box.setAlignment(entry, QtCore.Qt.AlignmentFlag.AlignHCenter)
        elif self.bottom_row.indexOf(entry) < 0:
            align = (
                QtCore.Qt.AlignmentFlag.AlignRight
                if self.portrait
                else QtCore.Qt.AlignmentFlag.AlignVCenter
            )
            self.bottom_row.addWidget(entry, 0, align)
        entry.setVisible(shown)

    def place_side(
        self, side: QWidget | None, current: QWidget | None, column: QWidget | None, width: int
    ) -> None:
        """The staff panel beside the task (landscape); in portrait it takes the task's place
        (the visit is untouched and comes back after), or nothing. The bar's column, where
        there is one, stays at the right edge."""
        for i in reversed(range(1, self.middle_row.count())):
            item = self.middle_row.itemAt(i)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not side and widget is not column:
                self.middle_row.removeWidget(widget)
                widget.hide()
        if current is not None:
            # Portrait has no room for a staff panel beside or below the task: the PIN pad
            # and the helper's actions take the task's place, each with a way back to it.
            current.setVisible(not (self.portrait and side is not None))
        if side is not None:
            if self.middle_row.indexOf(side) < 0:
                self.middle_row.insertWidget(1, side, 1 if self.portrait else 0)
            if self.portrait:
                side.setMaximumWidth(16777215)
            else:
                side.setFixedWidth(max(560, width // 3))
            side.show()
        if column is not None:
            self.middle_row.removeWidget(column)
            self.middle_row.addWidget(column, 0)
