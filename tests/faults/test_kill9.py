"""kill -9 at random moments, with the store up or away: 0 records lost, 0 doubled.

A driver process (tests/faults/driver.py) puts records of every kind through the journal and
logs each id before ``put`` and once acknowledged. It is killed with SIGKILL again and again
(while starting, replaying, writing, or with the store away), restarted on the same journal,
and finally drained. Then every acknowledged id must be in the store exactly once, nothing
the driver did not make may be there, and the rows that go with a record (a request's
periods, a visit's numbered events) must not be doubled either.

The store goes away as it does in a hall: SQLite locked by another process, or its file gone
(a folder in its place) and put back while the kiosk runs; PostgreSQL behind a TCP front
that refuses connections and cuts open ones.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from kiosk.assist.requests import request_by_record
from kiosk.store import db, records
from kiosk.store.journal import Journal
from kiosk.store.models import (
    AuditEntry,
    DeviceEvent,
    HelpPeriod,
    HelpRequest,
    PrintJob,
    Visit,
    VisitEvent,
)
from tests.faults.proxy import Proxy
from tests.helpers.waiting import wait_until
from tests.kiosk.assist import stores

ROOT = Path(__file__).resolve().parents[2]
KILLS = 15  # a store (30 in all); each run is a fresh process (about half a second to start)
KIOSK = "kiosk-faults"


class Store(Protocol):
    url: str  # what the kiosk is given

    def away(self) -> None: ...
    def back(self) -> None: ...
    def between_runs(self, rng: random.Random) -> None: ...


class SQLiteStore:
    """Away = locked by another process (while the kiosk runs) or its files gone (between
    runs, put back while the next run is writing)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "kiosk.sqlite3"
        self.url = stores.sqlite_database(folder)
        self.aside = folder / "aside"
        self._lock: sqlite3.Connection | None = None

    def away(self) -> None:
        if self._lock is None and not self.aside.exists():
            self._lock = sqlite3.connect(self.path, isolation_level=None, timeout=10)
            self._lock.execute("BEGIN EXCLUSIVE")

    def back(self) -> None:
        if self._lock is not None:
            self._lock.execute("ROLLBACK")
            self._lock.close()
            self._lock = None
        if self.aside.exists():
            self.path.rmdir()
            for moved in self.aside.iterdir():
                moved.rename(self.path.parent / moved.name)
            self.aside.rmdir()

    def between_runs(self, rng: random.Random) -> None:
        """No kiosk runs now: the files may go (the log and WAL with them)."""
        if rng.random() < 0.3:
            self.gone()

    def gone(self) -> None:
        if self._lock is None and not self.aside.exists():
            self.aside.mkdir()
            for name in (self.path.name, self.path.name + "-wal", self.path.name + "-shm"):
                if (self.path.parent / name).exists():
                    (self.path.parent / name).rename(self.aside / name)
            self.path.mkdir()  # "unable to open database file"


class PostgresStore:
    def __init__(self, url: str) -> None:
        self.admin_url = url
        parsed = make_url(url)
        port = parsed.port or 5432
        if parsed.host:
            self.proxy = Proxy((parsed.host, port))
        else:
            folder = str(parsed.query.get("host", "/var/run/postgresql"))
            self.proxy = Proxy(f"{folder}/.s.PGSQL.{port}")
        self.proxy.up()
        self.url = (
            parsed.set(host="127.0.0.1", port=self.proxy.port, query={"sslmode": "disable"})
        ).render_as_string(hide_password=False)

    def away(self) -> None:
        if self.proxy.is_up:
            self.proxy.down()

    def back(self) -> None:
        if not self.proxy.is_up:
            self.proxy.up()

    def between_runs(self, rng: random.Random) -> None:
        if rng.random() < 0.25:
            self.away()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        sqlite = SQLiteStore(tmp_path)
        yield sqlite
        sqlite.back()
        return
    with stores.pg_database() as url:
        pg = PostgresStore(url)
        try:
            yield pg
        finally:
            pg.away()


def spawn(journal: Path, url: str, log: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.faults.driver",
            *(str(journal), url, str(log), "--compact-after", "8", *extra),
        ],
        cwd=ROOT,
        stderr=subprocess.DEVNULL,  # the driver logs the outages; the store is the verdict
    )


def read_log(log: Path) -> tuple[set[str], set[str]]:
    """(tried, acknowledged); a line torn by the kill is ignored."""
    tried: set[str] = set()
    acked: set[str] = set()
    if not log.exists():
        return tried, acked
    for line in log.read_text().splitlines():
        tag, _, record_id = line.partition(" ")
        if len(record_id) == 32:
            (tried if tag == "t" else acked).add(record_id)
    return tried, acked


def acked_count(log: Path) -> int:
    """Cheap enough to poll: "a " only starts a line (ids are hex)."""
    return log.read_bytes().count(b"a ") if log.exists() else 0


def stored_ids(sessions: sessionmaker[Session]) -> list[str]:
    columns = (
        VisitEvent.record_id,
        HelpRequest.record_id,
        AuditEntry.record_id,
        PrintJob.record_id,
        PrintJob.finish_record_id,
        DeviceEvent.record_id,
    )
    with sessions() as session:
        return [
            rid for column in columns for rid in session.scalars(select(column)) if rid is not None
        ]


def check_store(sessions: sessionmaker[Session], tried: set[str], acked: set[str]) -> None:
    stored = stored_ids(sessions)
    counts = Counter(stored)
    assert acked - counts.keys() == set(), "acknowledged records lost"
    assert [rid for rid, n in counts.items() if n > 1] == [], "records doubled"
    assert counts.keys() - tried == set(), "rows from no record"
    with sessions() as session:
        periods = session.execute(
            select(HelpPeriod.request_id, HelpPeriod.state, func.count())
            .join(HelpRequest)
            .where(HelpRequest.record_id.is_not(None))
            .group_by(HelpPeriod.request_id, HelpPeriod.state)
        ).all()
        assert [p for p in periods if p[2] != 1] == [], "a help period doubled"
        gaps = session.execute(
            select(VisitEvent.visit_id, func.count(), func.max(VisitEvent.seq)).group_by(
                VisitEvent.visit_id
            )
        ).all()
        assert [g for g in gaps if g[1] != g[2]] == [], "visit events doubled or skipped"
        # The last start closed what the kills left open.
        assert session.scalar(select(func.count()).where(Visit.ended_at.is_(None))) == 0
        assert session.scalar(select(func.count()).where(PrintJob.status == "pending")) == 0
        abandoned = session.execute(
            select(Visit.ended_at, func.max(VisitEvent.at))
            .join(VisitEvent)
            .where(Visit.outcome == "abandoned", VisitEvent.record_id.is_not(None))
            .group_by(Visit.id, Visit.ended_at)
        ).all()
        assert abandoned, "no kill left a visit open: the recovery went untried"
        assert all(ended == last for ended, last in abandoned), "abandoned not at its last event"


def test_kill_9_at_random_moments_loses_nothing_and_doubles_nothing(
    store: Store, tmp_path: Path
) -> None:
    rng = random.Random()
    seed = rng.randrange(1 << 30)
    rng.seed(seed)
    journal, log = tmp_path / "data" / "journal", tmp_path / "log"
    for _ in range(KILLS):
        store.between_runs(rng)
        before = acked_count(log)
        driver = spawn(journal, store.url, log)
        try:
            if rng.random() < 0.2:  # while starting up or replaying what the last run left
                time.sleep(rng.uniform(0.0, 0.5))
            else:
                target = before + rng.randint(1, 12)
                wait_until(lambda: acked_count(log) >= target, 20, 0.02)  # noqa: B023
                roll = rng.random()
                if roll < 0.3:
                    store.away()
                elif roll < 0.6:
                    store.back()
                target = acked_count(log) + rng.randint(0, 8)
                wait_until(lambda: acked_count(log) >= target, 20, 0.02)  # noqa: B023
                time.sleep(rng.uniform(0.0, 0.03))  # the kill lands anywhere in a write
        finally:
            driver.send_signal(signal.SIGKILL)
            driver.wait()
    store.back()
    drain = spawn(journal, store.url, log, "--drain")
    assert drain.wait(timeout=60) == 0, f"seed {seed}: the journal was not drained"
    tried, acked = read_log(log)
    assert len(acked) > KILLS, f"seed {seed}: too few records to judge"
    engine = db.make_engine(store.admin_url if isinstance(store, PostgresStore) else store.url)
    try:
        check_store(db.session_factory(engine), tried, acked)
    finally:
        engine.dispose()
    assert journal.stat().st_size == 0, "the journal was not emptied"
    assert not journal.with_name("journal.dead").exists(), "records were refused"


def test_a_help_call_made_in_an_outage_reaches_the_store_within_5_s_of_its_return(
    store: Store, tmp_path: Path
) -> None:
    """The figure the console depends on; the writer retries at most 1 s apart."""
    if isinstance(store, SQLiteStore):
        store.gone()
    else:
        store.away()
    engine = db.make_engine(store.url)
    sessions = db.session_factory(engine)
    call = records.help_request(KIOSK, "resident", context={"step": "identify"})
    with Journal(tmp_path / "journal", sessions) as journal:
        journal.put(call)
        wait_until(lambda: not journal.store_ok, timeout=10)
        store.back()
        back_at = time.monotonic()
        wait_until(lambda: request_by_record(sessions, call.id) is not None, timeout=10)
        took = time.monotonic() - back_at
    engine.dispose()
    print(f"help call written {took:.2f} s after the store came back")
    assert took < 5.0
