"""The month report over a million visit events, on SQLite and on PostgreSQL.

A simulated month (``kiosk.report.history``, the record shapes the kiosk writes) of about
1,000,000 visit events is written in bulk (executemany on SQLite, COPY on PostgreSQL), the
tables analysed, then the whole report (every dimension, every section) is built several times.
The floor, measured in the same run, is a bare ``SELECT count(*) FROM visit_events``. Each
figure is given as wall time and as CPU time (this process and, for PostgreSQL, the server's
processes): on a shared machine the second is what the report itself costs.

    .venv/bin/python bench/report.py [--pg postgresql+psycopg:///kiosk_test?host=/var/run/postgresql]
        [--events 1000000] [--runs 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import psycopg
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk.assist.listen import libpq_url  # noqa: E402
from kiosk.catalog.loader import load_catalogue  # noqa: E402
from kiosk.config import DEFAULT_SERVICES_DIR, load_settings  # noqa: E402
from kiosk.report import history  # noqa: E402
from kiosk.report.build import make_report, period_for  # noqa: E402
from kiosk.report.cases import CasePolicy  # noqa: E402
from kiosk.store import db, migrate  # noqa: E402
from kiosk.store.models import VisitEvent  # noqa: E402

LAST_DAY = dt.date(2026, 11, 30)
KIOSKS = 12
EVENTS_PER_VISIT = 10.7  # what the simulation leaves on average


def fill(engine: Engine, events: int) -> tuple[int, float]:
    """A month of history with about ``events`` visit events; returns (events, seconds)."""
    policy = CasePolicy()
    working = sum(
        policy.calendar.is_working_day(LAST_DAY - dt.timedelta(days=i)) for i in range(30)
    )
    per_day = round(events / EVENTS_PER_VISIT / working / KIOSKS / 0.75)  # randint(n/2, n)
    plan = history.Plan(
        days=30,
        last_day=LAST_DAY,
        seed=11,
        visits_per_kiosk_day=per_day,
        kiosks=[(f"kiosk-{i}", f"{i} 号机") for i in range(1, KIOSKS + 1)],
        policy=policy,
    )
    services = load_catalogue(DEFAULT_SERVICES_DIR).services
    now = dt.datetime.combine(LAST_DAY, dt.time(18), dt.UTC)
    t0 = time.perf_counter()
    with engine.begin() as conn:
        history.write_history(conn, services, plan, now=now)
    seconds = time.perf_counter() - t0
    with engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT")
        # What autovacuum does to a live database: statistics, and the visibility map that
        # lets PostgreSQL answer from an index alone.
        conn.execute(text("VACUUM ANALYZE" if conn.dialect.name == "postgresql" else "ANALYZE"))
        n = conn.scalar(select(func.count()).select_from(VisitEvent)) or 0
    return int(n), seconds


def backend_cpu_s(engine: Engine) -> float:
    """CPU seconds used so far by this database's server processes (PostgreSQL on this machine).

    On a shared machine the wall time counts other people's work; the CPU time the report
    itself took (ours plus the server's) does not.
    """
    if engine.dialect.name != "postgresql":
        return 0.0
    with engine.connect() as conn:
        pids = list(
            conn.scalars(
                text("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
            )
        )
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def medians(engine: Engine, fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall seconds and median CPU seconds (this process and the server's)."""
    walls, cpus = [], []
    for _ in range(runs):
        server, ours, t0 = backend_cpu_s(engine), time.process_time(), time.perf_counter()
        fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - ours + backend_cpu_s(engine) - server)
    return statistics.median(walls), statistics.median(cpus)


def measure(name: str, url: str, events: int, runs: int) -> None:
    engine = db.make_engine(url)
    if engine.dialect.name == "postgresql":
        # Parallel workers come and go within a query, out of reach of the CPU count: without
        # them every server CPU second is in a backend we can read (2 cores gain little).
        engine.dispose()
        engine = create_engine(
            url, connect_args={"options": "-c max_parallel_workers_per_gather=0"}
        )
    migrate.upgrade(engine)
    n, fill_s = fill(engine, events)
    settings = load_settings(environ={}, overrides={"database.url": url})
    policy = CasePolicy.from_settings(settings)
    period = period_for(LAST_DAY - dt.timedelta(days=29), LAST_DAY, policy)
    now = dt.datetime.combine(LAST_DAY, dt.time(18), dt.UTC)
    report = make_report(engine, settings, period, now=now)  # warm: caches, catalogue

    def count() -> None:
        with engine.connect() as conn:
            conn.scalar(select(func.count()).select_from(VisitEvent))

    floor, floor_cpu = medians(engine, count, runs)
    full, full_cpu = medians(engine, lambda: make_report(engine, settings, period, now=now), runs)
    engine.dispose()
    print(
        f"{name}: {n:,} visit events ({report.overall.visits:,} visits) written in "
        f"{fill_s:.1f} s; medians of {runs}, wall (CPU): month report {full * 1000:.0f} ms "
        f"({full_cpu * 1000:.0f} ms); count(*) floor {floor * 1000:.1f} ms "
        f"({floor_cpu * 1000:.1f} ms); ratio {full / floor:.1f}x; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", help="PostgreSQL URL of a server where a scratch db is made")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        measure("SQLite", f"sqlite:///{tmp}/bench.sqlite3", args.events, args.runs)
    if args.pg:
        name = f"kiosk_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(libpq_url(args.pg), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        try:
            url = make_url(args.pg).set(database=name).render_as_string(hide_password=False)
            measure("PostgreSQL", url, args.events, args.runs)
        finally:
            with psycopg.connect(libpq_url(args.pg), autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
