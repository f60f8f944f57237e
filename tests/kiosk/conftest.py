"""Fixtures for the domain: settings in a temporary folder, databases on SQLite and PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from kiosk.config import Settings, load_settings
from kiosk.store import db
from kiosk.store.models import Base

PG_URL = os.environ.get("KIOSK_TEST_PG_URL", "")


def pg_url() -> str:
    """The PostgreSQL server's URL; the test is skipped where none is set (with CI=true a skip
    of a server-backed test fails the run: tests/conftest.py)."""
    if not PG_URL:
        pytest.skip("KIOSK_TEST_PG_URL is not set (.ci/run starts a PostgreSQL and sets it)")
    return PG_URL


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(environ={}, overrides={"paths.data_dir": str(tmp_path)})


def _wipe_postgres(engine: Engine) -> None:
    with engine.begin() as conn:
        Base.metadata.drop_all(conn)
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The same store tests on both databases; PostgreSQL from KIOSK_TEST_PG_URL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'kiosk.sqlite3'}"
        return
    engine = db.make_engine(pg_url())
    _wipe_postgres(engine)
    yield PG_URL
    _wipe_postgres(engine)
    engine.dispose()


@pytest.fixture
def db_settings(tmp_path: Path, db_url: str) -> Settings:
    return load_settings(
        environ={}, overrides={"paths.data_dir": str(tmp_path), "database.url": db_url}
    )
