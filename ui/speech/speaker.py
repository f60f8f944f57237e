"""The voice's queue: screen text in, speech out, the newest request winning.

``Speaker`` is what the kiosk speaks through. It asks the synthesis worker for a WAV, hops back
to the GUI thread through a signal when the file is ready, and hands it to a player
(ui.speech.player.SpeechPlayer) unless a newer request or a touch (``stop_all``) has superseded
it. The GUI thread never waits for synthesis. The resident's controls (pause, speed, volume) and
the reset after every visit are here too.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance

from kiosk.speech.codes import unmarked
from kiosk.speech.controls import (
    RATE_STEPS,
    VOLUME_STEPS_DB,
    clamp_volume_step,
    volume_step_for_gain,
)
from kiosk.speech.normalize import speak_table
from kiosk.text import unvoiced
from ui.speech.player import SpeechPlayer

if TYPE_CHECKING:
    from kiosk.config import Settings


class Player(Protocol):
    """What the Speaker needs of a player; SpeechPlayer, or a fake in tests."""

    def play(self, path: Path) -> None: ...
    def stop(self) -> None: ...
    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def repeat(self) -> bool: ...
    def set_volume_step(self, step: int) -> None: ...
    def reset_output(self) -> None: ...


class Synth(Protocol):
    """What the Speaker needs of the synthesiser (kiosk.speech.synth.Synthesizer)."""

    def request(
        self,
        text: str,
        lang: str,
        *,
        rate: int | None = None,
        normalise: bool = True,
        supersede: bool = False,
    ) -> Future[Path | None]: ...
    def rate_for(self, step: str) -> int: ...
    def cancel_pending(self) -> int: ...
    def add_fault_listener(self, listener: Callable[[str], None], /) -> None: ...


class Speaker(QObject):
    """Screen text in, speech out; the newest request wins and a touch silences everything."""

    spoken = Signal(str)  # caption: the screen text now being said
    fault = Signal(str)  # synthesis or audio output unavailable: record a device fault
    _ready = Signal(int, object)  # (request number, WAV path or None), worker -> GUI thread
    _worker_fault = Signal(str)

    @property
    def headset_in_use(self) -> bool:
        """Private listening: the player plays to the configured headset."""
        return bool(getattr(self._player, "headset_in_use", False))

    def __init__(
        self,
        synth: Synth,
        player: Player,
        *,
        default_volume_step: int | None = None,
        enabled: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._synth = synth
        self._player = player
        self._ready.connect(self._on_ready)
        self._worker_fault.connect(self.fault)
        player_fault = getattr(player, "fault", None)
        if isinstance(player_fault, SignalInstance):
            player_fault.connect(self.fault)
        synth.add_fault_listener(self._worker_fault.emit)
        self._default_volume = (
            len(VOLUME_STEPS_DB) - 1
            if default_volume_step is None
            else clamp_volume_step(default_volume_step)
        )
        self._token = 0
        self._future: Future[Path | None] | None = None
        self._default_enabled = enabled
        self.enabled = enabled
        self.rate_step = "normal"
        self.volume_step = self._default_volume
        player.set_volume_step(self.volume_step)

    def say(
        self, text: str, lang: str, *, normalise: bool = True, caption: str | None = None
    ) -> None:
        """Speak ``text`` (screen text; normalised unless told otherwise), replacing whatever
        is being said or waiting to be said. ``spoken`` carries ``caption`` (default: text)."""
        if not self.enabled:
            return
        self._silence()
        future = self._synth.request(
            text,
            lang,
            rate=self._synth.rate_for(self.rate_step),
            normalise=normalise,
            supersede=True,
        )
        self._future = future
        token = self._token
        shown = unmarked(unvoiced(text)) if caption is None else caption  # a caption: no marks
        future.add_done_callback(lambda f: self._deliver(token, shown, f))

    def say_table(
        self, headers: Sequence[str], rows: Sequence[Sequence[object]], lang: str
    ) -> None:
        self.say(speak_table(headers, rows, lang), lang, normalise=False)

    def stop_all(self) -> None:
        """Barge-in: the resident touched or pressed a key. Silence now, drop what is queued."""
        self._silence()
        self._synth.cancel_pending()

    @property
    def busy(self) -> bool:
        """Something is being said or is on its way to be said (not paused, not stopped): the
        visit's time limit waits meanwhile (ui.kiosk.visits)."""
        if self._future is not None:
            return True
        playing = getattr(self._player, "is_playing", None)
        return bool(playing()) if callable(playing) else False

    def repeat(self) -> None:
        self._player.repeat()

    def pause(self) -> None:
        self._player.pause()

    def resume(self) -> None:
        self._player.resume()

    def set_rate_step(self, step: str) -> None:
        """ "slow", "normal" or "fast"; applies from the next thing said."""
        if step not in RATE_STEPS:
            raise ValueError(f"rate step {step!r} unknown; expected one of {RATE_STEPS}")
        self.rate_step = step

    def set_volume_step(self, step: int) -> None:
        self.volume_step = clamp_volume_step(step)
        self._player.set_volume_step(self.volume_step)

    def volume_up(self) -> None:
        self.set_volume_step(self.volume_step + 1)

    def volume_down(self) -> None:
        self.set_volume_step(self.volume_step - 1)

    def reset(self) -> None:
        """End of a visit: silence; rate, volume and output back to the defaults."""
        self.stop_all()
        self.enabled = self._default_enabled
        self.rate_step = "normal"
        self.set_volume_step(self._default_volume)
        self._player.reset_output()
        forget = getattr(self._synth, "forget_visit", None)  # fakes in tests may not have it
        if forget is not None:
            forget()  # what was said about this resident leaves the cache with them

    def _silence(self) -> None:
        self._token += 1  # anything already on its way back is now stale
        if self._future is not None:
            self._future.cancel()
            self._future = None
        self._player.stop()

    def _deliver(self, token: int, caption: str, future: Future[Path | None]) -> None:
        # Runs on the worker thread, or at once on this one for a cache hit. A request that
        # was cancelled or failed still reports back (with no sound), so a current one never
        # stays "on its way" for ever.
        path = None if future.cancelled() or future.exception() else future.result()
        with contextlib.suppress(RuntimeError):  # the Speaker was deleted meanwhile
            self._ready.emit(token, (caption, path))

    def _on_ready(self, token: int, result: tuple[str, Path | None]) -> None:
        if token != self._token:
            return  # superseded by a newer request or a touch
        self._future = None
        caption, path = result
        if path is not None:
            self._player.play(path)
        self.spoken.emit(caption)


def create_speaker(
    settings: Settings, synth: Synth, parent: QObject | None = None
) -> tuple[Speaker, SpeechPlayer]:
    """The real thing, from ``[speech]``: headset output, default volume."""
    speech = settings.speech
    step = volume_step_for_gain(speech.volume)
    player = SpeechPlayer(parent, headset_output=speech.headset_output, volume_step=step)
    speaker = Speaker(
        synth, player, default_volume_step=step, enabled=speech.enabled, parent=parent
    )
    return speaker, player
