"""Speech playback: Qt Multimedia plays the WAVs that kiosk.speech renders.

``SpeechPlayer`` wraps one QMediaPlayer: play, stop, pause, resume, repeat, volume in dB steps,
and a configured headset output that, when present, takes the sound off the loudspeaker.
``Speaker`` is what screens use: text in, speech out. It asks the synthesis worker for a WAV,
hops back to the GUI thread through a signal when the file is ready, and plays it unless a newer
request or a touch (``stop_all``) has superseded it. The GUI thread never waits for synthesis.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer, QUrl, Signal, SignalInstance
from PySide6.QtMultimedia import QAudioDevice, QAudioOutput, QMediaDevices, QMediaPlayer

from kiosk.speech.controls import (
    RATE_STEPS,
    VOLUME_STEPS_DB,
    clamp_volume_step,
    gain_for_db,
    gain_for_step,
    volume_step_for_gain,
)
from kiosk.speech.normalize import speak_table

if TYPE_CHECKING:
    from kiosk.config import Settings
    from kiosk.speech.synth import Synthesizer

log = logging.getLogger(__name__)


class Player(Protocol):
    """What the Speaker needs of a player; SpeechPlayer, or a fake in tests."""

    def play(self, path: Path) -> None: ...
    def stop(self) -> None: ...
    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def repeat(self) -> bool: ...
    def set_volume_step(self, step: int) -> None: ...


class Synth(Protocol):
    """What the Speaker needs of the synthesiser (kiosk.speech.synth.Synthesizer)."""

    def request(self, text: str, lang: str, *, rate: int | None = None, normalise: bool = True,
                supersede: bool = False) -> Future[Path | None]: ...
    def rate_for(self, step: str) -> int: ...
    def cancel_pending(self) -> int: ...
    def add_fault_listener(self, listener: Callable[[str], None], /) -> None: ...


class SpeechPlayer(QObject):
    """One QMediaPlayer for the voice. Stop is synchronous: sound ends before stop() returns."""

    finished = Signal()
    fault = Signal(str)  # no audio output, or the media backend failed
    output_changed = Signal(str)  # description of the output now in use

    def __init__(self, parent: QObject | None = None, *, headset_output: str = "",
                 volume_step: int = len(VOLUME_STEPS_DB) - 1) -> None:
        super().__init__(parent)
        self._audio = QAudioOutput(self)
        self._player = QMediaPlayer(self)
        self._player.setAudioOutput(self._audio)
        self._player.mediaStatusChanged.connect(self._on_status)
        self._player.errorOccurred.connect(self._on_error)
        self._devices = QMediaDevices(self)
        self._devices.audioOutputsChanged.connect(self._choose_output)
        self._headset = headset_output
        self._last: Path | None = None
        self._warned = False
        self.volume_step = clamp_volume_step(volume_step)
        self.set_volume_step(self.volume_step)
        self._choose_output()

    def play(self, path: Path) -> None:
        self._last = path
        self._player.stop()
        self._player.setSource(QUrl.fromLocalFile(str(path)))
        self._player.play()

    def stop(self) -> None:
        self._player.stop()

    def pause(self) -> None:
        self._player.pause()

    def resume(self) -> None:
        if self._player.playbackState() == QMediaPlayer.PlaybackState.PausedState:
            self._player.play()

    def repeat(self) -> bool:
        """Play the last sound again from the start; False if there is none."""
        if self._last is None:
            return False
        self._player.setPosition(0)
        self._player.play()
        return True

    def is_playing(self) -> bool:
        return self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def set_volume_step(self, step: int) -> None:
        """One of VOLUME_STEPS_DB (4 dB apart, 24 dB in all)."""
        self.volume_step = clamp_volume_step(step)
        self._audio.setVolume(gain_for_step(self.volume_step))

    def set_volume_db(self, db: float) -> None:
        self._audio.setVolume(gain_for_db(db))

    def volume(self) -> float:
        return float(self._audio.volume())

    def set_output(self, headset: str) -> bool:
        """Name (or part of the name or id) of the headset output; True if it is in use now."""
        self._headset = headset
        return self._choose_output()

    def current_output(self) -> str:
        return str(self._audio.device().description())

    def _choose_output(self) -> bool:
        outputs = QMediaDevices.audioOutputs()
        if not outputs:
            self._report("no audio output device; speech continues silently")
            return False
        headset = _find_output(outputs, self._headset) if self._headset else None
        device = headset or QMediaDevices.defaultAudioOutput()
        if device != self._audio.device():
            self._audio.setDevice(device)
            self.output_changed.emit(device.description())
        return headset is not None

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            self.finished.emit()

    def _on_error(self, _error: QMediaPlayer.Error, message: str) -> None:
        self._report(f"audio playback failed: {message}")

    def _report(self, message: str) -> None:
        # One warning, not one per prompt; the fault signal is delivered from the event loop
        # so that whoever connects right after construction still receives it.
        if self._warned:
            return
        self._warned = True
        log.warning(message)
        QTimer.singleShot(0, self, lambda: self.fault.emit(message))


def _find_output(outputs: Sequence[QAudioDevice], name: str) -> QAudioDevice | None:
    wanted = name.casefold()
    for device in outputs:
        ident = bytes(device.id().data()).decode("utf-8", "replace")
        if wanted in device.description().casefold() or wanted in ident.casefold():
            return device
    return None


class Speaker(QObject):
    """Screen text in, speech out; the newest request wins and a touch silences everything."""

    spoken = Signal(str)  # caption: the screen text now being said
    fault = Signal(str)  # synthesis or audio output unavailable: record a device fault
    _ready = Signal(int, object)  # (request number, WAV path or None), worker -> GUI thread
    _worker_fault = Signal(str)

    def __init__(self, synth: Synth, player: Player, *, default_volume_step: int | None = None,
                 enabled: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._synth = synth
        self._player = player
        self._ready.connect(self._on_ready)
        self._worker_fault.connect(self.fault)
        player_fault = getattr(player, "fault", None)
        if isinstance(player_fault, SignalInstance):
            player_fault.connect(self.fault)
        synth.add_fault_listener(self._worker_fault.emit)
        self._default_volume = (len(VOLUME_STEPS_DB) - 1 if default_volume_step is None
                                else clamp_volume_step(default_volume_step))
        self._token = 0
        self._future: Future[Path | None] | None = None
        self._default_enabled = enabled
        self.enabled = enabled
        self.rate_step = "normal"
        self.volume_step = self._default_volume
        player.set_volume_step(self.volume_step)

    def say(self, text: str, lang: str, *, normalise: bool = True,
            caption: str | None = None) -> None:
        """Speak ``text`` (screen text; normalised unless told otherwise), replacing whatever
        is being said or waiting to be said. ``spoken`` carries ``caption`` (default: text)."""
        if not self.enabled:
            return
        self._silence()
        future = self._synth.request(text, lang, rate=self._synth.rate_for(self.rate_step),
                                     normalise=normalise, supersede=True)
        self._future = future
        token = self._token
        shown = text if caption is None else caption
        future.add_done_callback(lambda f: self._deliver(token, shown, f))

    def say_table(self, headers: Sequence[str], rows: Sequence[Sequence[object]],
                  lang: str) -> None:
        self.say(speak_table(headers, rows, lang), lang, normalise=False)

    def stop_all(self) -> None:
        """Barge-in: the resident touched or pressed a key. Silence now, drop what is queued."""
        self._silence()
        self._synth.cancel_pending()

    def repeat(self) -> None:
        self._player.repeat()

    def pause(self) -> None:
        self._player.pause()

    def resume(self) -> None:
        self._player.resume()

    def set_rate_step(self, step: str) -> None:
        """"slow", "normal" or "fast"; applies from the next thing said."""
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
        """End of a visit: silence, and rate and volume back to the defaults."""
        self.stop_all()
        self.enabled = self._default_enabled
        self.rate_step = "normal"
        self.set_volume_step(self._default_volume)

    def _silence(self) -> None:
        self._token += 1  # anything already on its way back is now stale
        if self._future is not None:
            self._future.cancel()
            self._future = None
        self._player.stop()

    def _deliver(self, token: int, caption: str, future: Future[Path | None]) -> None:
        # Runs on the worker thread, or at once on this one for a cache hit.
        if future.cancelled():
            return
        with contextlib.suppress(RuntimeError):  # the Speaker was deleted meanwhile
            self._ready.emit(token, (caption, future.result()))

    def _on_ready(self, token: int, result: tuple[str, Path | None]) -> None:
        if token != self._token:
            return  # superseded by a newer request or a touch
        self._future = None
        caption, path = result
        if path is not None:
            self._player.play(path)
        self.spoken.emit(caption)


def create_speaker(settings: Settings, synth: Synthesizer,
                   parent: QObject | None = None) -> tuple[Speaker, SpeechPlayer]:
    """The real thing, from ``[speech]``: headset output, default volume."""
    speech = settings.speech
    step = volume_step_for_gain(speech.volume)
    player = SpeechPlayer(parent, headset_output=speech.headset_output, volume_step=step)
    speaker = Speaker(synth, player, default_volume_step=step, enabled=speech.enabled,
                      parent=parent)
    return speaker, player
