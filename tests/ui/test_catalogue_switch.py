"""A version published while a resident is in the middle of a service: the window keeps the
visit on the version it began with, and home shows the new one once the visit is over."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.api.kiosk import KioskApi
from kiosk.catalog import versions
from kiosk.catalog.schema import StepKind
from kiosk.cli import kiosk_parts
from kiosk.store import db
from kiosk.store.models import Visit
from tests.helpers.started import VOICE_OPENING_NOISE, close_started, windowed_settings
from ui.kiosk.app import open_kiosk
from ui.kiosk.visits import HOME_QUIET_S
from ui.kiosk.window import KioskWindow
from ui.tour.autopilot import Autopilot

ROOT = Path(__file__).resolve().parents[2]
TICKET = ROOT / "assets" / "services" / "06-counter-ticket.toml"
OLD, NEW = "窗口取号", "窗口取号（新版）"


class HandClock(Protocol):
    """The window's clock in these tests (tests/ui/conftest.py): moved by hand."""

    now: float


def patched(folder: Path) -> Path:
    path = folder / "ticket.toml"
    path.write_text(
        TICKET.read_text(encoding="utf-8").replace(f'zh = "{OLD}"', f'zh = "{NEW}"', 1),
        encoding="utf-8",
    )
    return path


def test_a_visit_finishes_on_its_version_and_home_shows_the_new_one_after(
    qtbot: QtBot, kiosk: KioskWindow, core: KioskApi, pilot: Autopilot, tmp_path: Path
) -> None:
    assert OLD in pilot.button("service.counter-ticket").text()
    watcher = core.watch_catalogue(kiosk.visits.catalogues.offer, recheck_s=600)
    qtbot.waitUntil(lambda: watcher.listening, timeout=10000)
    pilot.start("counter-ticket")
    versions.publish(core.store.sessions, [patched(tmp_path)], "王芳", "a clearer title")
    # Offered by the watcher:
    qtbot.waitUntil(lambda: kiosk.visits.catalogues.waiting, timeout=30000)
    kiosk.visits.tick()  # the window's second passes: a visit is under way, nothing changes
    engine = kiosk.visit.engine
    assert engine is not None and kiosk.visits.catalogues.waiting
    assert (engine.service.version, engine.service.title.zh) == (0, OLD)
    visit_id = engine.state.visit_id
    while (engine := kiosk.visit.engine) is not None and engine.step.kind is not StepKind.DONE:
        pilot.act(engine.step.kind)
        pilot.settle()
    assert engine is not None and (engine.service.version, engine.service.title.zh) == (0, OLD)
    pilot.press("action.finish")
    # Home, at once: the new version, taken on the way.
    assert kiosk.visit.engine is None and not kiosk.visits.catalogues.waiting
    assert NEW in pilot.button("service.counter-ticket").text()
    pilot.start("counter-ticket")
    after = kiosk.visit.engine
    assert after is not None and (after.service.version, after.service.title.zh) == (1, NEW)
    assert core.flush()
    with core.store.sessions() as session:
        ran = dict(session.execute(select(Visit.id, Visit.service_version)).all())
    assert ran == {visit_id: 0, after.state.visit_id: 1}


def test_at_home_a_new_version_is_shown_once_home_is_quiet(
    qtbot: QtBot,
    kiosk: KioskWindow,
    core: KioskApi,
    pilot: Autopilot,
    clock: HandClock,
    tmp_path: Path,
) -> None:
    watcher = core.watch_catalogue(kiosk.visits.catalogues.offer, recheck_s=600)
    qtbot.waitUntil(lambda: watcher.listening, timeout=10000)
    versions.publish(core.store.sessions, [patched(tmp_path)], "王芳")
    qtbot.waitUntil(lambda: kiosk.visits.catalogues.waiting, timeout=30000)
    # Someone is finding their way along the tiles: home stays as it is under them.
    clock.now += HOME_QUIET_S - 1
    kiosk.visits.tick()
    assert kiosk.visits.catalogues.waiting and OLD in pilot.button("service.counter-ticket").text()
    # Once home has been quiet a while, the window's own once-a-second tick takes it.
    clock.now += 1
    qtbot.waitUntil(lambda: NEW in pilot.button("service.counter-ticket").text(), timeout=5000)
    assert not kiosk.visits.catalogues.waiting and core.catalogue.get("counter-ticket").version == 1


@pytest.mark.qt_log_ignore(*VOICE_OPENING_NOISE)
def test_kiosk_run_watches_the_store_once_it_is_open(qtbot: QtBot, tmp_path: Path) -> None:
    """The staged start of ``kiosk run`` (ui.app) starts the watcher with the store, and its
    offers reach home."""
    settings = windowed_settings(tmp_path)
    window, startup = open_kiosk(settings, kiosk_parts(settings))
    try:
        with qtbot.waitSignal(startup.ready, timeout=20000):
            window.resize(1920, 1080)
            window.show()
        engine = db.make_engine(settings.db_url)
        try:
            versions.publish(db.session_factory(engine), [patched(tmp_path)], "王芳")
        finally:
            engine.dispose()
        home = Autopilot(window, "touch")
        # Rendered by the kiosk's own voice first, then taken at the next tick.
        qtbot.waitUntil(lambda: NEW in home.button("service.counter-ticket").text(), timeout=60000)
    finally:
        close_started(qtbot, window, startup)
