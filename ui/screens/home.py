"""Home: a spoken welcome, the three first choices (language, elder mode, voice guidance) and a
large tile for every service the catalogue holds: icon, title and one line of what it does."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from kiosk.catalog.schema import Service
from kiosk.i18n import t
from kiosk.text import other_text_language
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
            about = t(f"{name}_about", lang)
            if name == "home.language":
                # Named, described and spoken in the language it switches to: an English
                # speaker who cannot read the screen hears "English" in English.
                target = other_text_language(lang)
                about = t(f"{name}_about", target)
            b = self.button(t(key, lang), name=name, about=about)
            if name == "home.language":
                b.speech_lang = target
                language_button = b
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
        # The language choice is the first stop of the focus chain and where the focus starts
        # (a blind English speaker's first Tab stop); Enter with nothing focused still starts
        # the first service.
        self.language_button = language_button

    def first_focus(self) -> QWidget | None:
        return self.language_button
