"""The flow engine and what a blind resident met: a time limit that ran while the screen was
still being read, a way back that printed a second ticket, and a destructive confirmation that
started on its destructive answer."""

from __future__ import annotations

from kiosk.backends.base import Answer, AnswerError
from kiosk.flow.engine import Tick
from kiosk.flow.state import Phase, VisitState
from tests.helpers.engines import make, resident


def test_the_time_limit_waits_while_the_prompt_is_said() -> None:
    engine, _, clock = make("contribution-record")  # a 60 s limit
    engine.speech_started()
    clock.advance(36)  # a long introduction
    assert engine.tick() is None
    clock.advance(200)  # a results table read out in one go
    assert engine.tick() is None and engine.state.phase is Phase.ACTIVE
    engine.speech_ended()
    clock.advance(59)
    assert engine.tick() is None, "the limit counts from the end of the speech"
    clock.advance(1)
    assert engine.tick() is Tick.WARNING


def test_the_warnings_countdown_starts_once_the_warning_is_said() -> None:
    engine, _, clock = make("counter-ticket")
    clock.advance(60)
    assert engine.tick() is Tick.WARNING
    warning_s = engine.timings.warning_s
    assert engine.tick(speaking=True) is None  # the warning itself is being said
    clock.advance(warning_s + 5)
    assert engine.tick(speaking=True) is None and engine.state.phase is Phase.WARNING
    assert engine.tick(speaking=False) is None  # said: the resident's turn from now
    assert engine.seconds_left() == warning_s
    clock.advance(warning_s - 1)
    assert engine.tick() is None
    clock.advance(1)
    assert engine.tick() is Tick.TIMED_OUT


def test_a_voice_that_never_stops_still_times_the_warning_out() -> None:
    engine, _, clock = make("counter-ticket")
    clock.advance(60)
    assert engine.tick() is Tick.WARNING
    cap, warning_s = engine.timings.warning_said_within_s, engine.timings.warning_s
    for _ in range(int(cap + warning_s) + 1):
        clock.advance(1)
        if engine.tick(speaking=True) is Tick.TIMED_OUT:
            break
    assert engine.ended and engine.state.phase is Phase.ENDED


def test_a_silence_without_speech_changes_nothing() -> None:
    engine, _, clock = make("counter-ticket")
    clock.advance(30)
    engine.speech_ended()  # nothing was being said: the clock is not wound back
    clock.advance(30)
    assert engine.tick() is Tick.WARNING


def test_a_hanging_backend_still_fails_while_speech_plays() -> None:
    engine, _, clock = make("counter-ticket")
    engine.choose("card")
    engine.speech_started()
    clock.advance(31)
    assert engine.tick() is Tick.BACKEND_TIMEOUT


def test_no_going_back_from_or_past_an_issued_ticket() -> None:
    engine, _, _ = make("counter-ticket")
    engine.choose("medical")
    assert engine.can_go_back  # nothing issued yet
    engine.task_done(Answer(values={"number": "B001", "ahead": "0", "counter": "6"}))
    assert not engine.can_go_back and engine.back() is False
    engine.advance()
    assert engine.step.id == "rate"
    assert not engine.can_go_back and engine.back() is False
    assert engine.pending_task() is None  # no second ticket asked for
    assert engine.state.effects == ["ticket"]


def test_a_ticket_that_failed_may_be_gone_back_from() -> None:
    engine, _, _ = make("counter-ticket")
    engine.choose("medical")
    engine.task_done(Answer(error=AnswerError.UNAVAILABLE))
    assert engine.can_go_back and engine.back()
    assert engine.step.id == "business"


def test_no_going_back_past_a_printed_document() -> None:
    engine, _, _ = make("contribution-record")
    engine.identify(resident())
    engine.choose("last12")
    engine.task_done(Answer(values={"months": "12"}))
    engine.advance()
    assert engine.step.id == "print" and engine.can_go_back
    engine.print_started()
    engine.print_done(True)
    assert not engine.can_go_back
    engine.advance()
    assert engine.step.id == "rate" and not engine.can_go_back


def test_a_print_skipped_may_be_gone_back_to() -> None:
    engine, _, _ = make("contribution-record")
    engine.identify(resident())
    engine.choose("last12")
    engine.task_done(Answer(values={"months": "12"}))
    engine.advance()
    engine.advance()  # no print
    assert engine.step.id == "rate" and engine.can_go_back
    engine.back()
    assert engine.step.id == "print"


def test_a_change_in_the_residents_name_blocks_the_way_back_after_it() -> None:
    phone, _, _ = make("change-phone")
    phone.identify(resident())
    phone.submit("13800138000")
    phone.submit("13800138000")
    phone.confirm(True)
    phone.task_done(Answer(values={}))
    assert not phone.can_go_back
    phone.advance()
    assert phone.step.id == "rate" and not phone.can_go_back
    pension, _, _ = make("pension-certification")
    pension.advance()
    pension.identify(resident())
    pension.confirm(True)
    pension.task_done(Answer(values={}))
    pension.advance()
    assert pension.step.id == "rate" and not pension.can_go_back


def test_effects_survive_a_takeover_through_json() -> None:
    engine, _, _ = make("counter-ticket")
    engine.choose("medical")
    engine.task_done(Answer(values={"number": "B001"}))
    state = VisitState.from_json(engine.state.to_json())
    assert state.effects == ["ticket"]


def test_reporting_a_card_lost_is_confirmed_from_its_safe_answer() -> None:
    engine, _, _ = make("card-status")
    engine.identify(resident())
    engine.task_done(Answer(values={"card_masked": "A10***001"}))
    engine.advance()
    assert not engine.safe_answer_first  # a choice, not a confirmation
    engine.choose("report")
    assert engine.step.id == "confirm" and engine.safe_answer_first


def test_other_confirmations_start_on_yes() -> None:
    engine, _, _ = make("change-phone")
    engine.identify(resident())
    engine.submit("13800138000")
    engine.submit("13800138000")
    assert engine.step.id == "confirm" and not engine.safe_answer_first
    pension, _, _ = make("pension-certification")
    pension.advance()
    pension.identify(resident())
    assert pension.step.id == "confirm" and not pension.safe_answer_first


def test_the_tick_hears_whether_the_kiosk_speaks() -> None:
    engine, _, clock = make("counter-ticket")
    clock.advance(61)
    assert engine.tick(speaking=True) is None  # the prompt is still being said
    clock.advance(59)
    assert engine.tick(speaking=False) is None  # silent from now: 60 s to go
    clock.advance(60)
    assert engine.tick() is Tick.WARNING
