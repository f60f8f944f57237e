"""Visits and time in the kiosk window: a visit started, the way home, what follows a visit's
end, and the window's clock.

Once a second the clock moves the flow engine's time limits and the warning's countdown; at an
idle home it resets the resident's choices and takes a newly published catalogue; a staff
sign-in left idle ends. A touch or a key is activity: speech stops (barge-in) and the visit's
time limit starts again. A finished visit's last screen goes home by itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from kiosk.catalog.pending import PendingCatalogue
from kiosk.catalog.schema import StepKind
from kiosk.flow.state import Outcome, Phase
from ui.kiosk.prefs import Prefs
from ui.widgets.banner import TimeoutBanner

if TYPE_CHECKING:
    from ui.kiosk.window import KioskWindow

# Home is rebuilt with a newly published catalogue only once nobody has touched it for this
# long: someone finding their way along the tiles (by keys, by ear) keeps their place.
HOME_QUIET_S = 5.0

# Outcomes after which the next person may be someone else: their choices are reset.
RESET_AFTER = {
    Outcome.COMPLETED,
    Outcome.COMPLETED_WITH_HELP,
    Outcome.TIMED_OUT,
    Outcome.ENDED_BY_STAFF,
}


class Visits:
    def __init__(self, window: KioskWindow, clock: Callable[[], float]) -> None:
        self.window, self.clock = window, clock
        # Versions published to the hall wait here (offered from the watcher's thread) until
        # no visit runs: home at the next tick, or the end of the visit under way.
        self.catalogues = PendingCatalogue()
        self.last_input = clock()
        self.ticker = QTimer(window)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.tick)
        self.ticker.start()
        self.done_timer = QTimer(window)
        self.done_timer.setSingleShot(True)
        self.done_timer.timeout.connect(self.go_home)
        window.visit.ended.connect(self._ended)

    def start(self, service_id: str) -> None:
        w = self.window
        p = w.prefs
        w.visit.start(service_id, p.lang, elder=p.elder, audio=p.audio_mode)
        if w.visit.engine is not None and w.desk is not None:
            w.desk.visit_started(w.visit.engine)

    def go_home(self) -> None:
        w = self.window
        engine = w.visit.engine
        if engine is None:
            w.redraw()
            return
        outcome = engine.state.outcome.value if engine.ended and engine.state.outcome else ""
        w.visit.finish(outcome or Outcome.CANCELLED.value)

    def _ended(self, outcome: str) -> None:
        w = self.window
        if w.closing:
            return
        w.voice.stop()
        if w.desk is not None:
            w.desk.visit_ended(outcome)
        if outcome and Outcome(outcome) in RESET_AFTER:
            w.controls.reset()
        self.take_catalogue()
        w.redraw()

    def take_catalogue(self) -> bool:
        """Between visits only: a catalogue the watcher offered becomes the one served."""
        w = self.window
        if w.api is None or w.visit.engine is not None:
            return False
        new = self.catalogues.idle()
        if new is None:
            return False
        w.catalogue = new  # home draws it
        w.api.use_catalogue(new)  # new visits start on it; an ended one kept its own
        return True

    def shown(self) -> None:
        """A screen was drawn: the last step of a finished visit goes home after a while."""
        w = self.window
        engine = w.visit.engine
        if engine is not None and engine.step.kind is StepKind.DONE:
            self.done_timer.start(round(w.settings.timing.warning_s * 1000))
        else:
            self.done_timer.stop()

    def tick(self) -> None:
        """Once a second: the engine's clock; the warning's countdown; an idle home resets;
        an idle staff sign-in ends."""
        w = self.window
        if w.ready and w.desk is not None:
            w.desk.tick()
        engine = w.visit.engine
        calling = w.desk is not None and w.desk.following  # a call for staff is open
        if engine is None:
            idle = self.clock() - self.last_input
            if idle >= HOME_QUIET_S and self.take_catalogue():
                w.redraw()  # home shows the services as published
                return
            stale = w.prefs != Prefs.defaults(w.settings)
            # Not while a call is open: the resident waits for a person in their language.
            if stale and idle >= w.settings.timing.step_timeout_s and not calling:
                w.controls.reset()
                w.redraw()
            return
        if w.desk is not None and w.desk.holds_visit and engine.state.phase is Phase.ACTIVE:
            w.visit.touch()  # a person is on the way: the visit waits for them, untimed
        w.visit.tick()
        if isinstance(w.banner, TimeoutBanner) and w.visit.engine is not None:
            w.banner.update_seconds(round(w.visit.engine.seconds_left()))

    def activity(self) -> None:
        w = self.window
        self.last_input = self.clock()
        if w.desk is not None:
            w.desk.activity()
        target = w.keys.target
        on_controls = (
            w.speech is not None
            and isinstance(target, QWidget)
            and (target is w.speech or w.speech.isAncestorOf(target))
        )
        if not on_controls:  # the speech controls act on the speech; anything else stops it
            w.voice.stop()  # barge-in: speech stops when the resident acts
        engine = w.visit.engine
        if engine is not None and engine.state.phase is Phase.WARNING:
            return  # the warning is ended by its button, so a stray touch does not use one up
        w.visit.touch()

    def stop(self) -> None:
        self.ticker.stop()
        self.done_timer.stop()
