"""The hall's store for the multi-process tests: a migrated SQLite file, and a PostgreSQL
database of the test's own when KIOSK_TEST_PG_URL is set."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.kiosk.assist import stores


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def hall_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with stores.database(request.param, tmp_path) as url:
        yield url
    stores.drop_template()
