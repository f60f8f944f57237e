"""A press of 呼叫工作人员 is answered at once, whatever the store does: a store slow or away
is said to be being told, then the outcome; a quick one says only the outcome. A call from
home asks the resident to wait there (there is nothing under way to carry on with)."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from kiosk.api.kiosk import KioskApi
from kiosk.i18n import t
from tests.helpers.help_calls import desk_of, press_call
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot


def said(voice: RecordingVoice) -> str:
    return "\n".join(text for text, _lang in voice.said)


def test_a_call_the_store_is_slow_to_take_is_answered_at_once_then_by_its_outcome(
    qtbot: QtBot, kiosk: KioskWindow, pilot: Autopilot, voice: RecordingVoice, core: KioskApi
) -> None:
    desk = desk_of(kiosk)
    release = threading.Event()
    object.__setattr__(core.settings.assist, "delivery_timeout_s", 30)
    send = core.send_help
    sent: list[str] = []

    def slow(snapshot: object, reason: str) -> int:
        sent.append(reason)
        release.wait(30)  # the store takes its time
        return send(snapshot, reason)  # type: ignore[arg-type]

    core.send_help = slow  # type: ignore[method-assign,assignment]
    try:
        pilot.start("card-status")
        kiosk.arrivals.call_staff()  # the bar's press (the pilot would wait for the store)
        qtbot.waitUntil(lambda: "正在通知工作人员，请稍候" in said(voice), timeout=5000)
        assert "正在通知工作人员" in desk.strip.words and desk.strip.isVisible()
        assert desk.request_id is None
        kiosk.arrivals.call_staff()  # pressed again meanwhile: one call, not two
        release.set()
        qtbot.waitUntil(lambda: "已通知工作人员，您可以继续办理" in said(voice), timeout=10_000)
        assert said(voice).count("已通知工作人员，您可以继续办理") == 1
        assert len(sent) == 1
    finally:
        release.set()


def test_a_quick_delivery_says_only_its_outcome(
    qtbot: QtBot, kiosk: KioskWindow, pilot: Autopilot, voice: RecordingVoice
) -> None:
    pilot.start("card-status")
    # "Quick" made certain: a loaded machine may take longer than the real 0.4 s to write.
    desk_of(kiosk)._calling.setInterval(600_000)
    desk = press_call(qtbot, kiosk, pilot)
    qtbot.waitUntil(lambda: "已通知工作人员" in said(voice), timeout=5000)
    assert not desk._calling.isActive()  # the outcome stopped the wait's words
    assert t("help.calling_wait", "zh") not in said(voice)


def test_a_call_from_home_asks_the_resident_to_wait_here(
    qtbot: QtBot, kiosk: KioskWindow, pilot: Autopilot, voice: RecordingVoice
) -> None:
    assert kiosk.visit.engine is None
    desk = press_call(qtbot, kiosk, pilot)
    qtbot.waitUntil(lambda: "已通知工作人员，请在这里稍候。" in said(voice), timeout=5000)
    assert "继续办理" not in desk.strip.words and "继续办理" not in said(voice)


def test_a_call_from_home_in_english_asks_the_resident_to_wait_here(
    qtbot: QtBot, kiosk: KioskWindow, pilot: Autopilot, voice: RecordingVoice
) -> None:
    pilot.press("language.en")
    desk = press_call(qtbot, kiosk, pilot)
    qtbot.waitUntil(lambda: "Please wait here" in desk.strip.words, timeout=5000)
    assert "carry on" not in desk.strip.words
