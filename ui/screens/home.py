"""Home: a spoken welcome, the first choices (each other language, elder mode, voice guidance,
which is touch to hear) and a large tile for every service the catalogue holds: icon, title and
one line of what it does."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.i18n import t
from kiosk.text import languages
from ui.kiosk.prefs import Prefs
from ui.screens.base import Context, Screen
from ui.widgets.button import BigButton
from ui.widgets.said import speak_in

if TYPE_CHECKING:
    from kiosk.catalog.schema import Service
    from kiosk.catalog.snapshot import Tile


class HomeScreen(Screen):
    kind = "home"
    start = Signal(str)
    language = Signal(str)  # a code of the language list
    elder = Signal()
    voice = Signal()

    def __init__(
        self,
        ctx: Context,
        services: Sequence[Tile | Service],  # tiles from the snapshot before the catalogue
        prefs: Prefs,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        lang = self.lang
        self.heading(t("app.title", lang), t("home.welcome", lang))
        # The title and the welcome: hidden when short of room (resizeEvent), still said.
        shown = (self.box.itemAt(self.box.count() - i) for i in (2, 1))
        labels = (item.widget() for item in shown if item is not None)
        self.greeting = [label for label in labels if label is not None]
        firsts = QGridLayout()
        firsts.setSpacing(self.look.gap_px * 2)
        placed = 0
        # One row in landscape, each as wide as its words (a language's name is short); two
        # rows of two in portrait, where one row left no room for "长辈模式：关" whole.
        per_row = 2 if self.look.portrait else 4
        even = self.look.portrait
        # Every other language of the language list, each in its own name (粤语 among them),
        # described in that language ("Switch to English"), its role and place in the
        # screen's: an English speaker who cannot read the screen hears "English" in the English
        # voice, a Cantonese speaker 粤语 in the Cantonese one (ui.widgets.said). They are the
        # first stops of the focus chain.
        self.language_buttons = []
        for other in languages():
            if other.code == lang:
                continue
            b = self.button(
                other.name,
                name=f"language.{other.code}",
                about=t("home.language_to", other.code, name=other.name),
            )
            speak_in(b, other.code)  # 粤语 in Cantonese on a Mandarin screen too
            self.language_buttons.append(b)
            b.activated.connect(lambda code=other.code: self.language.emit(code))
            firsts.addWidget(b.even() if even else b, placed // per_row, placed % per_row)
            placed += 1
        for key, signal, name in (
            ("home.elder_on" if prefs.elder else "home.elder_off", self.elder, "home.elder"),
            ("home.voice_on" if prefs.audio_mode else "home.voice_off", self.voice, "home.voice"),
        ):
            b = self.button(t(key, lang), name=name, about=t(f"{name}_about", lang))
            b.setCheckable(True)
            b.setChecked(prefs.elder if name == "home.elder" else prefs.audio_mode)
            b.activated.connect(signal)
            firsts.addWidget(b.even() if even else b, placed // per_row, placed % per_row)
            placed += 1
        self.box.addLayout(firsts)
        self.firsts = firsts
        grid = QGridLayout()
        grid.setSpacing(self.look.gap_px * 2)
        columns = 2 if self.look.portrait else (4 if self.look.size == "standard" else 3)
        self.tiles: list[BigButton] = []
        self.grid, self.most_columns, self.columns, self.icons = grid, columns, columns, True
        ordered = sorted(services, key=lambda s: s.order)
        self.ordered = ordered
        # The largest size has no room for seven tiles with summaries: the summary is then
        # heard (the tile's description) rather than shown, never cut off. Never a scroll bar.
        roomy = self.look.size != "largest"
        # At the larger sizes the rows of tiles leave no height for an icon above
        # the words (the summary was cut off), so the icon goes beside them.
        icon_on_top = self.look.size == "standard"
        for i, service in enumerate(ordered):
            tile = self.button(
                service.title.get(lang),
                sub=service.summary.get(lang) if roomy else "",
                icon=service.icon,
                name=f"service.{service.id}",
                about=service.summary.get(lang),
            )
            tile.icon_on_top = icon_on_top
            tile.even()
            tile.activated.connect(lambda sid=service.id: self.start.emit(sid))
            self.tiles.append(tile)
            if i == 0:
                self.primary = tile
        self._arrange(columns)
        self.box.addLayout(grid, 1)

    def _arrange(self, columns: int, icons: bool = True) -> None:
        """The tiles in rows of ``columns``, each column as wide as the others; ``icons``
        False: the words alone, the icon's room theirs."""
        self.columns, self.icons = columns, icons
        self._show_icons(icons)
        for tile in self.tiles:
            tile.updateGeometry()
            self.grid.removeWidget(tile)
        for i, tile in enumerate(self.tiles):
            self.grid.addWidget(tile, i // columns, i % columns)
        for c in range(self.most_columns):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)

    def _place_firsts(self, per_row: int) -> None:
        shown = [self.firsts.itemAt(i) for i in range(self.firsts.count())]
        buttons = [w for w in (item.widget() for item in shown if item is not None) if w]
        for b in buttons:
            self.firsts.removeWidget(b)
        for i, b in enumerate(buttons):
            self.firsts.addWidget(b, i // per_row, i % per_row)

    def fitting(self, width: int) -> tuple[int, bool]:
        """The most columns (up to the look's) in which every tile's words fit whole, with
        their icons if they can: the staff panel beside home takes room at a large text size,
        and an icon goes before a row of tiles does (the rows' height is short too)."""
        gap = self.grid.spacing()
        for columns in range(self.most_columns, 0, -1):
            tile_width = (width - (columns - 1) * gap) // columns
            for icons in (True, False):
                self._show_icons(icons)
                fit = all(tile.words_fit(tile_width) for tile in self.tiles)
                self._show_icons(self.icons)
                if fit:
                    return columns, icons
        return 1, False

    def _show_icons(self, icons: bool) -> None:
        for tile, service in zip(self.tiles, self.ordered, strict=True):
            tile.icon_name = service.icon if icons else ""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.look.portrait:  # the staff panel takes the task's place there, never beside
            return
        margins = self.box.contentsMargins()
        fit = self.fitting(event.size().width() - margins.left() - margins.right())
        if fit != (self.columns, self.icons):
            self._arrange(*fit)
            # Short of room (the staff panel beside home at a large size): the tiles' rows
            # take the greeting's height (it is still said: Screen.heading), and the first
            # choices go in two rows of two, as in portrait, each with its words whole.
            roomy = fit == (self.most_columns, True)
            for label in self.greeting:
                label.setVisible(roomy)
            self._place_firsts(4 if roomy else 2)
            self.box.activate()  # the tiles placed now: what is measured and said follows

    def first_focus(self) -> QWidget | None:
        """The language choices first (a blind resident's first Tab stop); Enter with nothing
        focused still starts the first service."""
        return self.language_buttons[0] if self.language_buttons else self.primary
