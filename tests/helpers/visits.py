"""Visits brought to a step through the domain API alone (no window), for the tests that need
one there: the kiosk tests and the hall server's kiosk processes alike."""

from __future__ import annotations

from kiosk.api.kiosk import KioskApi
from kiosk.flow.engine import FlowEngine


def contribution_record_at_print(core: KioskApi) -> FlowEngine:
    """王小明's contribution record for the last year, looked up, at its print step."""
    name, number = core.demo_residents()[2]
    assert name == "王小明"
    engine = core.start_visit("contribution-record", "zh")
    engine.identify(core.resident_from_number(number))
    engine.choose("last_year")
    task = engine.pending_task()
    assert task is not None
    engine.task_done(core.run_task(engine, task))
    engine.advance()
    assert engine.step.id == "print"
    return engine
