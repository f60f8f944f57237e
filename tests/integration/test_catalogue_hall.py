"""A patch published to a hall, as separate processes: two kiosks serve the shipped catalogue,
a third process publishes a new version of a service with ``kiosk services publish``, and both
kiosks switch to it by the notification path alone (the periodic recheck is set to ten
minutes), on SQLite and PostgreSQL, and back again when it is rolled back. One of them has a
visit under way when the offer comes: it finishes on the version it began with, and the next
visit runs the new one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import select

from kiosk.assist import audit
from kiosk.catalog import versions
from kiosk.store import db
from kiosk.store.models import Visit
from tests.integration.processes import ROOT, finish, ready, start

SERVICE = "pension-certification"
SHIPPED = ROOT / "assets" / "services" / "04-pension-certification.toml"
OLD_TITLE = "养老金领取资格认证"
NEW_TITLE = "养老金资格认证（新版）"


def kiosk_process(url: str, kiosk_id: str, data_dir: Path, *extra: str) -> subprocess.Popen[str]:
    return start(
        "tests.integration.catalogue_kiosk",
        *(url, kiosk_id, str(data_dir), "--until", f"{SERVICE}=2"),
        *("--timeout-s", "60"),  # the hall's promise: a new version within 60 s
        *extra,
    )


def until_serving(process: subprocess.Popen[str], version: int) -> list[dict[str, Any]]:
    """Lines up to the one saying the service is served at this version."""
    assert process.stdout is not None
    seen: list[dict[str, Any]] = []
    for raw in process.stdout:  # ends with the process (its own 60 s limit)
        seen.append(json.loads(raw))
        if seen[-1].get("serving", {}).get(SERVICE) == version:
            return seen
    raise AssertionError(f"the kiosk ended before serving v{version}: {seen}")


def kiosk_command(url: str, data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args, "--db", url, "--data-dir", str(data_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


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
    publisher = tmp_path / "publisher"
    published = kiosk_command(
        hall_url,
        publisher,
        *("services", "publish", str(patched), "--author", "王芳", "--note", "shorter title"),
    )
    assert published.returncode == 0, published.stderr
    assert f"published  {SERVICE} v1 (was v0)" in published.stdout
    first, second = (until_serving(k, 1) for k in kiosks)
    assert first[-1]["title"] == second[-1]["title"] == NEW_TITLE

    # It did not help: back to what the kiosks shipped with, stored as v2.
    rolled = kiosk_command(hall_url, publisher, "services", "rollback", SERVICE, "--to", "0")
    assert rolled.returncode == 0, rolled.stderr
    assert "v2 serves the shipped file (was v1)" in rolled.stdout
    first += finish(kiosks[0])
    second += finish(kiosks[1])
    for out in (first, second):
        assert (out[-1]["serving"][SERVICE], out[-1]["title"]) == (2, OLD_TITLE)
    # The visit under way ended on the service it began with, the next one ran the patch,
    # and the one after the rollback the shipped file again, as version 2.
    visits = [line for line in first if "visit" in line]
    assert [(v["version"], v["title"]) for v in visits] == [
        (0, OLD_TITLE),
        (1, NEW_TITLE),
        (2, OLD_TITLE),
    ]
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
        ours = (versions.PUBLISHED, versions.ROLLED_BACK, versions.LOAD_FAILED)
        trail = [
            (e.action, e.detail["version"]) for e in audit.entries(sessions) if e.action in ours
        ]
        assert trail == [(versions.PUBLISHED, 1), (versions.ROLLED_BACK, 2)]
    finally:
        engine.dispose()
    # Each kiosk kept what it serves for a restart while the store is away.
    for data_dir in (tmp_path / "k1", tmp_path / "k2"):
        cache = json.loads((data_dir / "catalogue-cache.json").read_text(encoding="utf-8"))
        assert [(p["service_id"], p["version"]) for p in cache["published"]] == [(SERVICE, 2)]
