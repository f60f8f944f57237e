"""Every service, in every listed language, by a resident who cannot see the screen: by keys
alone with the screen blanked, and by touch-to-hear (语音导览). What the resident knows comes
from the speech log only (RecordingVoice.said): every choice a screen offers must have been said
before anything on it is chosen, and the item chosen must have been said just before.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.api.kiosk import KioskApi
from kiosk.catalog.loader import load_catalogue
from kiosk.config import DEFAULT_SERVICES_DIR
from kiosk.i18n import t
from kiosk.text import language_codes, unvoiced
from ui.kiosk.window import KioskWindow
from ui.screens.base import spoken_name
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot, Mode
from ui.widgets.button import BigButton

SERVICES = [s.id for s in load_catalogue(DEFAULT_SERVICES_DIR).services]


class Listener(Autopilot):
    """Chooses only what it has heard: checks the speech log before each choice."""

    def __init__(self, window: KioskWindow, voice: RecordingVoice, mode: Mode) -> None:
        super().__init__(window, mode)
        self.voice = voice
        self.heard_from = 0  # the log since the last choice: the screen's arrival speech on
        self.chosen: list[str] = []
        self.languages: set[str] = set()  # the languages of what was heard before each choice

    def heard(self) -> str:
        return "\n".join(text for text, _lang in self.voice.said[self.heard_from :])

    def press(self, name: str) -> None:
        button = self.button(name)
        screen = self.window.current
        assert screen is not None
        heard = self.heard()
        lang = self.window.prefs.lang
        self.languages |= {said_lang for _t, said_lang in self.voice.said[self.heard_from :]}
        for choice in screen.choices():  # offered on this screen: said on arrival, in order
            assert unvoiced(spoken_name(choice, lang)) in heard, (
                f"{self.where()}: '{choice.objectName()}' offered but not said; heard: {heard!r}"
            )
        if self.mode == "keys":
            self.focus(button)
            self._said_just_now(button)
            self.heard_from = len(self.voice.said)  # what follows is the next screen's
            QTest.keyClick(self._key_target(), Qt.Key.Key_Return)
        else:
            assert self.window.touch_policy.audio_mode, "touch-to-hear is not on"
            self.tap(button)  # the first touch speaks it ...
            self._said_just_now(button)
            assert self.window.touch_policy.armed is button
            self.heard_from = len(self.voice.said)
            self.tap(button)  # ... the second chooses it
        self.chosen.append(name)
        self.settle()

    def _said_just_now(self, button: BigButton) -> None:
        """Said as the focus reached it, or, focused since the screen came, said as such."""
        screen = self.window.current
        assert screen is not None
        choices = screen.choices()
        if screen.first_focus() is button and button in choices:
            n = choices.index(button) + 1
            focused = t("speech.focused", self.window.prefs.lang, n=n, name=button.accessibleName())
            if focused in self.heard():
                return
        assert button.accessibleName() in self.voice.last, (
            f"{self.where()}: '{button.objectName()}' chosen unheard; last said {self.voice.last!r}"
        )


def _complete(pilot: Listener, core: KioskApi, service_id: str) -> None:
    for _name, number in core.demo_residents():
        pilot.id_number = number
        if pilot.complete(service_id):
            return
    pytest.fail(f"no demo resident could complete {service_id}")


def _choose_language(pilot: Listener, lang: str) -> None:
    if pilot.window.prefs.lang != lang:
        pilot.press(f"language.{lang}")
    assert pilot.window.prefs.lang == lang
    pilot.languages = set()


@pytest.mark.parametrize("lang", language_codes())
@pytest.mark.parametrize("service_id", SERVICES)
def test_by_keys_alone_with_the_screen_blank(
    kiosk: KioskWindow, core: KioskApi, voice: RecordingVoice, service_id: str, lang: str
) -> None:
    pilot = Listener(kiosk, voice, "keys")
    audio_key = Qt.Key.Key_F2
    QTest.keyClick(kiosk, audio_key)  # touch to hear ...
    QTest.keyClick(kiosk, audio_key)  # ... and the screen blanked
    assert kiosk.prefs.blank and kiosk.blank.isVisible()
    _choose_language(pilot, lang)
    _complete(pilot, core, service_id)
    assert kiosk.visit.engine is None
    assert any(name.startswith("rate.") for name in pilot.chosen)
    assert pilot.languages == {lang}  # every word of the visit in the chosen language


@pytest.mark.parametrize("lang", language_codes())
@pytest.mark.parametrize("service_id", SERVICES)
def test_by_touch_to_hear(
    kiosk: KioskWindow, core: KioskApi, voice: RecordingVoice, service_id: str, lang: str
) -> None:
    pilot = Listener(kiosk, voice, "touch")
    # 语音导览 on home: one plain touch, no keyboard; from then on touch to hear.
    pilot.tap(pilot.button("home.voice"))
    pilot.heard_from = 0
    assert kiosk.prefs.audio_mode and kiosk.touch_policy.audio_mode
    _choose_language(pilot, lang)
    _complete(pilot, core, service_id)
    assert kiosk.visit.engine is None
    assert pilot.languages == {lang}
