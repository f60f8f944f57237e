"""Text to WAV: the renderer protocol behind the synthesis worker, and its espeak-ng one.

The espeak-ng renderer speaks through pyttsx3's binding of libespeak-ng
(``pyttsx3.drivers._espeak``), in the library's synchronous mode: every call into the library,
and every call back from it, happens on the worker's thread, one after another. pyttsx3's own
engine starts espeak-ng in its asynchronous mode, where the library's thread synthesises and
calls back into Python while ours changes the voice, starts the next text or replaces the
callback; that crashed the process now and then (a segfault inside espeak-ng), ended renders
early with no audio, and returned before the file was written. Its loop waits for an end
event that the synchronous mode never sends, so the renderer drives the binding itself.

espeak-ng keeps one synthesis callback per process and starts once per process, so only one
live renderer is allowed at a time; a second is refused with a clear error instead of stealing
the first one's audio.
"""

from __future__ import annotations

import ctypes
import threading
import wave
from pathlib import Path
from typing import Any, Protocol

from kiosk.speech.cache import WAV_HEADER_BYTES


class Renderer(Protocol):
    def render(self, text: str, voice: str, rate: int, path: Path) -> None:
        """Write ``text`` spoken by ``voice`` at ``rate`` words a minute to a WAV at ``path``."""

    def close(self) -> None: ...


_owner = threading.Lock()
_sample_rate: int | None = None  # set by the process's one espeak_Initialize


def _espeak() -> Any:
    """pyttsx3's ctypes binding, started in the synchronous mode (once a process)."""
    global _sample_rate
    import pyttsx3.drivers._espeak as espeak  # loads libespeak-ng; raises if missing

    if _sample_rate is None:
        rate = espeak.Initialize(espeak.AUDIO_OUTPUT_SYNCHRONOUS, 1000)
        if rate == -1:
            raise RuntimeError("could not start espeak-ng")
        _sample_rate = int(rate)
    return espeak


class EspeakRenderer:
    """Renders on the thread that created it (the synthesis worker's)."""

    def __init__(self) -> None:
        if not _owner.acquire(blocking=False):
            raise RuntimeError("an espeak-ng renderer is already live in this process")
        try:
            self._espeak = _espeak()
            self._out: wave.Wave_write | None = None  # the WAV a render writes to
            self._frames = 0
            self._failed: OSError | None = None
            self._thread = threading.get_ident()
            self.callback_threads: set[int] = set()  # threads espeak-ng called back on
            # Kept on the instance: espeak-ng holds only the C pointer.
            self._callback = self._espeak.t_espeak_callback(self._collect)
            self._espeak.cSetSynthCallback(self._callback)
        except BaseException:
            _owner.release()
            raise
        self._voice: str | None = None
        self._closed = False

    def _collect(self, wav: Any, count: int, _events: Any) -> int:
        self.callback_threads.add(threading.get_ident())
        if count > 0 and self._out is not None:
            # Straight to the file: a long text's samples are megabytes, never all in memory.
            try:
                self._out.writeframesraw(
                    ctypes.string_at(wav, count * ctypes.sizeof(ctypes.c_short))
                )
            except OSError as exc:  # a full disk: raised after Synth returns
                self._failed = exc
                return 1  # stop
            self._frames += count
        return 0  # go on

    def render(self, text: str, voice: str, rate: int, path: Path) -> None:
        if self._closed:
            raise RuntimeError("the renderer is closed")
        if threading.get_ident() != self._thread:
            raise RuntimeError("espeak-ng is driven from the thread that started the renderer")
        # Setting a voice reloads its dictionary (about 20 ms for Mandarin): only on a change.
        if voice != self._voice:
            if self._espeak.SetVoiceByName(voice.encode("utf-8")) != self._espeak.EE_OK:
                raise ValueError(f"espeak-ng has no voice {voice!r}")
            self._voice = voice
        # The rate as an embedded speed command (Ctrl-A, value, "S") at the head of the text:
        # it holds for this text whatever an earlier one set.
        spoken = f"\x01{int(rate)}S{text}".encode()
        flags = self._espeak.ENDPAUSE | self._espeak.CHARS_UTF8
        with wave.open(str(path), "wb") as out:  # its header's sizes are set as it closes
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(_sample_rate or 22050)
            self._out, self._frames, self._failed = out, 0, None
            try:
                status = self._espeak.Synth(spoken, flags=flags)  # returns once all is called back
            finally:
                self._out = None
        if self._failed is not None:
            raise self._failed
        if status != self._espeak.EE_OK:
            raise RuntimeError(f"espeak-ng refused the text (error {status})")
        if not self._frames:
            raise RuntimeError(f"espeak-ng made no audio for {len(text)} characters")
        if path.stat().st_size <= WAV_HEADER_BYTES:
            raise RuntimeError(f"espeak-ng wrote an empty file for {len(text)} characters")

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            _owner.release()
