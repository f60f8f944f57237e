"""Stores for the assistance tests: a migrated SQLite file, or a PostgreSQL database of the
test's own (cloned from a migrated template), so parallel suites never wipe each other's rows."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from kiosk.store import db, migrate
from kiosk.store.recorder import ensure_kiosk
from tests.kiosk.conftest import PG_URL as PG_URL  # the one definition, re-exported
from tests.kiosk.conftest import pg_url

KIOSKS = (("kiosk-1", "一号机"), ("kiosk-2", "二号机"))
_template: str | None = None


def _admin() -> psycopg.Connection[tuple[object, ...]]:
    url = make_url(PG_URL).set(drivername="postgresql")
    return psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)


def _with_database(name: str) -> str:
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def _prepare(url: str) -> None:
    engine = db.make_engine(url)
    migrate.upgrade(engine)
    sessions = db.session_factory(engine)
    for kiosk_id, name in KIOSKS:
        ensure_kiosk(sessions, kiosk_id, name, "示范服务大厅")
    engine.dispose()


def _template_name() -> str:
    global _template
    if _template is None:
        name = f"kiosk_assist_tmpl_{os.getpid()}"
        with _admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        _prepare(_with_database(name))
        _template = name
    return _template


@contextmanager
def database(kind: str, folder: Path) -> Iterator[str]:
    """A migrated store with two kiosks: ``"sqlite"`` in ``folder``, or ``"postgresql"`` (the
    test is skipped where no server is set)."""
    if kind == "sqlite":
        yield sqlite_database(folder)
    else:
        with pg_database() as url:
            yield url


@contextmanager
def pg_database() -> Iterator[str]:
    """A fresh migrated PostgreSQL database with two kiosks; dropped afterwards."""
    pg_url()
    template = _template_name()
    name = f"kiosk_assist_{uuid.uuid4().hex[:12]}"
    with _admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield _with_database(name)
    finally:
        with _admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def drop_template() -> None:
    global _template
    if _template is not None:
        with _admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{_template}" WITH (FORCE)')
        _template = None


def sqlite_database(folder: Path) -> str:
    url = f"sqlite:///{folder / 'kiosk.sqlite3'}"
    _prepare(url)
    return url
