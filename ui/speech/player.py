"""Speech playback: a QAudioSink plays the PCM WAVs that kiosk.speech renders.

``SpeechPlayer`` pulls a clip's frames (ui.speech.wav) from a QBuffer into one QAudioSink: no
QMediaPlayer, no decoder, no FFmpeg threads. Play, stop, pause, resume, repeat, volume in dB
steps, and a configured headset output that, when present, takes the sound off the loudspeaker
(which output: ui.speech.outputs). With no audio output the player keeps time silently, so the
kiosk behaves the same. What to say and when is the Speaker's (ui.speech.speaker).

Why stop() cannot hang: QAudioSink.stop() and start() are the calls PySide6 makes with the GIL
released (its typesystem marks them allow-thread), so the audio server's thread can always get
the GIL back; the sink is muted first, because stop() lets a PipeWire stream drain its ring
buffer. Pause is a stop that remembers the position, for the same reason (suspend() and reset()
keep the GIL while they wait for the audio server's lock). Nothing of ours runs on an audio
thread: the QBuffer is read on the GUI thread, and the player watches the sink with a timer on
the GUI thread instead of a signal.
"""

from __future__ import annotations

import logging
import wave
from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QElapsedTimer, QIODevice, QObject, QTimer, Signal
from PySide6.QtMultimedia import QAudioDevice, QAudioFormat, QAudioSink, QMediaDevices, QtAudio

from kiosk.speech.controls import VOLUME_STEPS_DB, clamp_volume_step, gain_for_db, gain_for_step
from ui.speech.audio_only import open_audio_only
from ui.speech.outputs import choose_output
from ui.speech.wav import Clip, read_wav

log = logging.getLogger(__name__)

_WATCH_MS = 20  # how often the player looks at the sink (or its silent clock) while playing


class _State(Enum):
    STOPPED = "stopped"
    PLAYING = "playing"
    PAUSED = "paused"


class SpeechPlayer(QObject):
    """One QAudioSink for the voice. stop() returns at once and the sound ends with it."""

    finished = Signal()  # the clip played to its end (not after stop)
    fault = Signal(str)  # no audio output, the output failed, or a WAV could not be read
    output_changed = Signal(str)  # description of the output now in use

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        headset_output: str = "",
        volume_step: int = len(VOLUME_STEPS_DB) - 1,
        outputs: Callable[[], Sequence[QAudioDevice]] | None = None,
    ) -> None:
        super().__init__(parent)
        open_audio_only()  # before Qt Multimedia's first use: no FFmpeg backend
        self._outputs = outputs or QMediaDevices.audioOutputs
        self._devices = QMediaDevices(self)
        self._devices.audioOutputsChanged.connect(self._choose_output)
        self._default_headset = headset_output
        self._headset = headset_output
        self.headset_in_use = False  # the headset output is playing: private data may be said
        self._device: QAudioDevice | None = None
        self._sink: QAudioSink | None = None
        self._sink_format: QAudioFormat | None = None
        self._buffer = QBuffer(self)
        self._buffer_clip: Clip | None = None
        self._clip: Clip | None = None
        self._last: Path | None = None
        self._state = _State.STOPPED
        self._start_frame = 0  # where in the clip the current run started (or pause stopped)
        self._silent = False  # the current run keeps time without a sink
        self._clock = QElapsedTimer()
        self._watch = QTimer(self)
        self._watch.setInterval(_WATCH_MS)
        self._watch.timeout.connect(self._check)
        self._warned = False
        self.volume_step = clamp_volume_step(volume_step)
        self._gain = gain_for_step(self.volume_step)
        self._choose_output()

    # ---- the controls ----------------------------------------------------------------------

    def play(self, path: Path) -> None:
        """Play a WAV from the start, replacing whatever is playing. A file that cannot be
        read gives ``fault``, never an exception."""
        self._halt()
        self._release()
        self._last = None
        try:
            clip = read_wav(path)
        except (OSError, EOFError, wave.Error) as exc:
            message = f"cannot play {path}: {exc}"
            log.warning(message)
            self._emit_later(message)
            return
        self._clip, self._last = clip, path
        self._run_from(0)

    def stop(self) -> None:
        """Barge-in: silence now. Never waits for the audio server."""
        self._halt()
        self._start_frame = 0
        self._release()

    def pause(self) -> None:
        if self._state is not _State.PLAYING:
            return
        frame = self._position()
        self._halt()
        self._start_frame = frame
        self._state = _State.PAUSED

    def resume(self) -> None:
        if self._state is _State.PAUSED:
            self._run_from(self._start_frame)

    def repeat(self) -> bool:
        """Play the last sound again from the start, read again from its file; False if there
        is none, or it can no longer be read (then ``fault`` too)."""
        if self._last is None:
            return False
        self.play(self._last)
        return self._clip is not None

    def is_playing(self) -> bool:
        return self._state is _State.PLAYING

    def set_volume_step(self, step: int) -> None:
        """One of VOLUME_STEPS_DB (4 dB apart, 24 dB in all)."""
        self.volume_step = clamp_volume_step(step)
        self._set_gain(gain_for_step(self.volume_step))

    def set_volume_db(self, db: float) -> None:
        self._set_gain(gain_for_db(db))

    def volume(self) -> float:
        """The linear gain applied to the samples (1.0 is full scale)."""
        return self._gain

    def set_output(self, headset: str) -> bool:
        """Name (or part of the name or id) of the headset output; True if it is in use now.
        An empty name means the system's default output."""
        self._headset = headset
        return self._choose_output()

    def reset_output(self) -> None:
        """Back to the configured choice (the end of a visit)."""
        self.set_output(self._default_headset)

    def current_output(self) -> str:
        return "" if self._device is None else str(self._device.description())

    # ---- playing ---------------------------------------------------------------------------

    def _run_from(self, frame: int) -> None:
        clip = self._clip
        assert clip is not None
        self._start_frame = frame
        self._state = _State.PLAYING
        self._silent = True
        sink = self._sink_for(clip) if clip.frames > frame else None
        if sink is not None:
            if self._buffer_clip is not clip:
                self._buffer.close()
                self._buffer.setData(QByteArray(clip.pcm))
                self._buffer_clip = clip
            if not self._buffer.isOpen():
                self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self._buffer.seek(frame * clip.frame_bytes)
            sink.setVolume(self._gain)
            sink.start(self._buffer)  # allow-thread: the GIL is released meanwhile
            if sink.error() == QtAudio.Error.NoError and sink.state() != QtAudio.State.StoppedState:
                self._silent = False
            else:
                self._report(
                    f"audio output failed ({sink.error().name}); speech continues silently"
                )
        self._clock.start()
        self._watch.start()

    def _halt(self) -> None:
        """End the current run, without a signal."""
        self._watch.stop()
        if self._state is _State.PLAYING and self._sink is not None:
            self._silence(self._sink)
        self._state = _State.STOPPED
        self._silent = False

    def _silence(self, sink: QAudioSink) -> None:
        # Also when the sink looks stopped: a start() on a sink that was not stopped is refused.
        sink.setVolume(0.0)  # a stopped PipeWire stream still drains what it holds
        sink.stop()  # allow-thread, unlike reset() and suspend()
        sink.setVolume(self._gain)  # stored for the next start

    def _position(self) -> int:
        """The frame playing now."""
        clip = self._clip
        if clip is None or self._state is not _State.PLAYING:
            return self._start_frame
        if self._silent or self._sink is None:
            played = self._clock.elapsed() * clip.rate // 1000
        else:
            played = self._sink.processedUSecs() * clip.rate // 1_000_000
        return min(clip.frames, self._start_frame + played)

    def _check(self) -> None:
        """Every few ms while playing: has the clip ended, or has the output failed?"""
        clip = self._clip
        if self._state is not _State.PLAYING or clip is None:
            self._watch.stop()
            return
        if self._silent or self._sink is None:
            if self._position() >= clip.frames:
                self._end()
            return
        state, error = self._sink.state(), self._sink.error()
        if state == QtAudio.State.IdleState and self._buffer.atEnd():
            self._end()
        elif state == QtAudio.State.StoppedState and error != QtAudio.Error.NoError:
            frame = self._position()
            self._report(f"audio output failed ({error.name}); speech continues silently")
            self._start_frame, self._silent = frame, True
            self._clock.start()

    def _end(self) -> None:
        if not self._silent and self._sink is not None:
            self._silence(self._sink)
        self._watch.stop()
        self._state, self._silent, self._start_frame = _State.STOPPED, False, 0
        self._release()
        self.finished.emit()

    def _release(self) -> None:
        """A clip's samples are let go once it has ended or been stopped: home's welcome is
        megabytes, held for nothing between visits (twice with a sink: the buffer's copy).
        Repeat reads the file again; a paused clip is kept for resume."""
        self._clip = None
        self._buffer.close()
        self._buffer.setData(QByteArray())
        self._buffer_clip = None

    def _set_gain(self, gain: float) -> None:
        self._gain = gain
        if self._sink is not None:
            self._sink.setVolume(gain)

    # ---- outputs ---------------------------------------------------------------------------

    def _sink_for(self, clip: Clip) -> QAudioSink | None:
        if self._device is None:
            return None
        fmt = clip.audio_format()
        if self._sink is None or self._sink_format != fmt:
            self._drop_sink()
            self._sink = QAudioSink(self._device, fmt, self)
            self._sink.setVolume(self._gain)
            self._sink_format = fmt
        return self._sink

    def _drop_sink(self) -> None:
        if self._sink is not None:
            self._silence(self._sink)
            self._sink.deleteLater()
            self._sink, self._sink_format = None, None

    def _choose_output(self) -> bool:
        outputs = list(self._outputs())
        if not outputs:
            self.headset_in_use = False
            self._move_to(None)
            self._report("no audio output device; speech continues silently")
            return False
        self._warned = False  # a device is back: a later loss is worth a new warning
        device, self.headset_in_use = choose_output(outputs, self._headset)
        if self._device is None or device != self._device:
            self._move_to(device)
            self.output_changed.emit(device.description())
        return self.headset_in_use

    def _move_to(self, device: QAudioDevice | None) -> None:
        """Use another output (or none); what is playing carries on there from where it was."""
        if device is None and self._device is None:
            return
        was, frame = self._state, self._position()
        self._halt()
        self._drop_sink()
        self._device = device
        if was is _State.PLAYING:
            self._run_from(frame)
        elif was is _State.PAUSED:
            self._start_frame, self._state = frame, _State.PAUSED

    # ---- faults ----------------------------------------------------------------------------

    def _report(self, message: str) -> None:
        # One warning, not one per prompt, until an output is back.
        if self._warned:
            return
        self._warned = True
        log.warning(message)
        self._emit_later(message)

    def _emit_later(self, message: str) -> None:
        # Delivered from the event loop, so that whoever connects right after construction
        # still receives it.
        QTimer.singleShot(0, self, lambda: self.fault.emit(message))
