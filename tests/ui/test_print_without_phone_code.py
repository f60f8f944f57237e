"""A print step whose paper carries a 掌上办 code, printed while the store cannot make the
phone link: the paper says it has no code, and the screen says so too (the step had just said
the code would open the result on a phone)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from devices.printer.document import Document, Line, QRCode
from kiosk.api.errors import StoreUnavailable
from kiosk.api.kiosk import KioskApi
from kiosk.i18n import t
from kiosk.peripherals.scripted import ScriptedDevices
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot


@pytest.mark.parametrize("lang", ["zh", "yue", "en"])
def test_no_phone_link_is_said_and_the_paper_promises_no_code(
    kiosk: KioskWindow,
    keys: Autopilot,
    voice: RecordingVoice,
    devices: ScriptedDevices,
    core: KioskApi,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
) -> None:
    def store_away(*_args: Any, **_kwargs: Any) -> str:
        raise StoreUnavailable("the store did not answer")

    monkeypatch.setattr(core.links, "issue", store_away)
    kiosk.controls.set_language(lang)
    keys.reach("contribution-record", "print")
    keys.press("action.print")
    keys.settle()
    engine = kiosk.visit.engine
    assert engine is not None and engine.state.printed
    no_code = t("print.no_phone_code", lang)
    assert no_code in voice.last
    assert kiosk.current is not None
    assert no_code in [label.text() for label in kiosk.current.findChildren(QLabel)]  # shown
    (paper,) = devices.printed
    assert isinstance(paper, Document)
    assert not [e for e in paper.elements if isinstance(e, QRCode)]
    lines = [e.text for e in paper.elements if isinstance(e, Line)]
    assert t("receipt.no_qr", lang) in lines
