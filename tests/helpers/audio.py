"""The voice's test doubles (a player and a synthesiser the test drives), WAVs written for the
real player, and what Qt Multimedia logs on a machine with no sound card."""

from __future__ import annotations

import math
import threading
import wave
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

# What Qt Multimedia logs, once a process, on a machine with no sound card, no PipeWire and no
# VA-API (see machine.md): when QtMultimedia loads and when the first QMediaDevices call starts
# its backends. Not our warnings; ignored only in the tests that use the real player.
NO_SOUND_CARD = [
    r"^PulseAudioService: pa_context_connect\(\) failed$",
    r"^Couldn't (load|resolve) (pipewire-0\.3|va|va-x11|va-drm|va\(in plugin\)) "
    r"(library|symbols)$",
]


# ... and what QAudioSink says when it is built for no device at all.
NO_DEVICE_FOR_SINK = r"^No audio device detected$"


class FakePlayer:
    def __init__(self) -> None:
        self.log: list[tuple[str, object]] = []
        self.playing: Path | None = None
        self.volume_step = -1

    def play(self, path: Path) -> None:
        self.log.append(("play", path))
        self.playing = path

    def stop(self) -> None:
        self.log.append(("stop", None))
        self.playing = None

    def is_playing(self) -> bool:
        """As the real player says it (ui.speech.speaker.Speaker.busy asks)."""
        return self.playing is not None

    def pause(self) -> None:
        self.log.append(("pause", None))

    def resume(self) -> None:
        self.log.append(("resume", None))

    def repeat(self) -> bool:
        self.log.append(("repeat", None))
        return True

    def set_volume_step(self, step: int) -> None:
        self.volume_step = step

    def reset_output(self) -> None:
        self.log.append(("reset_output", None))

    def played(self) -> list[object]:
        return [arg for what, arg in self.log if what == "play"]


class FakeSynth:
    """Hands out Futures the test resolves, from another thread like the real worker."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.requests: list[tuple[str, str, int | None, bool]] = []
        self.futures: list[Future[Path | None]] = []
        self.cached: dict[str, Path] = {}
        self.cancelled = 0
        self.listeners: list[Callable[[str], None]] = []

    def request(
        self,
        text: str,
        lang: str,
        *,
        rate: int | None = None,
        normalise: bool = True,
        supersede: bool = False,
    ) -> Future[Path | None]:
        self.requests.append((text, lang, rate, normalise))
        future: Future[Path | None] = Future()
        if text in self.cached:
            future.set_result(self.cached[text])
        self.futures.append(future)
        return future

    def rate_for(self, step: str) -> int:
        return {"slow": 140, "normal": 165, "fast": 195}[step]

    def cancel_pending(self) -> int:
        self.cancelled += 1
        return 0

    def add_fault_listener(self, listener: Callable[[str], None], /) -> None:
        self.listeners.append(listener)

    def finish(self, index: int, name: str | None = None) -> Path | None:
        """Resolve request ``index`` on a worker thread, as the synthesiser does."""
        path = None if name is None else self.folder / name
        future = self.futures[index]

        def resolve() -> None:
            if future.set_running_or_notify_cancel():
                future.set_result(path)

        worker = threading.Thread(target=resolve)
        worker.start()
        worker.join()
        return path


RATE = 22050


def write_wav(
    path: Path, seconds: float, *, width: int = 2, rate: int = RATE, silence: bool = False
) -> Path:
    """A mono PCM WAV like espeak-ng's: a quiet 440 Hz tone, or silence."""
    frames = round(seconds * rate)
    peak = 0 if silence else 0.2 * (2 ** (8 * width - 1) - 1)
    samples = [round(peak * math.sin(2 * math.pi * 440 * i / rate)) for i in range(frames)]
    if width == 1:
        data = bytes(128 + s for s in samples)
    else:
        data = b"".join(s.to_bytes(width, "little", signed=True) for s in samples)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(width)
        out.setframerate(rate)
        out.writeframes(data)
    return path
