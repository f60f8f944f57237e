"""The human path in the kiosk window: the resident's call and a helper's takeover.

``HelpDesk`` holds all of the kiosk's help state (the call, its delivery and status, the PIN pad,
the takeover) and owns the kiosk-side staff widgets of ui/assist for one window:

- a call marks the visit through the session, is delivered within
  ``[assist] delivery_timeout_s`` on a worker; then the help strip follows it (told, how long
  ago, who is coming, after T2 a counter ticket and the hotline), or, undelivered, shows where
  to find a person with a locally made ticket;
- the labelled staff control opens the PIN pad beside the task (scans go to the pad while it
  is open); a sign-in begins a ``Takeover``: the visit pauses, the assisted banner shows on
  every screen, and the actions panel does the helper's work, each action audited and run
  through the session (``VisitSession.staff_action``), the visit's only writer.

The window places the widgets (``entry``, ``banner``, ``strip``, ``side``) and redraws on
``changed``; it speaks ``speak`` and leaves kiosk mode on ``leave_kiosk``.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kiosk import identity
from kiosk.assist import delivery
from kiosk.assist.delivery import Delivery
from kiosk.assist.vocabulary import sign_in_refusal
from kiosk.catalog.schema import StepKind
from kiosk.i18n import t
from kiosk.text import Lang
from ui.assist.actions import StaffActionsPanel
from ui.assist.entry import AssistedBanner, StaffEntryButton
from ui.assist.pinpad import PinPadPanel
from ui.assist.strip import HelpStatusStrip
from ui.assist.style import apply_theme
from ui.theme import Look

if TYPE_CHECKING:
    from kiosk.assist.takeover import Takeover
    from kiosk.assist.vocabulary import HelpStatus, StaffInfo
    from kiosk.backends.base import Answer
    from kiosk.flow.engine import FlowEngine
    from kiosk.identity import Resident
    from ui.bridge import Bridge
    from ui.kiosk.session import VisitSession

log = logging.getLogger(__name__)

# Actions that need a visit in progress; leaving kiosk mode and switching a device off do not.
VISIT_ACTIONS = ("identity", "redo", "skip", "reprint", "end")


class HelpDesk(QObject):
    changed = Signal()  # draw the window again (a call's answer, a panel, a takeover)
    speak = Signal(str)  # say this (what the help strip announces, the assisted banner)
    leave_kiosk = Signal(str)  # a helper asked to leave kiosk mode, with this reason

    def __init__(
        self,
        parent: QWidget,
        session: VisitSession,
        bridge: Bridge,
        *,
        help_clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.bridge = bridge
        # The last call's delivery this visit: "" (none), "sent" or "failed".
        self.help_status = ""
        self._call_waiting = False  # pressed before the store was open: made once it is
        # The helper's last touch or key: staff powers end after [assist] staff_idle_s without.
        self._staff_seen = help_clock()
        self.help_clock = help_clock  # HelpWatch's clock: tests move it past T2
        self.lang: Lang = "zh"
        self.entry = StaffEntryButton(parent)
        self.entry.setObjectName("staff.entry")
        self.entry.clicked.connect(self._entry_pressed)
        self.banner = AssistedBanner(parent)
        self.strip = HelpStatusStrip(parent=parent)
        self.strip.announce.connect(self.speak.emit)
        self.strip.take_ticket.connect(self._take_ticket)
        self.strip.counter_offered.connect(self._counter_offered)
        self.strip.cancelled.connect(self._call_cancelled)
        self.pad: PinPadPanel | None = None
        self.pad_open = False
        self.actions: StaffActionsPanel | None = None
        # Portrait: the actions panel takes the task's place; the helper may look at the
        # resident's screen instead (the staff control then brings the actions back).
        self.actions_hidden = False
        self.takeover: Takeover | None = None
        self.request_id: int | None = None
        self.staff: StaffInfo | None = None

    # -- what the window places -------------------------------------------------------------

    @property
    def side(self) -> QWidget | None:
        """The panel beside the task: the PIN pad while signing in, then the actions."""
        if self.pad_open and self.pad is not None:
            return self.pad
        return None if self.actions_hidden else self.actions

    @property
    def portrait(self) -> bool:
        return bool(getattr(self.parent(), "portrait", False))

    @property
    def entry_shown(self) -> bool:
        """The staff control: to sign in, or (portrait, during a takeover, the resident's
        screen shown) to bring the helper's actions back."""
        if self.pad_open:
            return False
        return self.takeover is None or self.actions_hidden

    @property
    def following(self) -> bool:
        """A call is open and its status shown."""
        return self.strip.watch is not None

    def restyle(self, look: Look, lang: Lang) -> None:
        """The resident-facing parts in the window's look and language."""
        self.lang = lang
        theme = look.theme
        self.strip.set_look(look, lang)
        back = self.takeover is not None and self.actions_hidden
        words = t("staff.entry_actions" if back else "staff.entry", lang)
        self.entry.setText(words)
        self.entry.setAccessibleName(words)
        self.entry.setAccessibleDescription(
            t("staff.entry_actions_about" if back else "staff.entry_about", lang)
        )
        side = max(look.mm(16), round(look.body_px * 2.2))
        # Discreet by its place and colours, not by small type: capitals as tall as the body's.
        # A sign-in, not a second "call staff": its own words, a dashed outline on the bar's
        # colour, never the call's filled look.
        self.entry.setStyleSheet(
            f"QPushButton {{ font-size: {look.body_px}px; font-weight: bold;"
            f" color: {theme.text}; background: {theme.muted_bg};"
            f" border: {look.border_px}px dashed {theme.border}; border-radius: 8px;"
            f" min-width: {side}px; min-height: {side}px; padding: 0 {look.mm(2)}px; }}"
            f" QPushButton:focus {{ border: {look.border_px * 2}px solid {theme.focus}; }}"
        )
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
        self.entry.setVisible(self.entry_shown)
        self._enable_actions()

    def _banner_words(self, staff: StaffInfo) -> None:
        words = t("staff.banner", self.lang, name=staff.name, no=staff.staff_no)
        self.banner.show_staff(staff)
        self.banner.setText(words)
        self.banner.setAccessibleName(words)

    # -- the resident's call ------------------------------------------------------------------

    def call(self) -> None:
        """Call staff; a call already open is not raised twice, its status is said again."""
        if self.following and self.strip.words:
            self.speak.emit(self.strip.words)
            return
        if not self.session.ready:  # a press in the first second, while the store opens
            self._call_waiting = True
            return
        snapshot = self.session.mark_help("resident")
        engine = self.session.engine
        reference = engine.state.reference if engine else uuid.uuid4().hex[:8].upper()
        api = self.session.api
        timeout = api.settings.assist.delivery_timeout_s

        def attempt() -> Delivery:  # a worker: the resident carries on meanwhile
            return delivery.deliver(lambda: api.send_help(snapshot, "resident"), timeout)

        def failed(error: BaseException) -> None:
            log.error("help request not recorded", exc_info=error)
            self._delivered(Delivery(None, False, type(error).__name__), reference)

        self.bridge.run(attempt, on_done=lambda r: self._delivered(r, reference), on_error=failed)

    def api_ready(self) -> None:
        """The store is open: a call pressed meanwhile is made now."""
        if self._call_waiting:
            self._call_waiting = False
            self.call()

    def _delivered(self, result: Delivery, reference: str) -> None:
        if not result.delivered:
            log.error("help request not delivered in time (%s)", result.error)
        self.help_status = "sent" if result.delivered else "failed"
        api = self.session.api
        hotline = api.settings.kiosk.hotline
        if result.delivered and result.request_id is not None:
            self.request_id = result.request_id
            self.strip.follow(api.help_watch(result.request_id, self.help_clock))
        else:
            ticket = delivery.local_ticket(reference)
            self.strip.show_undelivered(delivery.fallback_text(hotline, ticket, self.lang))
        self.changed.emit()

    def _counter_offered(self, _status: HelpStatus) -> None:
        engine = self.session.engine
        if engine is None or engine.ended:
            self.strip.ticket_button.hide()  # from home: the hotline and the counters only

    def _take_ticket(self) -> None:
        if self.session.engine is None or self.session.engine.ended:
            return
        self.strip.ticket_button.setEnabled(False)
        self.session.take_counter_ticket(on_ready=self._ticket_ready)

    def _ticket_ready(self, answer: Answer) -> None:
        if not answer.ok:
            self.strip.ticket_button.setEnabled(True)
            return
        words = t(
            "help.ticket_taken",
            self.lang,
            number=answer.values.get("number", ""),
            counter=answer.values.get("counter", ""),
        )
        self.strip.show_note(words)

    def _call_cancelled(self) -> None:
        self.request_id = None
        self.speak.emit(t("help.cancelled", self.lang))
        self.changed.emit()

    # -- a helper at the kiosk ------------------------------------------------------------------

    def _entry_pressed(self) -> None:
        if self.takeover is not None and self.actions_hidden:
            self.show_actions()
        else:
            self.open_pad()

    def show_actions(self) -> None:
        """Portrait: the helper's actions in the task's place again."""
        self.actions_hidden = False
        self.changed.emit()

    def show_task(self) -> None:
        """Portrait: the resident's screen in the actions' place, for the helper to use."""
        if self.actions is not None:
            self.actions_hidden = True
            self.changed.emit()

    def open_pad(self) -> None:
        if self.takeover is not None or self.pad_open:
            return
        api = self.session.api
        if self.pad is None:
            self.pad = PinPadPanel(api.staff, api.kiosk_id)
            self.pad.signed_in.connect(self._signed_in)
            self.pad.cancelled.connect(self._pad_closed)
        self.pad.reset()
        self.pad_open = True
        self._staff_seen = self.help_clock()
        self.session.identity.route_scans(self.pad.badge_scanned)
        self.changed.emit()

    def _pad_closed(self) -> None:
        self.pad_open = False
        self.session.identity.route_scans(None)
        self.changed.emit()

    def _signed_in(self, info: StaffInfo) -> None:
        self.pad_open = False
        self.session.identity.route_scans(None)
        api = self.session.api
        engine = self.session.engine if self._live() else None
        takeover = api.takeover(info, engine, self.request_id)
        self.session.staff_action(takeover.begin)
        log.info("staff %s took over at kiosk %s", info.label, api.kiosk_id)
        self.takeover, self.staff = takeover, info
        self._staff_seen = self.help_clock()
        self.strip.stop()  # the banner says who is helping; the call is the takeover's now
        self._banner_words(info)
        portrait = self.portrait
        panel = StaffActionsPanel(
            takeover, self._resident, columns=4 if portrait else 2, task_button=portrait
        )
        panel.show_task.connect(self.show_task)
        self.actions_hidden = False
        panel.perform = self.session.staff_action
        panel.check_pin = self._check_pin
        panel.reprint_requested.connect(self._reprint)
        panel.device_switched_off.connect(self._switched_off)
        panel.leave_kiosk_requested.connect(self.leave_kiosk.emit)
        panel.handed_back.connect(self._handed_back)
        self.actions = panel
        self.changed.emit()
        self.speak.emit(self.banner.text())

    # -- staff powers that expire ----------------------------------------------------------------

    def activity(self) -> None:
        """A touch or a key at the kiosk (while a helper is signed in, it is theirs)."""
        self._staff_seen = self.help_clock()

    def tick(self) -> None:
        """Once a second: a sign-in left idle (the helper walked away) ends by itself."""
        if self.takeover is None and not self.pad_open:
            return
        idle_s = self.session.api.settings.assist.staff_idle_s
        if self.help_clock() - self._staff_seen >= idle_s:
            self.sign_out("idle")

    def sign_out(self, why: str) -> None:
        """Staff powers end (audited); the resident's visit carries on where it stands, or
        home shows. A half-typed PIN is dropped."""
        if self.pad_open:
            self._pad_closed()
        takeover = self.takeover
        if takeover is None:
            return
        log.warning("staff %s signed out at the kiosk: %s", takeover.staff.label, why)
        self.session.staff_action(lambda: takeover.sign_out(why))
        self._close_takeover()
        self.speak.emit(t("staff.signed_out_idle", self.lang))

    def _check_pin(self, pin: str, then: Callable[[], None]) -> None:
        """A grave action waits for the helper's PIN again, checked on a worker."""
        panel, staff = self.actions, self.staff
        if panel is None or staff is None:
            return
        api = self.session.api

        def checked(_: object) -> None:
            if self.actions is panel:
                then()

        def refused(error: BaseException) -> None:
            if self.actions is panel:
                panel.message.setText(sign_in_refusal(error, self.lang))

        self.bridge.run(
            api.staff.confirm_pin, staff, pin, api.kiosk_id, on_done=checked, on_error=refused
        )

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
        """A new visit: no call of its own yet. A helper signed in at home who started a
        service assists that visit too."""
        self.help_status = ""
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
        self.changed.emit()

    def _handed_back(self) -> None:
        self._close_takeover()
        self.speak.emit(t("staff.handed_back", self.lang))

    def _close_takeover(self) -> None:
        panel, self.actions = self.actions, None
        if panel is not None:
            panel.hide()
            panel.deleteLater()
        self.takeover, self.staff = None, None
        self.actions_hidden = False
        self.request_id = None
        self.banner.clear()
        self.strip.stop()
        self.changed.emit()

    def visit_ended(self, outcome: str) -> None:
        """The visit is over (finished, timed out, ended): the call and the takeover with it."""
        self.help_status = ""
        takeover = self.takeover
        if takeover is not None:
            if takeover.active:  # the helper finished it: recorded, the call resolved
                takeover.note("visit_finished", outcome=outcome)
                self.session.staff_action(takeover.hand_back)
            self._close_takeover()
        elif self.following or self.strip.isVisible():
            self.strip.stop()
            self.request_id = None

    def reset_visit_parts(self) -> None:
        """Drop a half-typed sign-in too when the window goes home."""
        if self.pad_open:
            self._pad_closed()

    def shutdown(self) -> None:
        if self.pad_open:
            self.session.identity.route_scans(None)
        self.strip.shutdown()
        if self.pad is not None:
            self.pad.shutdown()
