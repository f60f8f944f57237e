"""A WAV as the speech player plays it: its PCM frames and the format its header gives.

espeak-ng writes 22,050 Hz mono 16-bit PCM; any PCM the header describes is accepted, read with
the ``wave`` module (no decoder, no FFmpeg).
"""

from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtMultimedia import QAudioFormat

SAMPLE_FORMATS = {
    1: QAudioFormat.SampleFormat.UInt8,
    2: QAudioFormat.SampleFormat.Int16,
    4: QAudioFormat.SampleFormat.Int32,
}


@dataclass(frozen=True)
class Clip:
    """The PCM frames of one WAV and the format its header gives."""

    pcm: bytes
    rate: int
    channels: int
    width: int  # bytes a sample

    @property
    def frame_bytes(self) -> int:
        return self.channels * self.width

    @property
    def frames(self) -> int:
        return len(self.pcm) // self.frame_bytes

    def audio_format(self) -> QAudioFormat:
        fmt = QAudioFormat()
        fmt.setSampleRate(self.rate)
        fmt.setChannelCount(self.channels)
        fmt.setSampleFormat(SAMPLE_FORMATS[self.width])
        return fmt


def read_wav(path: Path) -> Clip:
    """The frames and format of a PCM WAV; OSError, EOFError or wave.Error otherwise."""
    with wave.open(str(path), "rb") as wav:
        if wav.getcomptype() != "NONE":
            raise wave.Error(f"compressed WAV ({wav.getcompname()})")
        width = wav.getsampwidth()
        if width not in SAMPLE_FORMATS:
            raise wave.Error(f"{8 * width}-bit samples are not supported")
        pcm = wav.readframes(wav.getnframes())
        return Clip(pcm, wav.getframerate(), wav.getnchannels(), width)
