"""Answering 不用 (no) to the offer of a person: a short acknowledgement, not the screen read
again (not even when the voice was still reading the offer as it was touched), and the focus on
the screen's first choice (the answer it was on went with the offer)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.i18n import t
from tests.helpers.focus import focused_name
from tests.helpers.help_calls import three_wrong_numbers
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot
from ui.widgets.banner import HelpOfferBanner


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_thanks_by_keys_is_acknowledged_and_the_focus_goes_to_the_first(
    kiosk: KioskWindow, keys: Autopilot, voice: RecordingVoice, lang: str
) -> None:
    kiosk.controls.set_language(lang)
    keys.start("contribution-record")
    three_wrong_numbers(keys)
    assert isinstance(kiosk.banner, HelpOfferBanner)
    keys.focus(keys.button("help.offer_no"))
    mark = len(voice.said)
    keys.key(Qt.Key.Key_Return)
    assert not isinstance(kiosk.banner, HelpOfferBanner)
    assert [text for text, _lang in voice.said[mark:]] == [t("help.offer_declined", lang)]
    current = kiosk.current
    first = current.first_focus() if current is not None else None
    assert first is not None and focused_name() == first.objectName()


def test_no_thanks_touched_while_the_voice_reads_is_not_the_screen_again(
    kiosk: KioskWindow, pilot: Autopilot, voice: RecordingVoice
) -> None:
    pilot.start("contribution-record")
    three_wrong_numbers(pilot)
    assert isinstance(kiosk.banner, HelpOfferBanner)
    # Still reading, as the real voice is when a touch (which does not stop it) answers.
    voice.speaking = True
    mark = len(voice.said)
    pilot.press("help.offer_no")
    heard = [text for text, _lang in voice.said[mark:]]
    assert heard == [t("help.offer_declined", "zh")]
