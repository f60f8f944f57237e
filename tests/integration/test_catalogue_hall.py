"""A patch published to a hall, as separate processes: two kiosks serve the shipped catalogue,
a third process publishes a new version of a service with ``kiosk services publish``, and both
kiosks switch to it by the notification path alone (the periodic recheck is set to ten
minutes), on SQLite and PostgreSQL. One of them has a visit under way when the offer comes: it
finishes on the version it began with, and the next visit runs the new one."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.assist import audit
from kiosk.catalog import versions
from kiosk.store import db
from kiosk.store.models import Visit
from tests.kiosk.assist import stores

ROOT = Path(__file__).resolve().parents[2]
SERVICE = "pension-certification"
SHIPPED = ROOT / "assets" / "services" / "04-pension-certification.toml"
OLD_TITLE = "养老金领取资格认证"
NEW_TITLE = "养老金资格认证（新版）"


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


def kiosk_process(url: str, kiosk_id: str, data_dir: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kiosk.catalog.simulate",
            url,
            kiosk_id,
            str(data_dir),
            "--until",
            f"{SERVICE}=1",
            "--timeout-s",
            "60",  # the hall's promise: a new version within 60 s
            *extra,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )


def ready(process: subprocess.Popen[str]) -> dict[str, Any]:
    assert process.stdout is not None
    line: dict[str, Any] = json.loads(process.stdout.readline())
    assert line["ready"] is True, line
    return line


def finish(process: subprocess.Popen[str]) -> list[dict[str, Any]]:
    out, _ = process.communicate(timeout=90)
    assert process.returncode == 0, out
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_two_kiosks_pick_up_a_version_published_from_a_third_process(
    hall_url: str, tmp_path: Path
) -> None:
    assert OLD_TITLE in SHIPPED.read_text(encoding="utf-8")
    patched = tmp_path / "pension.toml"
    patched.write_text(
        SHIPPED.read_text(encoding="utf-8").replace(OLD_TITLE, NEW_TITLE), encoding="utf-8"
    )
    kiosks = [
        kiosk_process(hall_url, "kiosk-1", tmp_path / "k1", "--visit", SERVICE),
        kiosk_process(hall_url, "kiosk-2", tmp_path / "k2"),
    ]
    for kiosk in kiosks:
        assert ready(kiosk)["serving"][SERVICE] == 0  # the shipped file
    published = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk",
            "services",
            "publish",
            str(patched),
            "--db",
            hall_url,
            "--data-dir",
            str(tmp_path / "publisher"),
            "--author",
            "王芳",
            "--note",
            "shorter title",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert published.returncode == 0, published.stderr
    assert f"published  {SERVICE} v1 (was v0)" in published.stdout

    first, second = (finish(k) for k in kiosks)
    # The visit under way ended on the service it began with, the next one ran the patch.
    visits = [line for line in first if "visit" in line]
    assert [(v["version"], v["title"]) for v in visits] == [(0, OLD_TITLE), (1, NEW_TITLE)]
    for out in (first, second):
        assert out[-1]["serving"][SERVICE] == 1
    engine = db.make_engine(hall_url)
    sessions = db.session_factory(engine)
    try:
        with sessions() as session:
            stored = dict(
                session.execute(
                    select(Visit.id, Visit.service_version).where(Visit.kiosk_id == "kiosk-1")
                ).all()
            )
        assert stored == {v["visit"]: v["version"] for v in visits}
        entry = audit.entries(sessions, action=versions.PUBLISHED)[-1]
        assert entry.detail["service"] == SERVICE and entry.detail["author"] == "王芳"
    finally:
        engine.dispose()
    # Each kiosk kept what it serves for a restart while the store is away.
    for data_dir in (tmp_path / "k1", tmp_path / "k2"):
        cache = json.loads((data_dir / "catalogue-cache.json").read_text(encoding="utf-8"))
        assert [(p["service_id"], p["version"]) for p in cache["published"]] == [(SERVICE, 1)]
