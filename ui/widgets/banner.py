"""In-page banners above the task: the timeout warning, the offer of help, "help is coming".

Never a pop-up: a banner takes its own room at the top of the page and pushes the task down, so
nothing the resident was doing is covered.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import t
from kiosk.text import Lang
from ui.theme import Look
from ui.widgets.button import BigButton, Role
from ui.widgets.icons import Icon
from ui.widgets.text import Label, fill


class Banner(QFrame):
    def __init__(
        self, look: Look, text: str, *, icon: str = "info", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        theme = look.theme
        fill(self, theme.muted_bg)
        self.setFrameShape(QFrame.Shape.Box)
        self.setLineWidth(look.border_px)
        self.row = QHBoxLayout(self)
        m = look.mm(3)
        self.row.setContentsMargins(m, m, m, m)
        self.row.setSpacing(look.gap_px)
        self.row.addWidget(Icon(icon, theme.text, round(look.body_px * 1.8)))
        self.words = QVBoxLayout()
        self.label = Label(look, text, "strong", bg=theme.muted_bg)
        self.words.addWidget(self.label)
        self.row.addLayout(self.words, 1)
        self.setAccessibleName(text)


class TimeoutBanner(Banner):
    """Shown and spoken: how long is left and how to carry on (any key or touch, while more
    time may still be given); its big button gives more time too."""

    more_time = Signal()

    def __init__(self, look: Look, lang: Lang, seconds: int, extensions_left: int) -> None:
        super().__init__(look, t("timeout.warning", lang, seconds=seconds), icon="warning")
        self.lang = lang
        if extensions_left > 0:
            how = t("timeout.how", lang, n=extensions_left)
        else:
            how = t("timeout.no_more", lang)
        self.how = how
        self.note = Label(look, how, bg=look.theme.muted_bg)
        self.words.addWidget(self.note)
        self.button = BigButton(
            look, t("action.more_time", lang), role="primary", description=t("timeout.about", lang)
        )
        self.button.setObjectName("timeout.more_time")
        self.button.setMinimumWidth(look.target_px * 4)
        self.button.activated.connect(self.more_time)
        # In the row before it is shown or hidden: a widget shown without a parent is a window
        # of its own, which takes the kiosk's activation and with it the keyboard focus.
        self.row.addWidget(self.button)
        self.button.setVisible(extensions_left > 0)
        self.setAccessibleName(self.spoken())

    def spoken(self) -> str:
        """What is said when the warning comes: the warning and how to carry on, not the
        screen again (a long reading would bury it)."""
        return self.label.text() + "\n" + self.how

    def update_seconds(self, seconds: int) -> None:
        self.label.setText(t("timeout.warning", self.lang, seconds=seconds))
        self.setAccessibleName(self.spoken())


class HelpOfferBanner(Banner):
    accepted = Signal()
    declined = Signal()

    def __init__(self, look: Look, lang: Lang) -> None:
        super().__init__(look, t("help.offer", lang), icon="person")
        choices: tuple[tuple[str, Role, SignalInstance], ...] = (
            ("help.offer_yes", "staff", self.accepted),
            ("help.offer_no", "plain", self.declined),
        )
        self.answers: list[BigButton] = []  # the window lists them with the screen's choices
        for key, role, signal in choices:
            button = BigButton(look, t(key, lang), role=role)
            button.setObjectName(key)
            button.activated.connect(signal)
            self.row.addWidget(button)
            self.answers.append(button)
