"""The life of a help request: context, periods, notes, escalation with an injected clock, and
what the kiosk shows the resident at each point."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session, sessionmaker

from kiosk.assist import escalation, notes, staff, views, vocabulary
from kiosk.assist import requests as rq
from kiosk.assist.escalation import Policy, escalate_to
from kiosk.assist.status import HelpWatch
from kiosk.assist.vocabulary import status_text
from kiosk.store.models import HelpRequest
from tests.helpers.clock import FakeClock
from tests.kiosk.assist.helpers import NUMBER, resident, visit


def test_request_carries_context_without_the_id_number(sessions: sessionmaker[Session]) -> None:
    engine, _, clock = visit()
    engine.identify(resident())
    clock.advance(42)
    engine.state.rejects = 3
    request_id = rq.raise_request(sessions, "kiosk-1", engine, "rejected_inputs")
    view = views.request_view(sessions, request_id)
    assert view is not None
    assert (view.kiosk_name, view.service_id, view.step) == (
        "一号机",
        "contribution-record",
        "period",
    )
    assert view.context["elder_mode"] is True and view.context["seconds_on_step"] == 42.0
    assert view.context["troubles"] == {"rejects": 3}
    assert view.context["reference"] == engine.state.reference
    with sessions() as session:
        row = session.get(HelpRequest, request_id)
        assert row is not None
        assert NUMBER not in repr(row.context) and NUMBER[-6:-1] not in repr(row.context)


def test_whole_life_acknowledge_assist_resolve(sessions: sessionmaker[Session]) -> None:
    wang = staff.add_staff(sessions, "1024", "王芳", "2468")
    li = staff.add_staff(sessions, "2048", "李强", "1357")
    engine, _, _ = visit()
    first = rq.raise_request(sessions, "kiosk-1", engine, "resident")
    second = rq.raise_request(sessions, "kiosk-2", None, "device_failed")
    assert [v.id for v in views.snapshot(sessions).requests] == [first, second]
    rq.acknowledge(sessions, first, wang.id, eta_s=45)
    with pytest.raises(vocabulary.AlreadyTaken):
        rq.acknowledge(sessions, first, li.id)
    notes.add_note(sessions, first, wang.id, "带老花镜")
    view = views.request_view(sessions, first)
    assert view is not None
    assert (view.status, view.staff_name, view.eta_s, view.notes) == (
        "acknowledged",
        "王芳",
        45,
        ("带老花镜",),
    )
    rq.begin_assisting(sessions, first, wang.id)
    rq.close(sessions, first, "resolved", "completed_with_help", wang.id)
    with pytest.raises(vocabulary.RequestClosed):
        rq.acknowledge(sessions, first, wang.id)
    assert [v.id for v in views.snapshot(sessions).requests] == [second]
    with sessions() as session:
        row = session.get(HelpRequest, first)
        assert row is not None and row.resolution == "completed_with_help"
        states = [(p.state, p.ended_at is not None) for p in row.periods]
    assert [s for s, _ in states] == ["requested", "acknowledged", "assisting", "resolved"]
    assert all(ended for _, ended in states)  # every period closed with the request


def test_policy_levels() -> None:
    policy = Policy(60, 180)
    assert [policy.level(s) for s in (0, 59.9, 60, 179.9, 180, 999)] == [0, 0, 1, 1, 2, 2]


def test_escalation_with_injected_clock(sessions: sessionmaker[Session]) -> None:
    clock = FakeClock()
    engine, _, _ = visit()
    request_id = rq.raise_request(sessions, "kiosk-1", engine, "resident")
    watch = HelpWatch(
        sessions, request_id, Policy(60, 180), hotline="12333", clock=clock, pressed_at=clock()
    )
    clock.advance(12)
    status = watch.poll()
    assert (status.phase, status.level, status.told_s) == ("told", 0, 12.0)
    assert status_text(status) == "已通知工作人员 12 秒，您可以继续办理。"
    clock.advance(48)  # T1: every console alerts again, a supervisor is flagged
    status = watch.poll()
    assert (status.phase, status.level) == ("told", 1)
    view = views.request_view(sessions, request_id)
    assert view is not None and view.supervisor_flagged and view.status == "escalated"
    assert watch.poll().level == 1  # polling again does not escalate twice
    clock.advance(120)  # T2: counter ticket and hotline
    status = watch.poll()
    assert status.offer_counter and status.level == 2
    assert "12333" in status_text(status) and "12333" in status_text(status, "en")
    # Someone acknowledges late: the resident hears who is coming, and no further level.
    wang = staff.add_staff(sessions, "1024", "王芳", "2468")
    rq.acknowledge(sessions, request_id, wang.id, eta_s=30)
    clock.advance(600)
    status = watch.poll()
    assert (status.phase, status.staff_name, status.level) == ("coming", "王芳", 2)
    assert status_text(status) == "工作人员 王芳 正在赶来，约 30 秒到达。"
    assert escalate_to(sessions, request_id, 3) == 2


def test_escalation_jumps_straight_to_two(sessions: sessionmaker[Session]) -> None:
    clock = FakeClock()
    request_id = rq.raise_request(sessions, "kiosk-1", None, "resident")
    watch = HelpWatch(sessions, request_id, Policy(60, 180), clock=clock)
    clock.advance(200)  # the kiosk was busy: both thresholds passed at once
    assert watch.poll().level == 2
    with sessions() as session:
        row = session.get(HelpRequest, request_id)
        assert row is not None
        assert [p.state for p in row.periods] == ["requested", "escalated", "escalated"]


def test_resident_cancels(sessions: sessionmaker[Session]) -> None:
    request_id = rq.raise_request(sessions, "kiosk-1", None, "resident")
    watch = HelpWatch(sessions, request_id, Policy())
    watch.cancel()
    watch.cancel()  # twice is harmless
    assert watch.poll().phase == "closed"
    assert views.snapshot(sessions).requests == ()


def test_device_status_is_latest_per_device(sessions: sessionmaker[Session]) -> None:
    rq.record_device_event(sessions, "kiosk-1", "printer", "online", "low")
    rq.record_device_event(sessions, "kiosk-1", "printer", "online", "out")
    rq.record_device_event(sessions, "kiosk-1", "idcard", "online")
    rq.record_device_event(sessions, "kiosk-2", "scanner", "offline")
    kiosks = {k.id: k for k in views.snapshot(sessions).kiosks}
    one = {d.device: d for d in kiosks["kiosk-1"].devices}
    assert one["printer"].media == "out" and one["printer"].faulty
    assert not one["idcard"].faulty
    assert [d.faulty for d in kiosks["kiosk-2"].devices] == [True]


def test_counter_lookup_by_reference(sessions: sessionmaker[Session]) -> None:
    from kiosk.store.recorder import StoreSink

    sink = StoreSink(sessions, "kiosk-1")
    engine, _, _ = visit()
    engine.sink = sink
    engine.start("zh")
    engine.identify(resident())
    rq.raise_request(sessions, "kiosk-1", engine, "resident")
    reference = engine.state.reference
    found = views.visit_by_reference(sessions, f" {reference.lower()[:4]}-{reference[4:]} ")
    assert found is not None
    assert found.visit_id == engine.state.visit_id and found.resident_masked
    assert [e.kind for e in found.events][:3] == ["visit_started", "step_entered", "identified"]
    assert len(found.help) == 1
    assert NUMBER not in repr(found)
    assert views.visit_by_reference(sessions, "00000000") is None
    assert views.visit_by_reference(sessions, "12") is None


def test_device_faults_become_staff_tasks(sessions: sessionmaker[Session]) -> None:
    rq.record_device_event(sessions, "kiosk-1", "printer", "online", "ok")
    assert views.snapshot(sessions).requests == ()
    rq.record_device_event(sessions, "kiosk-1", "printer", "online", "low")
    rq.record_device_event(sessions, "kiosk-1", "printer", "online", "out")  # same task
    rq.record_device_event(sessions, "kiosk-2", "idcard", "offline")
    tasks = views.snapshot(sessions).requests
    assert [(t.kiosk_id, t.reason, t.context["media"] or t.context["state"]) for t in tasks] == [
        ("kiosk-1", "device:printer", "low"),
        ("kiosk-2", "device:idcard", "offline"),
    ]
    rq.close(sessions, tasks[0].id, "resolved", "device_fixed")
    rq.record_device_event(sessions, "kiosk-1", "printer", "online", "out")  # a new fault
    assert len(views.snapshot(sessions).requests) == 2


def test_two_helpers_press_at_once_one_goes(sessions: sessionmaker[Session]) -> None:
    import threading

    helpers = [staff.add_staff(sessions, str(n), f"helper {n}", "2468") for n in (1, 2)]
    for _ in range(5):
        request_id = rq.raise_request(sessions, "kiosk-1", None, "resident")
        barrier = threading.Barrier(2)
        results: list[str] = []

        def go(
            staff_id: int,
            request_id: int = request_id,
            barrier: threading.Barrier = barrier,
            results: list[str] = results,
        ) -> None:
            barrier.wait()
            try:
                rq.acknowledge(sessions, request_id, staff_id)
                results.append("went")
            except vocabulary.AlreadyTaken:
                results.append("taken")

        threads = [threading.Thread(target=go, args=(h.id,)) for h in helpers]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(results) == ["taken", "went"]


def test_acknowledging_again_never_moves_a_call_back(sessions: sessionmaker[Session]) -> None:
    wang = staff.add_staff(sessions, "1024", "王芳", "2468")
    li = staff.add_staff(sessions, "2048", "李强", "1357")
    request_id = rq.raise_request(sessions, "kiosk-1", None, "resident")
    rq.acknowledge(sessions, request_id, wang.id, eta_s=45)
    rq.acknowledge(sessions, request_id, wang.id, eta_s=10)  # a second press: nothing new
    rq.begin_assisting(sessions, request_id, wang.id)
    rq.acknowledge(sessions, request_id, wang.id)  # a stale console button: still assisting
    with pytest.raises(vocabulary.AlreadyTaken) as taken:
        rq.acknowledge(sessions, request_id, li.id)
    assert taken.value.staff_id == wang.id
    view = views.request_view(sessions, request_id)
    assert view is not None and (view.status, view.eta_s) == ("assisting", 45)
    with sessions() as session:
        row = session.get(HelpRequest, request_id)
        assert row is not None
        assert [p.state for p in row.periods] == ["requested", "acknowledged", "assisting"]


def test_a_device_switched_off_is_a_fault_everywhere(sessions: sessionmaker[Session]) -> None:
    rq.record_device_event(sessions, "kiosk-2", "scanner", "disabled_by_staff")
    snap = views.snapshot(sessions)
    kiosk = {k.id: k for k in snap.kiosks}["kiosk-2"]
    assert [(d.device, d.faulty) for d in kiosk.devices] == [("scanner", True)]
    assert [(t.kiosk_id, t.reason) for t in snap.requests] == [("kiosk-2", "device:scanner")]


def _escalated_periods(sessions: sessionmaker[Session], request_id: int) -> list[str]:
    with sessions() as session:
        row = session.get(HelpRequest, request_id)
        assert row is not None
        return [p.note for p in row.periods if p.state == "escalated"]


def test_consoles_escalate_calls_that_no_kiosk_follows(sessions: sessionmaker[Session]) -> None:
    """The kiosk that raised a call restarted, and device tasks have no kiosk clock at all:
    the consoles' own refresh escalates them."""
    wang = staff.add_staff(sessions, "1024", "王芳", "2468")
    call = rq.raise_request(sessions, "kiosk-1", None, "resident")
    rq.record_device_event(sessions, "kiosk-2", "printer", "online", "out")
    taken = rq.raise_request(sessions, "kiosk-2", None, "resident")
    rq.acknowledge(sessions, taken, wang.id)
    first = views.request_view(sessions, call)
    assert first is not None
    policy = Policy(60, 180)

    def levels(after_s: float) -> list[tuple[str, str, int]]:
        now = first.requested_at + dt.timedelta(seconds=after_s)
        snap = views.snapshot(sessions, policy, now=now)
        return [(v.reason, v.status, v.escalation_level) for v in snap.requests]

    assert levels(30) == [
        ("resident", "requested", 0),
        ("device:printer", "requested", 0),
        ("resident", "acknowledged", 0),
    ]
    expected = [
        ("resident", "escalated", 1),
        ("device:printer", "escalated", 1),
        ("resident", "acknowledged", 0),
    ]
    assert levels(61) == expected
    assert levels(62) == expected  # every refresh of every console: still one period a level
    assert [lv for _, _, lv in levels(200)] == [2, 2, 0]
    assert _escalated_periods(sessions, call) == [escalation.NOTES[1], escalation.NOTES[2]]
    # Without a policy a snapshot only reads.
    later = first.requested_at + dt.timedelta(hours=1)
    assert views.snapshot(sessions, None, now=later).requests[0].escalation_level == 2


def _race_to_escalate(sessions: sessionmaker[Session], policy: Policy) -> list[int]:
    """Three calls 200 s old; two consoles, the kiosk and two direct escalations at once."""
    clock = FakeClock()
    calls = [rq.raise_request(sessions, "kiosk-1", None, "resident") for _ in range(3)]
    watches = [HelpWatch(sessions, c, policy, clock=clock) for c in calls]
    clock.advance(200)
    now = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=200)
    jobs: list[Callable[[], object]] = [
        lambda: views.snapshot(sessions, policy, now=now),
        lambda: views.snapshot(sessions, policy, now=now),
        lambda: [w.poll() for w in watches],
        lambda: [escalate_to(sessions, c, 1) for c in calls],
        lambda: [escalate_to(sessions, c, 2) for c in reversed(calls)],
    ]
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def race(job: Callable[[], object]) -> None:
        barrier.wait()
        try:
            job()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=race, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    return calls


def test_consoles_and_the_kiosk_escalate_each_call_once(sessions: sessionmaker[Session]) -> None:
    """Two consoles and the kiosk all find the same calls overdue at the same moment: exactly
    one escalated period per call per level."""
    for _ in range(4):
        for c in _race_to_escalate(sessions, Policy(60, 180)):
            assert _escalated_periods(sessions, c) == [escalation.NOTES[1], escalation.NOTES[2]]


def test_time_counts_from_the_press_not_from_delivery(sessions: sessionmaker[Session]) -> None:
    """The watch is made once the call was delivered, seconds after the press: "told N s ago"
    and the escalation thresholds count those seconds too."""
    request_id = rq.raise_request(sessions, "kiosk-1", None, "resident")
    view = views.request_view(sessions, request_id)
    assert view is not None

    def delivered() -> dt.datetime:  # the store took 4 s to take the call
        return view.requested_at + dt.timedelta(seconds=4)

    clock = FakeClock()
    watch = HelpWatch(sessions, request_id, Policy(3, 180), clock=clock, wall=delivered)
    status = watch.poll()
    assert (status.told_s, status.level) == (4.0, 1)
    clock.advance(2)
    assert watch.poll().told_s == 6.0
    # A press time the caller knows (on the watch's clock) is taken as it is.
    clock = FakeClock()
    pressed = clock()
    clock.advance(2.5)
    watch = HelpWatch(sessions, request_id, Policy(60, 180), clock=clock, pressed_at=pressed)
    assert watch.poll().told_s == 2.5
