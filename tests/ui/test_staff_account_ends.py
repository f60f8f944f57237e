"""A helper signed in at the kiosk whose account is disabled, or whose PIN is reset, elsewhere
loses the kiosk at once: at the next action (which is not done) or within a few seconds when
nothing is done. The resident's visit carries on where it stands, the call waits for a person
again, and the end is audited with its reason, as when the helper walks away."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kiosk.api.kiosk import KioskApi
from kiosk.assist import audit, staff
from kiosk.assist.vocabulary import StaffInfo
from tests.helpers.help_calls import desk_of
from tests.helpers.staff import PIN, call_staff, sign_in
from tests.ui.conftest import Clock
from ui.kiosk.window import KioskWindow
from ui.speech.port import RecordingVoice
from ui.tour.autopilot import Autopilot

FEW_SECONDS = 5.0  # how soon a helper left alone loses the kiosk after the account changed


@pytest.fixture
def wang(core: KioskApi) -> StaffInfo:
    return staff.add_staff(core.store.sessions, "1024", "王芳", PIN)


def change_account(core: KioskApi, change: str) -> None:
    """What `kiosk staff disable` or `kiosk staff reset-pin` does, from another machine."""
    if change == "account_disabled":
        staff.disable(core.store.sessions, "1024")
    else:
        staff.reset_pin(core.store.sessions, "1024", "1357")


def assert_signed_out_and_the_visit_carries_on(
    qtbot: QtBot,
    kiosk: KioskWindow,
    voice: RecordingVoice,
    core: KioskApi,
    request_id: int | None,
    reason: str,
) -> None:
    desk = desk_of(kiosk)
    qtbot.waitUntil(lambda: desk.helper.takeover is None, timeout=5000)
    assert desk.helper.actions is None and not desk.banner.isVisible()
    engine = kiosk.visit.engine
    assert engine is not None and not engine.ended and not engine.state.assisted_by
    assert "工作人员已退出" in voice.last
    assert core.flush(5)
    out = audit.entries(core.store.sessions, action="staff_sign_out")
    assert [r.detail["reason"] for r in out] == [reason]
    assert request_id is not None  # the resident called for help
    view = core.help.call(request_id)
    assert view is not None and view.status == "requested"  # waiting for a person again


@pytest.mark.parametrize("change", ["account_disabled", "pin_changed"])
def test_an_idle_sign_in_ends_within_seconds_of_the_account_changing(
    qtbot: QtBot,
    kiosk: KioskWindow,
    pilot: Autopilot,
    voice: RecordingVoice,
    core: KioskApi,
    wang: StaffInfo,
    change: str,
) -> None:
    clock = Clock()
    desk = desk_of(kiosk)
    desk.help_clock = clock
    desk = call_staff(qtbot, kiosk, pilot)
    sign_in(qtbot, kiosk)
    clock.now += FEW_SECONDS  # nothing changed yet: the helper stays
    kiosk.visits.tick()
    pilot.settle()
    assert desk.helper.takeover is not None
    change_account(core, change)
    clock.now += FEW_SECONDS  # the helper touched nothing: well within the idle limit
    assert core.settings.assist.staff_idle_s > 2 * FEW_SECONDS
    kiosk.visits.tick()
    assert_signed_out_and_the_visit_carries_on(qtbot, kiosk, voice, core, desk.request_id, change)


@pytest.mark.parametrize("change", ["account_disabled", "pin_changed"])
def test_the_next_action_after_the_account_changed_is_not_done_and_signs_out(
    qtbot: QtBot,
    kiosk: KioskWindow,
    pilot: Autopilot,
    voice: RecordingVoice,
    core: KioskApi,
    wang: StaffInfo,
    change: str,
) -> None:
    desk = call_staff(qtbot, kiosk, pilot)
    request_id = desk.request_id
    panel = sign_in(qtbot, kiosk)
    engine = kiosk.visit.engine
    assert engine is not None
    step = engine.step.id
    change_account(core, change)
    panel.reason.setCurrentText("居民要求")
    panel.buttons["skip"].click()
    assert_signed_out_and_the_visit_carries_on(qtbot, kiosk, voice, core, request_id, change)
    assert kiosk.visit.engine is engine and engine.step.id == step  # the skip was not done
    actions = [r.action for r in audit.entries(core.store.sessions)]
    assert "skip_step" not in actions


def test_an_action_behind_the_pin_signs_out_rather_than_asking_again(
    qtbot: QtBot,
    kiosk: KioskWindow,
    pilot: Autopilot,
    voice: RecordingVoice,
    core: KioskApi,
    wang: StaffInfo,
) -> None:
    desk = call_staff(qtbot, kiosk, pilot)
    panel = sign_in(qtbot, kiosk)
    change_account(core, "account_disabled")
    panel.reason.setCurrentText("已人工核对证件")
    panel.id_number.setText(core.demo_resident("card-status")[1])
    panel.pin.setText(PIN)  # the PIN she signed in with; the account is disabled since
    panel.buttons["identity"].click()
    assert_signed_out_and_the_visit_carries_on(
        qtbot, kiosk, voice, core, desk.request_id, "account_disabled"
    )
    engine = kiosk.visit.engine
    assert engine is not None and engine.state.resident is None
