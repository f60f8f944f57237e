"""Engine and store throughput: scripted visits through the flow engine into SQLite.

Drives N visits (default 5,000) round-robin over the shipped services, each transition writing
its event synchronously (StoreSink), and reports transitions per second and the p50/p95 cost of
one transition including its event write. The floor, measured in the same run, is the cost of
the same transitions with events kept in memory: the ratio says what the store adds.

    .venv/bin/python bench/engine.py [--visits 5000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

# Run as a script, this file's folder comes first on sys.path and bench/devices.py would shadow
# the devices package our modules import: the repository root goes first.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.backends.base import Answer
from kiosk.catalog.loader import load_catalogue
from kiosk.catalog.schema import ChooseStep, InputStep, Service, StepKind
from kiosk.config import DEFAULT_SERVICES_DIR
from kiosk.flow.engine import FlowEngine
from kiosk.flow.events import EventSink, MemorySink
from kiosk.identity import Resident
from kiosk.store import db, migrate
from kiosk.store.recorder import StoreSink, ensure_kiosk

NUMBER = "11010519491231002X"
INPUTS = {"phone": "13800138000"}


def drive(service: Service, sink: EventSink, timings: list[float]) -> None:
    """One visit from start to done; each transition's time (with its event write) kept."""
    engine = FlowEngine(service, sink=sink)

    def timed(action: Callable[[], object]) -> None:
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)

    timed(lambda: engine.start("zh"))
    resident = Resident.from_number(NUMBER, b"b" * 32, name="测试")
    while not engine.ended:
        step = engine.step
        if step.kind is StepKind.IDENTIFY:
            timed(lambda: engine.identify(resident))
        elif isinstance(step, ChooseStep):
            value = next(o.value for o in step.options if not o.goto)
            timed(partial(engine.choose, value))
        elif isinstance(step, InputStep):
            timed(partial(engine.submit, INPUTS.get(step.field, "123")))
        elif step.kind is StepKind.CONFIRM:
            timed(lambda: engine.confirm(True))
        elif step.kind in (StepKind.LOOKUP, StepKind.TICKET):
            timed(lambda: engine.task_done(Answer(values={"number": "A001"})))
            timed(engine.advance)
        elif step.kind is StepKind.RATE:
            timed(lambda: engine.rate("satisfied"))
        else:
            timed(engine.advance)


def run(
    visits: int, services: list[Service], sink_for: Callable[[], EventSink]
) -> tuple[float, list[float]]:
    sink = sink_for()
    timings: list[float] = []
    start = time.perf_counter()
    for i in range(visits):
        drive(services[i % len(services)], sink, timings)
    return time.perf_counter() - start, timings


def p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    services = list(load_catalogue(DEFAULT_SERVICES_DIR).services)
    store_rates, store_p50, store_p95, floor_p95, floor_rates = [], [], [], [], []
    for run_no in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            engine = db.make_engine(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
            migrate.upgrade(engine)
            sessions = db.session_factory(engine)
            ensure_kiosk(sessions, "bench", "bench", "bench")
            seconds, timings = run(args.visits, services, partial(StoreSink, sessions, "bench"))
            engine.dispose()
        floor_seconds, floor_timings = run(args.visits, services, MemorySink)
        store_rates.append(len(timings) / seconds)
        store_p50.append(p(timings, 50) * 1000)
        store_p95.append(p(timings, 95) * 1000)
        floor_rates.append(len(floor_timings) / floor_seconds)
        floor_p95.append(p(floor_timings, 95) * 1000)
        print(
            f"run {run_no + 1}: {len(timings)} transitions, {store_rates[-1]:.0f}/s, "
            f"p50 {store_p50[-1]:.2f} ms, p95 {store_p95[-1]:.2f} ms "
            f"(in memory: p95 {floor_p95[-1]:.3f} ms)"
        )
    med = statistics.median
    print(f"median over {args.runs} runs of {args.visits} visits on SQLite:")
    print(f"  transitions per second: {med(store_rates):.0f} (in memory: {med(floor_rates):.0f})")
    print(
        f"  one transition with its event write: p50 {med(store_p50):.2f} ms, "
        f"p95 {med(store_p95):.2f} ms (aim: p95 under 5 ms)"
    )
    print(f"ratio p95 with store / in-memory floor: {med(store_p95) / med(floor_p95):.1f}x")


if __name__ == "__main__":
    main()
