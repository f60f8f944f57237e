"""Takeover: the visit pauses and resumes intact, and every action is audited with staff,
kiosk and visit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session, sessionmaker

from kiosk.assist import audit, staff, views
from kiosk.assist import requests as rq
from kiosk.assist.takeover import Takeover
from kiosk.assist.vocabulary import TakeoverError
from kiosk.backends.base import Answer
from kiosk.flow.events import EventKind
from kiosk.flow.state import Outcome, VisitState
from tests.kiosk.assist.helpers import resident, visit


@pytest.fixture
def writer(sessions: sessionmaker[Session]) -> Iterator[audit.AuditWriter]:
    w = audit.AuditWriter(sessions)
    yield w
    w.close()


def test_takeover_confirm_identity_and_hand_back(
    sessions: sessionmaker[Session], writer: audit.AuditWriter
) -> None:
    wang = staff.add_staff(sessions, "1024", "王芳", "2468")
    engine, sink, _ = visit()
    request_id = rq.raise_request(sessions, "kiosk-1", engine, "identify_failed")
    before = engine.state.to_json(include_private=True)
    takeover = Takeover(writer, "kiosk-1", wang, engine, request_id)
    takeover.begin()
    assert engine.state.assisted_by == "王芳（工号 1024）"
    with pytest.raises(TakeoverError, match="reason"):
        takeover.confirm_identity(resident(), "  ")
    takeover.confirm_identity(resident(), "checked the ID card by hand")
    assert engine.step.id == "period" and engine.state.resident is not None
    takeover.hand_back()
    assert engine.state.assisted_by == ""
    # The resident's session went on where it stood: same visit, same choices so far.
    after = VisitState.from_json(engine.state.to_json(include_private=True))
    assert after.visit_id == VisitState.from_json(before).visit_id
    assert after.step_index == 1 and after.history == [0]
    assert [k for _, k, _ in sink.events if k in (EventKind.ASSISTED, EventKind.HANDED_BACK)] == [
        EventKind.ASSISTED,
        EventKind.HANDED_BACK,
    ]
    assert writer.flush()
    rows = audit.entries(sessions, visit_id=engine.state.visit_id)
    assert [r.action for r in rows] == ["takeover_begin", "identity_confirmed", "hand_back"]
    assert all(r.staff_id == wang.id and r.kiosk_id == "kiosk-1" for r in rows)
    assert rows[1].detail["masked"] == resident().masked
    view = views.request_view(sessions, request_id)
    assert view is not None and view.status == "resolved"


def test_every_action_is_audited(
    sessions: sessionmaker[Session], writer: audit.AuditWriter
) -> None:
    wang = staff.add_staff(sessions, "1024", "王芳", "2468")
    engine, _, _ = visit()
    takeover = Takeover(writer, "kiosk-1", wang, engine)
    takeover.begin()
    engine.identify(resident())
    takeover.skip_step("resident knows the period: all")  # choose -> lookup
    assert engine.step.kind.value == "lookup"
    engine.task_done(Answer(values={"months": "0"}))
    takeover.redo_step("backend answered nothing")
    assert engine.pending_task() is not None
    takeover.reprint("paper jam")
    takeover.switch_off_device("printer", "jammed twice")
    with pytest.raises(TakeoverError):
        takeover.switch_off_device("toaster", "why")
    takeover.leave_kiosk_mode("replace the paper roll")
    takeover.end_visit("resident will come back tomorrow")
    assert engine.state.outcome is Outcome.ENDED_BY_STAFF
    with pytest.raises(TakeoverError, match="no visit"):
        takeover.skip_step("again")
    assert writer.flush()
    rows = audit.entries(sessions, staff_id=wang.id)
    actions = [r.action for r in rows if r.action != "staff_added"]
    assert actions == [
        "takeover_begin",
        "skip_step",
        "redo_step",
        "reprint",
        "switch_off_device",
        "leave_kiosk_mode",
        "end_visit",
    ]
    assert {r.visit_id for r in rows if r.action != "staff_added"} == {engine.state.visit_id}
    assert all(
        r.detail.get("reason") for r in rows if r.action not in ("staff_added", "takeover_begin")
    )
    kiosk = {k.id: k for k in views.snapshot(sessions).kiosks}["kiosk-1"]
    assert [(d.device, d.state) for d in kiosk.devices] == [("printer", "disabled_by_staff")]


def test_finishing_while_assisted_completes_with_help(
    sessions: sessionmaker[Session], writer: audit.AuditWriter
) -> None:
    wang = staff.add_staff(sessions, "1024", "王芳", "2468")
    engine, _, _ = visit("card-status")
    takeover = Takeover(writer, "kiosk-1", wang, engine)
    takeover.begin()
    engine.identify(resident())
    while not engine.ended:
        takeover.skip_step("helper completes the task")
    assert engine.state.outcome is Outcome.COMPLETED_WITH_HELP
    takeover.hand_back()  # nothing left to hand back; the request would be resolved
    assert writer.flush()


def test_writer_retries_until_the_store_is_back(sessions: sessionmaker[Session]) -> None:
    from sqlalchemy.exc import OperationalError

    calls = {"n": 0}
    real = sessions.begin

    def flaky_begin() -> object:
        calls["n"] += 1
        if calls["n"] <= 2:
            raise OperationalError("x", {}, Exception("server gone"))
        return real()

    writer = audit.AuditWriter(sessions, retry_s=0.01)
    writer.sessions = type("S", (), {"begin": staticmethod(flaky_begin)})()
    writer.put(audit.Entry("reprint", kiosk_id="kiosk-1"))
    assert writer.flush()
    writer.close()
    assert calls["n"] == 3
    assert [e.action for e in audit.entries(sessions)] == ["reprint"]
