"""A readable table in pages: big rows, a page at a time, never a scroll bar to aim at."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.catalog.schema import Lang
from kiosk.i18n import t
from ui.theme import Look
from ui.widgets.button import BigButton
from ui.widgets.text import Label, Panel


class PagedTable(QWidget):
    page_changed = Signal(int)

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
        nav.setSpacing(look.gap_px)
        self.prev = BigButton(look, t("page.prev", lang))
        self.prev.setObjectName("page.prev")
        self.prev.activated.connect(lambda: self.show_page(self.page - 1))
        self.where = Label(look, "")
        self.next = BigButton(look, t("page.next", lang))
        self.next.setObjectName("page.next")
        self.next.activated.connect(lambda: self.show_page(self.page + 1))
        nav.addWidget(self.prev)
        nav.addWidget(self.where, 1)
        nav.addWidget(self.next)
        self.nav = QWidget()
        self.nav.setLayout(nav)
        box.addWidget(self.nav)
        self.nav.setVisible(self.pages > 1)
        self.show_page(0)

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.rows) // self.per_page))

    def page_rows(self) -> list[list[str]]:
        start = self.page * self.per_page
        return self.rows[start : start + self.per_page]

    def show_page(self, page: int) -> None:
        self.page = max(0, min(self.pages - 1, page))
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None:
                widget.deleteLater()
        bg = self.look.theme.muted_bg
        for col, header in enumerate(self.headers):
            self.grid.addWidget(Label(self.look, header, "strong", bg=bg), 0, col)
        for r, row in enumerate(self.page_rows(), start=1):
            for col, cell in enumerate(row):
                self.grid.addWidget(Label(self.look, cell, bg=bg), r, col)
        self.where.setText(t("page.where", self.lang, n=self.page + 1, total=self.pages))
        self.prev.setEnabled(self.page > 0)
        self.next.setEnabled(self.page < self.pages - 1)
        self.page_changed.emit(self.page)
