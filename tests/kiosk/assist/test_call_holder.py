"""Who may act on a call a helper has taken: only that helper says they arrived or closes it;
a supervisor or manager may close or take it over (audited as such); a helper who signs in at
the kiosk is there, so the takeover stands and is recorded as taking the call over. A note on
a closed call is refused; a note's audit row names where it was written."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.api.errors import RequestClosed
from kiosk.api.help import HelpCalls
from kiosk.api.store import Store
from kiosk.assist import audit, staff, views
from kiosk.assist import requests as rq
from kiosk.assist.effects import MoveRequest
from kiosk.assist.vocabulary import AlreadyTaken, CallTaken
from kiosk.store.models import AuditEntry


def _entries(sessions: sessionmaker[Session], action: str) -> list[AuditEntry]:
    with sessions() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_only_the_helper_who_took_a_call_arrives_or_closes_it(store: Engine) -> None:
    calls = HelpCalls(Store(store))
    sessions = calls.store.sessions
    wang = staff.add_staff(sessions, "1003", "王五", "1111")
    zhao = staff.add_staff(sessions, "1004", "赵六", "2222")
    call = calls.raise_call("kiosk-1", None)
    calls.acknowledge(call, wang.id)
    with pytest.raises(CallTaken) as refused:
        calls.arrive(call, zhao.id)
    assert refused.value.staff_id == wang.id and refused.value.staff_name == "王五"
    assert isinstance(refused.value, AlreadyTaken)  # every front end already handles it
    with pytest.raises(CallTaken):
        calls.resolve(call, "resident_left", zhao.id)
    view = calls.call(call)
    assert view is not None and (view.status, view.staff_name) == ("acknowledged", "王五")
    calls.arrive(call, wang.id)
    with pytest.raises(CallTaken):  # with the resident now: still only theirs
        calls.resolve(call, "resident_left", zhao.id)
    calls.resolve(call, "completed_with_help", wang.id)
    view = calls.call(call)
    assert view is not None and view.status == "resolved"


def test_a_supervisor_may_close_or_take_over_any_call_and_it_is_audited(store: Engine) -> None:
    calls = HelpCalls(Store(store))
    sessions = calls.store.sessions
    wang = staff.add_staff(sessions, "1003", "王五", "1111")
    boss = staff.add_staff(sessions, "2001", "周主管", "3333", role="supervisor")
    first, second = calls.raise_call("kiosk-1", None), calls.raise_call("kiosk-2", None)
    calls.acknowledge(first, wang.id)
    calls.acknowledge(second, wang.id)
    calls.resolve(first, "sent_to_counter", boss.id, place="web:10.0.0.9")
    calls.arrive(second, boss.id, place="web:10.0.0.9")
    view = calls.call(second)
    assert view is not None and (view.status, view.staff_name) == ("assisting", "周主管")
    overrides = _entries(sessions, "help_call_overridden")
    said = [(e.staff_id, e.kiosk_id, e.detail["action"], e.detail["held_by"]) for e in overrides]
    assert said == [
        (boss.id, "web:10.0.0.9", "resolve", wang.id),
        (boss.id, "web:10.0.0.9", "arrive", wang.id),
    ]


def test_a_helper_signing_in_at_the_kiosk_takes_the_call_over(store: Engine) -> None:
    sessions = Store(store).sessions
    wang = staff.add_staff(sessions, "1003", "王五", "1111")
    zhao = staff.add_staff(sessions, "1004", "赵六", "2222")
    call = rq.raise_request(sessions, "kiosk-1", None, "resident")
    rq.acknowledge(sessions, call, wang.id)
    # The takeover's entry and its effect, as the kiosk's journal stores them.
    with sessions.begin() as session:
        audit.record(session, audit.Entry("takeover_begin", zhao.id, "kiosk-1"))
        MoveRequest(call, "assisting", zhao.id)(session)
    view = views.request_view(sessions, call)
    assert view is not None and (view.status, view.staff_name) == ("assisting", "赵六")
    (taken,) = _entries(sessions, "help_call_taken_at_kiosk")
    assert (taken.staff_id, taken.kiosk_id) == (zhao.id, "kiosk-1")
    assert taken.detail["held_by"] == wang.id


def test_a_note_on_a_closed_call_is_refused_and_a_note_names_its_place(store: Engine) -> None:
    calls = HelpCalls(Store(store))
    sessions = calls.store.sessions
    wang = staff.add_staff(sessions, "1003", "王五", "1111")
    zhao = staff.add_staff(sessions, "1004", "赵六", "2222")
    call = calls.raise_call("kiosk-1", None)
    calls.acknowledge(call, wang.id)
    # Anyone may add what they know to an open call.
    calls.note(call, zhao.id, "居民带了户口本", place="web:10.0.0.7")
    (note,) = _entries(sessions, "help_note")
    assert (note.kiosk_id, note.detail["kiosk"]) == ("web:10.0.0.7", "kiosk-1")
    calls.resolve(call, "resident_left", wang.id)
    with pytest.raises(RequestClosed):
        calls.note(call, wang.id, "太晚了", place="web:10.0.0.7")
    assert len(_entries(sessions, "help_note")) == 1


def test_signing_in_at_the_kiosk_takes_over_a_call_whose_helper_already_arrived(
    store: Engine,
) -> None:
    sessions = Store(store).sessions
    wang = staff.add_staff(sessions, "1003", "王五", "1111")
    zhao = staff.add_staff(sessions, "1004", "赵六", "2222")
    call = rq.raise_request(sessions, "kiosk-1", None, "resident")
    rq.acknowledge(sessions, call, wang.id)
    rq.begin_assisting(sessions, call, wang.id)  # 我到了: assisting already
    with sessions.begin() as session:
        MoveRequest(call, "assisting", zhao.id, note="takeover: resident asked")(session)
    view = views.request_view(sessions, call)
    assert view is not None and (view.status, view.staff_name) == ("assisting", "赵六")
    (taken,) = _entries(sessions, "help_call_taken_at_kiosk")  # audited though a note came
    assert (taken.staff_id, taken.detail["held_by"]) == (zhao.id, wang.id)
    # The call is the kiosk helper's now: the one who had it is refused.
    with pytest.raises(CallTaken):
        rq.close(sessions, call, "resolved", "resident_left", wang.id)
    # The same helper signing in again changes nothing.
    with sessions.begin() as session:
        MoveRequest(call, "assisting", zhao.id)(session)
    assert len(_entries(sessions, "help_call_taken_at_kiosk")) == 1


def test_a_note_given_with_a_takeover_still_audits_taking_the_call(store: Engine) -> None:
    sessions = Store(store).sessions
    wang = staff.add_staff(sessions, "1003", "王五", "1111")
    zhao = staff.add_staff(sessions, "1004", "赵六", "2222")
    call = rq.raise_request(sessions, "kiosk-1", None, "resident")
    rq.acknowledge(sessions, call, wang.id)
    with sessions.begin() as session:
        MoveRequest(call, "assisting", zhao.id, note="takeover: resident asked")(session)
    (taken,) = _entries(sessions, "help_call_taken_at_kiosk")
    assert (taken.staff_id, taken.detail["held_by"]) == (zhao.id, wang.id)
