"""A migrated store with two kiosks, on SQLite and on a PostgreSQL database of the test's own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from kiosk.store import db
from tests.kiosk.assist import stores


@pytest.fixture(scope="session", autouse=True)
def _drop_pg_template() -> Iterator[None]:
    yield
    if stores.PG_URL:
        stores.drop_template()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with stores.database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def store(store_url: str) -> Iterator[Engine]:
    engine = db.make_engine(store_url)
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(store: Engine) -> sessionmaker[Session]:
    return db.session_factory(store)
