"""The window's voice: ui.speech.speaker's Speaker when speech can run here, else a silent recorder.

The window decides what to say and when (voice guidance on or off, audio mode); the Speaker
synthesises off the GUI thread and plays, and a touch stops it at once (barge-in). The resident's
controls (pause, speed, volume) go to the Speaker too, and are reset after every visit. Every
fixed prompt is rendered ahead in the background once the voice is in use: at once where voice
guidance is on at the start of a visit, else the first time the kiosk speaks (a resident turns
the voice on, presses Repeat or F1). A kiosk whose voice stays off spends no CPU on prompts
nobody hears.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from kiosk.config import Settings
from kiosk.speech.prerender import prerender_in_background
from kiosk.speech.synth import Synthesizer
from kiosk.text import Lang
from ui.speech.port import RecordingVoice, Voice
from ui.speech.speaker import create_speaker

log = logging.getLogger(__name__)


class SpeakerVoice:
    """Adapts ui.speech.speaker.Speaker to the Voice protocol and its controls (SpeechControls)."""

    def __init__(
        self, speaker: Any, synth: Any, prerender: Callable[[], object] | None = None
    ) -> None:
        self.speaker, self.synth = speaker, synth
        self.paused = False
        speaker.enabled = True  # whether to speak is the window's choice, per visit
        self._prerender = prerender
        self.warmed = False  # the fixed prompts are being (or have been) rendered ahead

    def warm(self) -> None:
        """The voice is in use: render every fixed prompt ahead, in the background, once."""
        if self.warmed:
            return
        self.warmed = True
        if self._prerender is None:
            return
        try:
            self._prerender()  # queued behind what screens ask for
        except Exception:  # the voice works without it, only slower on a first prompt
            log.warning("speech: pre-rendering could not start", exc_info=True)

    def speak(self, text: str, lang: Lang) -> None:
        self.paused = False
        self.speaker.say(text, lang)

    def stop(self) -> None:
        self.paused = False
        self.speaker.stop_all()

    @property
    def speaking(self) -> bool:
        """Saying something now, or about to (the window's time limits wait meanwhile)."""
        return bool(getattr(self.speaker, "busy", False))

    @property
    def headset(self) -> bool:
        """The configured headset output is the one in use (private listening)."""
        return bool(getattr(self.speaker, "headset_in_use", False))

    # -- the resident's controls -----------------------------------------------------------

    @property
    def rate_step(self) -> str:
        return str(self.speaker.rate_step)

    @property
    def volume_step(self) -> int:
        return int(self.speaker.volume_step)

    def pause(self) -> None:
        self.paused = True
        self.speaker.pause()

    def resume(self) -> None:
        self.paused = False
        self.speaker.resume()

    def set_rate_step(self, step: str) -> None:
        self.speaker.set_rate_step(step)

    def volume_up(self) -> None:
        self.speaker.volume_up()

    def volume_down(self) -> None:
        self.speaker.volume_down()

    def reset(self) -> None:
        """End of a visit: silence; rate, volume and output back to the defaults."""
        self.paused = False
        self.speaker.reset()
        self.speaker.enabled = True

    def close(self) -> None:
        close = getattr(self.synth, "close", None)
        if close is not None:
            close()


def open_voice(settings: Settings, parent: QObject | None = None) -> Voice:
    try:
        synth = Synthesizer.from_settings(settings)
        speaker, _player = create_speaker(settings, synth, parent)
    except Exception:  # no espeak-ng, no Qt Multimedia: the kiosk still works, silently
        log.warning("speech is not available; the kiosk runs without a voice", exc_info=True)
        return RecordingVoice()
    voice = SpeakerVoice(speaker, synth, lambda: prerender_in_background(synth, settings))
    if settings.speech.enabled:  # guidance on at every visit's start: it will be heard
        voice.warm()
    return voice
