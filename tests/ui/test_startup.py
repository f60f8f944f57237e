"""The staged start of ``kiosk run``: home is painted from the catalogue alone, the store, the
devices and the voice open after it, and a tile touched meanwhile starts once the core is in.
A new catalogue's prompts are rendered before it is offered only for a voice in use."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel
from pytestqt.qtbot import QtBot

from kiosk.api.kiosk import KioskApi
from kiosk.catalog.effective import load_cached
from kiosk.cli import kiosk_parts
from kiosk.peripherals.adapter import HardwareDevices
from kiosk.peripherals.unavailable import NoDevices
from kiosk.store.db import DatabaseUnavailable
from tests.helpers.first_paint import at_first_paint
from tests.helpers.started import VOICE_OPENING_NOISE, close_started, windowed_settings
from ui.assist.desk import HelpDesk
from ui.kiosk import app as kiosk_app
from ui.kiosk.app import KioskParts, application, open_kiosk, out_of_service
from ui.screens.registry import SCREENS
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot


@pytest.mark.qt_log_ignore(*VOICE_OPENING_NOISE)
def test_a_tile_touched_before_the_store_is_open_starts_when_it_is(
    qtbot: QtBot, tmp_path: Path
) -> None:
    settings = windowed_settings(tmp_path)
    window, startup = open_kiosk(settings, kiosk_parts(settings))
    try:
        assert not window.ready and window.current is not None and window.current.kind == "home"
        with qtbot.waitSignal(startup.ready, timeout=20000):
            window.resize(1920, 1080)
            window.show()
            pilot = Autopilot(window, "touch")
            pilot.tap(pilot.button("service.insurance-certificate"))  # at once, not ready yet
            assert window.visit.engine is None and window.arrivals.queued_service
        assert window.ready and window.visit.engine is not None
        assert window.visit.engine.service.id == "insurance-certificate"
        assert isinstance(startup.devices, HardwareDevices)  # simulators: none configured
        assert window.devices is startup.devices and window.voice is startup.voice
    finally:
        close_started(qtbot, window, startup)


@pytest.mark.qt_log_ignore(*VOICE_OPENING_NOISE)
def test_a_call_for_staff_pressed_before_the_desk_is_built_is_made_once_it_is(
    qtbot: QtBot, tmp_path: Path
) -> None:
    settings = windowed_settings(tmp_path)
    window, startup = open_kiosk(settings, kiosk_parts(settings))
    try:
        assert window.desk is None and window.bar is not None  # home, before its first paint
        window.bar.call_staff.emit()  # what a tap on 呼叫工作人员 sends
        assert window.arrivals.call_waiting
        with qtbot.waitSignal(startup.ready, timeout=20000):
            window.resize(1920, 1080)
            window.show()
        desk = window.desk
        assert desk is not None and not window.arrivals.call_waiting
        qtbot.waitUntil(lambda: desk.strip.status is not None, timeout=10000)
        assert desk.request_id is not None and "已通知工作人员" in desk.strip.words
    finally:
        close_started(qtbot, window, startup)


def test_keys_are_heard_from_the_first_paint(qtbot: QtBot, tmp_path: Path) -> None:
    """The application-wide key filter is installed at home's first paint, not before: until
    then nothing is on the screen to press, and every event of every object would go through
    Python for it."""
    settings = windowed_settings(tmp_path)
    window, startup = open_kiosk(settings, kiosk_parts(settings))
    try:
        assert not window.listening
        window.resize(1920, 1080)
        window.show()
        qtbot.waitUntil(lambda: window.listening, timeout=10000)
        assert not window.keys.naming
        QTest.keyClick(window, Qt.Key.Key_F4)  # key help: each key is named from now on
        assert window.keys.naming
    finally:
        close_started(qtbot, window, startup)


def test_the_store_starts_opening_after_home_is_drawn_not_while_it_is(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The window's Paint event comes before its children draw: a worker started there would
    load modules (holding the GIL) while the tiles draw, and home would show later."""
    settings = windowed_settings(tmp_path)
    window, startup = open_kiosk(settings, kiosk_parts(settings))
    worker_while_drawing: list[bool] = []

    class TileDrawn(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                worker_while_drawing.append(startup._thread is not None)
            return False

    tile = next(
        b for b in window.findChildren(QAbstractButton) if b.objectName().startswith("service.")
    )
    watch = TileDrawn(tile)
    tile.installEventFilter(watch)
    try:
        window.resize(1920, 1080)
        window.show()
        qtbot.waitUntil(lambda: bool(worker_while_drawing) and window.listening, timeout=10000)
        assert worker_while_drawing[0] is False
        assert startup._thread is not None  # and then it starts
    finally:
        tile.removeEventFilter(watch)
        close_started(qtbot, window, startup)


# The service model, the files' reader and checks: loaded before the first paint only when home's
# snapshot of the catalogue in the data folder is missing or stale (a first start, a changed file).
READER = [
    "kiosk.catalog.checks",
    "kiosk.catalog.loader",
    "kiosk.catalog.schema",
    "kiosk.catalog.steps",
]


def test_home_is_painted_before_the_store_libraries_and_the_staff_panels_load(
    tmp_path: Path,
) -> None:
    """``kiosk run`` itself, parsing its command line included: none of the other commands'
    modules (the report's matplotlib, Alembic, the drivers) load before home is painted."""
    heavy = (
        "sqlalchemy", "alembic", "kiosk.api.kiosk", "kiosk.peripherals.drivers",
        "kiosk.backends.base", "psycopg", "qrcode", "PIL", "PySide6.QtMultimedia",
        "ui.assist.desk", "ui.assist.takeover", "ui.assist.actions", "ui.assist.pinpad",
        "ui.assist.strip", "matplotlib", "numpy", "serial", "kiosk.commands.report",
        "kiosk.commands.data", *READER,
    )  # fmt: skip
    report = f"print('loaded at first paint:', [m for m in {heavy!r} if m in sys.modules])"
    for start, expected in (("first", READER), ("second", [])):  # the second from the snapshot
        out = at_first_paint(tmp_path, report)
        assert f"loaded at first paint: {expected}" in out, (start, out)


def test_a_store_that_does_not_open_shows_out_of_service_and_nothing_alive(
    qtbot: QtBot, tmp_path: Path
) -> None:
    settings = windowed_settings(tmp_path)
    voice = RecordingVoice()

    def no_store() -> KioskApi:
        raise DatabaseUnavailable("the database file is damaged")

    parts = KioskParts(
        kiosk_parts(settings).home_catalogue,
        lambda: SCREENS,
        lambda: HelpDesk,
        no_store,
        lambda _api: NoDevices(),
        lambda _parent: voice,
    )
    window, startup = open_kiosk(settings, parts)
    app = application()
    try:
        window.resize(1920, 1080)
        window.show()
        with qtbot.waitSignal(startup.failed, timeout=20000):
            startup.begin()
        out_of_service(app, window, parts, settings)
        notice = window.notice
        assert notice is not None and notice.isVisible()
        words = " ".join(label.text() for label in notice.findChildren(QLabel))
        assert "本机暂停服务" in words and "out of service" in words
        assert settings.kiosk.hotline in words and settings.kiosk.hall in words
        assert voice.last.startswith("本机暂停服务")
        # Nothing that looks like it could be touched: no tile, no bar, no staff control.
        shown = [b for b in window.findChildren(QAbstractButton) if b.isVisible()]
        assert shown == []
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Down, Qt.Key.Key_1):
            QTest.keyClick(window, key)
        assert window.visit.engine is None and window.notice is notice and notice.isVisible()
    finally:
        close_started(qtbot, window, startup)


def test_a_new_catalogue_is_pre_rendered_only_for_a_voice_in_use(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = windowed_settings(tmp_path)
    rendered: list[object] = []
    monkeypatch.setattr(kiosk_app, "prerender_catalogue", lambda synth, c: rendered.append(c))
    voice = RecordingVoice()
    voice.synth = object()  # type: ignore[attr-defined]  # what the real voice renders with

    def open_api() -> KioskApi:
        return KioskApi.open(settings)

    parts = KioskParts(
        kiosk_parts(settings).home_catalogue,
        lambda: SCREENS,
        lambda: HelpDesk,
        open_api,
        lambda _api: NoDevices(),
        lambda _: voice,
    )
    window, startup = open_kiosk(settings, parts)
    try:
        startup.voice = voice
        catalogue = load_cached(settings).catalogue
        startup._prerender(catalogue)  # the watcher's thread, a voice nobody has heard yet
        assert rendered == []
        voice.warm()
        startup._prerender(catalogue)
        assert rendered == [catalogue]
    finally:
        close_started(qtbot, window, startup)
