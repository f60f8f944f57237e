"""The console's alert sound: a short two-tone chime, played through an injectable player.

``ChimePlayer`` plays it through ui.speech.player's SpeechPlayer. With no audio device Qt logs
PulseAudio warnings, so tests (which fail on Qt warnings) pass a ``FakePlayer`` that counts the
alerts instead.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject

from ui.speech.player import SpeechPlayer


class AlertPlayer(Protocol):
    def play(self) -> None: ...


def write_chime(path: Path, rate: int = 22050) -> Path:
    """Two rising tones, 0.5 s: heard across a hall, not alarming."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    frames = bytearray()
    for freq, length in ((880.0, 0.22), (1175.0, 0.28)):
        count = int(rate * length)
        for i in range(count):
            fade = min(1.0, i / 200, (count - i) / 400)
            frames += struct.pack("<h", int(12000 * fade * math.sin(2 * math.pi * freq * i / rate)))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(frames))
    return path


class ChimePlayer(QObject):
    """The chime through the kiosk's own PCM player (QAudioSink): no FFmpeg thread, so a
    replayed chime can never block the console's GUI thread on stop()."""

    def __init__(self, wav: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._wav = wav
        self._player = SpeechPlayer(self)

    def play(self) -> None:
        self._player.stop()
        self._player.play(self._wav)
