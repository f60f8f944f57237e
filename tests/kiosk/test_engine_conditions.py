"""Steps entered only when the visit's values say so (``when``, ``unless``, ``otherwise``): a card
already reported lost is told so and never offered the report; the file's mistakes are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.backends.base import Answer
from kiosk.catalog.loader import CatalogueError, load_file
from kiosk.catalog.schema import StepKind
from kiosk.flow.engine import FlowEngine
from kiosk.flow.events import EventKind
from tests.helpers.catalog_files import CHOOSE, COLOURED, info_step, write
from tests.helpers.clock import FakeClock
from tests.helpers.engines import make, resident


def entered(events: list[tuple[str, EventKind, dict[str, object]]]) -> list[object]:
    return [detail["step"] for _, kind, detail in events if kind is EventKind.STEP_ENTERED]


def test_a_card_already_reported_lost_is_told_so_and_not_offered_the_report() -> None:
    engine, sink, _ = make("card-status")
    engine.identify(resident())
    engine.task_done(Answer(values={"card_masked": "A10***001", "card_state": "lost"}))
    engine.advance()
    assert engine.step.id == "already-lost"
    engine.advance()
    assert engine.step.id == "rate"
    assert not {"next", "confirm", "report", "receipt"} & set(entered(sink.events))
    engine.back()  # back goes where the resident was, not to a step passed over
    assert engine.step.id == "already-lost"


def test_a_card_in_use_is_offered_the_report_without_the_lost_card_words() -> None:
    for answer in (Answer(values={"card_state": "normal"}), Answer()):  # a backend without it
        engine, sink, _ = make("card-status")
        engine.identify(resident())
        engine.task_done(answer)
        engine.advance()
        assert engine.step.id == "next"
        assert "already-lost" not in entered(sink.events)
        engine.choose("report")
        assert engine.step.id == "confirm"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            info_step("x", 'when = { "nope" = "1" }'),
            "field 'when.nope': '{nope}' is not given by an earlier",
        ),
        (CHOOSE + info_step("x", 'unless = "red"'), "field 'unless': must be a table like"),
        (CHOOSE + info_step("x", "when = { colour = 3 }"), "field 'when.colour': must be a value"),
        (CHOOSE + info_step("x", 'otherwise = "rate"'), "field 'otherwise': is where to go when"),
        (
            CHOOSE + info_step("x", 'when = { colour = "red" }\notherwise = "pick"'),
            "field 'otherwise': 'pick' is not a later step",
        ),
    ],
)
def test_a_wrong_condition_is_named_by_step_and_field(
    tmp_path: Path, body: str, expected: str
) -> None:
    with pytest.raises(CatalogueError) as err:
        load_file(write(tmp_path, body))
    found = [str(p) for p in err.value.problems]
    assert any(expected in p for p in found), found


def test_the_end_of_a_visit_is_never_passed_over(tmp_path: Path) -> None:
    tail = (
        '\n[[steps]]\nid = "rate"\nkind = "rate"\nwhen = { colour = "red" }\n'
        'title = { zh = "评价", en = "Rate" }\n'
        '\n[[steps]]\nid = "done"\nkind = "done"\ntitle = { zh = "完成", en = "Done" }\n'
    )
    with pytest.raises(CatalogueError) as err:
        load_file(write(tmp_path, CHOOSE, tail=tail))
    assert any("a rate step is never passed over" in str(p) for p in err.value.problems)


def test_a_condition_reads_a_chosen_field_and_goes_where_it_says(tmp_path: Path) -> None:
    service = load_file(write(tmp_path, COLOURED))
    walked = {}
    for colour in ("red", "blue"):
        engine = FlowEngine(service, clock=FakeClock())
        engine.start("zh")
        engine.choose(colour)
        steps = [engine.step.id]
        while engine.step.kind is StepKind.INFO:
            engine.advance()
            steps.append(engine.step.id)
        walked[colour] = steps
    # Red: its own words, past blue's; blue: red's passed over to where it says, past blue's.
    assert walked == {"red": ["for-red", "for-all", "rate"], "blue": ["for-all", "rate"]}
    for_all = service.steps[service.step_index("for-all")]
    assert for_all.due({"colour": "red"}) and not for_all.due({"colour": "grey"})
