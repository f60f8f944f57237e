"""Text to WAV: the renderer protocol behind the synthesis worker, and its pyttsx3 + espeak-ng one.

pyttsx3's engine must be created and run on one thread (the worker calls the factory on its own
thread). espeak-ng's library keeps one synthesis callback per process, so only one live engine
is allowed at a time; a second is refused with a clear error instead of stealing the first
engine's audio.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Protocol

from kiosk.speech.cache import WAV_HEADER_BYTES


class Renderer(Protocol):
    def render(self, text: str, voice: str, rate: int, path: Path) -> None:
        """Write ``text`` spoken by ``voice`` at ``rate`` words a minute to a WAV at ``path``."""

    def close(self) -> None: ...


_owner = threading.Lock()
RENDER_TIMEOUT_S = 10.0


def _quiet(*_args: object, **_kwargs: object) -> None:
    """Stands in for print() in pyttsx3's espeak driver, which prints every saved path."""


class EspeakRenderer:
    """pyttsx3's espeak driver writing WAVs with save_to_file + runAndWait (never say())."""

    def __init__(self) -> None:
        if not _owner.acquire(blocking=False):
            raise RuntimeError("a pyttsx3 engine is already live in this process")
        try:
            import pyttsx3
            import pyttsx3.drivers.espeak as driver  # loads libespeak-ng; raises if missing
            import pyttsx3.engine

            driver.print = _quiet
            # Engine(), not pyttsx3.init(): init() hands out a cached engine that another thread
            # may have created.
            self._engine: Any = pyttsx3.engine.Engine("espeak")
            # runAndWait() ends its loop with the driver's stop(), which calls espeak_Cancel()
            # when espeak_IsPlaying() says so; now and then it does after a finished render,
            # and the next Synth() then ends at once with no audio (about 1 render in 100 on
            # 2 cores: a silent prompt). We never interrupt a render to a file: no stop.
            self._engine.proxy._driver.stop = _quiet
        except BaseException:
            _owner.release()
            raise
        self._voice: str | None = None
        self._closed = False
        # runAndWait() sometimes returns before espeak-ng's callback has written the file (seen
        # on a process's first render); the driver's "finished-utterance" comes after the write.
        self._finished = threading.Event()
        self._engine.connect("finished-utterance", lambda **_kw: self._finished.set())

    def render(self, text: str, voice: str, rate: int, path: Path) -> None:
        # Setting a voice reloads its dictionary (about 20 ms for Mandarin): only on a change.
        if voice != self._voice:
            self._engine.setProperty("voice", voice)
            self._voice = voice
        # espeak-ng 1.51 applies a rate set with SetParameter only now and then after the first
        # render; an embedded speed command (Ctrl-A, value, "S") at the head of the text always
        # holds.
        for _attempt in range(2):  # once more if espeak-ng ended a render with no audio
            self._finished.clear()
            self._engine.save_to_file(f"\x01{int(rate)}S{text}", str(path))
            self._engine.runAndWait()
            self._finished.wait(RENDER_TIMEOUT_S)
            if path.exists() and path.stat().st_size > WAV_HEADER_BYTES:
                return
        if not path.exists():
            raise RuntimeError(f"espeak-ng wrote no file for {text[:30]!r}")

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._engine = None
            _owner.release()
