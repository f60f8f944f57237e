"""Where a resident was when they called, as the staff read it on the hall board and the
console: a call from a visit's finished screen says the visit was done (its last screen is not
a step, and no step's number is given), a call in the middle of one its step's place."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.api.kiosk import KioskApi
from kiosk.assist.views import RequestView, Snapshot, request_view
from kiosk.catalog.kinds import StepKind
from kiosk.config import load_settings
from kiosk.flow.engine import FlowEngine
from tests.helpers.visits import contribution_record_at_print
from ui.console import words as console_words
from ui.web import words
from ui.web.context import templates

AT_THE_END = "已办理完成，在结束页"


@pytest.fixture
def core(tmp_path: Path) -> Iterator[KioskApi]:
    settings = load_settings(overrides={"paths.data_dir": str(tmp_path)}, environ={})
    with KioskApi.open(settings) as core:
        yield core


def called(core: KioskApi, engine: FlowEngine) -> RequestView:
    """The resident presses 呼叫工作人员 where the visit stands: the call as the staff read it."""
    view = request_view(core.store.sessions, core.request_help(engine))
    assert view is not None
    return view


def board_where(core: KioskApi, view: RequestView) -> str:
    """The call's "where" line on the hall board's card."""
    snapshot = Snapshot((view,), (), dt.datetime.now(dt.UTC))
    html = (
        templates(core.catalogue)
        .get_template("board.html")
        .render(board=snapshot, csrf="x", staff=None, summary="", resolutions=())
    )
    found = re.search(r'<p class="where">(.*?)</p>', html)
    assert found is not None, html
    return found.group(1)


def finished(core: KioskApi) -> FlowEngine:
    """A contribution record printed and rated: the visit's finished screen."""
    engine = contribution_record_at_print(core)
    engine.advance()
    engine.rate("very_satisfied", "")
    assert engine.step.kind is StepKind.DONE and engine.ended
    return engine


def test_a_call_from_the_finished_screen_says_the_visit_was_at_its_end(core: KioskApi) -> None:
    view = called(core, finished(core))
    assert view.service_id == "contribution-record"  # the visit's, not "not in a visit"
    assert view.context.get("at_end") is True and "step_number" not in view.context
    service, step = words.titles(core.catalogue, view.service_id, view.step)
    shown = board_where(core, view)
    assert shown == f"{service} · {AT_THE_END}" and "第" not in shown
    # The console's card says it in the same words (its vocabulary is the board's).
    assert console_words.where(service, step, view.context) == shown


def test_a_call_in_the_middle_of_a_visit_says_its_steps_place(core: KioskApi) -> None:
    engine = contribution_record_at_print(core)
    view = called(core, engine)
    service, step = words.titles(core.catalogue, view.service_id, view.step)
    number, count = engine.step_number, engine.step_count
    assert board_where(core, view) == f"{service} · 第 {number}/{count} 步 · {step}"
    assert AT_THE_END not in board_where(core, view)
