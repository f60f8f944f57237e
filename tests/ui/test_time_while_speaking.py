"""Time limits as a blind resident meets them: the limit starts once the screen has been said
(never in the middle of a long reading), and during "are you still there?" any key or touch
answers it, as the warning says, within the extensions the reference sets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.flow.engine import FlowEngine
from kiosk.flow.state import Phase
from kiosk.i18n import t
from tests.helpers.audio import NO_SOUND_CARD, FakePlayer, FakeSynth, write_wav
from tests.helpers.clock import FakeClock
from tests.helpers.now import phase, prefs
from tests.ui.conftest import Clock
from ui.kiosk.window import KioskWindow
from ui.speech.player import SpeechPlayer
from ui.speech.port import RecordingVoice
from ui.speech.speaker import Speaker
from ui.tour.autopilot import Autopilot
from ui.widgets.banner import TimeoutBanner


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def engine_on_a_clock(kiosk: KioskWindow) -> tuple[FlowEngine, FakeClock]:
    engine = kiosk.visit.engine
    assert engine is not None
    clock = FakeClock(engine.clock())
    engine.clock = clock
    return engine, clock


def warned(kiosk: KioskWindow) -> tuple[FlowEngine, FakeClock]:
    engine, clock = engine_on_a_clock(kiosk)
    clock.advance(engine.timings.step_timeout_s + 1)
    kiosk.visits.tick()
    assert phase(engine) is Phase.WARNING and isinstance(kiosk.banner, TimeoutBanner)
    return engine, clock


# -- the clock starts after the speech ----------------------------------------------------------


def test_no_warning_while_the_screen_is_still_being_said(
    kiosk: KioskWindow, pilot: Autopilot, voice: RecordingVoice
) -> None:
    pilot.start("counter-ticket")
    engine, clock = engine_on_a_clock(kiosk)
    limit = engine.timings.step_timeout_s
    voice.speaking = True  # a long introduction, or a results table read in one go
    for _ in range(4):
        clock.advance(limit)
        kiosk.visits.tick()
        assert phase(engine) is Phase.ACTIVE, "the warning cut the reading"
    voice.speaking = False
    kiosk.visits.tick()  # the window hears the voice fell silent: the limit starts now
    clock.advance(limit - 1)
    kiosk.visits.tick()
    assert phase(engine) is Phase.ACTIVE
    clock.advance(1)
    kiosk.visits.tick()
    assert phase(engine) is Phase.WARNING


def test_home_keeps_a_residents_choices_while_it_is_being_read(
    kiosk: KioskWindow, pilot: Autopilot, voice: RecordingVoice, clock: Clock
) -> None:
    pilot.press("bar.size")
    limit = kiosk.settings.timing.step_timeout_s
    voice.speaking = True
    clock.now += limit + 1
    kiosk.visits.tick()
    assert prefs(kiosk).size == "large", "home reset while its welcome was being read"
    voice.speaking = False
    clock.now += limit - 1
    kiosk.visits.tick()
    assert prefs(kiosk).size == "large"
    clock.now += 2
    kiosk.visits.tick()
    assert prefs(kiosk).size == "standard"


def test_the_speaker_is_busy_from_the_request_to_the_end_of_the_sound(
    qtbot: QtBot, tmp_path: Path
) -> None:
    synth, player = FakeSynth(tmp_path), PlayingPlayer()
    speaker = Speaker(synth, player)
    assert not speaker.busy
    speaker.say("您好", "zh")
    assert speaker.busy  # on its way: synthesis is running
    synth.finish(0, "a.wav")
    qtbot.waitUntil(lambda: player.played() == [tmp_path / "a.wav"], timeout=5000)
    assert speaker.busy  # playing
    player.playing = None  # the clip ended
    assert not speaker.busy
    speaker.say("再见", "zh")
    speaker.stop_all()  # barge-in
    assert not speaker.busy
    speaker.say("出错", "zh")
    synth.futures[-1].set_exception(RuntimeError("no voice"))  # a failed synthesis
    qtbot.waitUntil(lambda: not speaker.busy, timeout=5000)
    speaker.deleteLater()


@pytest.mark.qt_log_ignore(*NO_SOUND_CARD)
def test_the_real_player_keeps_the_speaker_busy_for_as_long_as_the_sound(
    qtbot: QtBot, tmp_path: Path
) -> None:
    synth, player = FakeSynth(tmp_path), SpeechPlayer()
    speaker = Speaker(synth, player)
    synth.cached["好"] = write_wav(tmp_path / "half.wav", 0.5)
    with qtbot.waitSignal(player.finished, timeout=5000):
        speaker.say("好", "zh")
        qtbot.waitUntil(player.is_playing, timeout=5000)
        assert speaker.busy
    assert not speaker.busy  # the sound ended: the time limit may start
    speaker.deleteLater()
    player.deleteLater()


class PlayingPlayer(FakePlayer):
    def is_playing(self) -> bool:
        return self.playing is not None


# -- any key or touch answers the warning -------------------------------------------------------


def test_the_warning_says_how_to_carry_on_and_not_the_screen_again(
    kiosk: KioskWindow, pilot: Autopilot, voice: RecordingVoice
) -> None:
    pilot.start("counter-ticket")
    warned(kiosk)
    assert t("timeout.how", "zh", n=10) in voice.last
    assert "您要办理什么业务" not in voice.last  # the warning is not buried under the screen


def test_any_key_during_the_warning_keeps_the_visit_and_does_nothing_else(
    kiosk: KioskWindow, pilot: Autopilot, voice: RecordingVoice
) -> None:
    pilot.start("contribution-record")
    QTest.keyClick(focused(), Qt.Key.Key_Down)
    place = focused().objectName()
    engine, _clock = warned(kiosk)
    assert focused().objectName() == place  # the warning leaves the focus where it was
    QTest.keyClick(focused(), Qt.Key.Key_Down)  # what the tester pressed
    assert phase(engine) is Phase.ACTIVE and engine.state.extensions == 1
    assert not isinstance(kiosk.banner, TimeoutBanner)
    assert focused().objectName() == place, "the key moved the focus too"
    assert voice.last == t("timeout.extended", "zh")
    assert kiosk.visit.engine is engine and not engine.ended


def test_enter_during_the_warning_answers_it_and_submits_nothing(
    kiosk: KioskWindow, pilot: Autopilot
) -> None:
    pilot.start("contribution-record")
    QTest.keyClicks(focused(), pilot.id_number)
    engine, _clock = warned(kiosk)
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    assert phase(engine) is Phase.ACTIVE
    assert pilot.where() == "contribution-record/identify" and kiosk.visit.draft == pilot.id_number


def test_a_touch_during_the_warning_answers_it_and_chooses_nothing(
    kiosk: KioskWindow, pilot: Autopilot
) -> None:
    pilot.start("counter-ticket")
    engine, _clock = warned(kiosk)
    pilot.tap(pilot.button("option.medical"))
    pilot.settle()
    assert phase(engine) is Phase.ACTIVE and engine.state.extensions == 1
    assert pilot.where() == "counter-ticket/business"


def test_ten_extensions_by_any_key_then_the_warning_says_there_are_no_more(
    kiosk: KioskWindow, pilot: Autopilot, voice: RecordingVoice
) -> None:
    pilot.start("counter-ticket")
    engine, clock = engine_on_a_clock(kiosk)
    assert engine.timings.max_extensions >= 10
    for n in range(engine.timings.max_extensions):
        clock.advance(engine.timings.step_timeout_s + 1)
        kiosk.visits.tick()
        assert t("timeout.how", "zh", n=engine.extensions_left) in voice.last
        QTest.keyClick(focused(), Qt.Key.Key_F3)
        assert engine.state.extensions == n + 1
    clock.advance(engine.timings.step_timeout_s + 1)
    kiosk.visits.tick()
    assert phase(engine) is Phase.WARNING
    assert t("timeout.no_more", "zh") in voice.last and "按任意键" not in voice.last
    QTest.keyClick(focused(), Qt.Key.Key_F3)  # no more time: the key does what it does
    assert phase(engine) is Phase.WARNING
    assert "窗口取号" in voice.last  # F3 said where the resident is


def test_elder_mode_triples_the_warning_too(kiosk: KioskWindow, pilot: Autopilot) -> None:
    warning = kiosk.settings.timing.warning_s
    pilot.press("home.elder")
    pilot.start("counter-ticket")
    engine, _clock = warned(kiosk)
    assert engine.seconds_left() >= 3 * warning >= 60
    assert engine.extensions_left >= 10
