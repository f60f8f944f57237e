"""The sound settings strip: pause or resume, speed in three steps, volume in dB steps, and
"where am I?" (the same as the F3 key).

Reached from the bar's "Sound" button on every screen and drawn in the page above the bar, never
over the task. Each control is a large button with words; the volume is shown as "Volume 5 of 7"
so the level is read, not guessed from an icon. The window resets all of it after each visit.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QWidget

from kiosk.i18n import t
from kiosk.speech.controls import RATE_STEPS, VOLUME_STEPS_DB
from kiosk.text import Lang, text_language
from ui.theme import Look
from ui.widgets.button import BigButton
from ui.widgets.text import Label, fill


def next_rate(step: str) -> str:
    """slow, normal, fast, then slow again."""
    i = RATE_STEPS.index(step) if step in RATE_STEPS else RATE_STEPS.index("normal")
    return RATE_STEPS[(i + 1) % len(RATE_STEPS)]


class SpeechStrip(QFrame):
    pause_resume = Signal()
    rate = Signal()
    quieter = Signal()
    louder = Signal()
    where = Signal()  # "where am I?": the service, the step, what is selected (also F3)

    def __init__(
        self,
        look: Look,
        lang: Lang,
        *,
        rate_step: str,
        volume_step: int,
        paused: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        theme = look.theme
        fill(self, theme.muted_bg)
        self.setFrameShape(QFrame.Shape.Box)
        self.setLineWidth(look.border_px)
        self.setObjectName("speech.strip")
        self.setAccessibleName(t("speech.name", lang))
        total = len(VOLUME_STEPS_DB)
        self.lang = lang
        self.volume = (volume_step + 1, total)  # the level shown, counted from 1
        self.level = Label(
            look,
            t("speech.volume", lang, n=volume_step + 1, total=total),
            "strong",
            bg=theme.muted_bg,
        )
        self.level.setObjectName("speech.level")
        rate_word = t(f"speech.rate.{rate_step}", lang)
        items = (
            (
                "pause",
                t("speech.resume" if paused else "speech.pause", lang),
                t("speech.pause_about", lang),
                self.pause_resume,
            ),
            (
                "rate",
                t("speech.rate", lang, step=rate_word),
                t("speech.rate_about", lang),
                self.rate,
            ),
            (
                "quieter",
                t("speech.quieter", lang),
                t("speech.volume_about", lang, total=total),
                self.quieter,
            ),
            (
                "louder",
                t("speech.louder", lang),
                t("speech.volume_about", lang, total=total),
                self.louder,
            ),
            ("where", t("bar.where", lang), t("bar.where_about", lang), self.where),
        )
        grid = QGridLayout(self)
        m = look.mm(3)
        grid.setContentsMargins(m, m, m, m)
        grid.setSpacing(look.gap_px)
        columns = 2 if look.portrait else len(items) + 1
        self.buttons: dict[str, BigButton] = {}
        for i, (name, text, about, signal) in enumerate(items):
            button = BigButton(look, text, description=about)
            button.setObjectName(f"speech.{name}")
            button.activated.connect(signal)
            self.buttons[name] = button
            grid.addWidget(button.even(), i // columns, i % columns)
        # At an end the button stays enabled (a disabled one would lose the focus): drawn
        # dashed, described and, pressed, answered as being there (ui.kiosk.controls).
        for name, end, limit in (
            ("quieter", 0, "speech.quietest"),
            ("louder", total - 1, "speech.loudest"),
        ):
            if volume_step == end:
                self.buttons[name].at_limit = True
                self.buttons[name].setAccessibleDescription(t(limit, lang))
        if look.portrait:
            grid.addWidget(self.level, -(-len(items) // columns), 0, 1, 2)
        else:
            grid.addWidget(self.level, 0, len(items))

    @property
    def first(self) -> BigButton:
        """Where the focus goes as the strip opens."""
        return next(iter(self.buttons.values()))

    def speech(self) -> str:
        """What is said as the strip opens: what it is, each control in order, the volume, how
        to choose, and where the focus is (as ui.widgets.languages.LanguageStrip.speech)."""
        lang = self.lang
        sep = "，" if text_language(lang) == "zh" else ", "
        said = [t("speech.name", lang)]
        shown = [b for b in self.buttons.values() if b.isEnabled()]
        for n, button in enumerate(shown, 1):
            name = f"{button.accessibleName()}{sep}{button.accessibleDescription()}"
            said.append(t("speech.item", lang, n=n, name=name))
        n, total = self.volume
        said.append(t("speech.volume_said", lang, n=n, total=total))
        said.append(t("speech.how_to_choose", lang))
        said.append(t("speech.focused", lang, n=1, name=self.first.accessibleName()))
        return "\n".join(said)
