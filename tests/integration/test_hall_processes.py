"""A hall as separate processes: two kiosks and two consoles on one store, SQLite and
PostgreSQL. Every call is seen by both consoles exactly once, one helper goes to each, and each
kiosk learns who is coming."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from kiosk.assist import staff
from kiosk.store import db
from kiosk.store.models import HelpPeriod
from tests.kiosk.assist import stores

ROOT = Path(__file__).resolve().parents[2]
CALLS_PER_KIOSK = 4


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def hall_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield stores.sqlite_database(tmp_path)
        return
    if not stores.PG_URL:
        pytest.skip("KIOSK_TEST_PG_URL is not set (.ci/run starts a PostgreSQL and sets it)")
    with stores.pg_database() as url:
        yield url
    stores.drop_template()


def spawn(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk.assist.simulate", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )


def lines(process: subprocess.Popen[str]) -> list[dict[str, Any]]:
    out, _ = process.communicate(timeout=60)
    assert process.returncode == 0, out
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_two_kiosks_two_consoles(hall_url: str) -> None:
    engine = db.make_engine(hall_url)
    sessions = db.session_factory(engine)
    helpers = [
        staff.add_staff(sessions, no, name, "2468")
        for no, name in (("1024", "王芳"), ("2048", "李强"))
    ]
    total = 2 * CALLS_PER_KIOSK
    consoles = [
        spawn("console", hall_url, str(h.id), str(total), "--ack", "--timeout-s", "40")
        for h in helpers
    ]
    for console in consoles:  # both listening before the first call
        assert console.stdout is not None
        assert json.loads(console.stdout.readline()) == {"ready": True}
    kiosks = [
        spawn(
            "kiosk", hall_url, kiosk_id, str(CALLS_PER_KIOSK), "--gap-s", "0.1", "--timeout-s", "40"
        )
        for kiosk_id, _ in stores.KIOSKS
    ]
    kiosk_out = [lines(k) for k in kiosks]
    console_out = [lines(c) for c in consoles]
    raised = {e["raised"] for out in kiosk_out for e in out if "raised" in e}
    assert len(raised) == total
    for out in console_out:
        seen = [e["seen"] for e in out if "seen" in e]
        assert sorted(seen) == sorted(raised)  # none lost, none shown twice
    acked = Counter(e["acked"] for out in console_out for e in out if "acked" in e)
    assert set(acked) == raised and set(acked.values()) == {1}  # one helper per call
    coming = {e["coming"]: e["staff"] for out in kiosk_out for e in out if "coming" in e}
    assert set(coming) == raised and set(coming.values()) <= {"王芳", "李强"}
    with sessions() as session:
        periods = session.scalar(
            select(func.count()).select_from(HelpPeriod).where(HelpPeriod.state == "acknowledged")
        )
    assert periods == total
    engine.dispose()
