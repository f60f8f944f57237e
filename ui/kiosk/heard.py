"""The screen as it is now, in words: what the real voice says once it opens (a staged start,
ui.kiosk.arrivals) and what Repeat says. Keys may have moved the focus since the screen was
shown, so the item named is the one the focus is really on, the one Enter would press."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget

from kiosk.i18n import t
from kiosk.text import sentence
from ui.widgets.banner import Banner, HelpOfferBanner

if TYPE_CHECKING:
    from ui.kiosk.window import KioskWindow


def banner_words(banner: QWidget | None) -> str:
    """What a banner says before the screen (a card left on the reader, a refusal). Not a help
    offer: the screen says it after its own words, which say why it is made (Screen.speech)."""
    if isinstance(banner, Banner) and not isinstance(banner, HelpOfferBanner):
        return banner.accessibleName()
    return ""


def screen_now(window: KioskWindow) -> str:
    """The screen with its banner, the item the focus is on (among the screen's choices, by
    its number; elsewhere, the bar's Repeat, as F3 names it, and no choice as if it had it),
    and the call for staff, if one was made."""
    screen, lang = window.current, window.prefs.lang
    if screen is None or window.notice is not None:
        return ""
    focused = QApplication.focusWidget()
    if focused is not None and not window.isAncestorOf(focused):
        focused = None
    said = [banner_words(window.banner)]
    if focused is None or focused is screen.first_focus() or focused in screen.choices():
        said.append(screen.speech(focused))
    else:
        said.append(screen.speech(elsewhere=True))
        said.append(sentence(window.controls.focus_words(focused), lang))
    call = window.desk.call_words if window.desk is not None else ""
    if call:
        said.append(sentence(t("where.call", lang, status=call), lang))
    return "\n".join(part for part in said if part)
