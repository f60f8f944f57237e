"""The worker hop (ui/bridge.py): work runs on a pool thread and its result comes back on the
GUI thread; once the bridge is closed, work that still arrives (a late timer, a device
callback) is dropped and noted at debug level, never raised into the caller."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from ui.bridge import Bridge


def test_work_runs_on_a_worker_and_its_result_comes_back_on_the_gui_thread(
    qtbot: QtBot,
) -> None:
    bridge = Bridge()
    came_back: list[tuple[threading.Thread, threading.Thread]] = []
    try:
        bridge.run(
            threading.current_thread,
            on_done=lambda ran_on: came_back.append((ran_on, threading.current_thread())),
        )
        qtbot.waitUntil(lambda: bool(came_back), timeout=5000)
        ran_on, delivered_on = came_back[0]
        assert ran_on is not threading.main_thread()
        assert delivered_on is threading.main_thread()
        assert bridge.pending == 0
    finally:
        bridge.close()


def test_work_after_close_is_dropped_quietly(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    bridge = Bridge()
    bridge.close()
    called: list[object] = []
    with caplog.at_level(logging.DEBUG, logger="ui.bridge"):
        bridge.run(called.append, "run", on_done=called.append)  # raised RuntimeError before
        bridge.call_soon(called.append, "call_soon")
        QCoreApplication.processEvents()  # anything queued would be delivered now
    assert called == []
    assert bridge.pending == 0  # nothing left for the tour or a test to wait for
    dropped = [r for r in caplog.records if r.name == "ui.bridge"]
    assert len(dropped) == 2 and all(r.levelno == logging.DEBUG for r in dropped)
