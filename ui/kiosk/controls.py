"""What the resident controls from the bar and the sound strip: text size, contrast, language,
elder mode, voice, audio mode, and the voice's pause, speed and volume; and how the window
speaks (a helper may have switched the sound off; the words then stay on the screen).

Every change ends in a redraw of the window, which is built afresh from the choices.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from kiosk.i18n import t
from ui.kiosk.keys import describe
from ui.kiosk.prefs import Prefs
from ui.speech.port import controls_of
from ui.widgets.speech import next_rate

if TYPE_CHECKING:
    from ui.kiosk.window import KioskWindow


class ResidentControls:
    def __init__(self, window: KioskWindow) -> None:
        self.window = window
        self.last_spoken = ""
        self.speech_open = False  # the sound settings strip, opened from the bar

    # -- speaking ------------------------------------------------------------------------------

    def say(self, text: str, *, force: bool = False) -> None:
        w = self.window
        if "audio" in w.visit.switched_off:
            return
        if text and (w.prefs.voice or w.prefs.audio_mode or force):
            w.voice.speak(text, w.prefs.lang)

    def say_screen(self, text: str) -> None:
        """A new screen's words, said once (a redraw of the same words is not said again)."""
        if text != self.last_spoken:
            self.last_spoken = text
            self.say(text)

    def say_status(self, text: str) -> None:
        """What the help strip or the staff banner announces: shown there, and said."""
        self.say(text, force=True)

    def repeat(self) -> None:
        current = self.window.current
        if current is not None:
            self.say(self.last_spoken or current.speech(), force=True)

    def speak_help(self) -> None:
        """F1: help for this screen; pressing it also turns voice guidance on."""
        current = self.window.current
        if current is not None:
            self.window.prefs = replace(self.window.prefs, voice=True)
            self.say(current.help_text(), force=True)

    def announce(self, widget: QWidget) -> None:
        """Touch to hear: the item under the finger, with its role."""
        self.say(describe(widget, self.window.prefs.lang), force=True)

    # -- the sound strip -----------------------------------------------------------------------

    def toggle_speech_strip(self) -> None:
        self.speech_open = not self.speech_open
        self.window.redraw()

    def pause_or_resume(self) -> None:
        controls = controls_of(self.window.voice)
        if controls is None:
            return
        if controls.paused:
            controls.resume()
        else:
            controls.pause()
        self.window.redraw()

    def next_rate(self) -> None:
        controls = controls_of(self.window.voice)
        if controls is None:
            return
        controls.set_rate_step(next_rate(controls.rate_step))
        self.window.redraw()
        lang = self.window.prefs.lang
        # Heard at the new speed at once: the step's own words, said again.
        step = t(f"speech.rate.{controls.rate_step}", lang)
        self.say(t("speech.rate", lang, step=step), force=True)

    def quieter(self) -> None:
        controls = controls_of(self.window.voice)
        if controls is not None:
            controls.volume_down()
            self.window.redraw()

    def louder(self) -> None:
        controls = controls_of(self.window.voice)
        if controls is not None:
            controls.volume_up()
            self.window.redraw()

    # -- the resident's choices ------------------------------------------------------------------

    def _set(self, prefs: Prefs) -> None:
        self.window.prefs = prefs
        self.window.redraw()

    def next_size(self) -> None:
        self._set(self.window.prefs.next_size())

    def next_theme(self) -> None:
        self._set(self.window.prefs.next_theme())

    def switch_language(self) -> None:
        w = self.window
        w.prefs = w.prefs.other_language()
        w.visit.set_language(w.prefs.lang)
        w.redraw()

    def toggle_elder(self) -> None:
        self._set(self.window.prefs.toggle_elder())

    def toggle_voice(self) -> None:
        self.window.voice.stop()
        self._set(replace(self.window.prefs, voice=not self.window.prefs.voice))

    def cycle_audio_mode(self) -> None:
        """Off, then touch to hear, then also a blank screen, then off again."""
        w = self.window
        p = w.prefs
        if not p.audio_mode:
            new, key = replace(p, audio_mode=True, voice=True), "audio.on"
        elif not p.blank:
            new, key = replace(p, blank=True), "audio.blank"
        else:
            new, key = replace(p, audio_mode=False, blank=False), "audio.off"
        w.prefs = new
        w.touch_policy.audio_mode = new.audio_mode
        w.touch_policy.armed = None
        w.show_blank(new.blank)
        self.say(t(key, new.lang), force=True)

    def reset(self) -> None:
        """The next resident starts from the defaults: text, colours, language, and the voice's
        speed and volume (ui.speech.player.Speaker.reset)."""
        w = self.window
        w.prefs = Prefs.defaults(w.settings)
        w.touch_policy.audio_mode = False
        self.speech_open = False
        controls = controls_of(w.voice)
        if controls is not None:
            controls.reset()
