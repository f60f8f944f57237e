"""The human path in the kiosk window: the resident's call, and a helper's takeover.

``HelpDesk`` holds all of the kiosk's help state and owns the kiosk-side staff widgets of
ui/assist for one window:

- a call marks the visit through the session, is delivered within
  ``[assist] delivery_timeout_s`` on a worker; then the help strip follows it (told, how long
  ago, who is coming, after T2 a counter ticket and the hotline), or, undelivered, shows where
  to find a person with a locally made ticket;
- the labelled staff control opens the PIN pad beside the task; a sign-in begins a takeover.
  That part is ``helper`` (ui.assist.takeover.HelperAtKiosk): the pad, the takeover, the
  actions panel and staff powers that expire.

The window places the widgets (``entry``, ``banner``, ``strip``, ``side``) and redraws on
``changed``; it speaks ``speak`` and leaves kiosk mode on ``leave_kiosk``.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from kiosk.assist import delivery
from kiosk.assist.delivery import Delivery
from kiosk.flow.state import Outcome
from kiosk.i18n import t, ticket_unprinted
from kiosk.speech.codes import code
from kiosk.text import Lang
from ui.assist.entry import AssistedBanner, StaffEntryButton
from ui.assist.strip import HelpStatusStrip
from ui.assist.takeover import HelperAtKiosk
from ui.theme import Look

if TYPE_CHECKING:
    from kiosk.assist.vocabulary import HelpStatus
    from kiosk.backends.base import Answer
    from kiosk.flow.engine import FlowEngine
    from ui.bridge import Bridge
    from ui.kiosk.session import VisitSession

log = logging.getLogger(__name__)


class HelpDesk(QObject):
    CALLING_SAID_AFTER_MS = 400  # under this, a press is answered by its outcome alone

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
        self.help_clock = help_clock  # HelpWatch's clock: tests move it past T2
        self.lang: Lang = "zh"
        self._ticket_number = ""  # of the counter ticket taken from the strip, for its paper
        self.banner = AssistedBanner(parent)
        self.request_id: int | None = None
        self.helper = HelperAtKiosk(self, self.banner)  # the PIN pad, a takeover
        self.entry = StaffEntryButton(parent)
        self.entry.setObjectName("staff.entry")
        self.entry.clicked.connect(self.helper.entry_pressed)
        self.strip = HelpStatusStrip(parent=parent)
        self.strip.announce.connect(self.speak)
        self.strip.take_ticket.connect(self._take_ticket)
        self.strip.counter_offered.connect(self._counter_offered)
        self.strip.cancelled.connect(self._call_cancelled)
        self.strip.in_visit = self._in_visit
        # A call on its way to the store: said to be under way if the store has not taken
        # it within CALLING_SAID_AFTER_MS (a store away takes delivery_timeout_s to give up);
        # a quick delivery says only its outcome.
        self._sending = False
        self._calling = QTimer(self)
        self._calling.setSingleShot(True)
        self._calling.setInterval(self.CALLING_SAID_AFTER_MS)
        self._calling.timeout.connect(self._still_calling)

    # -- what the window places -------------------------------------------------------------

    @property
    def side(self) -> QWidget | None:
        """The panel beside the task: the PIN pad while signing in, then the actions."""
        return self.helper.side

    @property
    def portrait(self) -> bool:
        return bool(getattr(self.parent(), "portrait", False))

    @property
    def entry_shown(self) -> bool:
        """The staff control: to sign in, or (portrait, during a takeover, the resident's
        screen shown) to bring the helper's actions back."""
        helper = self.helper
        return not helper.pad_open and (helper.takeover is None or helper.actions_hidden)

    @property
    def following(self) -> bool:
        """A call is open and its status shown."""
        return self.strip.watch is not None

    def restyle(self, look: Look, lang: Lang) -> None:
        """The resident-facing parts in the window's look and language."""
        self.lang = lang
        theme = look.theme
        self.strip.set_look(look, lang)
        back = self.helper.back_to_actions
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
        # The face set as every other control's: a style sheet's font-weight alone let
        # fontconfig pick another family's bold for Latin words ("Staff sign-in").
        self.entry.setFont(look.font(look.body_px, bold=True))
        self.entry.setStyleSheet(
            f"QPushButton {{ color: {theme.text}; background: {theme.muted_bg};"
            f" border: {look.border_px}px dashed {theme.border}; border-radius: 8px;"
            f" min-width: {side}px; min-height: {side}px; padding: 0 {look.mm(2)}px; }}"
            f" QPushButton:focus {{ border: {look.border_px * 2}px solid {theme.focus}; }}"
        )
        self.helper.restyle(look, lang)
        self.entry.setVisible(self.entry_shown)

    # -- the resident's call ------------------------------------------------------------------

    def call(self) -> None:
        """Call staff; a call already open is not raised twice, its status is said again."""
        if self.following and self.strip.words:
            self.speak.emit(self.strip.words)
            return
        if self._sending:  # pressed again while the first is on its way: not raised twice
            self.speak.emit(t("help.calling_wait", self.lang))
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

        self._sending = True
        self._calling.start()
        self.bridge.run(attempt, on_done=lambda r: self._delivered(r, reference), on_error=failed)

    def _in_visit(self) -> bool:
        engine = self.session.engine
        return engine is not None and not engine.ended

    def _still_calling(self) -> None:
        """The store has not taken the call yet: the press is answered, shown and said."""
        if self._sending:
            self.strip.show_calling(t("help.calling_wait", self.lang))
            self.changed.emit()

    def api_ready(self) -> None:
        """The store is open: a call pressed meanwhile is made now."""
        if self._call_waiting:
            self._call_waiting = False
            self.call()

    def _delivered(self, result: Delivery, reference: str) -> None:
        self._sending = False
        self._calling.stop()
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

    @property
    def holds_visit(self) -> bool:
        """A person is expected: the call is open and nobody has said no one is free. The
        visit waits for them (no time limit) and home keeps the resident's choices."""
        status = self.strip.status
        return self.following and (status is None or status.phase in ("told", "coming"))

    @property
    def call_words(self) -> str:
        """Where the open call stands, in words ("" with none): for "where am I"."""
        return self.strip.words if self.following else ""

    def _counter_offered(self, _status: HelpStatus) -> None:
        """Nobody free in time: the ticket button is there, in a visit or at home."""

    def _take_ticket(self) -> None:
        """A counter ticket: with the visit's summary, or from home with none."""
        engine = self.session.engine
        if engine is not None and engine.ended:
            return
        self.strip.ticket_button.setEnabled(False)
        self.session.tickets.take(
            on_ready=self._ticket_ready,
            lang=self.lang,
            on_paper=self._ticket_paper,
            on_again=self._ticket_again,
        )

    def _ticket_again(self, words: str) -> None:
        """The visit's ticket handed back (one a visit): shown here; the window says it."""
        self.strip.show_note(words, spoken=False)

    def _ticket_ready(self, answer: Answer) -> None:
        if not answer.ok:
            self.strip.ticket_button.setEnabled(True)
            return
        words = t(
            "help.ticket_taken",
            self.lang,
            number=code(answer.values.get("number", "")),
            counter=answer.values.get("counter", ""),
        )
        self._ticket_number = answer.values.get("number", "")
        self.strip.show_note(words)

    def _ticket_paper(self, paper: str) -> None:
        """The ticket did not come out of the printer: said as the ticket step says it, with
        the number to keep."""
        words = ticket_unprinted(paper, self._ticket_number, self.lang)
        if words:
            self.strip.add_note(words)

    def _call_cancelled(self) -> None:
        self.request_id = None
        self.speak.emit(t("help.cancelled", self.lang))
        self.changed.emit()

    def forget_call(self) -> None:
        """The call is over with the visit or the takeover, or home went back to rest after
        a ticket taken there: no longer followed, and the next call may take its own ticket."""
        self.request_id = None
        self.strip.stop()
        self.strip.ticket_button.setEnabled(True)

    # -- the window's events, for both parts ----------------------------------------------------

    def activity(self) -> None:
        """A touch or a key at the kiosk (while a helper is signed in, it is theirs)."""
        self.helper.activity()

    def tick(self) -> None:
        """Once a second: a sign-in left idle (the helper walked away), or whose account was
        disabled or its PIN changed since, ends by itself."""
        self.helper.tick()

    def visit_started(self, engine: FlowEngine) -> None:
        """A new visit: no call of its own yet. A helper signed in at home who started a
        service assists that visit too."""
        self.help_status = ""
        self.helper.visit_started(engine)

    def visit_ended(self, outcome: str) -> None:
        """The visit is over. A takeover ends with it. A call still open stays open and
        followed at home when the resident went home or finished (they are still here, and a
        person may be on the way); a visit timed out (the resident left) cancels it, said."""
        self.help_status = ""
        if self.helper.visit_ended(outcome):
            return
        if self.following:
            if outcome == Outcome.TIMED_OUT.value:
                self.strip.cancel()  # the store closes it; the strip says it was cancelled
        elif self.strip.isVisible():
            self.forget_call()  # a note (a ticket taken, an undelivered call): the visit's

    def shutdown(self) -> None:
        self.strip.shutdown()
        self.helper.shutdown()
