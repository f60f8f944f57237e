"""Closing the kiosk waits for a print under way once: the GUI thread waits (bounded) before
the devices close, and the records' close, after the printer is gone, does not wait again."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.api import records as kiosk_records
from kiosk.api.records import KioskRecords
from kiosk.cli import kiosk_parts
from tests.helpers.started import VOICE_OPENING_NOISE, close_started, windowed_settings
from ui.kiosk.app import open_kiosk


@pytest.mark.qt_log_ignore(*VOICE_OPENING_NOISE)
def test_closing_the_kiosk_waits_for_prints_at_most_once(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    waits: list[float] = []  # the bound of each wait for prints, in seconds
    wait_for_prints = KioskRecords.prints_ended

    def counted(records: KioskRecords, timeout: float | None = None) -> bool:
        waits.append(kiosk_records.PRINTS_END_S if timeout is None else timeout)
        return wait_for_prints(records, timeout)

    monkeypatch.setattr(KioskRecords, "prints_ended", counted)
    settings = windowed_settings(tmp_path)
    window, startup = open_kiosk(settings, kiosk_parts(settings))
    try:
        with qtbot.waitSignal(startup.ready, timeout=20000):
            window.show()
    finally:
        close_started(qtbot, window, startup)
    assert waits and sum(waits) <= kiosk_records.PRINTS_END_S, waits
