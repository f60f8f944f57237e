"""Each database's own ON CONFLICT insert: a kiosk on SQLite records its visits (and a kiosk
that started while the store was away) without loading PostgreSQL's dialect."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from sqlalchemy import select

from kiosk.api.kiosk import KioskApi
from kiosk.config import Settings
from kiosk.store.models import Kiosk, Visit
from tests.architecture.imports import ROOT
from tests.helpers.child import run_python
from tests.helpers.visits import complete_visit


def test_a_visit_is_recorded_on_either_database(db_settings: Settings) -> None:
    with KioskApi.open(db_settings) as core:
        visit_id = complete_visit(core, core.demo_residents()[2][1])
        complete_visit(core, core.demo_residents()[2][1])
        with core.store.sessions() as session:
            assert session.get(Visit, visit_id) is not None
            assert session.scalars(select(Kiosk.id)).all() == [db_settings.kiosk.id]


def test_sqlite_records_a_visit_without_postgresql_s_dialect(tmp_path: Path) -> None:
    """An installed kiosk: its store brought to the schema by ``kiosk db upgrade`` first (Alembic
    loads PostgreSQL's dialect for its own use), then a visit in a process of its own."""
    data = ["--data-dir", str(tmp_path)]
    subprocess.run([sys.executable, "-m", "kiosk", "db", "upgrade", *data], cwd=ROOT, check=True)
    child = textwrap.dedent(
        f"""
        import sys
        from kiosk.api.kiosk import KioskApi
        from kiosk.config import load_settings
        from kiosk.store.models import Visit

        settings = load_settings(environ={{}}, overrides={{"paths.data_dir": {str(tmp_path)!r}}})
        with KioskApi.open(settings) as core:
            engine = core.start_visit("counter-ticket", "zh")
            core.sink.flush()
            with core.store.sessions() as session:
                print("recorded:", session.get(Visit, engine.state.visit_id) is not None)
        print("postgresql dialect:", "sqlalchemy.dialects.postgresql" in sys.modules)
        """
    )
    done = run_python(child, timeout=120)
    assert "recorded: True" in done.stdout, done.stderr[-2000:]
    assert "postgresql dialect: False" in done.stdout
