"""Where the arrow keys go: the window's focus order, where it differs from the order the
widgets joined the window in.

Qt's focus chain follows the order widgets were placed. A resident moving by keys finds a few
stops where they would look for them instead: a help offer's answers right after the screen's
own choices (and numbered after them), what a bar button opened right after that button (the
sound settings after Sound, the languages after the language button, the call's own buttons
after Call staff), and the staff sign-in, which is not for them, last of all.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtWidgets import QWidget

from ui.widgets.banner import HelpOfferBanner
from ui.widgets.languages import LanguageStrip
from ui.widgets.speech import SpeechStrip

if TYPE_CHECKING:
    from ui.assist.strip import HelpStatusStrip
    from ui.screens.base import Screen
    from ui.widgets.bar import ControlBar


def arrange(
    screen: Screen,
    banner: QWidget | None,
    bar: ControlBar,
    above_bar: QWidget | None,
    strip: HelpStatusStrip | None,
) -> None:
    """A newly placed screen's stops: the help offer's answers after the screen's own choices
    (on a screen with none, after its last stop: a keypad's OK, where the focus rests after a
    number was typed); the strip opened above the bar after the bar button that opened it;
    the help strip's buttons after Call staff."""
    if isinstance(banner, HelpOfferBanner):
        own = screen.choices()
        anchor = own[-1] if own else last_stop(screen)
        if anchor is not None:
            put_after(anchor, banner.answers)
        screen.add_choices(banner.answers, banner.accessibleName())
    if isinstance(above_bar, SpeechStrip):
        put_after(bar.buttons["sound"], above_bar.buttons.values())
    elif isinstance(above_bar, LanguageStrip):
        put_after(bar.buttons["language"], above_bar.buttons)
    if strip is not None:
        put_after(bar.buttons["staff"], (strip.ticket_button, strip.cancel_button))


def first_answer(before: QWidget | None, banner: QWidget | None, screen: Screen) -> QWidget | None:
    """A help offer just made (``banner``, where ``before`` was none) on a screen with no
    choices of its own (a keypad, whose OK would send the refused number again): its first
    answer, which then takes the focus, so Enter answers what was just asked; the keypad is
    still there by Up. None otherwise: a screen with choices keeps its own first."""
    if not isinstance(banner, HelpOfferBanner) or isinstance(before, HelpOfferBanner):
        return None
    own = [button for button in screen.choices() if button not in banner.answers]
    return None if own else banner.answers[0]


def put_after(anchor: QWidget, widgets: Iterable[QWidget]) -> None:
    """``widgets``, in their order, the next stops after ``anchor``."""
    for widget in widgets:
        QWidget.setTabOrder(anchor, widget)
        anchor = widget


def last_stop(part: QWidget) -> QWidget | None:
    """The last of ``part``'s widgets the keys stop at (``part`` is in its window's chain)."""
    # Read backwards from the window, as ``put_last`` reads it, and only as far as needed.
    top = part.window()
    node = top.previousInFocusChain()
    while node is not None and node is not part and node is not top:
        tab = bool(node.focusPolicy() & QtCore.Qt.FocusPolicy.TabFocus)
        if tab and part.isAncestorOf(node) and node.isVisibleTo(part) and node.isEnabled():
            return node
        node = node.previousInFocusChain()
    return None


def put_last(window: QWidget, last: QWidget) -> None:
    """``last`` the last stop of ``window``'s chain, after everything else in it."""
    # The chain's last two widgets, read backwards from the window: walking it all forward
    # from the start left the widget after the staff control (a table's first header, whose
    # labels join the chain at its end) with its Python wrapper held for good once deleted
    # (PySide6 6.11; tests/ui/test_table_teardown.py).
    end: list[QWidget] = []
    node = window.previousInFocusChain()
    while node is not window and node is not None and len(end) < 2:
        if node is not last and window.isAncestorOf(node):
            end.append(node)
        node = node.previousInFocusChain()
    if len(end) == 2:
        # Qt ignores setTabOrder(end, last) when ``end`` ends the chain: put ``last`` before
        # the end, then the end before ``last``.
        QWidget.setTabOrder(end[1], last)
        QWidget.setTabOrder(end[1], end[0])
