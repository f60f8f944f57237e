"""The heartbeat: the kiosk's row says when it was last seen, what it runs and how its devices
are; a database at revision 0001 with residents' records keeps them through the migration."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alembic import command
from sqlalchemy import select, text

from kiosk import __version__
from kiosk.api.kiosk import KioskApi
from kiosk.assist import views
from kiosk.config import Settings, load_settings
from kiosk.heartbeat import Heartbeat, kiosks_seen
from kiosk.store import db, migrate
from kiosk.store.models import Kiosk
from tests.helpers.waiting import wait_until

T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def test_a_beat_writes_last_seen_version_and_device_states(db_url: str) -> None:
    engine = db.make_engine(db_url)
    migrate.upgrade(engine)
    sessions = db.session_factory(engine)
    now = [T0]
    states = {"printer": {"state": "online", "media": "low"}}
    beat = Heartbeat(sessions, "kiosk-7", lambda: states, 30, clock=lambda: now[0])
    assert beat.beat()
    now[0] = T0 + dt.timedelta(seconds=30)
    states = {"printer": {"state": "offline", "media": ""}}
    assert beat.beat()
    (seen,) = kiosks_seen(sessions, 30, now=T0 + dt.timedelta(seconds=60))
    assert (seen.id, seen.version, seen.last_seen) == ("kiosk-7", __version__, now[0])
    assert seen.started_at == T0 and seen.devices == {"printer": {"state": "offline", "media": ""}}
    assert not seen.stale
    (late,) = kiosks_seen(sessions, 30, now=now[0] + dt.timedelta(seconds=91))
    assert late.stale  # three beats missed: the console can say it is down
    engine.dispose()


def test_the_running_core_beats_on_its_own_thread_and_carries_device_events(
    db_settings: Settings,
) -> None:
    settings = load_settings(
        environ={"KIOSK_KIOSK_HEARTBEAT_S": "5"},
        overrides={"paths.data_dir": str(db_settings.data_dir), "database.url": db_settings.db_url},
    )
    with KioskApi.open(settings) as core:
        core.record_device_event("scanner", "online", "", "")
        beat = core.start_heartbeat()
        wait_until(lambda: beat.beats >= 1)
        (seen,) = kiosks_seen(core.store.sessions, settings.kiosk.heartbeat_s)
        assert seen.devices == {"scanner": {"state": "online", "media": ""}}
        assert seen.version == __version__
        (console,) = views.snapshot(core.store.sessions, None).kiosks  # what a console draws
        assert console.version == __version__
    assert beat._thread is not None  # it was started
    assert beat.beats >= 1 and not beat._thread.is_alive()


def test_a_store_that_is_away_costs_a_false_and_the_row_comes_when_it_is_back(
    tmp_path: Path,
) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'late.sqlite3'}")
    sessions = db.session_factory(engine)
    beat = Heartbeat(sessions, "k9", dict, 30, name="九号", hall="东区")
    assert beat.beat() is False  # no kiosks table yet: a value, not an exception
    migrate.upgrade(engine)
    assert beat.beat() is True
    (seen,) = kiosks_seen(sessions)
    assert (seen.id, seen.name) == ("k9", "九号")
    engine.dispose()


def test_migration_from_0001_keeps_the_kiosk_rows(tmp_path: Path) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    command.upgrade(migrate.alembic_config(engine), "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO kiosks (id, name, hall, created_at, last_seen) "
                "VALUES ('k1', '一号', 'hall', '2026-11-01 08:00:00', '2026-11-01 08:00:00')"
            )
        )
    before, after = migrate.upgrade(engine)
    assert (before, after) == ("0001", migrate.head_revision())
    with db.session_factory(engine)() as session:
        row = session.scalars(select(Kiosk)).one()
        assert (row.id, row.name, row.version, row.devices) == ("k1", "一号", "", {})
    engine.dispose()
