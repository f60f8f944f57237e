"""The resident's choices for one visit: language, text size, contrast, elder mode, voice.

They start from the configuration and go back to it after every visit, so the next resident
never inherits someone else's large text, dark theme or English.
"""

from __future__ import annotations

from typing import NamedTuple

from kiosk.config import Settings
from kiosk.text import Lang
from ui.theme import SIZES, THEMES, SizeName, ThemeName


class Prefs(NamedTuple):
    lang: Lang = "zh"
    size: SizeName = "standard"
    theme: ThemeName = "standard"
    elder: bool = False
    voice: bool = True
    audio_mode: bool = False  # touch to hear
    blank: bool = False  # audio mode with the screen dark, for privacy

    @classmethod
    def defaults(cls, settings: Settings) -> Prefs:
        return cls(lang=settings.kiosk.default_language, voice=settings.speech.enabled)

    def next_size(self) -> Prefs:
        return self._replace(size=SIZES[(SIZES.index(self.size) + 1) % len(SIZES)])

    def next_theme(self) -> Prefs:
        return self._replace(theme=THEMES[(THEMES.index(self.theme) + 1) % len(THEMES)])

    def toggle_elder(self) -> Prefs:
        """Elder mode starts at the large text step (and the engine triples the time limits)."""
        elder = not self.elder
        size: SizeName = "large" if elder and self.size == "standard" else self.size
        if not elder and self.size == "large":
            size = "standard"
        return self._replace(elder=elder, size=size)
