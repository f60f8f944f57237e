"""Help calls: from the resident's press to the call shown on a console.

1. One kiosk, one console, on SQLite (console polls) and on PostgreSQL (LISTEN/NOTIFY): a call
   every 50 to 150 ms; latency = the console's snapshot that contains it minus the press.
2. A hall on PostgreSQL: 100 simulated kiosks (threads, one connection each) raise calls at
   random over the run against 5 consoles (separate processes, each listening); each kiosk
   cancels its call 3 s later (--cancel-after), so the open list stays hall-sized. Counts calls
   lost (a console never showed it) or shown twice.

Floors, measured in the same run: SQLite, a bare INSERT committed on one connection and read by
another (no poll wait); PostgreSQL, a bare NOTIFY round trip on psycopg.

    .venv/bin/python bench/assist.py [--pg postgresql+psycopg:///kiosk_test?host=/var/run/postgresql]
        [--calls 60] [--runs 3] [--hall-kiosks 100] [--hall-seconds 20] [--cancel-after 3]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import psycopg
from sqlalchemy.orm import Session, sessionmaker

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk.assist import requests as rq  # noqa: E402
from kiosk.assist import views, vocabulary  # noqa: E402
from kiosk.assist.listen import libpq_url  # noqa: E402
from kiosk.assist.notify import make_feed  # noqa: E402
from kiosk.store import db, migrate  # noqa: E402
from kiosk.store.recorder import ensure_kiosk  # noqa: E402


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def prepare(url: str, kiosks: int) -> None:
    engine = db.make_engine(url)
    migrate.upgrade(engine)
    sessions = db.session_factory(engine)
    for i in range(kiosks):
        ensure_kiosk(sessions, f"kiosk-{i}", f"{i} 号机", "bench")
    engine.dispose()


class PgDatabase:
    """A scratch database on the server, dropped at the end."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.name = f"kiosk_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(libpq_url(base), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')
        from sqlalchemy.engine import make_url

        self.url = make_url(base).set(database=self.name).render_as_string(hide_password=False)

    def drop(self) -> None:
        with psycopg.connect(libpq_url(self.base), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def press_to_shown(url: str, calls: int) -> list[float]:
    """Latencies (ms) of ``calls`` calls from one kiosk to one console, in one process."""
    engine = db.make_engine(url)
    sessions = db.session_factory(engine)
    feed = make_feed(engine)
    feed.wait(1.0)
    pressed: dict[int, float] = {}
    shown: dict[int, float] = {}
    stop = threading.Event()

    def console() -> None:
        while not stop.is_set():
            if feed.wait(0.2):
                snap = views.snapshot(sessions)
                now = time.perf_counter()
                for view in snap.requests:
                    shown.setdefault(view.id, now)

    watcher = threading.Thread(target=console)
    watcher.start()
    for _ in range(calls):
        time.sleep(random.uniform(0.05, 0.15))
        started = time.perf_counter()
        request_id = rq.raise_request(sessions, "kiosk-0", None, "resident")
        pressed[request_id] = started
    deadline = time.monotonic() + 5
    while len(shown) < calls and time.monotonic() < deadline:
        time.sleep(0.01)
    stop.set()
    watcher.join()
    feed.close()
    engine.dispose()
    return [(shown[i] - pressed[i]) * 1000 for i in pressed if i in shown]


def sqlite_floor(path: Path, rounds: int = 50) -> float:
    """A bare insert committed and read back by a second connection, in ms."""
    a, b = sqlite3.connect(path), sqlite3.connect(path)
    a.execute("PRAGMA journal_mode=WAL")
    a.execute("CREATE TABLE IF NOT EXISTS floor (id INTEGER PRIMARY KEY)")
    a.commit()
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        a.execute("INSERT INTO floor DEFAULT VALUES")
        a.commit()
        b.execute("SELECT max(id) FROM floor").fetchone()
        times.append((time.perf_counter() - started) * 1000)
    a.close()
    b.close()
    return statistics.median(times)


def pg_floor(url: str, rounds: int = 50) -> float:
    """A bare NOTIFY from one connection received by a listening other, in ms."""
    with (
        psycopg.connect(libpq_url(url), autocommit=True) as listener,
        psycopg.connect(libpq_url(url), autocommit=True) as sender,
    ):
        listener.execute("LISTEN floor")
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            sender.execute("NOTIFY floor")
            next(iter(listener.notifies(timeout=2, stop_after=1)))
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def hall(
    url: str, kiosks: int, consoles: int, seconds: float, cancel_after: float
) -> dict[str, float]:
    # The consoles stay until every call has been shown and cancelled, with as long again spare.
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__)),
                "--hall-console",
                url,
                "--hall-seconds",
                str(seconds + 2 * cancel_after),
            ],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for _ in range(consoles)
    ]
    for proc in procs:
        assert proc.stdout is not None
        proc.stdout.readline()  # ready
    engine = db.make_engine(url)
    engine.pool.dispose()
    from sqlalchemy import create_engine

    engine = create_engine(engine.url, pool_size=kiosks, max_overflow=10, pool_pre_ping=True)
    sessions = db.session_factory(engine)
    pressed: dict[int, float] = {}
    lock = threading.Lock()
    calls_each = max(1, round(seconds / 6))  # about one call every 6 s per kiosk

    def kiosk(index: int) -> None:
        rng = random.Random(index)
        times = sorted(rng.uniform(0, seconds) for _ in range(calls_each))
        begin = time.monotonic()
        for at in times:
            time.sleep(max(0.0, begin + at - time.monotonic()))
            started = time.time()
            request_id = rq.raise_request(sessions, f"kiosk-{index}", None, "resident")
            with lock:
                pressed[request_id] = started
            threading.Timer(cancel_after, _cancel, (sessions, request_id)).start()

    threads = [threading.Thread(target=kiosk, args=(i,)) for i in range(kiosks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seen: list[Counter[int]] = []
    latencies: list[float] = []
    for proc in procs:
        out, _ = proc.communicate(timeout=seconds + 30)
        counts: Counter[int] = Counter()
        for line in out.splitlines():
            event = json.loads(line)
            counts[event["id"]] += 1
            if event["id"] in pressed:
                latencies.append((event["t"] - pressed[event["id"]]) * 1000)
        seen.append(counts)
    time.sleep(cancel_after + 0.5)  # the last cancellations
    engine.dispose()
    lost = sum(1 for c in seen for i in pressed if c[i] == 0)
    doubled = sum(1 for c in seen for i in pressed if c[i] > 1)
    return {
        "calls": len(pressed),
        "shown": len(latencies),
        "p50": pct(latencies, 0.5),
        "p95": pct(latencies, 0.95),
        "lost": lost,
        "doubled": doubled,
    }


def _cancel(sessions: sessionmaker[Session], request_id: int) -> None:
    with contextlib.suppress(vocabulary.RequestClosed):
        rq.close(sessions, request_id, "cancelled")


def hall_console(url: str, seconds: float) -> int:
    """One console process: prints {"id", "t"} the first time each call shows."""
    engine = db.make_engine(url)
    sessions = db.session_factory(engine)
    feed = make_feed(engine)
    feed.wait(1.0)
    print(json.dumps({"ready": True}), flush=True)
    shown: set[int] = set()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if feed.wait(0.5):
            snap = views.snapshot(sessions)
            now = time.time()
            for view in snap.requests:
                if view.id not in shown:
                    shown.add(view.id)
                    print(json.dumps({"id": view.id, "t": now}), flush=True)
    feed.close()
    engine.dispose()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", default=os.environ.get("KIOSK_TEST_PG_URL", ""))
    parser.add_argument("--calls", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--hall-kiosks", type=int, default=100)
    parser.add_argument("--hall-consoles", type=int, default=5)
    parser.add_argument("--hall-seconds", type=float, default=20)
    parser.add_argument("--cancel-after", type=float, default=3.0, help="a hall call's life, s")
    parser.add_argument("--hall-console", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.hall_console:
        return hall_console(args.hall_console, args.hall_seconds)

    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for run in range(args.runs):
            url = f"sqlite:///{Path(tmp) / f'run{run}.sqlite3'}"
            prepare(url, 1)
            lat = press_to_shown(url, args.calls)
            rows.append((pct(lat, 0.5), pct(lat, 0.95), len(lat)))
        floor = sqlite_floor(Path(tmp) / "floor.sqlite3")
    p50 = statistics.median(r[0] for r in rows)
    p95 = statistics.median(r[1] for r in rows)
    print(
        f"SQLite press to shown: p50 {p50:.1f} ms, p95 {p95:.1f} ms "
        f"({sum(r[2] for r in rows)} calls, {args.runs} runs; aim p95 < 500 ms)"
    )
    print(f"SQLite floor (insert + read on another connection): {floor:.2f} ms")
    if not args.pg:
        print("no --pg / KIOSK_TEST_PG_URL: PostgreSQL and hall skipped")
        return 0
    rows = []
    for _ in range(args.runs):
        pg = PgDatabase(args.pg)
        try:
            prepare(pg.url, 1)
            lat = press_to_shown(pg.url, args.calls)
            rows.append((pct(lat, 0.5), pct(lat, 0.95), len(lat)))
            floor = pg_floor(pg.url)
        finally:
            pg.drop()
    p50 = statistics.median(r[0] for r in rows)
    p95 = statistics.median(r[1] for r in rows)
    print(
        f"PostgreSQL press to shown: p50 {p50:.1f} ms, p95 {p95:.1f} ms "
        f"({sum(r[2] for r in rows)} calls, {args.runs} runs; aim p95 < 100 ms)"
    )
    print(f"PostgreSQL floor (bare NOTIFY round trip): {floor:.2f} ms")
    pg = PgDatabase(args.pg)
    try:
        prepare(pg.url, args.hall_kiosks)
        result = hall(
            pg.url, args.hall_kiosks, args.hall_consoles, args.hall_seconds, args.cancel_after
        )
    finally:
        pg.drop()
    print(
        f"Hall ({args.hall_kiosks} kiosks, {args.hall_consoles} consoles, PostgreSQL): "
        f"{result['calls']} calls, p50 {result['p50']:.1f} ms, p95 {result['p95']:.1f} ms, "
        f"lost {result['lost']}, doubled {result['doubled']} (aim p95 < 300 ms, none lost)"
    )
    print(f"ratio PostgreSQL p95 / floor: {p95 / floor:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
