from __future__ import annotations

import pytest

from kiosk.backends.base import Answer, AnswerError
from kiosk.flow.engine import RATINGS, FlowEngine, FlowError, Tick
from kiosk.flow.events import EventKind
from kiosk.flow.state import Outcome, Phase, VisitState
from tests.helpers.engines import CATALOGUE, NUMBER, TIMINGS, make, resident
from tests.helpers.now import phase


def test_start_records_visit_and_first_step() -> None:
    engine, sink, _ = make("contribution-record")
    assert sink.kinds()[:2] == [EventKind.VISIT_STARTED, EventKind.STEP_ENTERED]
    assert engine.step.id == "identify" and (engine.step_number, engine.step_count) == (1, 5)


def test_contribution_record_end_to_end() -> None:
    engine, sink, _ = make("contribution-record")
    engine.identify(resident())
    engine.choose("last12")
    assert phase(engine) is Phase.WAITING
    task = engine.pending_task()
    assert task is not None and task.operation == "contributions"
    assert task.params == {"period": "last12"}
    engine.task_done(Answer(values={"months": "12"}))
    assert engine.values("en")["record.months"] == "12"
    assert engine.values("en")["period.label"] == "Last 12 months"
    engine.advance()  # results seen
    engine.advance()  # print skipped
    engine.rate("satisfied", "")
    assert engine.ended and engine.state.outcome is Outcome.COMPLETED
    kinds = sink.kinds()
    for kind in (
        EventKind.IDENTIFIED,
        EventKind.CHOSEN,
        EventKind.BACKEND_ANSWERED,
        EventKind.PRINT_SKIPPED,
        EventKind.RATED,
        EventKind.VISIT_ENDED,
    ):
        assert kind in kinds
    assert engine.state.resident is None and not engine.state.values  # personal data gone


def test_no_full_id_number_in_any_event() -> None:
    engine, sink, _ = make("card-status")
    engine.identify(resident())
    assert NUMBER not in repr(sink.events)
    assert "110105********002X" in repr(sink.events)


def test_input_rejected_then_accepted_twice_for_repeat() -> None:
    engine, sink, _ = make("change-phone")
    engine.identify(resident())
    result = engine.submit("12345")
    assert not result.accepted and result.problem == "phone"
    first = engine.submit("138 0013 8000")
    assert first.again and not first.accepted
    mismatch = engine.submit("13800138001")
    assert mismatch.problem == "mismatch" and engine.state.first_entry == ""
    assert engine.submit("13800138000").again
    assert engine.submit("13800138000").accepted
    assert engine.step.id == "confirm" and engine.values("zh")["phone"] == "13800138000"
    assert sink.kinds().count(EventKind.INPUT_REJECTED) == 2


def test_three_rejections_offer_help_once() -> None:
    engine, sink, _ = make("change-phone")
    engine.identify(resident())
    for _ in range(3):
        engine.submit("1")
    assert engine.state.help_offer == "rejected_inputs"
    engine.submit("1")
    assert sink.kinds().count(EventKind.HELP_OFFERED) == 1
    engine.submit("13800138000")
    engine.submit("13800138000")
    assert engine.step.id == "confirm" and engine.state.help_offer == ""  # done: the offer goes


def test_confirm_no_goes_back_and_yes_goes_on() -> None:
    engine, _, _ = make("change-phone")
    engine.identify(resident())
    engine.submit("13800138000")
    engine.submit("13800138000")
    engine.confirm(False)
    assert engine.step.id == "phone"
    engine.submit("13900139000")
    engine.submit("13900139000")
    engine.confirm(True)
    assert engine.step.id == "save" and phase(engine) is Phase.WAITING


def test_no_going_back_past_an_action_done_in_the_residents_name() -> None:
    engine, _, _ = make("card-status")
    engine.identify(resident())
    engine.task_done(Answer(values={"card_masked": "A10***001"}))
    engine.advance()
    engine.choose("report")
    engine.confirm(True)
    engine.task_done(Answer(values={"reference": "GS1"}))
    assert not engine.can_go_back and engine.back() is False
    engine.advance()  # receipt step
    assert not engine.can_go_back


def test_choice_can_jump_ahead() -> None:
    engine, _, _ = make("card-status")
    engine.identify(resident())
    engine.task_done(Answer())
    engine.advance()
    engine.choose("keep")
    assert engine.step.id == "rate"
    engine.back()
    assert engine.step.id == "next"


def test_back_from_first_step_goes_home() -> None:
    engine, sink, _ = make("counter-ticket")
    assert engine.back()
    assert engine.ended and engine.state.outcome is Outcome.CANCELLED
    assert EventKind.HOME in sink.kinds()


def test_back_and_forth_offers_help() -> None:
    engine, _, _ = make("service-guide")
    for _ in range(3):
        engine.choose("retire")
        engine.back()
    assert engine.state.help_offer == "back_and_forth" and engine.step.id == "topic"


def test_backend_failure_keeps_the_step_and_allows_retry() -> None:
    engine, sink, _ = make("pension-certification")
    engine.advance()
    engine.identify(resident())
    engine.confirm(True)
    engine.task_done(Answer(error=AnswerError.UNAVAILABLE))
    assert engine.step.id == "certify" and engine.state.help_offer == "backend_unavailable"
    with pytest.raises(FlowError):
        engine.advance()
    engine.retry()
    assert engine.pending_task() is not None
    engine.task_done(Answer(values={"valid_until": "2027-11-26"}))
    assert engine.state.help_offer == ""  # it worked this time: no offer on the answer
    engine.advance()
    assert engine.step.id == "rate"
    assert EventKind.BACKEND_FAILED in sink.kinds()


def test_print_failure_and_success() -> None:
    engine, sink, _ = make("insurance-certificate")
    engine.identify(resident())
    engine.choose("all")
    engine.task_done(Answer(values={"verify_code": "ABC"}))
    engine.advance()
    engine.print_started()
    assert phase(engine) is Phase.WAITING and engine.tick() is None
    engine.print_done(False, "paper_out")
    assert engine.state.print_error == "paper_out" and engine.state.help_offer == "device_failed"
    engine.print_started()
    engine.print_done(True, warning="paper_low")
    assert engine.state.printed and engine.state.help_offer == ""
    engine.advance()
    assert EventKind.PRINT_FAILED in sink.kinds() and EventKind.PRINTED in sink.kinds()
    assert EventKind.PRINT_SKIPPED not in sink.kinds()


def test_ticket_task() -> None:
    engine, _, _ = make("counter-ticket")
    engine.choose("card")
    task = engine.pending_task()
    assert task is not None and task.kind == "ticket" and task.params == {"business": "card"}
    engine.task_done(Answer(values={"number": "C001", "ahead": "3", "counter": "8"}))
    assert engine.values("zh")["ticket.number"] == "C001"
    engine.advance()
    engine.rate("very_satisfied")
    assert engine.state.outcome is Outcome.COMPLETED


def test_rating_levels_are_the_national_five() -> None:
    assert len(RATINGS) == 5
    engine, _, _ = make("counter-ticket")
    engine.choose("other")
    engine.task_done(Answer())
    engine.advance()
    with pytest.raises(FlowError):
        engine.rate("meh")


def test_wrong_call_for_the_step_is_a_flow_error() -> None:
    engine, _, _ = make("contribution-record")
    with pytest.raises(FlowError):
        engine.choose("last12")
    with pytest.raises(FlowError):
        engine.submit("1")
    engine.identify(resident())
    with pytest.raises(FlowError):
        engine.choose("no-such-option")


def test_timeout_warning_extension_and_reset() -> None:
    engine, sink, clock = make("contribution-record")
    clock.advance(59)
    assert engine.tick() is None
    clock.advance(1)
    assert engine.tick() is Tick.WARNING and phase(engine) is Phase.WARNING
    assert engine.seconds_left() == 20
    clock.advance(10)
    assert engine.seconds_left() == 10
    assert engine.extend() and phase(engine) is Phase.ACTIVE
    clock.advance(60)
    assert engine.tick() is Tick.WARNING
    assert engine.state.help_offer == "timeouts"  # the second warning
    clock.advance(20)
    assert engine.tick() is Tick.TIMED_OUT
    assert engine.state.outcome is Outcome.TIMED_OUT and engine.state.resident is None
    assert sink.kinds()[-2:] == [EventKind.TIMED_OUT, EventKind.VISIT_ENDED]


def test_at_least_ten_extensions_then_none() -> None:
    engine, _, clock = make("counter-ticket")
    for _ in range(10):
        clock.advance(60)
        assert engine.tick() is Tick.WARNING
        assert engine.extend()
    clock.advance(60)
    engine.tick()
    assert engine.extensions_left == 0 and not engine.extend()


def test_a_touch_during_the_warning_extends() -> None:
    engine, _, clock = make("counter-ticket")
    clock.advance(60)
    engine.tick()
    engine.touch()
    assert phase(engine) is Phase.ACTIVE and engine.state.extensions == 1


def test_elder_mode_triples_time_limits() -> None:
    engine, _, clock = make("counter-ticket", elder=True)
    clock.advance(179)
    assert engine.tick() is None
    clock.advance(1)
    assert engine.tick() is Tick.WARNING and engine.seconds_left() == 60


def ticket_to_the_end(engine: FlowEngine) -> None:
    """A counter ticket's visit from its choice of business to its rating."""
    engine.choose("card")
    engine.task_done(Answer())
    engine.advance()
    engine.rate("satisfied")


def test_no_timeout_while_a_helper_assists() -> None:
    engine, sink, clock = make("counter-ticket")
    engine.request_help()
    engine.begin_assist("1024")
    clock.advance(1000)
    assert engine.tick() is None
    engine.hand_back()
    ticket_to_the_end(engine)
    assert engine.state.outcome is Outcome.COMPLETED_WITH_HELP
    assert EventKind.ASSISTED in sink.kinds() and EventKind.HANDED_BACK in sink.kinds()


def test_staff_skip_and_end() -> None:
    engine, sink, _ = make("pension-certification")
    engine.skip_step("1024", "resident read it with me")
    assert engine.step.id == "identify"
    engine.end_by_staff("1024", "resident left")
    assert engine.state.outcome is Outcome.ENDED_BY_STAFF
    assert sink.kinds().count(EventKind.STAFF_ACTION) == 2


def test_language_change_is_recorded() -> None:
    engine, sink, _ = make("service-guide")
    engine.set_language("en")
    engine.set_language("en")
    assert sink.kinds().count(EventKind.LANGUAGE) == 1


def test_state_round_trips_through_json_and_resumes() -> None:
    engine, _, clock = make("change-phone")
    engine.identify(resident())
    engine.submit("13800138000")
    private = engine.state.to_json(include_private=True)
    public = engine.state.to_json()
    assert NUMBER in private and NUMBER not in public
    state = VisitState.from_json(private)
    resumed = FlowEngine(CATALOGUE.get("change-phone"), timings=TIMINGS, clock=clock, state=state)
    assert resumed.step.id == "phone" and resumed.state.first_entry == "13800138000"
    assert resumed.submit("13800138000").accepted
    assert resumed.state.resident is not None and resumed.state.resident.number == NUMBER


def test_info_detail_and_handoff_values() -> None:
    engine, _, _ = make("service-guide", lang="en")
    engine.choose("card")
    values = engine.values("en")
    assert values["topic.url"].endswith("/guide/service-guide/card")  # on the hall server
    assert engine.step.title.format("en", values) == "Replacing a card"


def test_a_task_carries_its_own_copy_of_the_resident_and_the_summary() -> None:
    engine, _, clock = make("contribution-record")
    engine.identify(resident())
    engine.choose("last12")
    task = engine.pending_task()
    assert task is not None and task.resident is not None
    assert task.summary.startswith(f"visit {engine.state.reference}; service contribution-record")
    assert "110105********002X" in task.summary and NUMBER not in task.summary
    clock.advance(1000)
    engine.tick()
    clock.advance(1000)
    engine.home()  # the resident leaves while the worker still runs the task
    assert task.resident.number == NUMBER  # the worker's copy is intact


def test_a_takeover_without_a_call_still_counts_as_help() -> None:
    engine, _, _ = make("counter-ticket")
    engine.begin_assist("1024")
    engine.hand_back()
    ticket_to_the_end(engine)
    assert engine.state.outcome is Outcome.COMPLETED_WITH_HELP


def test_a_backend_that_hangs_does_not_hold_the_resident() -> None:
    engine, sink, clock = make("counter-ticket")
    engine.choose("card")
    assert phase(engine) is Phase.WAITING
    clock.advance(29)
    assert engine.tick() is None
    clock.advance(1)
    assert engine.tick() is Tick.BACKEND_TIMEOUT
    answer = engine.answer()
    assert answer is not None and answer.error is AnswerError.UNAVAILABLE
    assert phase(engine) is Phase.ACTIVE and engine.state.help_offer
    assert EventKind.BACKEND_FAILED in sink.kinds()
    engine.task_done(Answer(values={"number": "C001"}))  # the late answer still counts
    engine.advance()
    assert engine.step.id == "rate"
