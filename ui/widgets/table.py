"""A readable table in pages: big rows, a page at a time, never a scroll bar to aim at.

How many rows a page holds follows the height the table is given, measured each time it is
resized (the bar, a banner or the help strip above the task all take their share first): a
page never holds more rows than fit, and the paging buttons show only when there is more than
one page. ``per_page`` is the first guess, used until the table has a height.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import t
from kiosk.speech.tables import table_speech
from kiosk.text import Lang
from ui.theme import Look
from ui.widgets.button import BigButton
from ui.widgets.text import Label, Panel


class PagedTable(QWidget):
    page_changed = Signal(int)  # any change of page, a fit to a new height included
    turned = Signal(int)  # the resident turned the page (Previous, Next): say it

    def __init__(
        self,
        look: Look,
        lang: Lang,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        per_page: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.look, self.lang = look, lang
        self.headers, self.rows = list(headers), [list(r) for r in rows]
        self.per_page = max(1, per_page)
        self.page = 0
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(look.gap_px)
        self.panel = Panel(look)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(look.mm(8))
        self.grid.setVerticalSpacing(look.mm(2))
        self.panel.box.addLayout(self.grid)
        box.addWidget(self.panel)
        nav = QHBoxLayout()
        nav.setContentsMargins(0, 0, 0, 0)
        nav.setSpacing(look.gap_px)
        self.prev = BigButton(look, t("page.prev", lang))
        self.prev.setObjectName("page.prev")
        self.prev.activated.connect(lambda: self.turn(self.page - 1))
        self.where = Label(look, "")
        self.next = BigButton(look, t("page.next", lang))
        self.next.setObjectName("page.next")
        self.next.activated.connect(lambda: self.turn(self.page + 1))
        nav.addWidget(self.prev)
        nav.addWidget(self.where, 1)
        nav.addWidget(self.next)
        self.nav = QWidget()
        self.nav.setLayout(nav)
        box.addWidget(self.nav)
        box.addStretch(1)
        # Takes the height the screen has left (give it the screen's stretch); asks for no
        # more than one row and the paging buttons, so it never pushes the screen's edge.
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setSizePolicy(policy)
        self.setMinimumHeight(self._height_for(1, nav=len(self.rows) > 1))
        self.show_page(0)

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.rows) // self.per_page))

    def page_rows(self) -> list[list[str]]:
        start = self.page * self.per_page
        return self.rows[start : start + self.per_page]

    def turn(self, page: int) -> None:
        """A page turned by the resident: shown, and ``turned`` to be said."""
        self.show_page(page)
        self.turned.emit(self.page)

    def show_page(self, page: int) -> None:
        self.page = max(0, min(self.pages - 1, page))
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        bg = self.look.theme.muted_bg
        for col, header in enumerate(self.headers):
            self.grid.addWidget(Label(self.look, header, "strong", bg=bg), 0, col)
        for r, row in enumerate(self.page_rows(), start=1):
            for col, cell in enumerate(row):
                self.grid.addWidget(Label(self.look, cell, bg=bg), r, col)
        self.where.setText(t("page.where", self.lang, n=self.page + 1, total=self.pages))
        self.where.setAccessibleName(self.where.text())
        self.nav.setVisible(self.pages > 1)
        self.prev.setEnabled(self.page > 0)
        self.next.setEnabled(self.page < self.pages - 1)
        self.page_changed.emit(self.page)

    def speech(self) -> str:
        """The rows of the page shown, as said; with personal cells, only through a headset
        (the loudspeaker hears the whole table's rows counted and what they span)."""
        return table_speech(self.headers, self.page_rows(), self.lang, whole=self.rows)

    # -- fitting the height ---------------------------------------------------------------

    def _widths(self) -> list[int]:
        """Each column's width as the grid will give it: its longest entry on one line when
        every column fits so, else an even share of the panel's width (words then wrap)."""
        look = self.look
        columns = max(1, len(self.headers))
        spacing = self.grid.horizontalSpacing()
        inner = self.width() - 2 * look.mm(4) - spacing * (columns - 1)
        bold, plain = QFontMetrics(look.font(bold=True)), QFontMetrics(look.font())
        natural = []
        for col in range(columns):
            cells = [plain.horizontalAdvance(r[col]) for r in self.rows if col < len(r)]
            header = bold.horizontalAdvance(self.headers[col]) if self.headers else 0
            natural.append(max([header, *cells]) + 2)
        if sum(natural) <= inner:
            return natural
        return [max(look.mm(10), inner // columns)] * columns

    def _line_height(self, font: QFont, rows: Sequence[Sequence[str]]) -> int:
        """The tallest entry of ``rows`` wrapped in its column's width."""
        widths = self._widths()
        fm = QFontMetrics(font)
        flags = int(Qt.TextFlag.TextWordWrap)
        heights = [fm.height()]
        for row in rows:
            for width, text in zip(widths, row, strict=False):
                heights.append(fm.boundingRect(QRect(0, 0, width, 10000), flags, text).height())
        return max(heights)

    def _nav_height(self) -> int:
        return max(b.heightForWidth(b.sizeHint().width()) for b in (self.prev, self.next))

    def _height_for(self, count: int, *, nav: bool) -> int:
        """The height ``count`` rows need, with the header, and the paging buttons if ``nav``."""
        look = self.look
        header = self._line_height(look.font(bold=True), [self.headers])
        row = self._line_height(look.font(), self.rows)
        spacing = look.mm(2)
        height = 2 * look.mm(4) + header + count * (row + spacing)
        if nav:
            height += look.gap_px + self._nav_height()
        return height

    def rows_that_fit(self, height: int) -> int:
        if self._height_for(len(self.rows), nav=False) <= height:
            return max(1, len(self.rows))
        count = 1
        while count + 1 < len(self.rows) and self._height_for(count + 1, nav=True) <= height:
            count += 1
        return count

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.setMinimumHeight(self._height_for(1, nav=len(self.rows) > 1))
        fit = self.rows_that_fit(self.height())
        if fit != self.per_page:
            first = self.page * self.per_page  # the first row shown stays on the page shown
            self.per_page = fit
            self.show_page(first // fit)
