"""The resident's speech controls in the real window: pause and resume, three speeds and volume
steps reach the Speaker, all reset after the visit; any touch or key elsewhere stops the speech
(barge-in), while a touch on the controls themselves does not. The fixed prompts are rendered
ahead only once the voice is in use."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

import ui.speech.voice as voice_module
from kiosk.api.kiosk import KioskApi
from kiosk.config import load_settings
from kiosk.peripherals.scripted import ScriptedDevices
from kiosk.speech.controls import VOLUME_STEPS_DB
from kiosk.speech.synth import Synthesizer
from tests.helpers.audio import FakePlayer, FakeSynth
from tests.ui.conftest import open_window
from ui.assist.desk import HelpDesk
from ui.kiosk.window import KioskWindow
from ui.screens.registry import SCREENS
from ui.speech.port import RecordingVoice
from ui.speech.speaker import Speaker
from ui.speech.voice import SpeakerVoice, open_voice
from ui.tour.autopilot import Autopilot


@pytest.fixture
def parts(tmp_path: Path) -> tuple[FakeSynth, FakePlayer]:
    return FakeSynth(tmp_path), FakePlayer()


@pytest.fixture
def window(
    qtbot: QtBot, core: KioskApi, parts: tuple[FakeSynth, FakePlayer]
) -> Iterator[KioskWindow]:
    synth, player = parts
    speaker = Speaker(synth, player, default_volume_step=4)
    w = KioskWindow(
        core, SpeakerVoice(speaker, synth), ScriptedDevices(), screens=SCREENS, desk=HelpDesk
    )
    w.resize(1920, 1080)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.shutdown()
    w.close()
    w.deleteLater()
    speaker.deleteLater()
    qtbot.wait(1)


def speaker_of(window: KioskWindow) -> Speaker:
    voice = window.voice
    assert isinstance(voice, SpeakerVoice)
    speaker = voice.speaker
    assert isinstance(speaker, Speaker)
    return speaker


def test_controls_reach_the_speaker_and_reset_after_the_visit(
    window: KioskWindow, core: KioskApi, parts: tuple[FakeSynth, FakePlayer]
) -> None:
    synth, player = parts
    pilot = Autopilot(window, "touch", id_number=core.demo_resident("card-status")[1])
    speaker = speaker_of(window)
    pilot.start("counter-ticket")
    pilot.press("bar.sound")
    assert window.speech is not None
    assert pilot.button("speech.rate").text() == "语速：正常"
    pilot.press("speech.rate")
    assert speaker.rate_step == "fast" and pilot.button("speech.rate").text() == "语速：快"
    assert synth.requests[-1][2] == 195  # the next thing said is rendered at the new speed
    pilot.press("speech.rate")
    assert speaker.rate_step == "slow"
    pilot.press("speech.louder")
    pilot.press("speech.louder")
    assert speaker.volume_step == 6 and player.volume_step == 6
    top = pilot.button("speech.louder")  # the top step: still there, so it keeps the focus
    assert top.isEnabled() and top.at_limit
    for _ in range(6):
        pilot.press("speech.quieter")
    assert speaker.volume_step == 0 and player.volume_step == 0
    span = VOLUME_STEPS_DB[-1] - VOLUME_STEPS_DB[0]
    assert span >= 18  # EN 301 549: at least 18 dB of range
    row = pilot.button("speech.louder").parent()
    assert row is not None
    level = row.findChild(type(window.speech.level), "speech.level")
    assert level is not None and "1 / 7" in level.text()
    pilot.press("speech.pause")
    assert ("pause", None) in player.log and pilot.button("speech.pause").text() == "继续朗读"
    pilot.press("speech.pause")
    assert ("resume", None) in player.log
    for _ in range(10):  # finish the visit
        engine = window.visit.engine
        assert engine is not None
        if engine.ended:
            break
        pilot.act(engine.step.kind)
    pilot.press("action.finish")
    assert speaker.rate_step == "normal" and speaker.volume_step == 4 and player.volume_step == 4
    assert window.speech is None  # the strip closes with the visit
    assert ("reset_output", None) in player.log


def test_touch_and_key_stop_the_speech_but_the_controls_do_not(
    window: KioskWindow, core: KioskApi, parts: tuple[FakeSynth, FakePlayer]
) -> None:
    synth, player = parts
    pilot = Autopilot(window, "touch")
    pilot.start("counter-ticket")
    pilot.press("bar.sound")  # a touch: what was being said stopped
    window.controls.say("您要办理什么业务？", force=True)
    synth.finish(len(synth.futures) - 1, "prompt.wav")
    QTest.qWait(0)
    assert player.playing is not None
    stops = player.log.count(("stop", None))
    pilot.tap(pilot.button("speech.louder"))  # adjusting the volume keeps the voice going
    assert player.playing is not None and player.log.count(("stop", None)) == stops
    QTest.mousePress(pilot.button("bar.size"), Qt.MouseButton.LeftButton)  # a touch elsewhere
    assert player.playing is None and synth.cancelled > 0
    window.controls.say("再说一句", force=True)
    synth.finish(len(synth.futures) - 1, "again.wav")
    QTest.qWait(0)
    assert player.playing is not None
    QTest.keyClick(window, Qt.Key.Key_Down)  # a key
    assert player.playing is None


@pytest.mark.parametrize("guidance", [True, False])
def test_prompts_are_rendered_ahead_only_once_the_voice_is_in_use(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, guidance: bool
) -> None:
    started: list[object] = []
    synth = FakeSynth(tmp_path)
    monkeypatch.setattr(Synthesizer, "from_settings", lambda settings: synth)
    speaker = Speaker(synth, FakePlayer())
    monkeypatch.setattr(voice_module, "create_speaker", lambda *_: (speaker, None))
    monkeypatch.setattr(voice_module, "prerender_in_background", lambda s, _: started.append(s))
    settings = load_settings(environ={}, overrides={"speech.enabled": guidance})
    voice = open_voice(settings)
    assert isinstance(voice, SpeakerVoice)
    assert started == ([synth] if guidance else [])  # guidance off: nobody may ever hear them
    voice.warm()
    voice.warm()
    assert started == [synth]  # once the voice speaks, and once only
    speaker.deleteLater()


def test_a_kiosk_with_the_voice_off_warms_it_when_it_first_speaks(
    qtbot: QtBot, tmp_path: Path
) -> None:
    settings = load_settings(
        environ={}, overrides={"paths.data_dir": str(tmp_path), "speech.enabled": False}
    )
    core = KioskApi.open(settings)
    voice = RecordingVoice()
    window = open_window(qtbot, core, voice, ScriptedDevices())
    try:
        pilot = Autopilot(window, "touch")
        pilot.start("counter-ticket")
        pilot.press("option.pension")  # a whole screen change, the voice off: nothing said
        assert (voice.said, voice.warmed) == ([], False)
        pilot.press("bar.home")
        pilot.press("home.voice")  # voice guidance on
        assert voice.said and voice.warmed
    finally:
        window.shutdown()
        window.close()
        window.deleteLater()
        core.close()
