"""A fake speech engine for the synthesis worker's tests: writes short WAVs, can hold its first
render until the test says go."""

from __future__ import annotations

import threading
import wave
from pathlib import Path

WAIT = 5.0  # seconds; a bound on a condition, never a sleep


class FakeEngine:
    """Writes a short tone-free WAV; can hold its first render until the test says go."""

    def __init__(self, hold_first: bool = False) -> None:
        self.rendered: list[tuple[str, str, int]] = []
        self.threads: set[int] = set()
        self.created_on = threading.get_ident()
        self.first_started = threading.Event()
        self.go = threading.Event()
        if not hold_first:
            self.go.set()
        self.closed = False

    def render(self, text: str, voice: str, rate: int, path: Path) -> None:
        self.threads.add(threading.get_ident())
        self.first_started.set()
        assert self.go.wait(WAIT)
        self.rendered.append((text, voice, rate))
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(22050)
            out.writeframes(b"\x01\x02" * 2205)

    def close(self) -> None:
        self.closed = True
