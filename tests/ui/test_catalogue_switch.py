"""A version published while a resident is in the middle of a service: the window keeps the
visit on the version it began with, and home shows the new one once the visit is over."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.catalog import versions
from kiosk.catalog.schema import StepKind
from kiosk.core import KioskCore
from kiosk.store.models import Visit
from ui.autopilot import Autopilot
from ui.window import KioskWindow

ROOT = Path(__file__).resolve().parents[2]
TICKET = ROOT / "assets" / "services" / "06-counter-ticket.toml"
OLD, NEW = "窗口取号", "窗口取号（新版）"


def test_a_visit_finishes_on_its_version_and_home_shows_the_new_one_after(
    qtbot: QtBot, kiosk: KioskWindow, core: KioskCore, pilot: Autopilot, tmp_path: Path
) -> None:
    assert OLD in pilot.button("service.counter-ticket").text()
    watcher = core.watch_catalogue(kiosk.catalogues.offer, recheck_s=600)
    qtbot.waitUntil(lambda: watcher.listening, timeout=10000)
    pilot.start("counter-ticket")
    patched = tmp_path / "ticket.toml"
    patched.write_text(
        TICKET.read_text(encoding="utf-8").replace(f'zh = "{OLD}"', f'zh = "{NEW}"', 1),
        encoding="utf-8",
    )
    versions.publish(core.sessions, [patched], "王芳", "a clearer title")
    qtbot.waitUntil(lambda: kiosk.catalogues.waiting, timeout=30000)  # offered by the watcher
    kiosk.tick()  # the window's second passes: a visit is under way, nothing changes
    engine = kiosk.visit.engine
    assert engine is not None and kiosk.catalogues.waiting
    assert (engine.service.version, engine.service.title.zh) == (0, OLD)
    visit_id = engine.state.visit_id
    while (engine := kiosk.visit.engine) is not None and engine.step.kind is not StepKind.DONE:
        pilot.act(engine.step.kind)
        pilot.settle()
    assert engine is not None and (engine.service.version, engine.service.title.zh) == (0, OLD)
    pilot.press("action.finish")
    # Home, at once: the new version, taken on the way.
    assert kiosk.visit.engine is None and not kiosk.catalogues.waiting
    assert NEW in pilot.button("service.counter-ticket").text()
    pilot.start("counter-ticket")
    after = kiosk.visit.engine
    assert after is not None and (after.service.version, after.service.title.zh) == (1, NEW)
    assert core.sink.flush()
    with core.sessions() as session:
        ran = dict(session.execute(select(Visit.id, Visit.service_version)).all())
    assert ran == {visit_id: 0, after.state.visit_id: 1}


def test_at_home_a_new_version_is_shown_within_a_second(
    qtbot: QtBot, kiosk: KioskWindow, core: KioskCore, pilot: Autopilot, tmp_path: Path
) -> None:
    patched = tmp_path / "ticket.toml"
    patched.write_text(
        TICKET.read_text(encoding="utf-8").replace(f'zh = "{OLD}"', f'zh = "{NEW}"', 1),
        encoding="utf-8",
    )
    watcher = core.watch_catalogue(kiosk.catalogues.offer, recheck_s=600)
    qtbot.waitUntil(lambda: watcher.listening, timeout=10000)
    versions.publish(core.sessions, [patched], "王芳")
    # The window's own once-a-second tick takes it: nobody is in the middle of anything.
    qtbot.waitUntil(lambda: NEW in pilot.button("service.counter-ticket").text(), timeout=30000)
    assert not kiosk.catalogues.waiting and core.catalogue.get("counter-ticket").version == 1
