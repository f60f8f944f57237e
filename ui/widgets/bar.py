"""The bar on every screen, always in the same place: Home, Back, Repeat, sound settings, text
size, contrast, language and Call staff. Landscape puts the eight in one row; portrait in two.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QFrame, QGridLayout, QWidget

from kiosk.catalog.schema import Lang
from kiosk.i18n import t
from ui.theme import Look
from ui.widgets.button import BigButton
from ui.widgets.text import fill


class ControlBar(QFrame):
    home = Signal()
    back = Signal()
    repeat = Signal()
    text_size = Signal()
    contrast = Signal()
    language = Signal()
    call_staff = Signal()
    sound = Signal()

    def __init__(
        self, look: Look, lang: Lang, *, can_go_back: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        fill(self, look.theme.muted_bg)
        self.setAccessibleName(t("bar.name", lang))
        grid = QGridLayout(self)
        m = look.mm(3)
        grid.setContentsMargins(m, m, m, m)
        grid.setSpacing(look.gap_px)
        size_word = t(f"size.{look.size}", lang)
        theme_word = t(f"theme.{look.theme.name}", lang)
        items: list[tuple[str, str, str, SignalInstance]] = [
            ("home", t("bar.home", lang), t("bar.home_about", lang), self.home),
            ("back", t("bar.back", lang), t("bar.back_about", lang), self.back),
            ("repeat", t("bar.repeat", lang), t("bar.repeat_about", lang), self.repeat),
            ("sound", t("bar.sound", lang), t("bar.sound_about", lang), self.sound),
            (
                "size",
                f"{t('bar.text_size', lang)}：{size_word}"
                if lang == "zh"
                else f"{t('bar.text_size', lang)}: {size_word}",
                t("bar.size_about", lang),
                self.text_size,
            ),
            (
                "contrast",
                f"{t('bar.contrast', lang)}：{theme_word}"
                if lang == "zh"
                else f"{t('bar.contrast', lang)}: {theme_word}",
                t("bar.contrast_about", lang),
                self.contrast,
            ),
            ("language", t("home.language", lang), t("bar.language_about", lang), self.language),
            ("staff", t("bar.call_staff", lang), t("bar.staff_about", lang), self.call_staff),
        ]
        columns = 4 if look.portrait else len(items)
        self.buttons: dict[str, BigButton] = {}
        for i, (name, text, about, signal) in enumerate(items):
            button = BigButton(
                look, text, role="staff" if name == "staff" else "plain", description=about
            )
            button.activated.connect(signal.emit)
            button.setObjectName(f"bar.{name}")
            self.buttons[name] = button
            span = 1
            if look.portrait and name == "staff":
                span = 1 + columns - (len(items) % columns or columns)
            grid.addWidget(button.even(), i // columns, i % columns, 1, span)
        self.buttons["back"].setEnabled(can_go_back)
