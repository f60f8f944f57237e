"""A visit at a known step, and a resident to identify in it."""

from __future__ import annotations

from kiosk.catalog.loader import load_catalogue
from kiosk.config import DEFAULT_SERVICES_DIR
from kiosk.flow.engine import FlowEngine
from kiosk.flow.events import MemorySink
from kiosk.identity import Resident
from tests.helpers.clock import FakeClock

NUMBER = "11010519491231002X"
CATALOGUE = load_catalogue(DEFAULT_SERVICES_DIR)


def visit(service: str = "contribution-record") -> tuple[FlowEngine, MemorySink, FakeClock]:
    sink, clock = MemorySink(), FakeClock()
    engine = FlowEngine(CATALOGUE.get(service), clock=clock, sink=sink)
    engine.start("zh", elder=True)
    return engine, sink, clock


def resident() -> Resident:
    return Resident.from_number(NUMBER, b"s" * 32, name="张三")
