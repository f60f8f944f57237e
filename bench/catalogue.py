"""Service versions: from a publish to the kiosk's offer of the new catalogue.

1. A kiosk's watcher thread (recheck every 10 minutes, so only the notification path counts)
   and a publish of one changed service, at a random moment (0 to 2 s after the last):
   latency = the offer minus the publish's commit. SQLite: the poll feed (every 2 s);
   PostgreSQL: NOTIFY. No speech (pre-rendering is the voice's time).
2. Building the effective catalogue: the shipped files and one published version, loaded and
   checked as ``check-services`` checks them (what a kiosk does off the GUI thread per change).

Floors, measured in the same run: the signature query the watcher asks on every wake-up; on
PostgreSQL a bare NOTIFY round trip on psycopg; for the build, loading the shipped files alone.

    .venv/bin/python bench/catalogue.py [--publishes 5] [--runs 3]
        [--pg postgresql+psycopg:///kiosk_test?host=/var/run/postgresql]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg
from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk.assist.listen import libpq_url  # noqa: E402
from kiosk.catalog import versions  # noqa: E402
from kiosk.catalog.effective import CatalogueCache, Published, build  # noqa: E402
from kiosk.catalog.loader import load_catalogue  # noqa: E402
from kiosk.catalog.watcher import CatalogueWatcher  # noqa: E402
from kiosk.store import db, migrate  # noqa: E402
from kiosk.store.models import Base  # noqa: E402

SERVICES = ROOT / "assets" / "services"
TICKET = SERVICES / "06-counter-ticket.toml"


def fresh(url: str) -> None:
    engine = db.make_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            Base.metadata.drop_all(conn)
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    migrate.upgrade(engine)
    engine.dispose()


def publish_to_offer(url: str, folder: Path, publishes: int) -> list[float]:
    fresh(url)
    engine = db.make_engine(url)
    sessions = db.session_factory(engine)
    shipped = load_catalogue(SERVICES)
    offered = threading.Event()
    watcher = CatalogueWatcher(
        engine,
        "bench",
        shipped,
        build(shipped, []),
        CatalogueCache(folder / "cache.json"),
        lambda _catalogue: offered.set(),
        recheck_s=600,
    ).start()
    while not watcher.listening:
        time.sleep(0.01)
    latencies = []
    for i in range(publishes):
        patched = folder / f"ticket-{i}.toml"
        patched.write_text(
            TICKET.read_text(encoding="utf-8").replace('zh = "窗口取号"', f'zh = "取号{i}"', 1),
            encoding="utf-8",
        )
        time.sleep(random.uniform(0, 2))  # publishes come at any moment of the poll
        offered.clear()
        versions.publish(sessions, [patched], "bench")
        committed = time.perf_counter()
        if not offered.wait(60):
            raise SystemExit("no offer within 60 s")
        latencies.append(time.perf_counter() - committed)
    watcher.close()
    engine.dispose()
    return latencies


def signature_floor(url: str, n: int = 200) -> float:
    engine = db.make_engine(url)
    sessions = db.session_factory(engine)
    times = []
    for _ in range(n):
        t = time.perf_counter()
        versions.signature(sessions)
        times.append(time.perf_counter() - t)
    engine.dispose()
    return statistics.median(times)


def notify_floor(url: str, n: int = 50) -> float:
    listen = psycopg.connect(libpq_url(url), autocommit=True)
    talk = psycopg.connect(libpq_url(url), autocommit=True)
    listen.execute("LISTEN bench_floor")
    times = []
    for _ in range(n):
        t = time.perf_counter()
        talk.execute("NOTIFY bench_floor")
        next(listen.notifies(timeout=5, stop_after=1))
        times.append(time.perf_counter() - t)
    listen.close()
    talk.close()
    return statistics.median(times)


def build_times(folder: Path, n: int = 20) -> tuple[float, float]:
    patched = folder / "ticket.toml"
    patched.write_text(TICKET.read_text(encoding="utf-8"), encoding="utf-8")
    published = [versions_published(patched)]
    load_catalogue(SERVICES)  # warm: imports, file cache
    shipped_only, with_version = [], []
    for _ in range(n):
        t = time.perf_counter()
        load_catalogue(SERVICES)
        shipped_only.append(time.perf_counter() - t)
    for _ in range(n):
        t = time.perf_counter()
        build(load_catalogue(SERVICES), published)
        with_version.append(time.perf_counter() - t)
    return statistics.median(with_version), statistics.median(shipped_only)


def versions_published(path: Path) -> Published:
    content = path.read_text(encoding="utf-8")
    return Published("counter-ticket", 1, content, versions.sha256(content), path.name)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", metavar="URL")
    parser.add_argument("--publishes", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sqlite = f"sqlite:///{folder / 'hall.sqlite3'}"
        urls = [("SQLite", sqlite)] + ([("PostgreSQL", args.pg)] if args.pg else [])
        for name, url in urls:
            runs = [publish_to_offer(url, folder, args.publishes) for _ in range(args.runs)]
            p50 = statistics.median(statistics.median(r) for r in runs)
            worst = max(max(r) for r in runs)
            runs_said = f"median of {args.runs} runs"
            print(f"{name}: publish to offer, {runs_said}: p50 {ms(p50)}, max {ms(worst)}")
            print(f"{name}: floor, the watcher's signature query: {ms(signature_floor(url))}")
            if name == "PostgreSQL":
                floor = notify_floor(url)
                ratio = f"ratio {p50 / floor:.0f}x"
                print(f"PostgreSQL: floor, bare NOTIFY round trip: {ms(floor)}; {ratio}")
        built, shipped = build_times(folder)
        print(f"effective catalogue (7 shipped + 1 published), median: {ms(built)}")
        print(f"floor, the shipped files alone: {ms(shipped)}; ratio {built / shipped:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
