"""Inactivity: warning shown and spoken with at least 20 s and one big button, at least ten
extensions, elder mode triples; timing out goes home and leaves no personal data behind; the
resident's choices reset after a visit."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from kiosk.api.kiosk import KioskApi
from kiosk.flow.state import Phase
from tests.helpers.now import phase, prefs
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot
from ui.widgets.banner import TimeoutBanner


def _idle(kiosk: KioskWindow, seconds: float) -> None:
    engine = kiosk.visit.engine
    assert engine is not None
    now = engine.clock()
    engine.clock = lambda: now + seconds
    kiosk.visits.tick()


def _identified(pilot: Autopilot) -> None:
    pilot.start("contribution-record")
    pilot.type_digits(pilot.id_number)
    pilot.press("keypad.ok")


def test_warning_is_shown_spoken_and_gives_at_least_20_s(
    kiosk: KioskWindow, pilot: Autopilot, voice: RecordingVoice
) -> None:
    pilot.start("counter-ticket")
    engine = kiosk.visit.engine
    assert engine is not None
    _idle(kiosk, engine.timings.step_timeout_s + 1)
    assert isinstance(kiosk.banner, TimeoutBanner)
    assert engine.seconds_left() >= 20
    assert "秒后将回到首页" in voice.last
    assert pilot.button("timeout.more_time").height() >= kiosk.look.target_px


def test_at_least_ten_extensions(kiosk: KioskWindow, pilot: Autopilot) -> None:
    pilot.start("counter-ticket")
    engine = kiosk.visit.engine
    assert engine is not None
    for _ in range(10):
        _idle(kiosk, engine.timings.step_timeout_s + 1)
        assert phase(engine) is Phase.WARNING
        pilot.press("timeout.more_time")
        assert phase(engine) is Phase.ACTIVE
        assert not isinstance(kiosk.banner, TimeoutBanner)


def test_elder_mode_triples_the_limit(kiosk: KioskWindow, pilot: Autopilot) -> None:
    base = kiosk.settings.timing.step_timeout_s
    pilot.press("home.elder")
    assert kiosk.prefs.elder and prefs(kiosk).size == "large"
    pilot.start("counter-ticket")
    engine = kiosk.visit.engine
    assert engine is not None
    _idle(kiosk, base + 1)
    assert phase(engine) is Phase.ACTIVE
    _idle(kiosk, base * 3 + 1)
    assert phase(engine) is Phase.WARNING


def test_timeout_goes_home_and_clears_personal_data(
    kiosk: KioskWindow, pilot: Autopilot, core: KioskApi
) -> None:
    _identified(pilot)
    engine = kiosk.visit.engine
    assert engine is not None and engine.state.resident is not None
    masked = engine.state.resident.masked
    pilot.press("bar.size")
    _idle(kiosk, engine.timings.step_timeout_s + 1)
    _idle(kiosk, engine.timings.step_timeout_s + engine.timings.warning_s + 2)
    pilot.settle()
    assert kiosk.visit.engine is None
    assert engine.state.resident is None and not engine.state.values
    shown = " ".join(lb.text() for lb in kiosk.findChildren(QLabel) if lb.isVisible())
    assert masked not in shown and masked[-4:] not in shown
    assert kiosk.visit.draft == ""
    assert prefs(kiosk).size == "standard", "text size not reset after the visit"


def test_choices_reset_after_a_completed_visit(kiosk: KioskWindow, core: KioskApi) -> None:
    pilot = Autopilot(kiosk)
    pilot.press("bar.contrast")
    pilot.press("bar.language")
    pilot.press("languages.en")
    pilot.press("home.voice")  # voice guidance: touch to hear
    assert (kiosk.prefs.theme, kiosk.prefs.lang, kiosk.prefs.audio_mode) == ("dark", "en", True)
    pilot.complete("counter-ticket")
    assert (kiosk.prefs.theme, kiosk.prefs.lang, kiosk.prefs.audio_mode) == (
        "standard",
        "zh",
        False,
    )


def test_idle_home_forgets_choices(kiosk: KioskWindow, clock: object) -> None:
    pilot = Autopilot(kiosk)
    pilot.press("bar.size")
    kiosk.visits.clock = lambda: kiosk.visits.last_input + kiosk.settings.timing.step_timeout_s + 1
    kiosk.visits.tick()
    assert prefs(kiosk).size == "standard"
