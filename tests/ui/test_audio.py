"""Speaker and SpeechPlayer: barge-in, supersession, the GUI-thread hop, controls, faults."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config import load_settings
from kiosk.speech.controls import VOLUME_STEPS_DB, gain_for_step
from ui.audio import Speaker, SpeechPlayer, create_speaker

WAIT_MS = 5000
# What Qt Multimedia logs on a machine with no sound card (see machine.md); not our warnings.
NO_SOUND_CARD = [r"PulseAudioService", r"No audio device", r"Couldn't (load|resolve)",
                 r"pipewire", r"va(-x11|-drm)?"]


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

    def pause(self) -> None:
        self.log.append(("pause", None))

    def resume(self) -> None:
        self.log.append(("resume", None))

    def repeat(self) -> bool:
        self.log.append(("repeat", None))
        return True

    def set_volume_step(self, step: int) -> None:
        self.volume_step = step

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

    def request(self, text: str, lang: str, *, rate: int | None = None, normalise: bool = True,
                supersede: bool = False) -> Future[Path | None]:
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


@pytest.fixture
def synth(tmp_path: Path) -> FakeSynth:
    return FakeSynth(tmp_path)


@pytest.fixture
def player() -> FakePlayer:
    return FakePlayer()


@pytest.fixture
def speaker(synth: FakeSynth, player: FakePlayer) -> Iterator[Speaker]:
    s = Speaker(synth, player)
    yield s
    s.deleteLater()


def test_speech_arrives_on_the_gui_thread_and_plays(qtbot: QtBot, speaker: Speaker,
                                                    synth: FakeSynth, player: FakePlayer) -> None:
    speaker.say("请插卡", "zh")
    assert player.played() == []  # say() returned before any audio existed
    with qtbot.waitSignal(speaker.spoken, timeout=WAIT_MS) as caption:
        path = synth.finish(0, "a.wav")
    assert caption.args == ["请插卡"]
    assert player.played() == [path]


def test_a_cache_hit_plays_at_once(qtbot: QtBot, speaker: Speaker, synth: FakeSynth,
                                   player: FakePlayer, tmp_path: Path) -> None:
    synth.cached["欢迎"] = tmp_path / "hit.wav"
    with qtbot.waitSignal(speaker.spoken, timeout=WAIT_MS):
        speaker.say("欢迎", "zh")
    assert player.played() == [tmp_path / "hit.wav"]


def test_a_newer_request_supersedes_an_older_one(qtbot: QtBot, speaker: Speaker,
                                                 synth: FakeSynth, player: FakePlayer) -> None:
    speaker.say("old screen", "en")
    speaker.say("new screen", "en")
    assert synth.futures[0].cancelled()
    with qtbot.waitSignal(speaker.spoken, timeout=WAIT_MS) as caption:
        new = synth.finish(1, "new.wav")
    assert caption.args == ["new screen"]
    assert player.played() == [new]


def test_a_stale_result_that_still_arrives_is_not_played(qtbot: QtBot, speaker: Speaker,
                                                         synth: FakeSynth,
                                                         player: FakePlayer) -> None:
    speaker.say("old screen", "en")
    old = synth.futures[0]
    assert old.set_running_or_notify_cancel()  # the worker had already started it
    speaker.say("new screen", "en")
    with qtbot.waitSignal(speaker.spoken, timeout=WAIT_MS) as caption:
        old.set_result(synth.folder / "old.wav")
        synth.finish(1, "new.wav")
    assert caption.args == ["new screen"]
    assert player.played() == [synth.folder / "new.wav"]


def test_barge_in_stops_sound_and_drops_pending(qtbot: QtBot, speaker: Speaker,
                                                synth: FakeSynth, player: FakePlayer) -> None:
    speaker.say("first", "en")
    with qtbot.waitSignal(speaker.spoken, timeout=WAIT_MS):
        synth.finish(0, "first.wav")
    assert player.playing is not None
    speaker.say("second", "en")
    speaker.stop_all()
    assert player.playing is None
    assert player.log[-1] == ("stop", None)
    assert synth.futures[1].cancelled()
    assert synth.cancelled >= 1
    with qtbot.assertNotEmitted(speaker.spoken, wait=50):
        synth.finish(1, "second.wav")
    assert player.played() == [synth.folder / "first.wav"]


def test_touch_while_a_render_is_running_keeps_it_silent(qtbot: QtBot, speaker: Speaker,
                                                         synth: FakeSynth,
                                                         player: FakePlayer) -> None:
    speaker.say("slow to render", "en")
    assert synth.futures[0].set_running_or_notify_cancel()
    speaker.stop_all()
    with qtbot.assertNotEmitted(speaker.spoken, wait=50):
        synth.futures[0].set_result(synth.folder / "late.wav")
    assert player.played() == []


def test_no_voice_still_shows_the_caption(qtbot: QtBot, speaker: Speaker, synth: FakeSynth,
                                          player: FakePlayer) -> None:
    speaker.say("请稍候", "zh")
    with qtbot.waitSignal(speaker.spoken, timeout=WAIT_MS) as caption:
        synth.finish(0, None)
    assert caption.args == ["请稍候"] and player.played() == []


def test_rate_step_reaches_the_synthesiser(speaker: Speaker, synth: FakeSynth) -> None:
    speaker.set_rate_step("slow")
    speaker.say("a", "en")
    speaker.set_rate_step("fast")
    speaker.say("b", "en")
    assert [r[2] for r in synth.requests] == [140, 195]
    with pytest.raises(ValueError):
        speaker.set_rate_step("crawl")


def test_volume_steps_and_reset_after_a_visit(speaker: Speaker, player: FakePlayer,
                                              synth: FakeSynth) -> None:
    top = len(VOLUME_STEPS_DB) - 1
    assert player.volume_step == top
    speaker.volume_up()
    assert player.volume_step == top  # clamped
    for _ in range(3):
        speaker.volume_down()
    speaker.set_rate_step("fast")
    speaker.reset()
    assert player.volume_step == top and speaker.rate_step == "normal"


def test_controls_reach_the_player(speaker: Speaker, player: FakePlayer) -> None:
    speaker.pause()
    speaker.resume()
    speaker.repeat()
    assert [w for w, _ in player.log] == ["pause", "resume", "repeat"]


def test_tables_are_said_row_by_row_without_a_second_normalisation(speaker: Speaker,
                                                                  synth: FakeSynth) -> None:
    speaker.say_table(["月份", "金额"], [["2025-01", "¥300"]], "zh")
    text, lang, _, normalise = synth.requests[0]
    assert lang == "zh"
    assert text == "第一条：月份，二零二五年一月；金额，三百元。" and not normalise


def test_disabled_voice_says_nothing(speaker: Speaker, synth: FakeSynth) -> None:
    speaker.enabled = False
    speaker.say("x", "en")
    assert synth.requests == []


def test_a_synthesis_fault_becomes_a_signal(qtbot: QtBot, speaker: Speaker,
                                            synth: FakeSynth) -> None:
    with qtbot.waitSignal(speaker.fault, timeout=WAIT_MS) as fault:
        worker = threading.Thread(target=synth.listeners[0], args=("no espeak",))
        worker.start()
        worker.join()
    assert fault.args == ["no espeak"]


# ---- the real QMediaPlayer, offscreen and with no sound card ---------------------------------

@pytest.mark.qt_log_ignore(*NO_SOUND_CARD)
def test_real_player_reports_no_device_once(qtbot: QtBot,
                                            caplog: pytest.LogCaptureFixture) -> None:
    # No play() here: under a Python Qt message handler (pytest-qt installs one) QMediaPlayer's
    # stop() can deadlock with Qt's FFmpeg renderer thread over the GIL (BENCHMARKS.md, Speech);
    # bench/speech.py measures play and stop on the real player instead.
    from PySide6.QtMultimedia import QMediaDevices

    with caplog.at_level(logging.WARNING, logger="ui.audio"):
        player = SpeechPlayer(volume_step=0)
        faults: list[str] = []
        player.fault.connect(faults.append)
        try:
            assert player.volume() == pytest.approx(gain_for_step(0), rel=1e-3)
            player.set_volume_step(len(VOLUME_STEPS_DB) - 1)
            assert player.volume() == pytest.approx(1.0)
            assert player.repeat() is False  # nothing played yet
            if not QMediaDevices.audioOutputs():
                qtbot.waitUntil(lambda: bool(faults), timeout=WAIT_MS)
                assert player.set_output("USB headset") is False
                assert len([r for r in caplog.records if r.name == "ui.audio"]) == 1
        finally:
            player.deleteLater()


@pytest.mark.qt_log_ignore(*NO_SOUND_CARD)
def test_create_speaker_from_settings(qtbot: QtBot, tmp_path: Path, synth: FakeSynth) -> None:
    settings = load_settings(environ={}, overrides={"paths.data_dir": str(tmp_path),
                                                    "speech.volume": 0.7})
    speaker, player = create_speaker(settings, synth)  # type: ignore[arg-type]
    try:
        assert VOLUME_STEPS_DB[speaker.volume_step] == -4.0
        assert player.volume() == pytest.approx(gain_for_step(speaker.volume_step), rel=1e-3)
    finally:
        speaker.deleteLater()
        player.deleteLater()
