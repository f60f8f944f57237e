"""The one button of the kiosk: large, labelled in words, safe for unsteady hands.

Touch rules: it acts on release, sliding off before release cancels (QAbstractButton only clicks
when the release is inside), a second tap of the same key within 300 ms of an accepted one is
ignored (so is a tap on a screen that the first tap replaced: the finger's bounce lands on the
next screen's button), there is no auto-repeat and no long press. Taps on different keys are
never lost: a phone number tapped at four digits a second keeps every digit. In audio mode the
first touch speaks the item and the second touch (or Enter) activates it. Listen to
``activated``, never ``clicked``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from PySide6 import QtCore
from PySide6.QtCore import QRect, QRectF, QSize, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget
from shiboken6 import isValid

from ui.theme import Look
from ui.widgets.icons import paint_icon
from ui.widgets.paint import (
    ALIGN_HCENTER,
    ALIGN_LEFT,
    ALIGN_TOP,
    DASHES,
    TEXT_WORD_WRAP,
    brush,
    pen,
)
from ui.widgets.wrap import keep_words

Role = Literal["plain", "primary", "staff"]


@dataclass
class TouchPolicy:
    """Shared by every button of one window (found as ``window().touch_policy``)."""

    double_tap_s: float = 0.3
    clock: Callable[[], float] = time.monotonic
    audio_mode: bool = False
    last_tap: float = -1e9
    last_key: QWidget | None = None  # the button of the last accepted tap
    armed: QWidget | None = None
    announce: Callable[[QWidget], None] = field(default=lambda _w: None)
    keys: bool = False  # the window listens to keys: a control they reach is said

    last_enter: float = -1e9
    last_entered: QWidget | None = None  # what the last accepted Enter went to

    def repeats(self, key: QWidget) -> bool:
        """Whether a tap on ``key`` repeats the last accepted one."""
        return repeats(self.last_key, key)

    def enter_repeats(self, target: QWidget) -> bool:
        """Whether an Enter on ``target`` repeats the last accepted one, as a second tap would:
        within the double-tap time, onto the same control or onto what replaced its screen. An
        impatient or bouncing Enter would otherwise carry the resident on through screens whose
        words were cut off, to a choice never heard (a certificate printed unread). An Enter
        that does not repeat is recorded as the last."""
        now = self.clock()
        if now - self.last_enter < self.double_tap_s and repeats(self.last_entered, target):
            return True
        self.last_enter, self.last_entered = now, target
        return False


def repeats(last: QWidget | None, key: QWidget) -> bool:
    """Whether acting on ``key`` repeats acting on ``last``: the same control, or any control
    once the last one's screen is gone (a bounce onto what replaced it)."""
    if last is None:
        return False
    if last is key or not isValid(last):
        return True
    same_name = bool(key.objectName()) and last.objectName() == key.objectName()
    return same_name or not last.isVisible()


def announce_focus(widget: QWidget, event: QFocusEvent) -> None:
    """A control reached by the keys says what it is (the window's ``touch_policy``); a new
    screen's first focus is not announced on its own."""
    policy = getattr(widget.window(), "touch_policy", None)
    if not isinstance(policy, TouchPolicy) or not policy.keys:
        return  # the first focus, before home is drawn: its reason is one of Qt's namespace
    reasons = (
        QtCore.Qt.FocusReason.TabFocusReason,
        QtCore.Qt.FocusReason.BacktabFocusReason,
        QtCore.Qt.FocusReason.OtherFocusReason,
    )
    if event.reason() in reasons:
        policy.announce(widget)


class Measured(NamedTuple):
    """A button's words and fonts as its size is worked out from them."""

    label: QFontMetrics  # its words' font
    words: str  # as displayed (ui.widgets.wrap.keep_words)
    widest: int  # its widest word, in pixels
    sub: QFontMetrics  # the line below its words
    sub_words: str
    heights: dict[int, int]  # its words' height at each width measured so far


class BigButton(QPushButton):
    activated = Signal()

    def __init__(
        self,
        look: Look,
        text: str,
        *,
        sub: str = "",
        role: Role = "plain",
        icon: str = "",
        description: str = "",
        icon_on_top: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)  # (text, parent) would make PySide6 try QIcon's overload
        self.setText(text)
        self.look, self.role, self.sub, self.icon_name = look, role, sub, icon
        self.icon_on_top = icon_on_top
        self.icon_scale = 1.0  # faces on the rate screen are drawn larger
        self._pointer = False
        self.at_limit = False  # enabled but at its end (the volume's): drawn dashed
        self.stays_armed = False  # touch to hear: armed still after it acted (a keypad's key)
        self.label_px: int | None = None  # its words larger than body text (elder mode)
        self._measured_for: tuple[object, ...] = ()  # what _measure last measured
        self._measured: Measured | None = None
        self.setAutoRepeat(False)
        # By the property's name: Qt's namespace is made after home is drawn (docs/architecture.md).
        self.setProperty("focusPolicy", "StrongFocus")
        self._policy_hfw(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(text)
        self.setAccessibleDescription(description or sub or text)
        self.clicked.connect(self._on_clicked)
        self._text_in(self.colours()[0])

    # -- touch and keys --------------------------------------------------------------------

    def _policy(self) -> TouchPolicy | None:
        policy = getattr(self.window(), "touch_policy", None)
        return policy if isinstance(policy, TouchPolicy) else None

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._pointer = True
        try:
            super().mouseReleaseEvent(event)
        finally:
            self._pointer = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter)
            and not event.isAutoRepeat()
        ):
            self.click()
            return
        super().keyPressEvent(event)

    def _on_clicked(self) -> None:
        policy = self._policy()
        if self._pointer and policy is not None:
            now = policy.clock()
            if now - policy.last_tap < policy.double_tap_s and policy.repeats(self):
                return
            policy.last_tap, policy.last_key = now, self
            if policy.audio_mode and policy.armed is not self:
                policy.armed = self
                self.setFocus(QtCore.Qt.FocusReason.MouseFocusReason)
                policy.announce(self)
                return
        if policy is not None:
            # A keypad's key stays armed: the next touch of it types again at once (a phone
            # number's "11"), and what it typed is said (the keypad's echo).
            policy.armed = self if policy.audio_mode and self.stays_armed else None
        self.activated.emit()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        announce_focus(self, event)

    # -- size and paint -------------------------------------------------------------------

    def label_font(self) -> QFont:
        """Its words' font: bold body text, or larger where the screen makes it a main choice
        (``label_px``: elder mode's choices, at least 30 pt as the MIIT rules ask)."""
        return self.look.font(self.label_px, bold=True)

    def _measure(self) -> Measured:
        """What its size takes that no width changes, measured again only when what it shows
        changes: layouts ask a button's height for about four widths as they settle."""
        shown = (self.text(), self.sub, self.label_px, self.look)
        if self._measured is None or shown != self._measured_for:
            label = QFontMetrics(self.label_font())
            words = keep_words(self.text())
            widest = max((label.horizontalAdvance(w) for w in words.split()), default=0)
            sub = QFontMetrics(self.look.font())
            self._measured_for = shown
            self._measured = Measured(label, words, widest, sub, keep_words(self.sub), {})
        return self._measured

    def _padding(self, width: int | None = None) -> int:
        """Room inside the border; less where the widest word would not fit otherwise, so a
        word ("Dissatisfied", "Delete") is never cut off at a narrow button's edge."""
        pad = self.look.mm(4)
        width = self.width() if width is None else width
        if width <= 0 or not self.text():
            return pad
        widest = self._measure().widest
        room = self._text_width_with(width, pad)
        if widest <= room:
            return pad
        return max(self.look.mm(0.8), pad - (widest - room + 1) // 2 - 2)

    def _icon_px(self) -> int:
        if not self.icon_name:
            return 0
        return round(self.look.body_px * (2.2 if self.icon_on_top else 1.4) * self.icon_scale)

    def text_width(self) -> int:
        """The width its words wrap in, as drawn now (the tour measures broken words)."""
        return self._text_width(self.width())

    def words_fit(self, width: int) -> bool:
        """Its widest word ("Contribution", 参保缴费查询 kept whole) fits on a line when the
        button is ``width`` wide, even with its padding narrowed (``_padding``)."""
        return self._text_width_with(width, self.look.mm(0.8)) >= self._measure().widest

    def _text_width(self, width: int) -> int:
        return self._text_width_with(width, self._padding(width))

    def _text_width_with(self, width: int, pad: int) -> int:
        w = width - 2 * pad
        if self.icon_name and not self.icon_on_top:
            w -= self._icon_px() + self.look.gap_px
        if self.isCheckable():  # room for the check mark that shows "selected" beside colour
            w -= round(self.look.body_px * 1.2) + self.look.gap_px
        return max(10, w)

    def _text_height(self, width: int) -> int:
        """Its words' height, wrapped at ``width``: measured once a width, as layouts ask the
        same widths again and again while they settle (about 7 times a button on home)."""
        measured = self._measure()
        height = measured.heights.get(width)
        if height is None:
            area = QRect(0, 0, width, 10000)
            height = measured.label.boundingRect(area, TEXT_WORD_WRAP, measured.words).height()
            if self.sub:
                sub = measured.sub.boundingRect(area, TEXT_WORD_WRAP, measured.sub_words)
                height += sub.height()
            measured.heights[width] = height
        return height

    def sizeHint(self) -> QSize:
        measured = self._measure()
        longest = max(
            measured.label.horizontalAdvance(self.text()),
            measured.sub.horizontalAdvance(self.sub),
        )
        width = longest + 2 * self._padding()
        if self.icon_name and not self.icon_on_top:
            width += self._icon_px() + self.look.gap_px
        if self.isCheckable():  # the check mark's room, as _text_width_with takes it
            width += round(self.look.body_px * 1.2) + self.look.gap_px
        width = max(width, self.look.target_px)
        return QSize(width, self.heightForWidth(width))

    def _policy_hfw(self, h: QSizePolicy.Policy, v: QSizePolicy.Policy) -> None:
        # Layouts ask heightForWidth only when the policy says so: wrapped labels need it.
        policy = QSizePolicy(h, v)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def even(self, *, tall: bool = False) -> BigButton:
        """Let the layout decide the width (tiles and grids of equal columns); ``tall`` lets it
        grow in height too, up to twice a target (keypad keys)."""
        vertical = QSizePolicy.Policy.Expanding if tall else QSizePolicy.Policy.Preferred
        self._policy_hfw(QSizePolicy.Policy.Ignored, vertical)
        if tall:
            self.setMaximumHeight(self.look.target_px * 2)
        return self

    def minimumSizeHint(self) -> QSize:
        return QSize(self.look.target_px, self.look.target_px)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        pad = self._padding(width)
        height = self._text_height(self._text_width_with(width, pad)) + 2 * pad
        if self.icon_on_top:
            height += self._icon_px() + self.look.gap_px
        return max(self.look.target_px, height)

    def colours(self) -> tuple[str, str]:
        """(text, background) of this button in its theme."""
        theme = self.look.theme
        if self.role == "primary":
            return theme.primary_text, theme.primary_bg
        if self.role == "staff":
            return theme.staff_text, theme.staff_bg
        return theme.button_text, theme.button_bg

    def paintEvent(self, _event: QPaintEvent) -> None:
        look, theme = self.look, self.look.theme
        fg, bg = self.colours()
        down = self.isDown()
        self._text_in(theme.text if down else fg)
        p = QPainter(self)  # its pen: the palette's button text (_text_in)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        b = look.border_px
        checked = self.isCheckable() and self.isChecked()
        rect = QRectF(self.rect()).adjusted(b, b, -b, -b)
        radius = look.mm(2.5)
        shape = QPainterPath()
        shape.addRoundedRect(rect, radius, radius)
        p.fillPath(shape, brush(theme.muted_bg if down else bg))
        border = pen(theme.border if self.role == "plain" else fg, b * (3 if checked else 1))
        if not self.isEnabled() or self.at_limit:
            border.setDashPattern(DASHES)
        p.strokePath(shape, border)
        if self.hasFocus():
            # Two strokes: the outer one over the border, against the page or panel around
            # the control; the inner one against the control's own fill (3:1 each).
            for colour, inset in ((theme.focus, 0), (theme.focus_on(bg), b * 2)):
                ring = QPainterPath()
                ring.addRoundedRect(rect.adjusted(inset, inset, -inset, -inset), radius, radius)
                p.strokePath(ring, pen(colour, b * 2))
        self._paint_content(p, theme.text if down else fg, checked)
        p.end()

    def _text_in(self, colour: str) -> None:
        """Its words are drawn in ``colour``: a painter on it starts with the palette's button
        text as its pen (``QPainter.setPen`` would make Qt's namespace: ui.widgets.paint). Set
        again only when it changes (pressed), so home's first paint asks for no second one."""
        palette = self.palette()
        wanted = QColor(colour)
        if palette.color(QPalette.ColorRole.ButtonText).rgba() != wanted.rgba():
            palette.setColor(QPalette.ColorRole.ButtonText, wanted)
            self.setPalette(palette)

    def _paint_content(self, p: QPainter, fg: str, checked: bool) -> None:
        pad = self._padding()
        area = self.rect().adjusted(pad, pad, -pad, -pad)
        icon = self._icon_px()
        if checked:
            mark = round(self.look.body_px * 1.2)
            paint_icon(p, "check", QRect(area.right() - mark, area.top(), mark, mark), fg)
            area.setRight(area.right() - mark - self.look.gap_px)
        if self.icon_name and self.icon_on_top:
            paint_icon(p, self.icon_name, QRect(area.left(), area.top(), icon, icon), fg)
            area.setTop(area.top() + icon + self.look.gap_px)
        elif self.icon_name:
            top = area.top() + (area.height() - icon) // 2
            paint_icon(p, self.icon_name, QRect(area.left(), top, icon, icon), fg)
            area.setLeft(area.left() + icon + self.look.gap_px)
        flags = TEXT_WORD_WRAP | (ALIGN_LEFT if self.icon_name or self.sub else ALIGN_HCENTER)
        text_h = self._text_height(area.width())
        top = area.top() if self.icon_on_top else area.top() + max(0, (area.height() - text_h) // 2)
        p.setFont(self.label_font())
        main = p.boundingRect(
            QRect(area.left(), top, area.width(), 10000), flags, keep_words(self.text())
        )
        p.drawText(main, flags, keep_words(self.text()))
        if self.sub:
            p.setFont(self.look.font())
            sub_rect = QRect(
                area.left(), main.bottom() + 1, area.width(), area.bottom() - main.bottom()
            )
            p.drawText(sub_rect, flags | ALIGN_TOP, keep_words(self.sub))
