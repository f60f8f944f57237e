"""The bar on every screen, always in the same place: Home, Back, Repeat, sound settings, text
size, contrast, languages and Call staff. Landscape puts the eight in one row; portrait in two.

A bar button may take two lines of words, never more (three lines made the bar so tall that it
pushed the task off the panel). Where eight in a row cannot keep to two lines (landscape at the
largest size), sound settings and the staff control move to a narrow column at the right edge
of the task area (``column``), the same place on every screen of that size; the other seven stay
in one row with their full words.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Signal, SignalInstance
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

from kiosk.i18n import t
from kiosk.text import Lang, language, languages, text_language
from ui.theme import Look
from ui.widgets.button import BigButton
from ui.widgets.languages import other_names
from ui.widgets.paint import TEXT_WORD_WRAP
from ui.widgets.said import say_as
from ui.widgets.text import fill
from ui.widgets.wrap import keep_words

WIDTH = {False: 1920, True: 1080}  # the panel's width in each orientation, in pixels
MAX_LINES = 2


def edge_margin(look: Look) -> int:
    """The bar's margin, which every control at the panel's edge keeps."""
    return look.mm(3)


def _fits(look: Look, words: list[str], width: int) -> bool:
    """Each of ``words`` within MAX_LINES lines in a bar button ``width`` pixels wide."""
    text_w = width - 2 * look.mm(4)
    fm = QFontMetrics(look.font(bold=True))
    flags = TEXT_WORD_WRAP
    limit = fm.boundingRect(QRect(0, 0, 10000, 10000), flags, "\n".join("H" * MAX_LINES)).height()
    for text in words:
        box = fm.boundingRect(QRect(0, 0, text_w, 10000), flags, keep_words(text))
        if box.width() > text_w or box.height() > limit:
            return False
    return True


def _row_width(look: Look, count: int, reserved: int) -> int:
    """The width of one of ``count`` equal buttons in a row, ``reserved`` pixels taken."""
    inner = WIDTH[look.portrait] - 2 * edge_margin(look) - reserved - look.gap_px * (count - 1)
    return inner // count


def needs_column(look: Look, lang: Lang) -> bool:
    """True where the bar's eight cannot keep to two lines in one row beside the staff
    control: sound settings and the staff control then go to a column of their own."""
    if look.portrait:
        return False  # two rows of four: the staff control has a slim row of its own
    words = [text for _name, text, _about in _labels(look, lang)]
    entry = max(look.target_px, look.mm(16)) + look.gap_px * 2 + 4 * look.mm(2)
    entry += edge_margin(look)  # the staff control keeps the bar's margin from the edge
    return not _fits(look, words, _row_width(look, len(words), entry))


def _labels(look: Look, lang: Lang) -> list[tuple[str, str, str]]:
    size_word = t(f"size.{look.size}", lang)
    theme_word = t(f"theme.{look.theme.name}", lang)
    colon = "：" if text_language(lang) == "zh" else ": "
    return [
        ("home", t("bar.home", lang), t("bar.home_about", lang)),
        ("back", t("bar.back", lang), t("bar.back_about", lang)),
        ("repeat", t("bar.repeat", lang), t("bar.repeat_about", lang)),
        ("sound", t("bar.sound", lang), t("bar.sound_about", lang)),
        ("size", f"{t('bar.text_size', lang)}{colon}{size_word}", t("bar.size_about", lang)),
        (
            "contrast",
            f"{t('bar.contrast', lang)}{colon}{theme_word}",
            t("bar.contrast_about", lang),
        ),
        # The other languages by their own names; it opens the strip of them all
        # (ui.widgets.languages), the one in use marked.
        (
            "language",
            other_names(lang),
            t("bar.language_about", lang, n=len(languages()), name=language(lang).name),
        ),
        # A line may break between 呼叫 and 工作人员, never inside a word (zero-width space).
        (
            "staff",
            t("bar.call_staff", lang).replace("呼叫", "呼叫\u200b", 1),
            t("bar.staff_about", lang),
        ),
    ]


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
        m = edge_margin(look)
        grid.setContentsMargins(m, m, m, m)
        grid.setSpacing(look.gap_px)
        signals: dict[str, SignalInstance] = {
            "home": self.home,
            "back": self.back,
            "repeat": self.repeat,
            "sound": self.sound,
            "size": self.text_size,
            "contrast": self.contrast,
            "language": self.language,
            "staff": self.call_staff,
        }
        items = _labels(look, lang)
        # The narrow column (landscape, largest size): sound settings at its top, the staff
        # control (placed by the window) at its foot.
        self.column: QFrame | None = None
        column_box: QVBoxLayout | None = None
        if needs_column(look, lang):
            self.column = QFrame()  # the window places it (ui.kiosk.window), before showing it
            self.column.setObjectName("bar.column")
            self.column.setAccessibleName(t("bar.name", lang))
            fill(self.column, look.theme.muted_bg)
            column_box = QVBoxLayout(self.column)
            column_box.setContentsMargins(m, m, m, m)
            column_box.setSpacing(look.gap_px)
        in_row = [item for item in items if column_box is None or item[0] != "sound"]
        columns = 4 if look.portrait else len(in_row)
        self.buttons: dict[str, BigButton] = {}
        for name, text, about in items:
            button = BigButton(
                look, text, role="staff" if name == "staff" else "plain", description=about
            )
            button.activated.connect(signals[name])
            button.setObjectName(f"bar.{name}")
            button.setAccessibleName(text.replace("\u200b", ""))
            self.buttons[name] = button
        for i, (name, _text, _about) in enumerate(in_row):
            span = 1
            if look.portrait and name == "staff":
                span = 1 + columns - (len(in_row) % columns or columns)
            grid.addWidget(self.buttons[name].even(), i // columns, i % columns, 1, span)
            if not look.portrait:
                # One row: each as wide as its words ask, so "对比度：标准" and "呼叫工作人员"
                # keep to one line where the row has room (equal widths broke them in two).
                grid.setColumnStretch(i, self.buttons[name].sizeHint().width())
        if column_box is not None:
            column_box.addWidget(self.buttons["sound"])
            column_box.addStretch(1)
        # Each language's name in its own voice ("粤语 / English" on a Mandarin screen).
        say_as(self.buttons["language"], other_names(lang, voiced=True))
        self.buttons["back"].setEnabled(can_go_back)
