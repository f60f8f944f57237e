"""What the kiosk window needs of a voice, as a small protocol, and the silent voice.

The window speaks through a ``Voice`` (ui.speech.voice opens the real one over ui.speech.speaker);
``RecordingVoice`` says nothing and remembers what it was asked: the voice until the real one is
open, the voice of the tour, and of a kiosk with no audio device.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from kiosk.speech.controls import clamp_volume_step
from kiosk.text import Lang, unvoiced


class Voice(Protocol):
    def speak(self, text: str, lang: Lang) -> None:
        """Say this now, cutting off whatever was being said."""

    def stop(self) -> None: ...


# A voice may also say whether a headset is in use (``headset: bool``); without one, personal
# details are not said aloud (kiosk.speech.private). It may render its fixed prompts ahead once
# it is in use (``warm()``, ``warmed: bool``): the window warms it whenever it speaks. And it may
# say whether it is saying something now (``speaking: bool``): a visit's time limit waits
# meanwhile. Read with getattr (``speaking`` below): the protocol stays small.


def speaking(voice: Voice) -> bool:
    """The voice is saying something now, or about to; False for a voice that cannot tell."""
    return bool(getattr(voice, "speaking", False))


class SpeechControls(Protocol):
    """The resident's controls over the voice; a ``Voice`` may also offer them.

    ``rate_step`` is "slow", "normal" or "fast"; ``volume_step`` an index into
    kiosk.speech.controls.VOLUME_STEPS_DB; ``reset`` puts both back (the end of a visit).
    """

    rate_step: str
    volume_step: int
    paused: bool

    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def set_rate_step(self, step: str) -> None: ...
    def volume_up(self) -> None: ...
    def volume_down(self) -> None: ...
    def reset(self) -> None: ...


def controls_of(voice: Voice) -> SpeechControls | None:
    """The voice's controls, when it has them (the silent stand-in at start does too)."""
    needed = ("pause", "resume", "set_rate_step", "volume_up", "volume_down", "reset")
    if all(callable(getattr(voice, name, None)) for name in needed):
        return voice  # type: ignore[return-value]
    return None


@dataclass
class RecordingVoice:
    """Says nothing; remembers what it was asked to say (tests, the tour, no audio device).
    Its controls keep their state, so the window draws them as a real voice's."""

    said: list[tuple[str, Lang]] = field(default_factory=list)  # the words, as heard
    # What it was given: words marked as in a language's voice keep their marks (a language's
    # own name: kiosk.text.in_language), so a test can tell which voice says what.
    given: list[tuple[str, Lang]] = field(default_factory=list)
    stops: int = 0
    rate_step: str = "normal"
    volume_step: int = 5
    paused: bool = False
    default_volume_step: int = 5
    resets: int = 0
    headset: bool = False  # private listening: personal details may then be said
    warmed: bool = False  # asked to render its fixed prompts ahead (it has none)
    speaking: bool = False  # says nothing, so it is never speaking (a test may pretend it is)

    def speak(self, text: str, lang: Lang) -> None:
        self.paused = False
        self.said.append((unvoiced(text), lang))
        self.given.append((text, lang))

    def stop(self) -> None:
        self.paused = False
        self.stops += 1

    def warm(self) -> None:
        self.warmed = True

    def pause(self) -> None:
        self.paused = True

    def resume(self) -> None:
        self.paused = False

    def set_rate_step(self, step: str) -> None:
        self.rate_step = step

    def volume_up(self) -> None:
        self.volume_step = clamp_volume_step(self.volume_step + 1)

    def volume_down(self) -> None:
        self.volume_step = clamp_volume_step(self.volume_step - 1)

    def reset(self) -> None:
        self.resets += 1
        self.paused = False
        self.rate_step, self.volume_step = "normal", self.default_volume_step

    @property
    def last(self) -> str:
        return self.said[-1][0] if self.said else ""
