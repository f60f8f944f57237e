"""The language strip: every language of the language list (assets/languages.toml), each in its
own name, the one in use marked.

Reached from the bar's language button on every screen and drawn where the sound settings strip
goes, above the bar, never over the task. A Cantonese speaker on an English screen finds 粤语
there as a Mandarin speaker finds 中文: no language is reached only from home.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QWidget

from kiosk.i18n import t
from kiosk.text import Lang, in_language, languages, text_language
from ui.theme import Look
from ui.widgets.button import BigButton
from ui.widgets.said import said_about, said_name, speak_in
from ui.widgets.text import fill


def other_names(lang: Lang, *, voiced: bool = False) -> str:
    """The bar button's words: the other languages, each in its own name ("粤语 / English");
    ``voiced``: as said, each name in its own language's voice."""
    others = (other for other in languages() if other.code != lang)
    return " / ".join(in_language(o.name, o.code) if voiced else o.name for o in others)


class LanguageStrip(QFrame):
    chosen = Signal(str)  # a code of the language list

    def __init__(self, look: Look, lang: Lang, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        fill(self, look.theme.muted_bg)
        self.setFrameShape(QFrame.Shape.Box)
        self.setLineWidth(look.border_px)
        self.setObjectName("languages.strip")
        self.lang = lang
        self.setAccessibleName(t("languages.name", lang))
        grid = QGridLayout(self)
        m = look.mm(3)
        grid.setContentsMargins(m, m, m, m)
        grid.setSpacing(look.gap_px)
        listed = languages()
        columns = 2 if look.portrait else len(listed)
        self.buttons: list[BigButton] = []
        self.current: BigButton | None = None
        for i, language in enumerate(listed):
            in_use = language.code == lang
            # Its own name, and what choosing it does in its own language: the words a speaker
            # of it recognises, said in its voice (ui.widgets.said).
            about = (
                t("languages.in_use", lang)
                if in_use
                else t("home.language_to", language.code, name=language.name)
            )
            button = BigButton(look, language.name, description=about)
            button.setObjectName(f"languages.{language.code}")
            speak_in(button, language.code)
            button.setCheckable(True)
            button.setChecked(in_use)
            button.activated.connect(lambda code=language.code: self.chosen.emit(code))
            grid.addWidget(button.even(), i // columns, i % columns)
            self.buttons.append(button)
            if in_use:
                self.current = button

    def speech(self) -> str:
        """What is said as the strip opens: what it is, each language in order (the one in use
        marked), how to choose, and where the focus is."""
        lang = self.lang
        sep = "，" if text_language(lang) == "zh" else ", "
        said = [t("languages.name", lang)]
        for n, button in enumerate(self.buttons, 1):
            name = f"{said_name(button)}{sep}{said_about(button)}"
            said.append(t("speech.item", lang, n=n, name=name))
        said.append(t("speech.how_to_choose", lang))
        if self.current is not None:
            n = self.buttons.index(self.current) + 1
            said.append(t("speech.focused", lang, n=n, name=said_name(self.current)))
        return "\n".join(said)
