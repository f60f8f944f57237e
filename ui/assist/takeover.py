"""A helper at the kiosk: the PIN pad, the sign-in, the takeover and its actions panel.

The staff control (``HelpDesk.entry``) opens the PIN pad beside the task; scans go to the pad
while it is open. A sign-in begins a ``Takeover`` (kiosk.assist.takeover): the visit pauses,
the assisted banner shows on every screen, and the actions panel does the helper's work, each
action audited and run through the session (``VisitSession.staff_action``), the visit's only
writer. Staff powers end by themselves after ``[assist] staff_idle_s`` without a touch, and
as soon as the account is disabled or its PIN changed (as a web session does): the account is
read again before every action and every few seconds, on a worker.

``HelperAtKiosk`` is a part of the help desk (ui.assist.desk.HelpDesk), which holds all help
state and owns this part: it redraws and speaks through the desk's signals, and the call it
takes over is the desk's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from kiosk import identity
from kiosk.assist.vocabulary import SessionEnded, sign_in_refusal
from kiosk.catalog.schema import StepKind
from kiosk.i18n import t
from ui.assist.actions import StaffActionsPanel
from ui.assist.pinpad import PinPadPanel
from ui.assist.style import apply_theme
from ui.theme import Look

if TYPE_CHECKING:
    from kiosk.assist.takeover import Takeover
    from kiosk.assist.vocabulary import StaffInfo
    from kiosk.flow.engine import FlowEngine
    from kiosk.identity import Resident
    from kiosk.text import Lang
    from ui.assist.desk import HelpDesk
    from ui.assist.entry import AssistedBanner

log = logging.getLogger(__name__)

# Actions that need a visit in progress; leaving kiosk mode and switching a device off do not.
VISIT_ACTIONS = ("identity", "redo", "skip", "reprint", "end")
# How often a signed-in helper's account is read again while nothing is done (one indexed read):
# a helper disabled or whose PIN was reset elsewhere loses the kiosk within this.
ACCOUNT_CHECK_S = 5.0


class HelperAtKiosk:
    def __init__(self, desk: HelpDesk, banner: AssistedBanner) -> None:
        self.desk, self.session, self.banner = desk, desk.session, banner
        self.pad: PinPadPanel | None = None
        self.pad_open = False
        self.actions: StaffActionsPanel | None = None
        # Portrait: the actions panel takes the task's place; the helper may look at the
        # resident's screen instead (the staff control then brings the actions back).
        self.actions_hidden = False
        self.takeover: Takeover | None = None
        self.staff: StaffInfo | None = None
        # The helper's last touch or key: staff powers end after [assist] staff_idle_s without.
        self._seen = desk.help_clock()
        self._account_read = self._seen  # when the account was last read again

    @property
    def side(self) -> QWidget | None:
        """The panel beside the task: the PIN pad while signing in, then the actions."""
        if self.pad_open and self.pad is not None:
            return self.pad
        return None if self.actions_hidden else self.actions

    @property
    def back_to_actions(self) -> bool:
        """Portrait, during a takeover, the resident's screen shown: the staff control brings
        the helper's actions back."""
        return self.takeover is not None and self.actions_hidden

    def restyle(self, look: Look, lang: Lang) -> None:
        theme = look.theme
        self.banner.setStyleSheet(
            f"QLabel {{ background: {theme.staff_bg}; color: {theme.staff_text};"
            f" font-size: {look.body_px}px; font-weight: bold;"
            f" padding: {look.mm(2)}px {look.mm(4)}px; }}"
        )
        if self.staff is not None:
            self._banner_words(self.staff)
        for panel in (self.pad, self.actions):
            if panel is not None and getattr(panel, "styled_as", None) != (theme, lang):
                apply_theme(panel, theme)  # every colour from the resident's theme
                panel.set_language(lang)  # and the session's language
                panel.styled_as = (theme, lang)
        self._enable_actions()

    def _banner_words(self, staff: StaffInfo) -> None:
        words = t("staff.banner", self.desk.lang, name=staff.name, no=staff.staff_no)
        self.banner.show_staff(staff)
        self.banner.setText(words)
        self.banner.setAccessibleName(words)

    # -- signing in -----------------------------------------------------------------------------

    def entry_pressed(self) -> None:
        if self.back_to_actions:
            self.show_actions()
        else:
            self.open_pad()

    def show_actions(self) -> None:
        """Portrait: the helper's actions in the task's place again."""
        self.actions_hidden = False
        self.desk.changed.emit()

    def show_task(self) -> None:
        """Portrait: the resident's screen in the actions' place, for the helper to use."""
        if self.actions is not None:
            self.actions_hidden = True
            self.desk.changed.emit()

    def open_pad(self) -> None:
        if self.takeover is not None or self.pad_open:
            return
        api = self.session.api
        if self.pad is None:
            self.pad = PinPadPanel(api.staff, api.kiosk_id)
            self.pad.signed_in.connect(self._signed_in)
            self.pad.cancelled.connect(self.close_pad)
        self.pad.reset()
        self.pad_open = True
        self._seen = self.desk.help_clock()
        self.session.identity.route_scans(self.pad.badge_scanned)
        self.desk.changed.emit()

    def close_pad(self) -> None:
        """A half-typed sign-in is dropped."""
        if not self.pad_open:
            return
        self.pad_open = False
        self.session.identity.route_scans(None)
        self.desk.changed.emit()

    def _signed_in(self, info: StaffInfo) -> None:
        self.pad_open = False
        self.session.identity.route_scans(None)
        api = self.session.api
        engine = self.session.engine if self._live() else None
        takeover = api.takeover(info, engine, self.desk.request_id)
        self.session.staff_action(takeover.begin)
        log.info("staff %s took over at kiosk %s", info.label, api.kiosk_id)
        self.takeover, self.staff = takeover, info
        self._seen = self._account_read = self.desk.help_clock()
        self.desk.strip.stop()  # the banner says who is helping; the call is the takeover's now
        self._banner_words(info)
        portrait = self.desk.portrait
        panel = StaffActionsPanel(
            takeover, self._resident, columns=4 if portrait else 2, task_button=portrait
        )
        panel.show_task.connect(self.show_task)
        self.actions_hidden = False
        panel.perform = self.session.staff_action
        panel.check_pin = self._check_pin
        panel.gate = self.check_account
        panel.reprint_requested.connect(self._reprint)
        panel.device_switched_off.connect(self._switched_off)
        panel.leave_kiosk_requested.connect(self.desk.leave_kiosk)
        panel.handed_back.connect(self._handed_back)
        self.actions = panel
        self.desk.changed.emit()
        self.desk.speak.emit(self.banner.text())

    # -- staff powers that expire ----------------------------------------------------------------

    def activity(self) -> None:
        """A touch or a key at the kiosk (while a helper is signed in, it is theirs)."""
        self._seen = self.desk.help_clock()

    def tick(self) -> None:
        """Once a second: a sign-in left idle (the helper walked away) ends by itself; every
        few seconds the helper's account is read again."""
        if self.takeover is None and not self.pad_open:
            return
        now = self.desk.help_clock()
        idle_s = self.session.api.settings.assist.staff_idle_s
        if now - self._seen >= idle_s:
            self.sign_out("idle")
        elif self.takeover is not None and now - self._account_read >= ACCOUNT_CHECK_S:
            self._account_read = now
            self.check_account(lambda: None)

    def check_account(self, then: Callable[[], None]) -> None:
        """The helper's account read again on a worker: ``then`` runs while the sign-in stands;
        disabled or its PIN changed since, the helper is signed out instead (audited with the
        reason). A store that does not answer lets the helper carry on, as the web does."""
        takeover = self.takeover
        if takeover is None:
            return

        def read(reason: str | None) -> None:
            if self.takeover is not takeover:
                return
            if reason is None:
                then()
            else:
                self.sign_out(reason)

        def unread(error: BaseException) -> None:
            log.warning("the account of %s was not read again: %s", takeover.staff.label, error)
            if self.takeover is takeover:
                then()

        staff = self.session.api.staff
        self.desk.bridge.run(staff.ended, takeover.staff, on_done=read, on_error=unread)

    def sign_out(self, why: str) -> None:
        """Staff powers end (audited); the resident's visit carries on where it stands, or
        home shows. A half-typed PIN is dropped."""
        self.close_pad()
        takeover = self.takeover
        if takeover is None:
            return
        log.warning("staff %s signed out at the kiosk: %s", takeover.staff.label, why)
        self.session.staff_action(lambda: takeover.sign_out(why))
        self._close_takeover()
        self.desk.speak.emit(t("staff.signed_out_idle", self.desk.lang))

    def _check_pin(self, pin: str, then: Callable[[], None]) -> None:
        """A grave action waits for the helper's PIN again, checked on a worker."""
        panel, staff = self.actions, self.staff
        if panel is None or staff is None:
            return
        api = self.session.api

        def confirm() -> None:
            api.staff.check(staff)  # a sign-in that no longer stands is not asked for a PIN
            api.staff.confirm_pin(staff, pin, api.kiosk_id)

        def checked(_: object) -> None:
            if self.actions is panel:
                then()

        def refused(error: BaseException) -> None:
            if self.actions is not panel:
                return
            if isinstance(error, SessionEnded):
                self.sign_out(error.reason)
            else:
                panel.tell(sign_in_refusal(error, self.desk.lang))

        self.desk.bridge.run(confirm, on_done=checked, on_error=refused)

    # -- the helper's actions ---------------------------------------------------------------------

    def _live(self) -> bool:
        engine = self.session.engine
        return engine is not None and not engine.ended

    def _resident(self, number: str) -> Resident:
        problem = identity.validate(number)
        if problem is not None:
            raise ValueError(f"身份证号不对（{problem.value}）")
        return self.session.api.resident_from_number(number, "staff")

    def _enable_actions(self) -> None:
        panel = self.actions
        if panel is None:
            return
        engine = self.session.engine
        live = engine is not None and not engine.ended
        for key in VISIT_ACTIONS:
            panel.buttons[key].setEnabled(live)
        if engine is not None and live:
            kind = engine.step.kind
            panel.buttons["identity"].setEnabled(kind is StepKind.IDENTIFY)
            panel.buttons["skip"].setEnabled(kind is not StepKind.DONE)
            panel.buttons["reprint"].setEnabled(kind is StepKind.PRINT)

    def visit_started(self, engine: FlowEngine) -> None:
        """A helper signed in at home who started a service assists that visit too."""
        takeover = self.takeover
        if takeover is not None and takeover.engine is not engine:
            self.session.staff_action(lambda: takeover.assist_visit(engine))

    def _reprint(self) -> None:
        engine = self.session.engine
        if engine is not None and not engine.ended and engine.step.kind is StepKind.PRINT:
            self.session.print_now()

    def _switched_off(self, device: str) -> None:
        log.warning("staff switched off the %s of this kiosk", device)
        self.session.switch_off(device)
        self.desk.changed.emit()

    def _handed_back(self) -> None:
        self._close_takeover()
        self.desk.speak.emit(t("staff.handed_back", self.desk.lang))

    def _close_takeover(self) -> None:
        panel, self.actions = self.actions, None
        if panel is not None:
            panel.hide()
            panel.deleteLater()
        self.takeover, self.staff = None, None
        self.actions_hidden = False
        self.banner.clear()
        self.desk.forget_call()
        self.desk.changed.emit()

    def visit_ended(self, outcome: str) -> bool:
        """The visit is over: the takeover with it (True if there was one)."""
        takeover = self.takeover
        if takeover is None:
            return False
        if takeover.active:  # the helper finished it: recorded, the call resolved
            takeover.note("visit_finished", outcome=outcome)
            self.session.staff_action(takeover.hand_back)
        self._close_takeover()
        return True

    def shutdown(self) -> None:
        if self.pad_open:
            self.session.identity.route_scans(None)
        if self.pad is not None:
            self.pad.shutdown()
