"""An ID card left on the reader once a visit's business is over: shown and said again and
again, in the visit's language, until it is taken away.

The reader says whether a card lies there (``Devices.card_present``) from the status its driver
keeps while it watches for the card to be taken: asking costs no exchange with the device and
stores nothing (a device event is stored only when that status changes). Meanwhile the window
holds what would follow: the last screen does not go home by itself, and the next resident's
defaults (language among them) wait, so the reminder stays in the words the resident chose.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.i18n import t
from ui.speech.port import speaking

if TYPE_CHECKING:
    from ui.kiosk.window import KioskWindow

REMIND_EVERY_S = 15.0  # of silence between one reminder and the next
# Then the kiosk stops calling out (a hall is not told for ever): home, the defaults back.
REMIND_FOR_S = 300.0


class CardReminder:
    def __init__(self, window: KioskWindow, clock: Callable[[], float]) -> None:
        self.window, self.clock = window, clock
        self.active = False
        self._since = 0.0  # when the reminder started
        self._quiet_since = 0.0  # when the voice last fell silent (or the last reminder began)

    @property
    def words(self) -> str:
        return t("card.left", self.window.prefs.lang)

    def present(self) -> bool:
        """The reader reports a card lying there (not when it cannot tell)."""
        return self.window.visit.devices.card_present() is True

    def check(self) -> bool:
        """The visit's business is over: a card still on the reader starts the reminder (the
        screen drawn next shows it and says it first). True while it runs."""
        if not self.active and self.present():
            self.active = True
            self._since = self._quiet_since = self.clock()
        return self.active

    def stop(self) -> None:
        self.active = False

    def tick(self) -> bool:
        """Once a second: the reminder again after a silence; True once it ended (the card
        taken away, or the reminding time up)."""
        if not self.active:
            return False
        now = self.clock()
        if not self.present() or now - self._since >= REMIND_FOR_S:
            self.active = False
            return True
        if speaking(self.window.voice):
            self._quiet_since = now
        elif now - self._quiet_since >= REMIND_EVERY_S:
            self._quiet_since = now
            # Said whether or not voice guidance is on: a card left behind is not a detail.
            self.window.controls.say(self.words, force=True)
        return False
