"""Home: a spoken welcome, the three first choices (language, elder mode, voice guidance) and a
large tile for every service the catalogue holds: icon, title and one line of what it does."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from kiosk.catalog.schema import Service
from kiosk.i18n import t
from ui.kiosk.prefs import Prefs
from ui.screens.base import Context, Screen


class HomeScreen(Screen):
    kind = "home"
    start = Signal(str)
    language = Signal()
    elder = Signal()
    voice = Signal()

    def __init__(
        self,
        ctx: Context,
        services: tuple[Service, ...],
        prefs: Prefs,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        lang = self.lang
        self.heading(t("app.title", lang), t("home.welcome", lang))
        firsts = QHBoxLayout()
        firsts.setSpacing(self.look.gap_px * 2)
        for key, signal, name in (
            ("home.language", self.language, "home.language"),
            ("home.elder_on" if prefs.elder else "home.elder_off", self.elder, "home.elder"),
            ("home.voice_on" if prefs.voice else "home.voice_off", self.voice, "home.voice"),
        ):
            b = self.button(t(key, lang), name=name, about=t(f"{name}_about", lang))
            b.setCheckable(name != "home.language")
            b.setChecked(
                (name == "home.elder" and prefs.elder) or (name == "home.voice" and prefs.voice)
            )
            b.activated.connect(signal.emit)
            firsts.addWidget(b)
        self.box.addLayout(firsts)
        grid = QGridLayout()
        grid.setSpacing(self.look.gap_px * 2)
        columns = 2 if self.look.portrait else (4 if self.look.size == "standard" else 3)
        ordered = sorted(services, key=lambda s: s.order)
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
            grid.addWidget(tile, i // columns, i % columns)
            if i == 0:
                self.primary = tile
        for c in range(columns):
            grid.setColumnStretch(c, 1)
        self.box.addLayout(grid, 1)
