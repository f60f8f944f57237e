"""Progress counts the steps the resident goes through: a step a condition passes over is not
counted, nor what a choice jumps over; while what follows is not decided (an answer still to
come, a choice still to make) the total is the most there can be, and says so."""

from __future__ import annotations

from pathlib import Path

from kiosk.assist.requests import context_of
from kiosk.backends.base import Answer
from kiosk.catalog.loader import load_file
from kiosk.flow.engine import FlowEngine
from kiosk.flow.progress import Progress
from kiosk.i18n import t
from tests.helpers.catalog_files import COLOURED, write
from tests.helpers.clock import FakeClock
from tests.helpers.engines import make, resident


def where(engine: FlowEngine) -> tuple[str, int, int, bool]:
    p = engine.progress
    assert (engine.step_number, engine.step_count) == (p.number, p.most)
    return engine.step.id, p.number, p.most, p.decided


def test_a_card_already_lost_counts_only_the_steps_it_goes_through() -> None:
    engine, _, _ = make("card-status")
    # Before the card is looked up: lost (4 steps) or not (up to 7); never the file's 8.
    assert engine.progress == Progress(1, 4, 7)
    engine.identify(resident())
    assert where(engine) == ("status", 2, 7, False)
    engine.task_done(Answer(values={"card_state": "lost"}))
    assert where(engine) == ("status", 2, 4, True)  # decided: told so, then rated
    engine.advance()
    assert where(engine) == ("already-lost", 3, 4, True)
    engine.advance()
    assert where(engine) == ("rate", 4, 4, True)  # the last step is "4 of 4"
    engine.back()
    assert where(engine) == ("already-lost", 3, 4, True)


def test_a_choice_that_jumps_ahead_is_counted_once_made() -> None:
    for option, path in (
        ("report", [("confirm", 4, 7, True)]),
        ("keep", [("rate", 4, 4, True)]),  # straight to rating: four steps in all
    ):
        engine, _, _ = make("card-status")
        engine.identify(resident())
        engine.task_done(Answer(values={"card_state": "normal"}))
        engine.advance()
        assert where(engine) == ("next", 3, 7, False)  # the choice is still to make
        engine.choose(option)
        assert [where(engine)] == path


def test_a_condition_on_a_choice_counts_the_steps_of_each_answer(tmp_path: Path) -> None:
    service = load_file(write(tmp_path, COLOURED))
    engine = FlowEngine(service, clock=FakeClock())
    engine.start("zh")
    # red: pick, for-red, for-all, rate; blue: pick, for-all, rate (for-blue passed over too)
    assert engine.progress == Progress(1, 3, 4)
    engine.choose("red")
    assert where(engine) == ("for-red", 2, 4, True)
    engine.back()
    engine.choose("blue")
    assert where(engine) == ("for-all", 2, 3, True)
    engine.advance()
    assert where(engine) == ("rate", 3, 3, True)


def test_a_service_without_conditions_counts_every_step() -> None:
    engine, _, _ = make("contribution-record")
    assert engine.progress == Progress(1, 5, 5)


def test_the_words_say_the_most_while_it_is_not_decided() -> None:
    assert t("step.progress_most", "zh", n=1, total=7) == "第 1 步，最多 7 步"
    assert t("step.progress_most", "en", n=1, total=7) == "Step 1 of up to 7"


def test_a_helper_s_call_says_whether_the_steps_are_counted_or_only_their_most() -> None:
    """The call carries the count, and whether it is known or only the most there can be (the
    hall's board says "第 1 步，最多 7 步", not "1/7")."""
    card, _, _ = make("card-status")
    assert {k: context_of(card)[k] for k in ("step_number", "step_count", "step_count_known")} == {
        "step_number": 1,
        "step_count": 7,
        "step_count_known": False,
    }
    certificate, _, _ = make("insurance-certificate")
    assert context_of(certificate)["step_count_known"] is True
