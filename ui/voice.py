"""The window's voice: ui.audio's Speaker when speech can run here, else a silent recorder.

The window decides what to say and when (voice guidance on or off, audio mode); the Speaker
synthesises off the GUI thread and plays, and a touch stops it at once (barge-in).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject

from kiosk.catalog.schema import Lang
from kiosk.config import Settings
from ui.ports import RecordingVoice, Voice

log = logging.getLogger(__name__)


class SpeakerVoice:
    """Adapts ui.audio.Speaker to the Voice protocol."""

    def __init__(self, speaker: Any, synth: Any) -> None:
        self.speaker, self.synth = speaker, synth
        speaker.enabled = True  # whether to speak is the window's choice, per visit

    def speak(self, text: str, lang: Lang) -> None:
        self.speaker.say(text, lang)

    def stop(self) -> None:
        self.speaker.stop_all()

    def reset(self) -> None:
        """End of a visit: rate and volume back to the defaults."""
        self.speaker.reset()
        self.speaker.enabled = True

    def close(self) -> None:
        close = getattr(self.synth, "close", None)
        if close is not None:
            close()


def open_voice(settings: Settings, parent: QObject | None = None) -> Voice:
    try:
        from kiosk.speech.synth import Synthesizer
        from ui.audio import create_speaker

        synth = Synthesizer.from_settings(settings)
        speaker, _player = create_speaker(settings, synth, parent)
    except Exception:  # no espeak-ng, no Qt Multimedia: the kiosk still works, silently
        log.warning("speech is not available; the kiosk runs without a voice", exc_info=True)
        return RecordingVoice()
    return SpeakerVoice(speaker, synth)
