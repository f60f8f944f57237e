"""Visits brought to a step through the domain API alone (no window), for the tests that need
one there, or through to its end: the kiosk tests and the hall server's kiosk processes
alike."""

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


def complete_visit(core: KioskApi, number: str) -> str:
    """A contribution record for ``number`` looked up, printed and rated: its visit id."""
    engine = core.start_visit("contribution-record", "zh")
    engine.identify(core.resident_from_number(number))
    engine.choose("last_year")
    task = engine.pending_task()
    assert task is not None
    answer = core.run_task(engine, task)
    assert answer.ok and answer.table is not None and len(answer.table.rows) == 12
    engine.task_done(answer)
    engine.advance()
    document = core.document_text(engine)
    assert "参保缴费记录" in document and number not in document
    engine.advance()
    engine.rate("very_satisfied", "")
    core.sink.flush()
    return engine.state.visit_id
