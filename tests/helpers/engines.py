"""A flow engine on the shipped catalogue with a fake clock and a memory sink, and the
resident the engine tests identify."""

from __future__ import annotations

from kiosk.catalog.loader import load_catalogue
from kiosk.catalog.schema import Catalogue
from kiosk.config import DEFAULT_SERVICES_DIR
from kiosk.flow.engine import FlowEngine
from kiosk.flow.events import MemorySink
from kiosk.flow.timing import Timings
from kiosk.identity import Resident
from kiosk.text import Lang
from tests.helpers.clock import FakeClock

NUMBER = "11010519491231002X"


CATALOGUE: Catalogue = load_catalogue(DEFAULT_SERVICES_DIR)


TIMINGS = Timings(step_timeout_s=60, warning_s=20, max_extensions=10, elder_multiplier=3)


def make(
    service: str, *, elder: bool = False, lang: Lang = "zh"
) -> tuple[FlowEngine, MemorySink, FakeClock]:
    sink, clock = MemorySink(), FakeClock()
    engine = FlowEngine(
        CATALOGUE.get(service),
        timings=TIMINGS,
        clock=clock,
        sink=sink,
        context={"hotline": "12333"},
    )
    engine.start(lang, elder=elder)
    return engine, sink, clock


def resident() -> Resident:
    return Resident.from_number(NUMBER, b"s" * 32, name="张三")
